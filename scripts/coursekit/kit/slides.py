"""Slide decks: one PowerPoint file per unit, for the trainer to project (python-pptx).

What is on the slides is what participants may see (title, objectives, each chart with its caption
and source, key points, discussion questions); what the trainer says is in the speaker notes (the
unit's trainer notes and facilitation notes, and the model answers under the discussion slide).
Captions come from the built participant page's figures, so a slide's source line is the page's.
The decks are trainer material because of their notes, and are named so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

WIDE = (Inches(13.333), Inches(7.5))  # 16:9, what projectors and both PowerPoint and LibreOffice show
MAX_BULLETS = 7  # more than this on a slide and a room stops reading; the rest go to a second slide


@dataclass(frozen=True)
class ChartSlide:
    """A chart as the page shows it: its image, its title and the rest of its caption (the source)."""

    image: Path
    title: str
    caption: str


@dataclass
class Deck:
    """What a unit's deck says."""

    title: str
    minutes: int | None = None
    objectives: list[str] = field(default_factory=list)
    charts: list[ChartSlide] = field(default_factory=list)
    keypoints: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    trainer_notes: list[str] = field(default_factory=list)  # speaker notes of the title slide
    answers: list[str] = field(default_factory=list)  # speaker notes of the discussion slide


def _text(el) -> str:
    return " ".join(el.get_text(" ", strip=True).split())


def charts_of(page: Path) -> list[ChartSlide]:
    """Every figure of a built page with an image: the image file, title (bold part) and caption."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    out = []
    for fig in soup.select("article figure"):
        img = fig.find("img")
        if img is None or not img.get("src"):
            continue
        image = (page.parent / str(img["src"])).resolve()
        caption = fig.select_one(".caption-text") or fig.find("figcaption")
        title_el = caption.find("strong") if caption is not None else None
        title = _text(title_el).rstrip(".") if title_el is not None else ""
        whole = _text(caption) if caption is not None else ""
        rest = whole[len(_text(title_el)):].strip() if title_el is not None and whole.startswith(_text(title_el)) else whole
        out.append(ChartSlide(image, title or str(img.get("alt") or "Chart"), rest))
    return out


def section_items(page: Path, heading: str) -> list[str]:
    """The list items of the page's section titled ``heading`` (e.g. the discussion questions)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    for h in soup.select("article h2, article h3"):
        if _text(h).rstrip("#").strip().lower() == heading.lower():
            section = h.find_parent("section")
            if section is not None:
                return [_text(li) for li in section.select("li") if li.find_parent("li") is None]
    return []


def box_texts(page: Path, kind: str) -> list[str]:
    """The text of every trainer box of ``kind`` ("answer" or "notes") on a built trainer page."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    out = []
    for box in soup.select(f".trainer-box-{kind}, .tag_trainer-box-{kind}"):
        body = box.select_one(".sd-summary-content, .cell_output, .output") or box
        out.append(" ".join(body.get_text(" ", strip=True).split()))
    return [t for t in out if t]


def _bullets(slide, items: list[str], *, size: int = 22) -> None:
    body = slide.placeholders[1].text_frame
    body.clear()
    for i, item in enumerate(items):
        para = body.paragraphs[0] if i == 0 else body.add_paragraph()
        para.text = item
        para.font.size = Pt(size)


def _list_slides(prs: Presentation, title: str, items: list[str]) -> None:
    for start in range(0, len(items), MAX_BULLETS):
        chunk = items[start:start + MAX_BULLETS]
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title if start == 0 else f"{title} (continued)"
        _bullets(slide, chunk, size=22 if max(len(c) for c in chunk) < 140 else 18)


def _chart_slide(prs: Presentation, chart: ChartSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    slide.shapes.title.text = chart.title
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(28)
    top, bottom = Inches(1.4), Inches(1.1)
    box_w, box_h = prs.slide_width - Inches(1), prs.slide_height - top - bottom
    pic = slide.shapes.add_picture(str(chart.image), Inches(0.5), top)
    scale = min(box_w / pic.width, box_h / pic.height)
    pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
    pic.left = Emu(int((prs.slide_width - pic.width) / 2))
    caption = slide.shapes.add_textbox(Inches(0.5), prs.slide_height - bottom + Inches(0.1), box_w, Inches(0.9))
    caption.text_frame.word_wrap = True
    caption.text_frame.text = chart.caption
    caption.text_frame.paragraphs[0].font.size = Pt(12)


def write_deck(deck: Deck, out: Path) -> None:
    """Write ``deck`` as a .pptx file at ``out``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = deck.title
    title.placeholders[1].text = f"{deck.minutes} minutes" if deck.minutes else ""
    title.notes_slide.notes_text_frame.text = "\n\n".join(
        ["Trainer notes (not for distribution)", *deck.trainer_notes] if deck.trainer_notes else [])
    if deck.objectives:
        _list_slides(prs, "Learning objectives", deck.objectives)
    for chart in deck.charts:
        _chart_slide(prs, chart)
    if deck.keypoints:
        _list_slides(prs, "Key points", deck.keypoints)
    if deck.questions:
        _list_slides(prs, "Discussion questions", deck.questions)
        if deck.answers:
            notes = prs.slides[len(prs.slides) - 1].notes_slide.notes_text_frame
            notes.text = "\n\n".join(["Model answers (not for distribution)", *deck.answers])
    elif deck.answers:
        notes = title.notes_slide.notes_text_frame
        notes.text = notes.text + "\n\n" + "\n\n".join(["Model answers (not for distribution)", *deck.answers])
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(out))
