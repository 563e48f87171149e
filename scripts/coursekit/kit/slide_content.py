"""What a unit's slides say, read from its built pages (so a slide says what the page says).

A trainer presents a unit section by section: its objectives, each key point, the main provisions
of a standard or the sections of a case, the case's timeline as steps, each chart, the discussion
questions, the exercise, and on a self-check page each question with its choices. What only the
trainer may see (model answers, trainer notes, the answers of a self-check) is read from the
trainer page and goes to the speaker notes.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

# sections that have slides of their own, or none (their headings as the page writes them)
NOT_CONTENT = ("key points", "discussion questions", "sources", "exercise", "practice questions",
               "knowledge check", "learning objectives")
MAX_SECTION_POINTS = 4
POINT_CHARS = 220  # a point longer than this keeps its first sentences up to here (the page has the rest)
SENTENCE_CHARS = 400  # a single sentence longer than this is cut at a word, with an ellipsis


@dataclass(frozen=True)
class ChartSlide:
    """A chart as the page shows it: its image (the landscape slide drawing when there is one), its
    title and a short source line; the caption in full, when the line is shorter, for the speaker
    notes (a coverage grid's key to its numbered units is there)."""

    image: Path
    title: str
    caption: str
    full_caption: str = ""


@dataclass(frozen=True)
class Question:
    """A self-check question with its choices on the slide, its answer for the notes."""

    text: str
    choices: tuple[str, ...]
    answer: str


# a space the joining of an element's pieces put before closing punctuation or after an opening
# bracket ("see <a>Regional challenges</a>)" read "see Regional challenges )")
_SPACE_BEFORE = re.compile(r"\s+(?=[.,;:!?)\]’”»…](?:\s|$|[.,;:!?)\]’”»]))")
_SPACE_AFTER = re.compile(r"(?<=[(\[‘“«])\s+")


def close_up(text: str) -> str:
    """``text`` with its spaces normalised and none before closing punctuation or after an opening
    bracket: an element's text is joined from its pieces (a link, a bold word) with spaces between."""
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", " ".join(text.split())))


def _text(el: Tag) -> str:
    return close_up(el.get_text(" ", strip=True))


def _soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")


def _heading(h: Tag) -> str:
    return _text(h).rstrip("#").strip()


def short_source(caption: str) -> str:
    """A chart caption as one short line for a slide: the pointer to the page's list becomes a
    pointer to the unit's handout, and the line stops after its second sentence."""
    text = caption.replace("listed under Sources at the end of this page", "listed in the unit's handout")
    return " ".join(sentences(text.strip())[:2])


def charts_of(page: Path, figures: Path | None = None) -> list[ChartSlide]:
    """Every figure of a built page with an image: the image (``<name>.slide.png`` from ``figures``
    when the build drew one), its title (the caption's bold part) and a short source line."""
    soup = _soup(page)
    out = []
    for fig in soup.select("article figure"):
        img = fig.find("img")
        if img is None or not img.get("src"):
            continue
        image = (page.parent / str(img["src"])).resolve()
        images = [image]
        if figures is not None and figures.is_dir():
            images = slide_images(figures, image.stem) or images
        caption = fig.select_one(".caption-text") or fig.find("figcaption")
        title_el = caption.find("strong") if caption is not None else None
        title = _text(title_el).rstrip(".") if title_el is not None else ""
        whole = _text(caption) if caption is not None else ""
        rest = whole[len(_text(title_el)):].strip() if title_el is not None and whole.startswith(_text(title_el)) else whole
        rest = rest.replace("Full-size chart (SVG)", "").strip()
        name = title or str(img.get("alt") or "Chart")
        line = short_source(rest)
        full = rest.replace("listed under Sources at the end of this page", "listed in the unit's handout")
        out += [ChartSlide(shown, name if len(images) == 1 else f"{name} ({n} of {len(images)})", line,
                           full if full != line else "")
                for n, shown in enumerate(images, start=1)]
    return out


def slide_images(figures: Path, stem: str) -> list[Path]:
    """The slide drawings of the chart ``stem``: ``<stem>.slide.png``, then its further rows
    (``<stem>.slide-2.png`` ...) when the chart has more rows than one slide holds."""
    first = next(iter(figures.rglob(f"{glob.escape(stem)}.slide.png")), None)
    if first is None:
        return []
    more = {int(m.group(1)): p for p in first.parent.glob(f"{glob.escape(stem)}.slide-*.png")
            if (m := re.fullmatch(rf"{re.escape(stem)}\.slide-(\d+)\.png", p.name))}
    return [first, *(more[k] for k in sorted(more))]


def section_items(page: Path, heading: str) -> list[str]:
    """The list items of the page's section titled ``heading`` (e.g. the discussion questions)."""
    section = _section(_soup(page), lambda h: h.lower() == heading.lower())
    if section is None:
        return []
    return [_text(li) for li in section.select("li") if li.find_parent("li") is None]


def _section(soup: BeautifulSoup, match) -> Tag | None:
    for h in soup.select("article h2, article h3"):
        if match(_heading(h)):
            return h.find_parent("section")
    return None


# a full stop after one of these is not a sentence's end ("s. 10", "Art. 16", "No. 5", "e.g. the")
ABBREVIATIONS = frozenset({"s", "ss", "sec", "art", "arts", "no", "nos", "para", "paras", "p", "pp", "ch",
                           "e.g", "i.e", "cf", "v", "vs", "mr", "ms", "mrs", "dr", "st", "etc", "approx"})
_SENTENCE_END = re.compile(r"(?<=[.!?])[)”’\"]?\s+(?=[A-Z0-9“‘\"(])")


def sentences(text: str) -> list[str]:
    """``text`` split after each sentence's end: a full stop after an abbreviation or an initial
    (the "s." of "inserted by s. 14") does not end one, nor does a semicolon."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        word = text[start:m.start()].rstrip(")”’\"").rsplit(None, 1)[-1] if text[start:m.start()].strip() else ""
        stem = word.rstrip(".!?").lstrip("(“‘\"").lower()
        if word.endswith(".") and (stem in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha())):
            continue
        out.append(text[start:m.start()].strip() + m.group(0).strip())
        start = m.end()
    out.append(text[start:].strip())
    return [x for x in out if x]


def shorten(text: str, limit: int) -> str:
    """``text`` if it is no longer than ``limit``, else cut after its last whole word that fits, with
    an ellipsis (never inside a word)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:([–-")
    return cut + "…"


def _cut(text: str) -> str:
    """A point as a slide shows it: its whole sentences up to POINT_CHARS, its first sentence at least
    (a long one whole up to SENTENCE_CHARS, then cut at a word with an ellipsis)."""
    if len(text) <= POINT_CHARS:
        return text
    kept = ""
    for sentence in sentences(text):
        if kept and len(kept) + 1 + len(sentence) > POINT_CHARS:
            break
        kept = f"{kept} {sentence}".strip()
    return shorten(kept, SENTENCE_CHARS)


_AS_OF = re.compile(r"^(?:(?P<level>verified|secondary) source, )?as of (?P<date>.+)$")


@dataclass(frozen=True)
class StatusPoint:
    """A status sentence of the page (``coursekit.book.status``: "Subject: word (law, section;
    source: title; level source, as of date)") with the fields a slide shows: the subject, the status
    and the law with its section, whole; the source and evidence level go to the slide's source line."""

    shown: str
    level: str  # "verified", "secondary" or ""
    as_of: str


def _closing_group(text: str) -> tuple[str, str] | None:
    """(what comes before, the inside) of the parenthesised group that ends ``text``, or None."""
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return text[:i].rstrip(), text[i + 1:-1]
    return None


def status_point(li: Tag) -> StatusPoint | None:
    """The slide's fields of a status sentence list item, or None for any other item."""
    strong = li.find("strong")
    subject = _text(strong) if strong is not None else ""
    whole = _text(li)
    if not subject.endswith(":") or not whole.startswith(subject):
        return None
    group = _closing_group(whole[len(subject):].strip())
    if group is None:
        return None
    word, details = group
    head, _, last = details.rpartition("; ")
    when = _AS_OF.match(last if head else details)
    if when is None or not word:
        return None
    law = head.rpartition("; source: ")[0] if "; source: " in head else ("" if head.startswith("source: ") else head)
    shown = f"{subject} {word}" + (f" ({law})" if law else "")
    return StatusPoint(shown, when.group("level") or "", when.group("date"))


def status_source_line(points: list[StatusPoint]) -> str:
    """One short line for the slide under a list of status sentences: their evidence levels and dates."""
    levels = [lv for lv in ("verified", "secondary") if any(p.level == lv for p in points)]
    dates = list(dict.fromkeys(p.as_of for p in points))
    kind = " and ".join(levels).capitalize() + " sources" if levels else "Sources"
    return (f"{kind}, as of {' and '.join(dates)}; the law's data and each source are listed in the unit's "
            "handout.")


def _provisions(section: Tag) -> list[str]:
    """The articles a standards section presents ("Article 16, Expedited preservation: lets ..."),
    from its tables whose first column is the article."""
    out = []
    for table in section.select("table.course-table"):
        heads = [_text(th) for th in table.select("thead th")]
        if not heads or heads[0] not in ("Article", "Provision") or "Title" not in heads:
            continue
        for tr in table.select("tbody tr"):
            cells = dict(zip(heads, (_text(td) for td in tr.find_all("td")), strict=False))
            summary = cells.get("Summary", "")
            out.append(_cut(f"{heads[0]} {cells[heads[0]]}, {cells['Title']}" + (f": {summary}" if summary else "")))
    return out


@dataclass(frozen=True)
class Section:
    """A section a trainer presents: its heading, its points (each whole), and a short source line
    when its points are status sentences whose sources the slide leaves to the handout."""

    heading: str
    points: list[str]
    source: str = ""


def _points(section: Tag) -> tuple[list[str], str]:
    """A section's points: its list items, else its first paragraph; then the provisions of its
    tables. A status sentence shows its subject, status, law and section; its source and evidence
    level become the section's source line."""
    own = [el for el in section.find_all(["p", "li"], recursive=True)
           if el.find_parent("section") is section and not el.find_parent(["table", "details", "figure", "aside"])
           and not el.find_parent("div", class_=["admonition", "course-table-wrap", "output"])]
    lis = [li for li in own if li.name == "li" and li.find_parent("li") is None]
    statuses = [status_point(li) for li in lis]
    items = [st.shown if st is not None else _cut(_text(li)) for li, st in zip(lis, statuses, strict=True)]
    provisions = _provisions(section)
    if not items:  # a paragraph ending in a colon introduces a table or list the slide does not show
        paragraphs = [_text(p) for p in own if p.name == "p"]
        items = [_cut(t) for t in paragraphs if not t.endswith(":")][: 1 if provisions else MAX_SECTION_POINTS]
    kept = [i for i in items + provisions if i][: MAX_SECTION_POINTS + 2]
    shown_statuses = [st for st in statuses if st is not None and st.shown in kept]
    return kept, status_source_line(shown_statuses) if shown_statuses else ""


def content_sections(page: Path) -> list[Section]:
    """Each section a trainer presents: the provisions of a standards unit, the parts of a case
    (every ``##`` section that is not key points, discussion, exercise, sources)."""
    out = []
    for h in _soup(page).select("article section > h2"):
        name = _heading(h)
        if name.lower().startswith(NOT_CONTENT) or name.lower() == "timeline":
            continue
        points, source = _points(h.find_parent("section"))
        if points:
            out.append(Section(name, points, source))
    return out


def timeline_steps(page: Path) -> list[str]:
    """A case's timeline as steps ("Day 0: ..."), from the page's timeline table."""
    section = _section(_soup(page), lambda h: h.lower() == "timeline")
    table = section.find("table") if section is not None else None
    if table is None:
        return []
    heads = [_text(th) for th in table.select("thead th")]
    steps = []
    for tr in table.select("tbody tr"):
        cells = dict(zip(heads, (_text(td) for td in tr.find_all("td")), strict=False))
        day, phase = cells.get("Day", ""), cells.get("Phase", "")
        what = cells.get("What happened") or cells.get("Event") or " ".join(v for v in cells.values() if len(v) > 20)
        if what:
            when = f"Day {day}" if day else ""
            label = ", ".join(x for x in (when, phase) if x)
            steps.append(_cut(f"{label}: {what}" if label else what))
    return steps


def exercise(page: Path) -> tuple[str, list[str]] | None:
    """The exercise section's heading and its text (the model answer is trainer-only, on the notes)."""
    section = _section(_soup(page), lambda h: h.lower().startswith("exercise"))
    if section is None:
        return None
    name = _heading(section.find(["h2", "h3"]))
    paras = [_cut(_text(p)) for p in section.find_all(["p", "li"])
             if not p.find_parent(["details", "aside"]) and not p.find_parent("div", class_="admonition")]
    return name, [p for p in paras if p][:MAX_SECTION_POINTS]


def self_check(page: Path) -> list[Question]:
    """The practice questions of a self-check page, each with its choices and its answer."""
    out = []
    for li in _soup(page).select("article ol.course-practice > li"):
        q = li.select_one(".self-check-question")
        if q is None:
            continue
        choices = tuple(f"{chr(97 + i)}. {_text(c)}" for i, c in enumerate(li.select("ol[type=a] > li")))
        answer = li.select_one("details.course-answer")
        if answer is not None and answer.summary is not None:
            answer.summary.decompose()
        out.append(Question(_text(q), choices, _text(answer) if answer is not None else ""))
    return out


def box_texts(page: Path, kind: str) -> list[str]:
    """The text of every trainer box of ``kind`` ("answer" or "notes") on a built trainer page."""
    soup = _soup(page)
    out = []
    for box in soup.select(f".trainer-box-{kind}, .tag_trainer-box-{kind}"):
        body = box.select_one(".sd-summary-content, .cell_output, .output") or box
        out.append(_text(body))
    return [t for t in out if t]
