"""serve's render (kept_render): Sphinx reads again only what changed, and what it publishes is byte for byte
what a clean build of the same sources publishes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import nbformat
from conftest import copy_course
from coursekit.engine.bench import drop_last_row
from coursekit.engine.build import build
from coursekit.engine.kept_render import drop_pruned_terms, lay_over, ready


def site_files(root: Path) -> dict[str, str]:
    site = (root / "_build" / "participant" / "html").resolve()
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def built(root: Path, kept: Path | None = None) -> dict[str, str]:
    result = build(root, ["participant"], kept=kept)
    assert result.ok, [p for e in result.editions for p in e.problems]
    return site_files(root)


def differing(a: dict[str, str], b: dict[str, str]) -> set[str]:
    return {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}


def test_an_edit_renders_only_its_page_and_publishes_what_a_clean_build_does(mini_course: Path, tmp_path: Path):
    kept = tmp_path / "kept"
    (mini_course / "book" / "second.md").write_text("# Second page\n\nA page no edit touches.\n")
    toc = mini_course / "_toc.yml"
    toc.write_text(toc.read_text().replace("      - file: book/unit\n", "      - file: book/unit\n      - file: book/second\n"))
    built(mini_course)
    built(mini_course, kept)  # the site is published and unchanged, yet rendered: serve's first build fills ``kept``
    assert ready(kept / "participant")
    doctrees = kept / "participant" / "out" / "_build" / ".doctrees"
    landing = (doctrees / "index.doctree").stat().st_mtime_ns
    unit = (doctrees / "unit.doctree").stat().st_mtime_ns
    second = (doctrees / "second.doctree").stat().st_mtime_ns

    drop_last_row(mini_course / "data" / "countries.csv")  # read by the unit only
    served = built(mini_course, kept)
    assert (doctrees / "unit.doctree").stat().st_mtime_ns != unit  # read again ...
    assert (doctrees / "index.doctree").stat().st_mtime_ns == landing  # ... but not the pages that did not change
    assert (doctrees / "second.doctree").stat().st_mtime_ns == second
    clean = [built(copy_course(mini_course, tmp_path / f"clean-{n}")) for n in (1, 2)]
    noise = differing(*clean)  # what two clean builds of the same sources do not agree on
    assert "unit.html" not in noise and "searchindex.js" not in noise
    assert differing(served, clean[0]) - noise == set()
    assert not (tmp_path / "clean-1" / "_build" / "preview").exists()  # a clean build keeps nothing for later

    # a new title is shown by every page (navigation, previous/next): Sphinx would write only the unit's
    nb_path = mini_course / "book" / "unit.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace("# A unit", "# A renamed unit")
    nbformat.write(nb, nb_path)
    served = built(mini_course, kept)
    assert b"A renamed unit" in ((mini_course / "_build" / "participant" / "html" / "second.html").read_bytes())
    assert differing(served, built(copy_course(mini_course, tmp_path / "clean-3"))) - noise == set()


def test_only_a_page_s_own_files_are_laid_over_the_kept_copy(tmp_path: Path):
    stage, kept = tmp_path / "stage", tmp_path / "kept"
    for folder in (stage, kept):
        for rel in ("_toc.yml", "index.md", "countries/th.ipynb", "countries/_figures/th.png", "_static/a.css"):
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text("same")
    assert lay_over(stage, kept) == []
    (stage / "countries" / "th.ipynb").write_text("new")
    (stage / "countries" / "_figures" / "th.png").write_text("new")
    assert lay_over(stage, kept) == ["countries/_figures/th.png", "countries/th.ipynb"]
    assert (kept / "countries" / "th.ipynb").read_text() == "new"
    for rel in ("_toc.yml", "_static/a.css"):  # the whole book's: every page may show it
        (stage / rel).write_text("new")
        assert lay_over(stage, kept) is None
        (stage / rel).write_text("same")
    (stage / "countries" / "vn.ipynb").write_text("added")
    assert lay_over(stage, kept) is None


def test_words_no_page_holds_any_more_leave_the_search_index(tmp_path: Path):
    index = tmp_path / "searchindex.js"
    data = {"docnames": ["index"], "terms": {"kept": 0, "gone": [], "both": [0, 1]}, "titleterms": {"old": []}}
    index.write_text("Search.setIndex(" + json.dumps(data, sort_keys=True) + ")")
    drop_pruned_terms(index)
    assert index.read_text() == "Search.setIndex(" + json.dumps(
        {"docnames": ["index"], "terms": {"both": [0, 1], "kept": 0}, "titleterms": {}}, sort_keys=True) + ")"
