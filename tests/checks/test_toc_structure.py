"""validate reads _toc.yml as Jupyter Book does, checks country codes against ISO 3166-1, and finds
unlisted pages in subfolders too: each planted problem exits 1 naming the file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import course_main


def _lines(res) -> list[str]:
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    return res.stdout.splitlines()


def test_a_part_with_a_file_and_no_chapters_names_the_line_and_what_to_write(mini_course: Path):
    toc = mini_course / "_toc.yml"
    shutil.copy2(mini_course / "book" / "unit.ipynb", mini_course / "book" / "extra.ipynb")
    toc.write_text(toc.read_text() + "  - caption: Extra\n    file: book/extra\n")
    assert toc.read_text().splitlines()[6] == "  - caption: Extra"
    lines = _lines(course_main("validate", root=mini_course))
    found = [ln for ln in lines if "TOC-STRUCTURE" in ln]
    assert found and found[0].startswith("_toc.yml:7: "), lines
    assert "write 'chapters:' under its caption" in found[0] and "'- file: book/extra'" in found[0]
    assert not [ln for ln in lines if "TOC-UNLISTED" in ln]  # the page is listed, only wrongly


def test_an_unknown_key_in_a_chapter_is_named_with_its_line(mini_course: Path):
    toc = mini_course / "_toc.yml"
    toc.write_text(toc.read_text().replace("      - file: book/unit", "      - file: book/unit\n        titel: Unit"))
    lines = _lines(course_main("validate", root=mini_course))
    found = [ln for ln in lines if "TOC-STRUCTURE" in ln]
    assert found and found[0].startswith("_toc.yml:6: ") and "titel" in found[0], lines


def test_a_code_that_is_not_iso_3166_and_a_second_row_for_one_country(mini_course: Path):
    csv = mini_course / "data" / "countries.csv"
    csv.write_text(csv.read_text() + "QQ,Philippines,Asia/Manila,South-East Asia,src-one\n")
    lines = _lines(course_main("validate", root=mini_course))
    assert any(ln.startswith("data/countries.csv:5: COUNTRY-CODE 'QQ' is not an ISO 3166-1") and "is PH" in ln
               for ln in lines), lines
    assert any(ln.startswith("data/countries.csv:5: COUNTRY-NAME-DUPLICATE") and "line 2 (PH)" in ln
               for ln in lines), lines


def test_a_page_in_a_subfolder_that_the_toc_does_not_list(mini_course: Path):
    folder = mini_course / "book" / "extra"
    folder.mkdir()
    shutil.copy2(mini_course / "book" / "unit.ipynb", folder / "orphan.ipynb")
    lines = _lines(course_main("validate", root=mini_course))
    assert any(ln.startswith("book/extra/orphan.ipynb") and "TOC-UNLISTED" in ln for ln in lines), lines
