"""coursekit.book.i18n: the library's words in the page's language, from catalogues keyed by the English."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from coursekit.book import charts, i18n
from coursekit.book.tables import Table
from coursekit.model import data

PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

# provenance: machine-assisted
msgid "Reports"
msgstr "Laporan"

# provenance: machine-assisted
msgid "Country"
msgstr "Negara"

#, fuzzy
msgid "Number of reports"
msgstr "Jumlah laporan lama"

msgid "Law"
msgstr "Undang-undang"

msgid "Electronic evidence"
msgstr "Bukti elektronik"

msgid "Anti-Child Pornography Act of 2009"
msgstr "Undang-Undang Anti-Pornografi Anak Tahun 2009"

msgid "{original} [translation: {translation}]"
msgstr "{original} [terjemahan: {translation}]"

msgid "Source: {sources}."
msgstr "Sumber: {sources}."
'''


@pytest.fixture
def indonesian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "locales" / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "coursekit.po").write_text(PO, encoding="utf-8")
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    data.reset_reads()
    i18n.use("id")
    yield tmp_path
    i18n.use("en")


def test_words_come_from_the_catalogue_and_fuzzy_entries_are_never_used(indonesian: Path):
    assert i18n._("Reports") == "Laporan"
    assert i18n._("Number of reports") == "Number of reports"  # fuzzy: translates older English
    assert i18n._("Not in the catalogue") == "Not in the catalogue"


def test_the_catalogues_are_recorded_as_read_so_the_cache_reruns_the_language(indonesian: Path):
    read = {p.name for p in data.files_read()}
    assert {"coursekit.po", "data.po"} <= read  # data.po is missing: recorded all the same ("missing")


def test_a_chart_is_drawn_in_the_page_language(indonesian: Path, tmp_path: Path):
    chart = charts.horizontal_bars(pd.Series({"Electronic evidence": 3, "LK": 1}), name="t", title="Reports",
                                   xlabel="Country", caption="Source: Test.")
    chart.save(tmp_path)
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "Laporan" in svg and "Negara" in svg
    assert "Bukti elektronik" in svg and "Electronic evidence" not in svg  # a tick label, remade at each draw
    assert "<dc:title>Laporan</dc:title>" in svg  # the file's own title too (slides read it)
    assert "**Laporan.**" in chart.markdown() and "Sumber: Test." in chart.markdown()


def test_a_table_translates_its_words_and_keeps_a_law_title_with_the_translation_beside(indonesian: Path):
    html = Table(pd.DataFrame([{"Law": "Anti-Child Pornography Act of 2009", "Country": "Electronic evidence"}]),
                 "Reports", "Source: Test.")._repr_html_()
    assert "<th scope=\"col\">Undang-undang</th>" in html and "Bukti elektronik" in html
    assert "Anti-Child Pornography Act of 2009 [terjemahan: Undang-Undang Anti-Pornografi Anak Tahun 2009]" in html


def test_english_reads_no_catalogue_and_changes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    data.reset_reads()
    i18n.use("en")
    assert i18n._("Reports") == "Reports" and data.files_read() == []


def test_thai_is_drawn_with_a_font_that_has_its_letters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import warnings

    folder = tmp_path / "locales" / "th" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "coursekit.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                         'msgid "Reports"\nmsgstr "รายงานสำคัญ"\n', encoding="utf-8")
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    i18n.use("th")
    try:
        assert "Noto Sans Thai" in i18n.installed_fonts(), "fonts-noto-core is not installed"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            charts.horizontal_bars(pd.Series({"PH": 1}), name="th", title="Reports", xlabel="Reports",
                                   caption="Source: Test.").save(tmp_path)
        assert not [w for w in caught if "missing from font" in str(w.message)], [str(w.message) for w in caught]
    finally:
        i18n.use("en")


# ---- data text: read merged against the current English, so a changed text is never mistranslated ----

DATA_PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

# provenance: machine-assisted
msgid "The police seized the phone."
msgstr "Polisi menyita ponsel itu."

# provenance: machine-assisted
msgid "A hotline was opened in 2020 for reports from the public."
msgstr "Saluran pengaduan dibuka pada 2020 untuk laporan dari masyarakat."
'''


@pytest.fixture
def changed_data(indonesian: Path):
    """data.po translates two texts; the English of the second has changed since (2020 -> 2021)."""
    from coursekit.model import data_text

    (indonesian / "locales" / "id" / "LC_MESSAGES" / "data.po").write_text(DATA_PO, encoding="utf-8")
    english = ["The police seized the phone.", "A hotline was opened in 2021 for reports from the public.",
               "A new text nobody translated."]
    data_text.write_merged(indonesian, "id", english)
    data.reset_reads()
    i18n.use("id")  # the catalogues again, with the merged data.po
    return indonesian


def test_merged_data_catalogue_marks_changed_english_stale_and_leaves_new_text_out(changed_data: Path):
    from coursekit.model import languages

    merged = {m.id: m for m in languages.read_catalogue(languages.merged_path(changed_data, "id"), "id") if m.id}
    assert not merged["The police seized the phone."].fuzzy
    stale = merged["A hotline was opened in 2021 for reports from the public."]
    assert stale.fuzzy and stale.string.startswith("Saluran")
    assert "A new text nobody translated." not in merged  # no translation: nothing to merge
    assert "data.po" in {p.name for p in data.files_read()} and any(  # the build's merged file is what is read
        "_build" in p.parts for p in data.files_read())


def test_changed_data_text_shows_the_current_english_with_the_notice_never_the_old_translation(changed_data: Path):
    new = "A hotline was opened in 2021 for reports from the public."
    assert i18n._(new) == new
    html = Table(pd.DataFrame([{"Year": "2021", "Step taken": new}, {"Year": "2019", "Step taken":
                                                                    "The police seized the phone."}]),
                 "Steps taken", "Source: Test.")._repr_html_()
    assert "Saluran pengaduan" not in html
    assert f'<span class="course-stale" lang="en">{new}</span> <em class="course-stale-notice">' in html
    assert "Polisi menyita ponsel itu." in html and html.count("course-stale-notice") == 1
    assert i18n.html("A new text nobody translated.") == "A new text nobody translated."  # untranslated: no notice


def test_practice_questions_are_shown_in_the_page_language(changed_data: Path):
    from coursekit.book.self_checks import Practice
    from coursekit.model.practice import PracticeQuestion

    q = PracticeQuestion(id="p1", question="What did the police do with the phone?",
                         options=["The police seized the phone.", "Nothing."], answer="The police seized the phone.",
                         explanation="A hotline was opened in 2021 for reports from the public.", sources=[])
    html = Practice([q], {})._repr_html_()
    assert html.count("Polisi menyita ponsel itu.") == 2  # the option and the answer
    assert '<span class="course-stale" lang="en">A hotline was opened in 2021' in html


@pytest.mark.parametrize("code, words", [
    ("th", ["ประเทศ", "รหัส", "อนุภูมิภาค", "เขตเวลา", "เวลาต่างจาก UTC", "ประเทศที่เข้าร่วมทั้งสิบประเทศ"]),
    ("id", ["Negara", "Kode", "Subkawasan", "Zona waktu", "Selisih dari UTC", "Sepuluh negara peserta"]),
])
def test_the_shipped_country_table_has_its_headings_and_title_in_the_page_language(
        monkeypatch: pytest.MonkeyPatch, code: str, words: list[str]):
    """The overview's table of countries (on the Thai pilot's first page, and in its handbook) takes its
    headings and title from the shipped catalogues, not English."""
    from conftest import REPO
    from coursekit.book import overview

    monkeypatch.setenv("COURSE_ROOT", str(REPO))
    data.reset_reads()
    i18n.use(code)
    try:
        html = overview.country_table()._repr_html_()
    finally:
        i18n.use("en")
    for word in words:
        assert word in html, word
    for english in ("Subregion", "Time zone", "UTC offset", "The ten participating countries"):
        assert english not in html, english
