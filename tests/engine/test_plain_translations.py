"""A translated paragraph Sphinx would parse with MyST is made directly when it is one line of plain
text (``course_languages.plain_paragraph``): it must be exactly what MyST makes of it, and anything
MyST would read as markup must take Sphinx's own way."""

from __future__ import annotations

import glob
import random
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from coursekit.engine.sphinx_ext import course_languages
from coursekit.engine.sphinx_ext.course_languages import plain_paragraph
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from myst_parser.parsers.docutils_ import Parser

ROOT = Path(__file__).resolve().parents[2]
EXTENSIONS = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["parse"]["myst_enable_extensions"]
PARSER = Parser()
SETTINGS = get_default_settings(Parser)
SETTINGS.myst_enable_extensions, SETTINGS.report_level = EXTENSIONS, 5


def myst_plain(text: str) -> bool:
    """Whether MyST (with the book's extensions) makes ``text`` one paragraph of exactly one text node."""
    doc = new_document("<translated>", SETTINGS)
    PARSER.parse(text, doc)
    return (len(doc.children) == 1 and isinstance(doc[0], nodes.paragraph)
            and [type(c) for c in doc[0].children] == [nodes.Text] and doc[0].astext() == text)


@pytest.mark.parametrize("text", [
    "Sebuah narasi.", "ภาพรวมของหลักสูตร", "Pasal 2: akses ilegal (tanpa hak) - 15% dari 10/12", "C'est « ça » ?",
    "Budapest Convention, Article 2", "1990 was the year", "Ends with a colon:", "http://example.org/x y",
])
def test_a_plain_line_is_the_paragraph_myst_makes(text: str):
    made = plain_paragraph(text)
    assert made is not None and myst_plain(text)
    assert made.astext() == text and [type(c) for c in made.children] == [nodes.Text]


@pytest.mark.parametrize("text", [
    "**bold** text", "a *stress*", "see {doc}`overview`", "`code`", "[link](x.html)", "a <b>tag</b>", "AT&amp;T",
    "back\\slash", "$x$ math", "{{ sub }}", "# Heading", "- item", "+ item", "1. first", "2) second", "> quote",
    "---", ":::", "(label)=", "% comment", "    indented", "two\nlines", "trailing ", "", "snake_case",
    "Title\n======", "::\n\n   literal",
])
def test_anything_markdown_could_read_as_markup_takes_sphinxs_way(text: str):
    assert plain_paragraph(text) is None


def test_lines_of_the_catalogues_and_random_lines_called_plain_are_plain_to_myst():
    shipped: set[str] = set()
    for f in sorted(glob.glob(str(ROOT / "locales" / "**" / "*.po"), recursive=True)):
        with open(f, "rb") as fh:
            shipped |= {t for m in read_po(fh) for t in (m.id, m.string) if isinstance(t, str) and t}
    rng = random.Random(7)
    texts = set(rng.sample(sorted(shipped), min(800, len(shipped))))  # all of them: 0 differ (3,211 of 3,652)
    pieces = list("ab cdéไทย129.,;:?()/'\"%+-=#@^\t") + ["http://x.org", "...", "--", "(c)", "1.", "2)", "::", "ส่ำ",
                                                      "\u00a0", "  ", "*", "_", "[", "`", "{", "$", "<", "&"]
    texts |= {"".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(800)}
    called = [t for t in texts if plain_paragraph(t) is not None]
    assert len(called) > 600
    assert [t for t in called if not myst_plain(t)] == []


@pytest.mark.parametrize(("extensions", "direct"), [(EXTENSIONS, True), ([*EXTENSIONS, "linkify"], False),
                                                     (["replacements"], False), ([], True)])
def test_a_book_with_another_myst_extension_parses_every_translation(monkeypatch: pytest.MonkeyPatch,
                                                                     extensions: list[str], direct: bool):
    """linkify makes "http://example.org" a link, replacements "(c)" a sign: the plain rule knows neither."""
    parsed = []
    monkeypatch.setattr(course_languages, "_sphinx_publish", lambda app, source, *a: parsed.append(source) or "parsed")

    class App:
        class config:  # noqa: N801 (Sphinx's attribute name)
            myst_enable_extensions = extensions

    made = course_languages._publish_msgstr(App, "See http://example.org (c) 2021")
    assert (isinstance(made, nodes.paragraph), parsed) == ((True, []) if direct else (False, ["See http://example.org (c) 2021"]))
