"""Sphinx extension staged into every participant stage (``engine/languages.py`` copies it there).

It runs inside ``jupyter-book build`` and imports only Sphinx, docutils and babel. Sphinx itself
translates each paragraph through the page's catalogue (``language`` + ``locale_dirs``, its Locale
transform), using only entries that are translated and not fuzzy. This extension adds what Sphinx
does not do:

- **never silently stale**: before Sphinx translates, each message of the page is merged against the
  page's catalogue exactly as ``translate update`` (babel's ``Catalog.update``) would. A message whose
  English changed since it was translated matches its old entry fuzzily: Sphinx shows the current
  English (no exact entry), and this extension puts a notice in the page's language above it. The
  old translation is never used, so no page shows a translation of English that no longer exists.
- **provenance**: machine-assisted paragraphs are wrapped in a block whose ``lang`` is the page
  language with the BCP 47 transformed-content extension (RFC 6497) and CLDR's ``t0`` key for
  machine translation, ``lang="id-t-en-t0-und"`` ("Indonesian, transformed from English by machine
  translation, engine not specified"; unicode.org/reports/tr35 and CLDR common/bcp47/transform_mt.xml).
  A page with any such text gets a banner in its language, linking to the English page.
- English left on a translated page (untranslated or stale paragraphs) carries ``lang="en"``.
- the language menu's links (template ``language-menu.html``) and ``<link rel="alternate" hreflang>``
  tags in the head (``x-default``: English), from the page to the same page in every language.
- speed: Sphinx parses every translation with a new MyST parser and docutils reader, twice (its
  Locale transform's two phases; about 40% of a language's render). A translation that is one line of
  plain text (``plain_paragraph``) can only parse to a paragraph of that text, so it is made as one
  directly; any other translation takes Sphinx's own way.
- Thai search: Thai has no spaces between words, so Thai text is indexed as overlapping pairs of
  letters (the bigram method of CJK search engines), and the search page splits a Thai query the
  same way (``js_splitter_code``, which Sphinx writes into its own ``language_data.js``).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.search import SearchLanguage
from sphinx.search import languages as search_languages
from sphinx.transforms import SphinxTransform
from sphinx.transforms import i18n as sphinx_i18n
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

SOURCE = "en"
MACHINE = "machine-assisted"


class course_block(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A block of the page in another language or of another provenance than the page: a ``<div lang>``."""


def visit_block(self: Any, node: course_block) -> None:
    self.body.append(self.starttag(node, "div", "", lang=node["lang"]))


def depart_block(self: Any, node: course_block) -> None:
    self.body.append("</div>\n")


def _provenance(message: Any) -> str:
    for line in message.user_comments:
        if line.strip().lower().startswith("provenance:"):
            return line.strip()[len("provenance:"):].strip().lower()
    return ""


def _catalogue(srcdir: Path, locale_dirs: list[str], lang: str, domain: str) -> Catalog:
    for d in locale_dirs:
        p = srcdir / d / lang / "LC_MESSAGES" / f"{domain}.po"
        if p.is_file():
            with p.open("rb") as fh:
                return read_po(fh, locale=lang)
    return Catalog(locale=lang)


def _in_output(node: nodes.Node) -> bool:
    """Whether ``node`` is part of a code cell's output (MyST-NB's ``cell_code_output`` container)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent.get("nb_element") == "cell_code_output":
            return True
        parent = parent.parent
    return False


class MarkTranslationState(SphinxTransform):
    """Before Sphinx's Locale transform (priority 20): what each message of the page will become."""

    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        lang = self.config.language
        if not lang or lang == SOURCE:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        catalogue = _catalogue(Path(self.env.srcdir), list(self.config.locale_dirs), lang, domain)
        found = list(extract_messages(self.document))
        template = Catalog(locale=lang)
        for _node, msg in found:
            template.add(msg)
        catalogue.update(template)  # as `translate update` does: changed English -> fuzzy
        for node, msg in found:
            if _in_output(node):
                continue  # a cell's output was drawn in the page's language (coursekit.book.i18n)
            entry = catalogue.get(msg)
            if entry is not None and entry.string and entry.fuzzy:
                node["course_state"] = "stale"
            elif entry is not None and entry.string:
                node["course_state"] = _provenance(entry) or "translated"
            else:
                node["course_state"] = "untranslated"


class AddTranslationNotices(SphinxTransform):
    """After Sphinx translated the page: wrap English and machine-assisted blocks, add notices."""

    default_priority = 21

    def apply(self, **kwargs: Any) -> None:
        lang = self.config.language
        if not lang or lang == SOURCE:
            return
        texts = self.config.course_texts or {}
        machine = False
        for node in list(self.document.findall(nodes.Element)):
            state = node.get("course_state")
            if state is None:
                continue
            machine |= state == MACHINE
            wrappable = isinstance(node, nodes.paragraph) and node.parent is not None
            if state in ("stale", "untranslated"):
                node["classes"].append(f"course-{state}")
                if wrappable:
                    block = _wrap(node, SOURCE, f"course-{state}-block")
                    if state == "stale":  # the notice is in the page's language, before the English
                        notice = nodes.paragraph("", texts.get("stale", "The English text changed."),
                                                 classes=["course-stale-notice"])
                        block.parent.insert(block.parent.index(block), notice)
            elif state == MACHINE and wrappable:
                _wrap(node, f"{lang}-t-{SOURCE}-t0-und", "course-mt")
        if machine:
            self._banner(texts)

    def _banner(self, texts: dict[str, str]) -> None:
        docname = self.env.docname
        english = "../" * (docname.count("/") + 1) + docname + ".html"
        para = nodes.paragraph("", texts.get("banner", "Machine-assisted translation.") + " ")
        para += nodes.reference("", texts.get("banner_link", "Read the English page."), refuri=english,
                                hreflang=SOURCE)
        banner = nodes.container("", para, classes=["course-mt-banner"])
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, banner)
        else:
            self.document.insert(0, banner)


def _wrap(node: nodes.Element, lang: str, cls: str) -> course_block:
    block = course_block("", lang=lang, classes=[cls])
    node.replace_self(block)
    block.append(node)
    return block


def page_links(pagename: str, current: str, languages: list[list[str]]) -> list[dict[str, Any]]:
    """The same page in every language: English at the site's top, the others in ``<code>/``."""
    top = "../" * pagename.count("/") + ("" if current == SOURCE else "../")
    out = []
    for code, name in languages:
        href = top + ("" if code == SOURCE else f"{code}/") + pagename + ".html"
        out.append({"code": code, "name": name, "href": href, "current": code == current})
    return out


def _page_context(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    languages = app.config.course_languages or []
    if not languages:
        return
    current = app.config.language or SOURCE
    links = page_links(pagename, current, languages)
    context["course_language_links"] = links
    context["course_language_label"] = (app.config.course_texts or {}).get("menu", "Language")
    context["metatags"] = context.get("metatags", "") + alternate_links(links)


def alternate_links(links: list[dict[str, Any]]) -> str:
    """``<link rel="alternate" hreflang>`` for the page in every language (itself included, as search
    engines ask) and ``x-default``: English, the source. Relative URLs: the site has no fixed address,
    and the pack opens it from the files."""
    tags = [(link["code"], link["href"]) for link in links]
    tags += [("x-default", link["href"]) for link in links if link["code"] == SOURCE]
    return "".join(f'\n    <link rel="alternate" hreflang="{escape(code)}" href="{escape(href)}" />'
                   for code, href in tags)


_THAI = re.compile(r"[\u0E00-\u0E7F]+")
_WORD = re.compile(r"\w+")


def thai_terms(text: str) -> list[str]:
    """Words of ``text``: Thai runs as overlapping letter pairs, the rest as Sphinx splits it."""
    out: list[str] = []
    pos = 0
    for m in _THAI.finditer(text):
        out += _WORD.findall(text[pos:m.start()])
        run = m.group(0)
        out += [run] if len(run) < 2 else [run[i:i + 2] for i in range(len(run) - 1)]
        pos = m.end()
    return out + _WORD.findall(text[pos:])


class SearchThai(SearchLanguage):
    """Thai for Sphinx's search: letter pairs at index time and in the query (no stemming)."""

    lang = "th"
    language_name = "Thai"
    js_splitter_code = r"""
function splitQuery(query) {
  // the same pairs as coursekit's index (course_languages.thai_terms)
  const out = [];
  const parts = query.split(/([\u0E00-\u0E7F]+)/u);
  for (const part of parts) {
    if (/^[\u0E00-\u0E7F]+$/u.test(part)) {
      if (part.length < 2) { out.push(part); continue; }
      for (let i = 0; i + 2 <= part.length; i++) out.push(part.slice(i, i + 2));
    } else {
      for (const w of part.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)) if (w) out.push(w);
    }
  }
  return out;
}
"""

    def split(self, input: str) -> list[str]:
        return thai_terms(input)

    def word_filter(self, word: str) -> bool:
        return bool(word)


# One line MyST (CommonMark with colon_fence, deflist, dollarmath, substitution) reads as a paragraph of
# exactly its text: no character markdown-it or these extensions treat as markup anywhere in it
# (emphasis, code, links, HTML, entities, escapes, math, substitutions, roles), no line break, nothing a
# block starts with (heading, quote, list, rule, table, fence, comment, indented code), no space at
# either end (a paragraph's text is stripped), not a MyST target line ``(name)=``.
_PLAIN = re.compile(r"(?![\s#>+*=|:%~`<-]|\d+[.)]|\(.*\)=$)[^\n\r\\`*_\[\]<>!&${}~|]+(?<!\s)")


def plain_paragraph(msgstr: str) -> nodes.paragraph | None:
    """The paragraph a translation parses to when it is one line of plain text; None otherwise."""
    return nodes.paragraph(msgstr, msgstr) if _PLAIN.fullmatch(msgstr) else None


# The MyST extensions ``_PLAIN`` was written for: another one (linkify, replacements, smartquotes...) may
# read plain text as markup, so with it every translation takes Sphinx's own way.
PLAIN_EXTENSIONS = frozenset({"colon_fence", "deflist", "dollarmath", "substitution"})


def _publish_msgstr(app: Any, source: str, *args: Any) -> nodes.Element:
    known = set(getattr(app.config, "myst_enable_extensions", None) or ()) <= PLAIN_EXTENSIONS
    return (plain_paragraph(source) if known else None) or _sphinx_publish(app, source, *args)


_sphinx_publish = getattr(sphinx_i18n.publish_msgstr, "__wrapped__", sphinx_i18n.publish_msgstr)
_publish_msgstr.__wrapped__ = _sphinx_publish  # type: ignore[attr-defined]


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("course_languages", [], "html")
    app.add_config_value("course_texts", {}, "env")
    app.add_node(course_block, html=(visit_block, depart_block))
    app.add_transform(MarkTranslationState)
    app.add_transform(AddTranslationNotices)
    app.connect("html-page-context", _page_context)
    search_languages.setdefault("th", SearchThai)
    sphinx_i18n.publish_msgstr = _publish_msgstr  # the Locale transform looks it up in its module
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
