"""validate's fast early warning for raw HTML (checks/notebooks.py) closes the seven bypasses of
issue 21; each one passed `validate` on main. The render-time guards are tested in
tests/engine/test_sphinx_guard.py, tests/engine/test_sitecheck.py and tests/browser/test_raw_html_tricks.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, course_main
from coursekit.checks.notebooks import html_problem
from test_page_safety import add_cell, findings

PWN = "document.body.dataset.pwned=1"


@pytest.mark.parametrize("source", [
    f'<img src="x" title="a > b" onerror="{PWN}">',          # a '>' inside a quoted value
    f'<img src="x" title="a < b" onerror="{PWN}">',
    f'The path `C:\\` then <img src=x onerror="{PWN}">',      # a backslash at the end of a code span
    f'Fences ~~~ in a line <img src=x onerror="{PWN}">',       # '~~~' that is not a fence
    f'Fences ~~~ in a line <img src=x onerror="{PWN}">\nand ~~~ in the next',
    f'The path `C:\\` then <img src=x onerror="{PWN}"> and `code`.',  # the backslash does not escape the backtick
    f"```{{RAW}} html\n<script>{PWN}</script>\n```",           # a directive name in capitals
    f"```{{eval-rst}}\n.. RAW:: html\n\n   <script>{PWN}</script>\n```",
])
def test_each_bypass_of_main_is_reported(mini_course: Path, source: str):
    n = add_cell(mini_course, "markdown", source)
    found = findings(mini_course, "NB-RAW-HTML")
    assert len(found) == 1 and f"cell {n}" in found[0].message, found


def test_an_included_text_file_is_read_as_markdown(mini_course: Path):
    (mini_course / "book" / "snippet.txt").write_text(f'<img src=x onerror="{PWN}">\n', encoding="utf-8")
    add_cell(mini_course, "markdown", "```{include} snippet.txt\n```")
    found = findings(mini_course, "PAGE-RAW-HTML")
    assert len(found) == 1 and "snippet.txt" in found[0].message and found[0].path == "book/unit.ipynb"


@pytest.fixture
def with_agenda(mini_course: Path) -> Path:
    shutil.copytree(FIXTURES / "malformed" / "data" / "deliveries", mini_course / "data" / "deliveries")
    res = course_main("agenda", "data/deliveries/mini-workshop.yaml", root=mini_course)
    assert res.returncode == 0, res.stdout + res.stderr
    return mini_course


def test_the_agendas_own_pages_pass_but_a_hand_edit_does_not(with_agenda: Path):
    assert not findings(with_agenda, "PAGE-RAW-HTML")  # the trainer agenda's cards are the library's HTML
    page = with_agenda / "book" / "schedules" / "mini-workshop.md"
    page.write_text(page.read_text(encoding="utf-8") + f'\n<img src=x onerror="{PWN}">\n', encoding="utf-8")
    found = findings(with_agenda, "AGENDA-STALE")
    assert [(f.path, f.severity) for f in found] == [("book/schedules/mini-workshop.md", "error")], found
    assert "onerror" in found[0].message


def test_a_page_that_only_starts_like_a_generated_one_is_read(with_agenda: Path):
    fake = with_agenda / "book" / "notice.md"
    mark = (with_agenda / "book" / "schedules" / "mini-workshop.md").read_text(encoding="utf-8").splitlines()[0]
    fake.write_text(f"{mark}\n\n# Notice\n\n<script>{PWN}</script>\n", encoding="utf-8")
    toc = with_agenda / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").rstrip() + "\n      - file: book/notice\n", encoding="utf-8")
    assert [f.path for f in findings(with_agenda, "PAGE-RAW-HTML")] == ["book/notice.md"]


@pytest.mark.parametrize("text", ["```python\n<script>x</script>\n```", "  ~~~\n<script>x</script>\n  ~~~",
                                  "`<script>` in code", "``a ` <script>`` in code", "\\<script> escaped"])
def test_code_stays_text(text: str):
    assert html_problem(text) is None, text
