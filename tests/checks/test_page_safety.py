"""validate: what would silently publish model answers, run a script or drop a page is a finding
(issue 14, cases 1 (a notebook's own HTML), 5 (role tags) and 14 (toc and links))."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coursekit.checks.notebooks import role_lookalike
from coursekit.checks.validate import validate


def add_cell(root: Path, cell_type: str, source: str, *, tags: list[str] | None = None,
             metadata: dict | None = None) -> int:
    """Append a cell to the mini course's unit; returns its 1-based number."""
    path = root / "book" / "unit.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = {"cell_type": cell_type, "id": f"added{len(nb['cells'])}", "metadata": dict(metadata or {}), "source": source}
    if tags:
        cell["metadata"]["tags"] = tags
    if cell_type == "code":
        cell |= {"execution_count": None, "outputs": []}
    nb["cells"].append(cell)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return len(nb["cells"])


def findings(root: Path, code: str) -> list:
    return [f for f in validate(root).findings if f.code == code]


def test_the_mini_course_is_clean(mini_course: Path):
    assert validate(mini_course).ok


@pytest.mark.parametrize("tag", ["Trainer", "solutions", "TRAINER", "trainers", "Solution", "trainr", "soluton",
                                 "trainer-only", "model-answer", "answers"])
def test_a_tag_that_looks_like_a_role_is_an_error(mini_course: Path, tag: str):
    n = add_cell(mini_course, "markdown", "**Model answer:** the provider keeps logs for 90 days.", tags=[tag])
    found = findings(mini_course, "NB-ROLE-TAG")
    assert len(found) == 1 and found[0].severity == "error", found
    assert f"cell {n}" in found[0].message and f"'{tag}'" in found[0].message


@pytest.mark.parametrize("tag", ["trainer", "solution", "exercise", "remove-input", "hide-cell", "objectives"])
def test_real_roles_and_other_tags_are_not_lookalikes(tag: str):
    assert role_lookalike(tag) is None


@pytest.mark.parametrize(("cell_type", "source", "metadata"), [
    ("markdown", "Read this.\n\n<script>document.body.dataset.pwned=1</script>", {}),
    ("markdown", '<img src="x" onerror="document.body.dataset.pwned=2">', {}),
    ("markdown", "```{raw} html\n<b>raw</b>\n```", {}),
    ("markdown", "<div>a block of HTML</div>", {}),
    ("raw", "<p>raw HTML</p>", {"format": "text/html"}),
    ("raw", "<p>raw HTML</p>", {"raw_mimetype": "text/html"}),
])
def test_raw_html_scripts_and_raw_html_cells_are_reported(mini_course: Path, cell_type: str, source: str,
                                                          metadata: dict):
    n = add_cell(mini_course, cell_type, source, metadata=metadata)
    found = findings(mini_course, "NB-RAW-HTML")
    assert len(found) == 1 and f"cell {n}" in found[0].message, found


def test_what_the_book_itself_needs_is_allowed(mini_course: Path):
    add_cell(mini_course, "markdown", "One<br>two, see <https://www.coe.int/>, `<script>` in code and\n\n"
             "```html\n<script>shown as code</script>\n```\n\n<!-- a note for authors -->\n{doc}`the unit <unit>`")
    assert not findings(mini_course, "NB-RAW-HTML")


def test_a_markdown_page_with_a_script_is_reported_with_its_line(mini_course: Path):
    page = mini_course / "book" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nText.\n\n<script>alert(1)</script>\n", encoding="utf-8")
    found = findings(mini_course, "PAGE-RAW-HTML")
    assert [(f.path, f.line) for f in found] == [("book/index.md", page.read_text().count("\n"))]


def test_a_toc_entry_outside_book_is_a_finding(mini_course: Path):
    (mini_course / "notes").mkdir()
    (mini_course / "notes" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    toc = mini_course / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8") + "      - file: notes/extra\n", encoding="utf-8")
    found = findings(mini_course, "TOC-OUTSIDE-BOOK")
    assert len(found) == 1 and found[0].line == toc.read_text().count("\n") and "notes/extra" in found[0].message


@pytest.mark.parametrize("link", ["[the answers](trainer/answers.md)", "{doc}`answers <trainer/answers>`",
                                  "{doc}`/trainer/answers`", "[key](./trainer/answers.md#q1)"])
def test_a_participant_page_linking_a_trainer_page_is_a_finding(mini_course: Path, link: str):
    (mini_course / "book" / "trainer").mkdir()
    (mini_course / "book" / "trainer" / "answers.md").write_text("# Answers\n", encoding="utf-8")
    toc = mini_course / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8") + "      - file: book/trainer/answers\n", encoding="utf-8")
    page = mini_course / "book" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nSee {link}.\n", encoding="utf-8")
    found = findings(mini_course, "TOC-TRAINER-LINK")
    assert [(f.path, f.line) for f in found] == [("book/index.md", page.read_text().count("\n"))], found
    add_cell(mini_course, "markdown", f"Trainers: {link}", tags=["trainer"])  # a trainer cell may link it
    assert len(findings(mini_course, "TOC-TRAINER-LINK")) == 1
