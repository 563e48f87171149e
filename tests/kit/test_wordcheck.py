"""The broken-word check itself: a word Chromium breaks inside a narrow cell is found, a whole one is not."""

from __future__ import annotations

from conftest import missing_tool
from coursekit.kit.handouts import CHROMIUM_ARGS, chromium
from wordcheck import broken_words

PAGE = ('<html><body><table style="border-collapse:collapse"><tr><td style="width:{w};overflow-wrap:{wrap};'
        'font-size:12pt">Malaysia Category Preservation</td><td>Other words here</td></tr></table></body></html>')
WORDS = {"malaysia", "category", "preservation", "other", "words", "here"}


def _print(html: str) -> bytes:
    try:
        chromium()
    except Exception as exc:  # noqa: BLE001
        missing_tool(f"no Chromium: {exc}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(html)
        data = page.pdf(format="A4")
        browser.close()
    return data


def test_a_word_broken_in_a_narrow_cell_is_found():
    broken = broken_words(_print(PAGE.format(w="40px", wrap="anywhere")), WORDS)
    assert broken, "a cell 12 px wide must break its words"


def test_whole_words_pass():
    assert broken_words(_print(PAGE.format(w="auto", wrap="normal")), WORDS) == []
