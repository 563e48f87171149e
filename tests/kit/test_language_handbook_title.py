"""A translated handbook's title (cover, running header, footer) comes from its language's catalogue,
in English where the catalogue has no usable translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursekit.kit.language_handbooks import TITLE, title
from coursekit.model.languages import Language

ENTRY = '''
# provenance: machine-assisted
{flag}msgid "Participant handbook"
msgstr "คู่มือผู้เข้าอบรม"
'''


def _catalogue(root: Path, code: str, flag: str = "") -> None:
    path = root / "locales" / code / "LC_MESSAGES" / "coursekit.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + ENTRY.format(flag=flag),
                    encoding="utf-8")


def test_the_title_is_the_catalogues_translation(tmp_path: Path):
    _catalogue(tmp_path, "th")
    assert title(tmp_path, Language("th", "ไทย")) == "คู่มือผู้เข้าอบรม"


@pytest.mark.parametrize("flag", ["#, fuzzy\n", None])  # a stale translation; no catalogue at all
def test_without_a_usable_translation_the_title_is_english(tmp_path: Path, flag: str | None):
    if flag is not None:
        _catalogue(tmp_path, "lo", flag)
    assert title(tmp_path, Language("lo", "ລາວ")) == TITLE == "Participant handbook"


def test_a_translated_handbook_prints_its_own_words_and_lang_in_its_language(tmp_path: Path):
    """Its contents title, its page count and its ``lang`` (the browser's fonts and line breaks for Thai)."""
    from bs4 import BeautifulSoup
    from coursekit.kit import handouts
    from coursekit.kit.language_handbooks import handbook

    path = tmp_path / "locales" / "th" / "LC_MESSAGES" / "coursekit.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '\nmsgid "Contents"\nmsgstr "สารบัญ"\n'
                    '\nmsgid "Page {page} of {pages}"\nmsgstr "หน้า {page} จาก {pages}"\n', encoding="utf-8")
    page = tmp_path / "site" / "th" / "intro.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html><body><article><h1>บทนำ</h1><p>ข้อความ</p></article></body></html>', encoding="utf-8")
    made = handbook(tmp_path, tmp_path / "site", Language("th", "ไทย"), ["intro"], "Course")
    soup = BeautifulSoup(handouts.document(made), "lxml")
    assert soup.html["lang"] == "th"
    assert soup.select_one(".handout-toc-title").get_text() == "สารบัญ"
    assert handouts.page_of(made) == ('หน้า <span class="pageNumber"></span> จาก '
                                      '<span class="totalPages"></span>')
    english = handouts.Handout("Handbook", made.parts)  # an English handout keeps its words
    assert BeautifulSoup(handouts.document(english), "lxml").html["lang"] == "en"
    assert handouts.page_of(english).startswith("Page <span")


def test_the_cover_subtitle_is_the_books_title_from_the_data_catalogue(tmp_path: Path):
    """The subtitle (the book's title, ``_config.yml``) is data text: its ``data.po`` translation, never one of
    older English (fuzzy), and English without one."""
    from coursekit.kit.language_handbooks import handbook

    _data_catalogue(tmp_path)
    thai = Language("th", "ไทย")
    assert handbook(tmp_path, tmp_path / "site", thai, [], "A course").subtitle == "หลักสูตรหนึ่ง"
    assert handbook(tmp_path, tmp_path / "site", thai, [], "An old course").subtitle == "An old course"
    assert handbook(tmp_path, tmp_path / "site", Language("lo", "ລາວ"), [], "A course").subtitle == "A course"


def _data_catalogue(root: Path) -> None:
    path = root / "locales" / "th" / "LC_MESSAGES" / "data.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '\nmsgid "A course"\nmsgstr "หลักสูตรหนึ่ง"\n'
                    '\n#, fuzzy\nmsgid "An old course"\nmsgstr "หลักสูตรเก่า"\n', encoding="utf-8")


@pytest.mark.parametrize(("english", "shown"), [("A course", "หลักสูตรหนึ่ง"), ("An old course", "An old course")])
def test_a_language_site_is_titled_in_its_language(tmp_path: Path, english: str, shown: str):
    """The site's title (every page's <title>, the header) is the book's title from ``data.po``: English
    when the catalogue has none for this English, or only a fuzzy one."""
    import yaml
    from coursekit.engine import languages

    _data_catalogue(tmp_path)
    stage = tmp_path / "stage"
    stage.mkdir()
    (stage / "_config.yml").write_text(yaml.safe_dump({"title": english}), encoding="utf-8")
    languages.configure(tmp_path, stage, "th", [Language("th", "ไทย")])
    assert yaml.safe_load((stage / "_config.yml").read_text(encoding="utf-8"))["title"] == shown
