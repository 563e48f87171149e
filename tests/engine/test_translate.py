"""translate extract | update | status on the small languages course (no build: Sphinx's gettext only)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from babel.messages.pofile import read_po
from conftest import FIXTURES, copy_course, course_main
from coursekit.engine.sphinx_ext.course_languages import page_links, thai_terms


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_course(FIXTURES / "languages-course", tmp_path / "course")


def po(root: Path, code: str, domain: str):
    with (root / "locales" / code / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh)


def test_extract_writes_one_template_per_page_and_the_library_words(course: Path):
    res = course_main("translate", "extract", root=course)
    assert res.returncode == 0, res.stdout + res.stderr
    pots = course / "_build" / "gettext"
    unit = (pots / "unit.pot").read_text(encoding="utf-8")
    assert 'msgid "Some narrative."' in unit
    assert "utc_offsets" not in unit  # code is never text to translate
    library = (pots / "coursekit.pot").read_text(encoding="utf-8")
    assert 'msgid "Hours ahead of UTC"' in library and 'msgid "Read the English page."' in library


def test_update_keeps_translations_and_marks_changed_english_fuzzy(course: Path):
    nb_path = course / "book" / "unit.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace("Some narrative.", "Some new narrative.")
    nbformat.write(nb, nb_path)
    res = course_main("translate", "update", root=course)
    assert res.returncode == 0, res.stdout + res.stderr
    cat = po(course, "id", "unit")
    changed = cat.get("Some new narrative.")
    assert changed.fuzzy and changed.string == "Sebuah narasi."  # kept for the translator, never shown
    text = (course / "locales" / "id" / "LC_MESSAGES" / "unit.po").read_text(encoding="utf-8")
    assert '#| msgid "Some narrative."\nmsgid "Some new narrative."' in text  # Poedit shows what changed
    assert "provenance: machine-assisted" in changed.user_comments
    kept = cat.get("Cooperation across borders needs electronic evidence.")
    assert kept.string.startswith("Kerja sama") and not kept.fuzzy
    assert cat.get("Mini course") is None and po(course, "id", "index").get("Mini course") is not None  # new page
    again = course_main("translate", "update", root=course)
    assert "0 updated" in again.stdout  # nothing new: the files are left as they are


def test_status_per_language_and_unit_and_ci_targets(course: Path):
    res = course_main("translate", "status", root=course)
    assert res.returncode == 0, res.stdout + res.stderr
    rows = [line.split() for line in res.stdout.splitlines() if line.rstrip().endswith(("book/unit", "book/index"))]
    assert ["id", "100.0%", "0.0%", "0.0%", "8", "book/unit"] in rows  # 8 machine-assisted, 1 reviewed
    assert ["th", "0.0%", "0.0%", "100.0%", "0", "book/index"] in rows
    # each language's target, on the pages it counts (a pilot's own): Thai's landing page is not its pilot's
    assert "id: its pages: 75.0% translated (target 95%: not met)." in res.stdout
    assert "th: its pilot (1 page): 100.0% translated (target 100%: met)." in res.stdout
    ci = course_main("translate", "status", "--ci", root=course)
    # Indonesian misses its 95% (the landing page is untranslated); Thai's pilot (book/unit) is complete
    assert ci.returncode == 1
    assert "id: 75.0% of its pages' strings translated, below its target of 95%" in ci.stdout
    failed = ci.stdout.strip().splitlines()[-1]  # the one line that says why --ci failed
    assert "id: 75.0%" in failed and "th:" not in failed


def test_bad_languages_file_is_a_clear_message(course: Path):
    (course / "languages.yml").write_text("languages:\n  - code: Indonesian\n", encoding="utf-8")
    res = course_main("translate", "status", root=course)
    out = res.stdout + res.stderr
    assert res.returncode != 0 and "Traceback" not in out
    assert "languages.yml" in out and "LANG-CODE" in out and "code: id" in out


def test_thai_is_indexed_as_letter_pairs_and_latin_as_words():
    assert thai_terms("พยาน and CSAM") == ["พย", "ยา", "าน", "and", "CSAM"]
    assert thai_terms("ก") == ["ก"]


def test_page_links_lead_to_the_same_page():
    langs = [["en", "English"], ["id", "Bahasa Indonesia"]]
    assert [x["href"] for x in page_links("standards/lanzarote", "id", langs)] == [
        "../../standards/lanzarote.html", "../../id/standards/lanzarote.html"]
    assert [x["href"] for x in page_links("index", "en", langs)] == ["index.html", "id/index.html"]


def test_review_names_pages_whose_translation_is_older_than_their_english(course: Path):
    assert "translation older" not in course_main("review", "--today", "2026-11-02", root=course).stdout
    nb_path = course / "book" / "unit.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[2].source = nb.cells[2].source.replace("as offline", "as it does offline")
    nbformat.write(nb, nb_path)
    res = course_main("review", "--today", "2026-11-02", root=course)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "book/unit [id]: translation older than the English page: 1 paragraph(s)" in res.stdout
    assert "book/unit [th]: translation older" in res.stdout


def test_a_course_in_english_only_is_not_extracted(mini_course: Path, monkeypatch: pytest.MonkeyPatch):
    from coursekit.engine import translate

    def no_extract(root: Path) -> Path:
        raise AssertionError("extracted the English of a course that has no other language")

    monkeypatch.setattr(translate, "extract", no_extract)
    assert translate.status(mini_course) == []
    assert translate.stale_pages(mini_course) == []
