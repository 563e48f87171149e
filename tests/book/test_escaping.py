"""Text from data is shown as text: markup or script in a data field never reaches the page as HTML.

Library level: ``Table`` (HTML) and ``Chart.markdown`` (MyST) with injection strings in every field.
Book level: a built page whose data carries a ``<script>`` in a challenge description, markup in a
country name and a source title shows them as text, and a real browser runs none of them.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, build_in_process, copy_course, missing_tool
from coursekit.book.charts import Chart, literal
from coursekit.book.style import new_figure
from coursekit.book.tables import Table

INJECTIONS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)'>click</a>",
    "&lt;script&gt; written as an entity",
    "[link](javascript:alert(1))",
    "**bold** and _emphasis_ and ~~strike~~",
    "{doc}`../trainer/answers` role",
    "$x^2$ math",
    "`code` and \\ backslash",
    "<!-- a comment -->",
    "| a | table |",
    "# not a heading",
]


class Page(HTMLParser):
    """The tags, attributes, script contents and visible text of an HTML fragment or page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")


def parse(markup: str) -> Page:
    page = Page()
    page.feed(markup)
    page.close()
    return page


# ---- library level ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", INJECTIONS)
def test_table_shows_every_field_as_text(text: str):
    frame = pd.DataFrame({text: [text, "plain"]})
    out = Table(frame, caption=text, source=text)._repr_html_()
    page = parse(out)
    assert set(page.tags) <= {"div", "table", "caption", "thead", "tbody", "tr", "th", "td", "p"}, page.tags
    assert not [a for a in page.attrs if a[0].startswith("on") or a[0] == "href"]
    assert "".join(page.text).count(text) == 4  # caption, column name, cell, source line


def myst_html(markdown: str) -> str:
    """Markdown rendered by MyST's parser with the book's extensions (see _config.yml)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "dollarmath", "substitution"})
    return create_md_parser(config, RendererHTML).render(markdown)


@pytest.mark.parametrize("text", INJECTIONS)
def test_literal_markdown_renders_exactly_as_typed(text: str):
    page = parse(myst_html(literal(text)))
    assert page.tags == ["p"], myst_html(literal(text))
    assert "".join(page.text).strip() == text


def test_literal_markdown_is_one_line():
    assert literal("line one\n:::\n:alt: x\n\n# heading") == r"line one ::: :alt: x \# heading"


def test_chart_text_from_data_cannot_break_out_of_its_figure():
    """Title, caption and alt text with newlines, a closing fence and options stay inside the figure."""
    evil = "x\n:::\n:alt: replaced\n\n<script>alert(1)</script>"
    chart = Chart("c", new_figure(), title=evil, alt=evil, caption=evil)
    lines = chart.markdown().splitlines()
    assert lines[0] == ":::{figure} _figures/c.png"
    assert lines[1].startswith(":alt: x ::: :alt: replaced <script>")  # one line: Sphinx escapes the attribute
    assert lines[2] == ":name: fig-c"
    assert lines[3] == ""
    assert lines[5:] == ["", "{download}`Full-size chart (SVG) <_figures/c.svg>`", ":::"]  # the name is ours
    caption = parse(myst_html(lines[4]))
    assert "script" not in caption.tags
    assert "<script>alert(1)</script>" in "".join(caption.text)


# ---- book level ----------------------------------------------------------------------------------

MARK = "document.body.dataset.pwned"  # what an injected script would do; visible in the DOM if it ran
DESCRIPTION = f"<script>{MARK}=1</script> Reported from a survey export"
COUNTRY = f"Sri Lanka <img src=x onerror={MARK}=2>"
SOURCE_TITLE = f"Second source <script>{MARK}=3</script>"

CELLS = [
    "from coursekit.book import data, regional_overview, sources_section",
    "regional_overview.challenges_table()",
    "regional_overview.heatmap()",
    "print(data.countries()['name'].tolist())",
    "sources_section.for_unit(['src-one', 'src-two'])",
]


def plant(root: Path) -> None:
    """Markup in three data fields, and cells that show them as a table, a chart, text and a list."""
    shutil.copytree(FIXTURES / "malformed" / "data", root / "data", dirs_exist_ok=True)
    for rel, old, new in [("data/challenges.csv", "Another test description of a reported challenge.", DESCRIPTION),
                          ("data/countries.csv", "LK,Sri Lanka,", f"LK,{COUNTRY},"),
                          ("data/sources.yaml", "title: Second source", f"title: '{SOURCE_TITLE}'")]:
        p = root / rel
        text = p.read_text(encoding="utf-8")
        assert old in text
        p.write_text(text.replace(old, new), encoding="utf-8")
    nb_path = root / "book" / "unit.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    nb["cells"] += [{"cell_type": "code", "execution_count": None, "id": f"esc{i}", "metadata": {}, "outputs": [],
                     "source": src} for i, src in enumerate(CELLS)]
    nb_path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def dom_after_scripts(page: Path) -> str:
    """The page's DOM after a headless Chromium has loaded it and run its scripts."""
    res = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
                          "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return res.stdout


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def built_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_course(FIXTURES / "mini-course", tmp_path_factory.mktemp("escaping") / "course")
    plant(root)
    build_in_process(root, ["participant"])
    return root / "_build" / "participant" / "html" / "unit.html"


def test_markup_from_data_is_text_in_the_built_page(built_page: Path):
    page = parse(built_page.read_text(encoding="utf-8"))
    text = html.unescape("".join(page.text))
    for planted in (DESCRIPTION, COUNTRY, SOURCE_TITLE):
        assert planted in text, f"{planted!r} is not shown as text"
    assert not [s for s in page.scripts if MARK in s], "a planted script became a <script> element"
    assert not [a for a in page.attrs if a[0] == "onerror"], "a planted attribute became an attribute"
    alts = [v for k, v in page.attrs if k == "alt" and v and "Heatmap" in v]
    assert alts and "Sri Lanka <img src=x" in alts[0], "the chart's alt text should name the country as typed"


def test_markup_from_data_does_not_run_in_a_browser(built_page: Path, tmp_path: Path):
    if not Path(CHROMIUM).exists():
        missing_tool(f"needs Chromium at {CHROMIUM}")
    control = tmp_path / "control.html"  # proves the probe sees a script that does run
    control.write_text(f"<html><body><p>control</p><script>{MARK}=1</script></body></html>", encoding="utf-8")
    assert 'data-pwned="1"' in dom_after_scripts(control)
    assert "data-pwned" not in dom_after_scripts(built_page)
