"""Slide decks: one PowerPoint file per unit, for the trainer to project (python-pptx).

The slides are 16:9 and laid out here, not by the 4:3 default template: a title band and a body box
that use the whole slide. One slide per thing a trainer presents (``slide_content`` reads them from
the built page): objectives, each key point, each provision or part of a case, the timeline as
steps, each chart (drawn again landscape, text at least 18 pt as placed; a chart of more rows than
a slide holds on several slides), the discussion questions, the exercise, each self-check question.
Lists are set at 24 pt or more and go on to the next slide rather than into smaller type; every item
is whole (``slide_content`` chooses which fields of a law's status to show, and ends a long point at
a sentence's end). What participants may see is on the slides; what the
trainer says (trainer notes, model answers, self-check answers) is in the speaker notes of the
slide it belongs to. The decks are trainer material because of their notes, and are named so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from .slide_content import (  # noqa: F401  (re-exported: pack.py reads pages through this module)
    ChartSlide,
    Question,
    Section,
    box_texts,
    charts_of,
    content_sections,
    exercise,
    section_items,
    self_check,
    sentences,
    shorten,
    timeline_steps,
)

WIDE = (Inches(13.333), Inches(7.5))  # 16:9, what projectors and both PowerPoint and LibreOffice show
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_H = Inches(0.3), Inches(1.0)
BODY_TOP = Inches(1.45)
FOOT_H = Inches(0.7)  # the source line under a chart
BODY_SIZES = (32, 28, 24)  # points; the largest that fits is used, else the list goes on another slide
LONE_ITEM_PT = 20  # one item alone too long for a slide at 24 pt (no smaller: read from the back of a room)
TITLE_PT = 32
FOOT_PT = 14
LINE = 1.25  # line height, in font sizes
CHAR_EM = 0.56  # average character width, in font sizes (Noto Sans / Liberation Sans)
INK = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x00, 0x5A, 0x9C)
TRAINER_MARK = "Trainer deck: the speaker notes are not for distribution"


@dataclass
class Deck:
    """What a unit's deck says."""

    title: str
    minutes: int | None = None
    course: str = ""
    delivery: str = ""  # the delivery's title and date, or "" for the course's own deck
    block: str = ""  # "Block 2 of 5" in a delivery
    objectives: list[str] = field(default_factory=list)
    keypoints: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)  # provisions, parts of a case, key laws
    steps: list[str] = field(default_factory=list)  # a case's timeline
    charts: list[ChartSlide] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    exercise: tuple[str, list[str]] | None = None
    self_check: list[Question] = field(default_factory=list)
    trainer_notes: list[str] = field(default_factory=list)  # speaker notes of the title slide
    answers: list[str] = field(default_factory=list)  # speaker notes of the discussion / exercise slide


def _lines(text: str, size: float, width: Emu) -> int:
    chars = max(1, int(width / Pt(size * CHAR_EM)))
    return sum(max(1, math.ceil(len(part) / chars)) for part in text.split("\n"))


def fits(items: list[str], size: float, width: Emu, height: Emu) -> bool:
    """Whether ``items`` as paragraphs at ``size`` points fill no more than the box (an estimate with
    room to spare; the deck test renders every deck in LibreOffice to check it)."""
    lines = sum(_lines(i, size, width - Inches(0.3)) for i in items)
    gaps = Pt(size * 0.4) * max(0, len(items) - 1)
    return lines * Pt(size * LINE) + gaps + Inches(0.2) <= height


def _box(slide, left, top, width, height, items: list[str], size: float, *, bold: bool = False,
         colour: RGBColor = INK, bullets: bool = False):
    shape = slide.shapes.add_textbox(left, top, width, height)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, item in enumerate(items):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = ("• " if bullets and len(items) > 1 else "") + item
        para.font.size = Pt(size)
        para.font.bold = bold
        para.font.color.rgb = colour
        para.space_after = Pt(size * 0.4)
    return shape


def _slide(prs: Presentation, title: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank: the boxes are the course's own
    width = prs.slide_width - 2 * MARGIN
    size = TITLE_PT if fits([title], TITLE_PT, width, TITLE_H) else 24
    _box(slide, MARGIN, TITLE_TOP, width, TITLE_H, [title], size, bold=True, colour=ACCENT)
    return slide


def _notes(slide, heading: str, texts: list[str]) -> None:
    if texts:
        frame = slide.notes_slide.notes_text_frame
        frame.text = "\n\n".join(t for t in [frame.text, heading, *texts] if t)


def list_slides(prs: Presentation, title: str, items: list[str], sizes: tuple[int, ...] = BODY_SIZES,
                source: str = "") -> list:
    """``items`` on as few slides as they fit on at a readable size (the largest of ``sizes`` that
    fits), one slide at least; a list too long for one slide goes on to the next, never into smaller
    type. An item too long for a whole slide at the smallest size (no page writes one) ends at a word
    with an ellipsis. ``source``: a short line at the foot of each slide."""
    width = prs.slide_width - 2 * MARGIN
    height = prs.slide_height - BODY_TOP - MARGIN - (FOOT_H if source else 0)
    made, rest, part = [], list(items), 0
    while rest:
        take = len(rest)
        size = next((s for s in sizes if fits(rest[:take], s, width, height)), None)
        while size is None and take > 1:
            take -= 1
            size = next((s for s in sizes if fits(rest[:take], s, width, height)), None)
        if size is None and fits(rest[:1], min(LONE_ITEM_PT, sizes[-1]), width, height):
            size = min(LONE_ITEM_PT, sizes[-1])
        if size is None:  # one item alone does not fit: shortened, never shrunk
            size, item = min(LONE_ITEM_PT, sizes[-1]), rest[0]
            while not fits([item], size, width, height) and len(item) > 40:
                item = shorten(item, int(len(item) * 0.9))
            rest[0] = item
        slide = _slide(prs, title if part == 0 else f"{title} (continued)")
        _box(slide, MARGIN, BODY_TOP, width, height, rest[:take], size, bullets=True)
        if source:
            _foot(prs, slide, source)
        made.append(slide)
        rest, part = rest[take:], part + 1
    return made


def _foot(prs: Presentation, slide, text: str) -> None:
    """The short source line at the foot of a slide."""
    width = prs.slide_width - 2 * MARGIN
    line, size = _fitted(text, (FOOT_PT, 12), width, FOOT_H)
    _box(slide, MARGIN, prs.slide_height - MARGIN - FOOT_H + Inches(0.1), width, FOOT_H, [line], size)


def chart_slide(prs: Presentation, chart: ChartSlide):
    slide = _slide(prs, chart.title)
    width = prs.slide_width - 2 * MARGIN
    height = prs.slide_height - BODY_TOP - MARGIN - FOOT_H
    pic = slide.shapes.add_picture(str(chart.image), MARGIN, BODY_TOP)
    scale = min(width / pic.width, height / pic.height)
    pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
    pic.left = Emu(int((prs.slide_width - pic.width) / 2))
    if chart.caption:
        _foot(prs, slide, chart.caption)
    _notes(slide, "The chart's caption in full", [chart.full_caption] if chart.full_caption else [])
    return slide


def _fitted(text: str, sizes: tuple[int, ...], width: Emu, height: Emu) -> tuple[str, int]:
    """``text`` at the largest of ``sizes`` that fits the box, else cut sentence by sentence (a
    source line: the handout has it whole), a single sentence at a word with an ellipsis."""
    while True:
        size = next((s for s in sizes if fits([text], s, width, height)), None)
        if size is not None:
            return text, size
        parts = sentences(text)
        text = " ".join(parts[:-1]) if len(parts) > 1 else shorten(text, int(len(text) * 0.8))


def _title_slide(prs: Presentation, deck: Deck):
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    width = prs.slide_width - 2 * MARGIN
    if deck.course:
        _box(slide, MARGIN, Inches(0.5), width, Inches(1.1), [deck.course], 18, colour=ACCENT)
    size = 40 if fits([deck.title], 40, width, Inches(2.0)) else 32
    _box(slide, MARGIN, Inches(1.8), width, Inches(2.1), [deck.title], size, bold=True)
    facts = [x for x in (deck.delivery, deck.block, f"{deck.minutes} minutes" if deck.minutes else "") if x]
    if facts:
        size = next((s for s in (22, 20, 18, 16) if fits(facts, s, width, Inches(2.2))), 16)
        _box(slide, MARGIN, Inches(4.0), width, Inches(2.2), facts, size)
    _box(slide, MARGIN, prs.slide_height - Inches(0.95), width, Inches(0.6), [TRAINER_MARK], 16, bold=True)
    _notes(slide, "Trainer notes (not for distribution)", deck.trainer_notes)
    return slide


def write_deck(deck: Deck, out: Path) -> None:
    """Write ``deck`` as a .pptx file at ``out``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE
    title = _title_slide(prs, deck)
    if deck.objectives:
        list_slides(prs, "Learning objectives", deck.objectives)
    for n, point in enumerate(deck.keypoints, start=1):
        list_slides(prs, f"Key point {n} of {len(deck.keypoints)}", [point], sizes=(40, 36, 32, 28))
    for section in deck.sections:
        list_slides(prs, section.heading, section.points, source=section.source)
    if deck.steps:
        list_slides(prs, "Timeline, step by step", deck.steps)
    for chart in deck.charts:
        chart_slide(prs, chart)
    for n, q in enumerate(deck.self_check, start=1):
        slide = list_slides(prs, f"Question {n} of {len(deck.self_check)}", [q.text, *q.choices])[-1]
        _notes(slide, "Answer (not for distribution)", [q.answer])
    answered = None
    if deck.questions:
        answered = list_slides(prs, "Discussion questions", deck.questions)[-1]
    if deck.exercise is not None:
        name, text = deck.exercise
        answered = list_slides(prs, name, text or ["See the unit's page."])[-1]
    _notes(answered or title, "Model answers (not for distribution)", deck.answers)
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(out))
