"""What a unit's slides say, read from its built pages (so a slide says what the page says).

A trainer presents a unit section by section: its objectives, each key point, the main provisions
of a standard or the sections of a case, the case's timeline as steps, each chart, the discussion
questions, the exercise, and on a self-check page each question with its choices. What only the
trainer may see (model answers, trainer notes, the answers of a self-check) is read from the
trainer page and goes to the speaker notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

# sections that have slides of their own, or none (their headings as the page writes them)
NOT_CONTENT = ("key points", "discussion questions", "sources", "exercise", "practice questions",
               "knowledge check", "learning objectives")
MAX_SECTION_POINTS = 4
POINT_CHARS = 220  # a point longer than this is cut at a sentence end (the page has the rest)


@dataclass(frozen=True)
class ChartSlide:
    """A chart as the page shows it: its image (the landscape slide drawing when there is one), its
    title and a short source line."""

    image: Path
    title: str
    caption: str


@dataclass(frozen=True)
class Question:
    """A self-check question with its choices on the slide, its answer for the notes."""

    text: str
    choices: tuple[str, ...]
    answer: str


def _text(el: Tag) -> str:
    return " ".join(el.get_text(" ", strip=True).split())


def _soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")


def _heading(h: Tag) -> str:
    return _text(h).rstrip("#").strip()


def short_source(caption: str) -> str:
    """A chart caption as one short line for a slide: the pointer to the page's list becomes a
    pointer to the unit's handout, and the line stops after its second sentence."""
    text = caption.replace("listed under Sources at the end of this page", "listed in the unit's handout")
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(sentences[:2])


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
        if figures is not None:
            slide = next(iter(figures.rglob(f"{image.stem}.slide.png")), None) if figures.is_dir() else None
            image = slide or image
        caption = fig.select_one(".caption-text") or fig.find("figcaption")
        title_el = caption.find("strong") if caption is not None else None
        title = _text(title_el).rstrip(".") if title_el is not None else ""
        whole = _text(caption) if caption is not None else ""
        rest = whole[len(_text(title_el)):].strip() if title_el is not None and whole.startswith(_text(title_el)) else whole
        rest = rest.replace("Full-size chart (SVG)", "").strip()
        out.append(ChartSlide(image, title or str(img.get("alt") or "Chart"), short_source(rest)))
    return out


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


def _cut(text: str) -> str:
    if len(text) <= POINT_CHARS:
        return text
    sentences = re.split(r"(?<=[.;])\s+", text)
    kept = ""
    for s in sentences:
        if len(kept) + len(s) > POINT_CHARS and kept:
            break
        kept = f"{kept} {s}".strip()
    return kept if len(kept) <= POINT_CHARS else kept[: POINT_CHARS - 1].rsplit(" ", 1)[0] + "…"


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


def _points(section: Tag) -> list[str]:
    """A section's points: its list items, else its first paragraph; then the provisions of its tables."""
    own = [el for el in section.find_all(["p", "li"], recursive=True)
           if el.find_parent("section") is section and not el.find_parent(["table", "details", "figure", "aside"])
           and not el.find_parent("div", class_=["admonition", "course-table-wrap", "output"])]
    items = [_text(li) for li in own if li.name == "li" and li.find_parent("li") is None]
    provisions = _provisions(section)
    if not items:
        items = [_text(p) for p in own if p.name == "p"][: 1 if provisions else MAX_SECTION_POINTS]
    return [_cut(i) for i in items + provisions if i][: MAX_SECTION_POINTS + 2]


def content_sections(page: Path) -> list[tuple[str, list[str]]]:
    """(heading, points) of each section a trainer presents: the provisions of a standards unit,
    the parts of a case (every ``##`` section that is not key points, discussion, exercise, sources)."""
    out = []
    for h in _soup(page).select("article section > h2"):
        name = _heading(h)
        if name.lower().startswith(NOT_CONTENT) or name.lower() == "timeline":
            continue
        points = _points(h.find_parent("section"))
        if points:
            out.append((name, points))
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
        out.append(" ".join(body.get_text(" ", strip=True).split()))
    return [t for t in out if t]
