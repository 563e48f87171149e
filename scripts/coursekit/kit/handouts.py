"""Printed handouts: pages of a built site gathered into one A4 document and printed to PDF by Chromium.

A trainer hands out paper and carries files for rooms without a connection, so a handout must stand
alone: a table of contents with page numbers, a page number and the document's name on every page,
charts sharp on paper, and nothing that only works on screen (menus, buttons, search). The pages'
article content is taken from the built HTML (so a handout says exactly what the site says), put
into one document that uses the site's own stylesheets, and printed twice: the first print tells on
which page each entry starts (from the PDF's outline, which Chromium makes from the headings), the
second prints the contents with those numbers.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pypdf
from bs4 import BeautifulSoup, Tag

from ..engine.languages import N_
from ..engine.transforms.box_trainer_material import PROMPTS
from ..model.text import html_attr, html_text
from .handbook import repeated_lists_once, repeated_tables_once, shared_sources

HALF_SHEET_INCHES = 4.2  # a chart no wider than this at CHART_DPI prints at half the sheet's width
CHART_DPI = 200  # charts are printed at no more than 1/200 inch per pixel, so they stay sharp
PRINT_CSS = Path(__file__).resolve().parent / "handout.css"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FOOTER = ('<div style="font-size:8pt;width:100%;padding:0 12mm;display:flex;justify-content:space-between;'
          'font-family:sans-serif;color:#333"><span>{title}</span><span>{page_of}</span></div>')
# Chromium fills these spans in on each printed page
PAGE_NUMBER, TOTAL_PAGES = '<span class="pageNumber"></span>', '<span class="totalPages"></span>'
HEADER = '<div style="font-size:8pt;width:100%;text-align:center;font-family:sans-serif;{style}">{text}</div>'
# what only works on a screen: anchors, toggles' buttons, the full-size SVG link, the country picker,
# and the data table under each chart (the chart and its caption say it on paper)
SCREEN_ONLY = ("a.headerlink, .toggle-button, button, .sd-summary-up, .sd-summary-down, a.download, "
               ".course-chart-links, .course-mycountry, .course-scroll-cue, details.course-chart-data:not(.course-on-paper), "
               "figure.course-screen-only, "
               ".course-sources-fold > summary")
# a wide table whose rows are paragraphs prints as records (each row a block of "label: value" lines, two
# to a sheet's width): as a grid its many columns shrink to a word or two each and a row fills a page
RECORD_COLUMNS = 8
RECORD_ROW_CHARS = 400
MARGINS = {"top": "11mm", "bottom": "11mm", "left": "13mm", "right": "13mm"}


class ChromiumMissing(Exception):
    """No Chromium to print with."""


class PrintFailed(Exception):
    """Chromium could not open or print a handout (the message says which and why)."""


def chromium() -> Path:
    """Debian's Chromium (/usr/bin/chromium); $CHROMIUM, or a chromium on PATH, elsewhere."""
    debian = Path("/usr/bin/chromium")
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    path = debian if debian.is_file() or not found else Path(found)
    path = Path(os.environ["CHROMIUM"]) if os.environ.get("CHROMIUM") else path
    if not path.is_file():
        raise ChromiumMissing(f"Chromium not found at {path}")
    return path


@dataclass
class Part:
    """One page of a site in a handout: where it comes from, and which parts of its article to keep."""

    html: Path  # the built page
    title: str
    select: list[str] | None = None  # CSS selectors of what to keep (None: the whole article)
    heading: str | None = None  # a title to put above the kept parts (when the page's own h1 is not kept)


@dataclass
class Handout:
    """A document to print: its parts, its name on every page, a marking at the top of every page."""

    title: str
    parts: list[Part]
    marking: str = ""  # e.g. "Trainer edition: not for distribution"
    toc_level: int = 1  # 1: one contents line per part; 2: one per section (a one-unit handout)
    shared_sources: bool = False  # the units' sources in one list at the end, each source once (a handbook)
    flowing: bool = False  # parts follow on the same sheet instead of each starting a new one
    lists_once: bool = False  # rows the country pages list too, and a table two units show, printed once
    subtitle: str = ""
    lang: str = "en"  # the language of the parts (a translated handbook's), for the browser's fonts and readers
    words: dict[str, str] = field(default_factory=dict)  # the handout's own words in that language (WORDS)
    pages: int = 0  # filled in when printed
    toc: list[tuple[str, int]] = field(default_factory=list)  # (entry, page), filled in when printed


# The words a handout prints of its own, beside its parts (a translated handbook has them translated:
# ``translate extract`` collects them from here)
CONTENTS = N_("Contents")
PAGE_OF = N_("Page {page} of {pages}")


def say(handout: Handout, text: str) -> str:
    """``text`` in the handout's language (English where it has no translation)."""
    return handout.words.get(text, text)


def page_of(handout: Handout) -> str:
    """The footer's page count in the handout's language, as HTML with Chromium's number spans."""
    return html_text(say(handout, PAGE_OF)).replace("{page}", PAGE_NUMBER).replace("{pages}", TOTAL_PAGES)


def png_width(path: Path) -> int | None:
    """The pixel width of a PNG file (from its header), or None when it is not a PNG."""
    try:
        with path.open("rb") as fh:
            head = fh.read(24)
    except OSError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">I", head[16:20])[0]


def png_height(path: Path) -> int | None:
    """The pixel height of a PNG file (from its header), or None when it is not a PNG."""
    try:
        with path.open("rb") as fh:
            head = fh.read(24)
    except OSError:
        return None
    return struct.unpack(">I", head[20:24])[0] if head[:8] == b"\x89PNG\r\n\x1a\n" else None


def _local(url: str, page: Path) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def _article(part: Part, n: int, pages: dict[Path, int]) -> str:
    """The part's content as HTML for the handout: ids made unique (prefix ``p<n>-``), images and links
    resolved, screen-only bits dropped, charts sized for at least ``CHART_DPI``."""
    soup = BeautifulSoup(part.html.read_text(encoding="utf-8"), "lxml")
    article = soup.select_one("article.bd-article") or soup.body
    if article is None:
        return ""
    for junk in article.select(SCREEN_ONLY):
        junk.decompose()
    if part.select is not None:
        kept = [el for sel in part.select for el in article.select(sel)]
        kept = [el for el in kept if not any(p in kept for p in el.parents)]  # outermost only
        article = soup.new_tag("div")
        for el in kept:
            article.append(el.extract())
    for el in article.select("[id]"):
        el["id"] = f"p{n}-{el['id']}"
    for group in article.select("details.course-group"):  # on paper a group is a heading and its rows: a
        group.name = "div"  # plain block keeps its title with them, in the order they are drawn
        for summary in group.find_all("summary", recursive=False):
            summary.name = "p"
            summary["class"] = ["course-group-title"]
    for table in article.select("table.course-cards"):
        if is_record_table(table):
            table["class"] = [*table.get("class", []), "handout-records"]
    for fold in article.select("details.course-sources-fold"):  # on paper the sources are simply listed: a
        fold.name = "div"  # details box without its summary would print the browser's own "Details" above them
    for det in article.select("details"):
        det["open"] = ""  # on paper every box is open, and its title says nothing about opening it
        for collapsed in det.select("summary .collapsed"):
            collapsed.decompose()
        for title in det.select("summary .expanded"):
            title.string = title.get_text().replace(PROMPTS[1], "")
    for img in article.select("img[src]"):
        target = _local(str(img["src"]), part.html)
        if target is None:
            continue
        img["src"] = target.as_uri()
        width = png_width(target)
        if width:
            inches = math.floor(width / (CHART_DPI * 1.01) * 100) / 100  # rounded down, with room for the
            img["style"] = f"width: min(100%, {inches:.2f}in); height: auto"  # printer's snapping to its grid
            figure = img.find_parent("figure")
            if figure is not None and (inches <= HALF_SHEET_INCHES or (png_height(target) or 0) > width):
                figure["class"] = [*figure.get("class", []), "handout-narrow"]  # a chart drawn for a phone's
                # width, or a tall one: two side by side
    for figure in article.select("figure.handout-narrow"):
        if not any("handout-narrow" in (f.get("class") or []) for f in figure.find_next_siblings("figure")
                   + figure.find_previous_siblings("figure")):
            figure["class"] = [*figure.get("class", []), "handout-single"]  # alone: its caption beside it
    for a in article.select("a[href]"):
        href = str(a["href"])
        if href.startswith("#"):
            a["href"] = f"#p{n}-{href[1:]}"
            continue
        target = _local(href, part.html)
        if target is None:
            continue  # a web address: kept
        fragment = urlsplit(href).fragment
        if target in pages:
            a["href"] = f"#p{pages[target]}-{fragment}" if fragment else f"#p{pages[target]}"
        else:
            del a["href"]  # a page not in this handout
    notes = _endnotes(article, soup)
    inner = "".join(str(c) for c in article.children)
    head = f"<h1>{html_text(part.heading)}</h1>" if part.heading else ""
    return f'<section class="handout-part" id="p{n}">{head}{inner}{notes}</section>'


def is_record_table(table: Tag) -> bool:
    """A table to print as records: many columns, and rows long enough to be read, not scanned."""
    if table.find_parent(class_="course-grouped"):
        return False  # already a grouped list
    columns = len(table.select("thead th"))
    rows = table.select("tbody tr")
    text = sum(len(td.get_text(" ", strip=True)) for tr in rows for td in tr.find_all("td"))
    return columns >= RECORD_COLUMNS and bool(rows) and text / len(rows) >= RECORD_ROW_CHARS


def _endnotes(article: Tag, soup: BeautifulSoup) -> str:
    """Web addresses as numbered endnotes of the part: on paper a link shows its text and a number,
    and the list at the end gives each address once, to type in."""
    urls: list[str] = []
    for a in article.select('ol.course-sources a[href^="http"]'):  # a bibliography prints its addresses in place
        url = soup.new_tag("span")
        url["class"] = "handout-url"
        url.append(" ")
        for piece in URL_BREAKS.split(str(a["href"])):  # a long address wraps after a slash or before a dot,
            url.append(piece)                           # never inside a word ("….ht" / "ml")
            url.append(soup.new_tag("wbr"))
        a.insert_after(url)
    for a in article.select('a[href^="http://"], a[href^="https://"]'):
        if a.find_parent("ol", class_="course-sources"):
            continue
        url = str(a["href"])
        if url not in urls:
            urls.append(url)
        ref = soup.new_tag("sup")
        ref["class"] = "handout-note-ref"
        ref.string = f"[{urls.index(url) + 1}]"
        a.insert_after(ref)
    if not urls:
        return ""
    items = "".join(f"<li>{html_text(u)}</li>" for u in urls)
    return f'<div class="handout-endnotes"><h2>Web addresses</h2><ol>{items}</ol></div>'


URL_BREAKS = re.compile(r"(?<=[/?&=#])|(?=[.\-_])")  # where a printed web address may wrap


def number_figures(html: str) -> str:
    """Figure numbers counted within the handout ("Fig. 1" is its first chart), not across the book."""
    soup = BeautifulSoup(html, "lxml")
    for n, number in enumerate(soup.select("figure .caption-number"), start=1):
        number.string = f"Fig. {n} "
    return str(soup)


def _styles(first: Path) -> str:
    soup = BeautifulSoup(first.read_text(encoding="utf-8"), "lxml")
    links = []
    for link in soup.select('link[rel~="stylesheet"][href]'):
        target = _local(str(link["href"]), first)
        if target is not None and target.is_file():
            links.append(f'<link rel="stylesheet" href="{html_attr(target.as_uri())}">')
    links.append(f'<link rel="stylesheet" href="{html_attr(PRINT_CSS.as_uri())}">')
    return "\n".join(links)


def _contents(handout: Handout, entries: list[str], numbers: list[int] | None) -> str:
    rows = []
    for i, entry in enumerate(entries):
        page = str(numbers[i]) if numbers and i < len(numbers) else ""
        rows.append(f'<li><span class="handout-toc-entry">{html_text(entry)}</span>'
                    f'<span class="handout-toc-page">{page}</span></li>')
    sub = f'<p class="handout-subtitle">{html_text(handout.subtitle)}</p>' if handout.subtitle else ""
    mark = f'<p class="handout-marking">{html_text(handout.marking)}</p>' if handout.marking else ""
    return (f'<div class="handout-cover"><p class="handout-title">{html_text(handout.title)}</p>{sub}{mark}'
            f'<p class="handout-toc-title">{html_text(say(handout, CONTENTS))}</p><ol class="handout-toc">{"".join(rows)}</ol></div>')


def document(handout: Handout, numbers: list[int] | None = None, entries: list[str] | None = None) -> str:
    """The whole handout as one HTML document."""
    pages = {p.html.resolve(): n for n, p in enumerate(handout.parts, start=1)}
    body = "".join(_article(p, n, pages) for n, p in enumerate(handout.parts, start=1))
    entries = entries if entries is not None else [p.title for p in handout.parts]
    flowing = " handout-flowing" if handout.flowing else ""
    html = number_figures(
        f'<!DOCTYPE html><html lang="{html_attr(handout.lang)}" data-theme="light" data-mode="light"><head><meta charset="utf-8">'
        f"<title>{html_text(handout.title)}</title>{_styles(handout.parts[0].html)}</head>"
        f'<body class="handout{flowing}">{_contents(handout, entries, numbers)}{body}</body></html>')
    html = repeated_tables_once(repeated_lists_once(html)) if handout.lists_once else html
    return shared_sources(html) if handout.shared_sources else html


def _outline(reader: pypdf.PdfReader) -> Iterator[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark, in order."""
    def walk(items: list, depth: int) -> Iterator[tuple[int, str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, str(item.title), reader.get_destination_page_number(item) + 1
    yield from walk(reader.outline, 1)


def section_titles(handout: Handout) -> list[str]:
    """The contents entries of a one-part handout: its second-level headings, in order."""
    soup = BeautifulSoup(document(handout, entries=[]), "lxml")
    return [h.get_text(" ", strip=True) for h in soup.select("section.handout-part h2")]


# The site's images are lazy and decode asynchronously: Chromium may print before they arrive, leaving a
# chart out. Before each print every image is made eager and waited for (load or error), then decoded.
WAIT_FOR_IMAGES = """async () => {
    const imgs = [...document.images];
    imgs.forEach(i => { i.loading = 'eager'; });
    await Promise.all(imgs.map(i => i.complete ? null : new Promise(done => {
        i.addEventListener('load', done, {once: true});
        i.addEventListener('error', done, {once: true});
    })));
    await Promise.all(imgs.map(i => i.naturalWidth ? i.decode().catch(() => null) : null));
}"""


class Printer:
    """One headless Chromium that prints handouts; use as a context manager."""

    def __init__(self) -> None:
        self._pw = None
        self._browser = None

    def __enter__(self) -> Printer:
        from playwright.sync_api import sync_playwright

        executable = chromium()
        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        except Exception:
            self._pw.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._pw is not None:
            self._pw.stop()

    def _print(self, html: str, work: Path, out: Path, handout: Handout) -> pypdf.PdfReader:
        page_file = work / f"{out.stem}.html"
        page_file.write_text(html, encoding="utf-8")
        from playwright.sync_api import Error as PlaywrightError

        page = self._browser.new_page()
        try:
            page.goto(page_file.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            page.evaluate(WAIT_FOR_IMAGES)  # every chart decoded before the PDF is made, or it prints blank
            marking = handout.marking or handout.title
            style = "color:#000;font-weight:bold" if handout.marking else "color:#555"
            page.pdf(path=str(out), format="A4", print_background=True, margin=MARGINS, outline=True, tagged=True,
                     display_header_footer=True, header_template=HEADER.format(text=html_text(marking), style=style),
                     footer_template=FOOTER.format(title=html_text(handout.title), page_of=page_of(handout)))
        except PlaywrightError as exc:
            raise PrintFailed(f"{out.name}: {str(exc).splitlines()[0]}") from None
        finally:
            page.close()
        return pypdf.PdfReader(out)

    def print(self, handout: Handout, out: Path, work: Path) -> Handout:
        """Print ``handout`` to ``out`` (A4 PDF); fills in its page count and contents."""
        work.mkdir(parents=True, exist_ok=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        entries = [p.title for p in handout.parts] if handout.toc_level == 1 else section_titles(handout)
        reader = self._print(document(handout, None, entries), work, out, handout)
        found = [page for depth, _title, page in _outline(reader) if depth == handout.toc_level]
        numbers = found if len(found) == len(entries) else None
        if numbers:
            reader = self._print(document(handout, numbers, entries), work, out, handout)
        handout.pages = len(reader.pages)
        handout.toc = list(zip(entries, numbers or [0] * len(entries), strict=True))
        return handout
