"""The participant edition in other languages: one small course (tests/fixtures/languages-course,
one unit, Indonesian and Thai catalogues), built once, then changed and built again.

The second build changes one English paragraph and one word of the Indonesian library catalogue:
the Indonesian page must show the new English with the stale notice and none of the old Indonesian,
``translate status`` must count one fuzzy string, and only the Indonesian unit may run again.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES, copy_course, run_course
from coursekit.engine.build import build

SITE = Path("_build/participant/html")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_course(FIXTURES / "languages-course", tmp_path_factory.mktemp("languages") / "course")
    result = build(root, ["participant"], workers=2)
    assert result.ok, [e.problems for e in result.editions]
    return root


def page(root: Path, rel: str) -> str:
    return (root / SITE / rel).read_text(encoding="utf-8")


def test_each_language_is_a_site_of_its_own_with_its_lang(course: Path):
    assert '<html lang="en"' in page(course, "unit.html")
    assert '<html lang="id"' in page(course, "id/unit.html")
    assert '<html lang="th"' in page(course, "th/unit.html")
    assert (course / SITE / "id" / "searchindex.js").is_file()
    assert not (course / "_build" / "trainer" / "html" / "id").exists()  # the trainer edition stays English


@pytest.mark.parametrize("rel, links", [
    ("unit.html", {"en": "unit.html", "id": "id/unit.html", "th": "th/unit.html"}),
    ("id/unit.html", {"en": "../unit.html", "id": "../id/unit.html", "th": "../th/unit.html"}),
    ("th/index.html", {"en": "../index.html", "id": "../id/index.html", "th": "../th/index.html"}),
])
def test_language_menu_leads_to_the_same_page_in_every_language(course: Path, rel: str, links: dict[str, str]):
    html = page(course, rel)
    menu = re.search(r'<nav class="course-languages".*?</nav>', html, re.S)
    assert menu, "no language menu"
    for code, href in links.items():
        assert f'href="{href}" hreflang="{code}"' in menu.group(0)
        assert (course / SITE / Path(rel).parent / href).resolve().is_file()
    assert "<script" not in menu.group(0)


@pytest.mark.parametrize("rel", ["unit.html", "id/unit.html", "th/index.html", "id/search.html"])
def test_head_names_the_same_page_in_every_language_and_english_as_default(course: Path, rel: str):
    html = page(course, rel)
    head = html[:html.index("</head>")]
    found = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" />', head))
    assert set(found) == {"en", "id", "th", "x-default"}, found
    assert found["x-default"] == found["en"]
    for href in found.values():
        target = (course / SITE / Path(rel).parent / href).resolve()
        assert target.is_file() and target.name == Path(rel).name, href
    assert (course / SITE / Path(rel).parent / found["en"]).resolve() == (course / SITE / Path(rel).name).resolve()


def test_machine_assisted_page_has_a_banner_in_its_language_and_marks_the_text(course: Path):
    html = page(course, "id/unit.html")
    banner = re.search(r'<div class="course-mt-banner.*?</div>', html, re.S).group(0)
    assert "diterjemahkan dengan bantuan mesin" in banner
    assert 'href="../unit.html"' in banner
    # RFC 6497 transformed content: Indonesian, from English, by machine translation (t0)
    assert '<div class="course-mt" lang="id-t-en-t0-und"><p>Sebuah narasi.</p>' in html
    assert "Selisih waktu negara peserta dari UTC" in html  # the chart's title, drawn in Indonesian


def test_chart_is_drawn_in_the_page_language(course: Path):
    svg = next((course / SITE / "id").rglob("utc-offsets.svg")).read_text(encoding="utf-8")
    assert "Selisih waktu negara peserta dari UTC" in svg and "Jam di depan UTC" in svg
    english = next((course / SITE / "_downloads").rglob("utc-offsets.svg")).read_text(encoding="utf-8")
    assert "Hours ahead of UTC" in english and "Jam di depan" not in english


def test_english_left_on_a_translated_page_says_it_is_english(course: Path):
    html = page(course, "id/index.html")  # index.md has no Indonesian catalogue
    assert re.search(r'<div class="course-untranslated-block[^"]*" lang="en"><p[^>]*>A fixture book for tests.', html)
    assert "course-mt-banner" not in html  # nothing machine-assisted on it: no banner


def test_thai_search_finds_a_thai_word(course: Path):
    raw = page(course, "th/searchindex.js")
    index = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    # "พยานหลักฐาน" (evidence) is in the Thai unit: its letter pairs are indexed, on the unit's page
    # (a pair that is also in a heading, such as "หล" of "ประเด็นหลัก", is listed with the title words)
    unit = index["docnames"].index("unit")
    for pair in ("พย", "ยา", "าน", "หล", "ฐา"):
        found = index["terms"].get(pair, index["titleterms"].get(pair))
        assert found is not None, pair
        assert unit in (found if isinstance(found, list) else [found])
    lang_js = (course / SITE / "th" / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "function splitQuery" in lang_js


def test_thai_handout_has_every_character_in_an_embedded_font(course: Path, tmp_path: Path):
    import pypdf
    from babel.messages.pofile import read_po
    from coursekit.kit import handouts, language_handbooks
    from coursekit.model import languages as langs
    from pdfcheck import embedded_font_coverage, text

    thai = next(x for x in langs.load(course) if x.code == "th")
    handout = language_handbooks.handbook(course, course / SITE, thai, ["book/unit"], "Mini course")
    assert handout.title == "คู่มือผู้เข้าอบรม (ไทย)"  # its title, running header and footer in Thai
    out = tmp_path / "th-handbook.pdf"
    with handouts.Printer() as printer:
        printer.print(handout, out, tmp_path / "print")
    reader = pypdf.PdfReader(out)
    with (course / "locales" / "th" / "LC_MESSAGES" / "unit.po").open("rb") as fh:
        wanted = {ch for m in read_po(fh) if m.id and m.string for ch in m.string if "\u0e00" <= ch <= "\u0e7f"}
    covered = embedded_font_coverage(reader)
    # a shaper may draw a letter as the glyphs of its decomposition (Thai SARA AM: NIKHAHIT + SARA AA)
    missing = {ch for ch in wanted if ch not in covered
               and not set(unicodedata.normalize("NFKD", ch)) <= covered}
    assert not missing, f"characters with no embedded glyph: {sorted(missing)}"
    # the Thai heading is real text a reader can copy, not pictures (compared as copy-paste gives it: NFKC)
    assert unicodedata.normalize("NFKC", "ประเด็นสำคัญ") in text(reader).replace(" ", "")
    header = text(reader).replace(" ", "")  # the running header and footer, on every page
    assert "Participanthandbook" not in header
    assert header.count(unicodedata.normalize("NFKC", "คู่มือผู้เข้าอบรม(ไทย)")) >= 2 * len(reader.pages)


# ---- a change to the English, and to a translation -----------------------------------------------

@pytest.fixture(scope="module")
def changed(course: Path) -> tuple[Path, object]:
    nb_path = course / "book" / "unit.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace("Some narrative.", "Some new narrative.")
    nbformat.write(nb, nb_path)
    po = course / "locales" / "id" / "LC_MESSAGES" / "coursekit.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Jam di depan UTC", "Jam lebih awal dari UTC"),
                  encoding="utf-8")
    result = build(course, ["participant"], workers=2)
    assert result.ok, [e.problems for e in result.editions]
    return course, result


def test_changed_english_shows_the_new_english_with_a_notice_and_no_old_translation(changed):
    course, _result = changed
    html = page(course, "id/unit.html")
    assert "Some new narrative." in html
    assert "Sebuah narasi" not in html  # the old translation of the old English is gone
    notice = re.search(r'<p class="course-stale-notice">(.*?)</p>\s*<div class="course-stale-block[^"]*" lang="en">'
                       r'<p class="course-stale">Some new narrative.</p>', html)
    assert notice and "berubah setelah diterjemahkan" in notice.group(1)
    assert "Kerja sama lintas batas" in html  # the unchanged paragraph keeps its translation


def test_status_counts_the_changed_paragraph_as_one_fuzzy_string(changed):
    course, _result = changed
    res = run_course("translate", "status", "--language", "id", root=course)
    assert res.returncode == 0, res.stdout + res.stderr
    line = next(x for x in res.stdout.splitlines() if x.rstrip().endswith("book/unit"))
    assert "1 fuzzy (stale)" in res.stdout
    assert re.search(r"88\.9%\s+11\.1%\s+0\.0%", line), line  # 8 of 9 translated, 1 stale
    ci = run_course("translate", "status", "--ci", "--language", "id", root=course)
    assert ci.returncode == 1 and "1 stale" in ci.stdout


def test_a_translation_change_reruns_only_that_languages_units(changed):
    _course, result = changed
    ran = {(r.edition, r.unit): r.cache for r in result.executed}
    assert ran[("participant/id", "book/unit.ipynb")] == "miss"  # its coursekit.po changed
    assert ran[("participant", "book/unit.ipynb")] == "hit"  # a Markdown change re-renders, never re-runs
    assert ran[("participant/th", "book/unit.ipynb")] == "hit"
    svg = next((_course / SITE / "id").rglob("utc-offsets.svg")).read_text(encoding="utf-8")
    assert "Jam lebih awal dari UTC" in svg


# ---- a change to data text a page shows (practice questions, through data.po) ----------------------------

OLD_EXPLANATION = "Providers abroad often hold the data, so investigators plan cooperation from the first day."
NEW_EXPLANATION = "Providers abroad often hold the data, so investigators plan cooperation from the first hour."


@pytest.fixture(scope="module")
def data_changed(changed) -> Path:
    course, _result = changed
    html = page(course, "id/unit.html")  # before: the practice question is shown from data.po
    assert "Penyedia di luar negeri sering memegang data" in html and "Oleh penyedia layanan di negara lain" in html
    practice = course / "data" / "practice" / "units.yaml"
    practice.write_text(practice.read_text(encoding="utf-8").replace(OLD_EXPLANATION, NEW_EXPLANATION),
                        encoding="utf-8")
    result = build(course, ["participant"], workers=2)
    assert result.ok, [e.problems for e in result.editions]
    return course


def test_changed_data_text_shows_the_new_english_with_the_notice_and_none_of_the_old_translation(data_changed):
    html = page(data_changed, "id/unit.html")
    assert "Penyedia di luar negeri sering memegang data" not in html  # the old translation of the old English
    shown = re.search(r'<span class="course-stale" lang="en">([^<]*)</span> <em class="course-stale-notice">([^<]*)</em>',
                      html)
    assert shown and shown.group(1) == NEW_EXPLANATION, shown
    assert "berubah setelah diterjemahkan" in shown.group(2)  # the notice, in Indonesian
    assert "Di mana bukti elektronik utama suatu perkara daring sering disimpan?" in html  # unchanged: translated
    assert "course-stale-notice" not in page(data_changed, "unit.html")  # English is never stale


def test_status_counts_the_changed_data_text_as_fuzzy(data_changed):
    from coursekit.engine.translate import status

    res = run_course("translate", "status", "--language", "id", root=data_changed)
    assert res.returncode == 0, res.stdout + res.stderr
    assert any(x.rstrip().endswith(" data") for x in res.stdout.splitlines())
    row = next(r for r in status(data_changed, extract_first=False) if r.language == "id" and r.unit == "data")
    assert (row.translated, row.fuzzy, row.stale_texts) == (3, 1, [NEW_EXPLANATION])
