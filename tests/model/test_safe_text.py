"""model.text: one escaping function per place data text goes, each fed every hostile string.

What goes in must come out as the same visible text and as nothing else: no tag, no attribute, no
link, no directive. MyST is rendered with the book's own parser settings; HTML is parsed.
"""

from __future__ import annotations

import datetime as dt
import html
from html.parser import HTMLParser

import pytest
from coursekit.model.records import Source
from coursekit.model.text import (
    html_attr,
    html_text,
    myst_block,
    myst_inline,
    printable,
    safe_url,
    terminal,
    url_problem,
)
from hostile import HOSTILE, HOSTILE_URLS
from pydantic import ValidationError
from rich.console import Console


class Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")


def parsed(markup: str) -> Parsed:
    p = Parsed()
    p.feed(markup)
    p.close()
    return p


def myst(markdown: str) -> str:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "dollarmath", "substitution"})
    return create_md_parser(config, RendererHTML).render(markdown)


def visible(text: str) -> str:
    return " ".join(printable(text).split())


@pytest.mark.parametrize("text", HOSTILE)
def test_myst_inline_shows_the_text_and_makes_nothing_else(text: str):
    rendered = myst(myst_inline(text))
    page = parsed(rendered)
    assert page.tags == ["p"], rendered
    assert "".join(page.text).strip() == visible(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_myst_inline_stays_inside_a_table_cell_and_a_heading(text: str):
    rendered = myst(f"# Schedule: {myst_inline(text)}\n\n| a | b |\n|---|---|\n| {myst_inline(text)} | end |\n")
    page = parsed(rendered)
    assert set(page.tags) <= {"h1", "table", "thead", "tbody", "tr", "th", "td"}, rendered
    assert rendered.count("<td>") == 2, "the text made a column of its own"


@pytest.mark.parametrize("text", HOSTILE)
def test_myst_block_keeps_paragraphs_and_cannot_close_its_directive(text: str):
    block = myst_block(text)
    page = parsed(myst(block))
    assert set(page.tags) <= {"p"}, myst(block)
    assert " ".join("".join(page.text).split()) == " ".join(visible(text).split())
    # inside a directive (the parser here shows a fence's body as code): nothing closes it early
    rendered = myst(f":::{{note}}\n{block}\n:::\n\nafter\n")
    assert rendered.count("<pre>") == 1 and rendered.rstrip().endswith("<p>after</p>"), rendered


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_and_attribute(text: str):
    page = parsed(f'<p title="{html_attr(text)}" data-x=\'{html_attr(text)}\'>{html_text(text)}</p>')
    assert page.tags == ["p"]
    assert [k for k, _ in page.attrs] == ["title", "data-x"]
    assert dict(page.attrs)["title"] == text and "".join(page.text) == text


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_urls_are_refused_by_safe_url_and_by_the_source_model(url: str):
    assert url_problem(url)
    with pytest.raises(ValueError):
        safe_url(url)
    with pytest.raises(ValidationError, match="url"):
        Source(id="src-x", title="A title", publisher="A publisher", url=url, accessed=dt.date(2026, 1, 1))


def test_ordinary_urls_are_kept():
    for url in ("https://www.coe.int/en/web/cybercrime", "http://example.org/a?b=1&c=%28d%29#part"):
        assert safe_url(url) == url and html.unescape(html_attr(url)) == url


@pytest.mark.parametrize("text", HOSTILE)
def test_terminal_text_is_printed_as_typed(text: str):
    console = Console(record=True, width=400, color_system=None)
    console.print(terminal(text))
    out = console.export_text()
    assert "\x1b" not in out
    assert " ".join(out.split()) == " ".join(printable(text).split())
