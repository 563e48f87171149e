"""What LibreOffice Impress makes of the pack's decks: text that runs out of its box, and chart text
as projected.

Overflow: every text box of every deck is copied alone onto a page of one probe deck (same slide
size, same place), the probe is rendered to PDF by ``soffice --headless --convert-to pdf``, and
``pdftotext -bbox`` gives each word's box: a word outside its text box (below it, or past its right
or left edge) overflows. Chart text: each chart picture carries, in its PNG text chunks, its
smallest type size and its dpi (coursekit.book.charts); placed on the slide at a width, its text is
that size times the placed width over the drawn width.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

EMU_PER_PT = 12700
TOLERANCE_PT = 2.0
MIN_FONT_KEY, DPI_KEY, ROW_PITCH_KEY = "Course-Min-Font-Pt", "Course-Dpi", "Course-Row-Pitch-Pt"
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Box:
    deck: str
    slide: int
    text: str
    left: float  # points
    top: float
    right: float
    bottom: float


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(files: list[Path], outdir: Path) -> None:
    """Render ``files`` with LibreOffice Impress (headless) into ``outdir``, one PDF each."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=600)


def probe(decks: dict[str, bytes], out: Path) -> list[Box]:
    """One page per text box of every deck, in a probe deck written to ``out``."""
    probe_deck = Presentation()
    boxes: list[Box] = []
    for name, data in decks.items():
        prs = Presentation(io.BytesIO(data))
        probe_deck.slide_width, probe_deck.slide_height = prs.slide_width, prs.slide_height
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.shapes:
                if not shape.has_text_frame or not shape.text_frame.text.strip():
                    continue
                page = probe_deck.slides.add_slide(probe_deck.slide_layouts[6])
                page.shapes._spTree.append(copy.deepcopy(shape._element))
                left, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
                boxes.append(Box(name, number, shape.text_frame.text[:60], left, top,
                                 left + shape.width / EMU_PER_PT, top + shape.height / EMU_PER_PT))
    probe_deck.save(str(out))
    return boxes


def overflows(decks: dict[str, bytes], work: Path) -> list[str]:
    """Every text box whose words LibreOffice draws outside it, as 'deck slide n: text'."""
    work.mkdir(parents=True, exist_ok=True)
    boxes = probe(decks, work / "probe.pptx")
    to_pdf([work / "probe.pptx"], work)
    layout = work / "probe.html"
    subprocess.run(["pdftotext", "-bbox", str(work / "probe.pdf"), str(layout)], check=True)
    pages = layout.read_text(encoding="utf-8").split("<page ")[1:]
    assert len(pages) == len(boxes), f"LibreOffice made {len(pages)} pages of {len(boxes)} text boxes"
    out = []
    for box, page in zip(boxes, pages, strict=True):
        for x0, _y0, x1, y1, word in _WORD.findall(page):
            if (float(y1) > box.bottom + TOLERANCE_PT or float(x1) > box.right + TOLERANCE_PT
                    or float(x0) < box.left - TOLERANCE_PT):
                out.append(f"{box.deck} slide {box.slide}: {box.text!r} (the word {word!r} is outside its box)")
                break
    return out


def chart_text_pt(decks: dict[str, bytes]) -> list[tuple[str, int, float]]:
    """(deck, slide, smallest chart text in points as placed) for every chart picture."""
    return [(name, number, text) for name, number, text, _row in chart_rows_pt(decks)]


def chart_rows_pt(decks: dict[str, bytes]) -> list[tuple[str, int, float, float | None]]:
    """(deck, slide, smallest chart text, height of one labelled row or None) in points as placed, for
    every chart picture (the row's height is in the PNG of a chart of labelled rows)."""
    out = []
    for name, data in decks.items():
        prs = Presentation(io.BytesIO(data))
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.shapes:
                if shape.shape_type != MSO_SHAPE_TYPE.PICTURE:
                    continue
                image = Image.open(io.BytesIO(shape.image.blob))
                smallest, dpi = float(image.info.get(MIN_FONT_KEY, 0)), float(image.info.get(DPI_KEY, 0) or 1)
                scale = (shape.width / 914400) / (image.size[0] / dpi)  # placed width over drawn width
                row = image.info.get(ROW_PITCH_KEY)
                out.append((name, number, smallest * scale, float(row) * scale if row else None))
    return out


MIN_BODY_PT = 18.0
BODY_TOP_PT = 90.0  # a text box below the title band is the slide's body (or its source line)
_CUT_AFTER = re.compile(r"(?:\b(?:s|ss|Art|Arts|No|Nos|para|e\.g|i\.e|cf)\.|[,(–-])$")


def body_paragraphs(decks: dict[str, bytes]) -> list[tuple[str, int, float, str]]:
    """(deck, slide, size in points, text) of every paragraph of a slide's body: its bulleted lists and
    the text boxes under the title band, the source line at the foot left out (a short line, smaller)."""
    out = []
    for name, data in decks.items():
        prs = Presentation(io.BytesIO(data))
        foot = prs.slide_height / EMU_PER_PT - 36 - 60  # the source line's box starts above the bottom margin
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.shapes:
                top = shape.top / EMU_PER_PT if shape.has_text_frame else 0
                if not shape.has_text_frame or not BODY_TOP_PT <= top < foot:
                    continue
                for p in shape.text_frame.paragraphs:
                    if p.text.strip():
                        size = p.font.size.pt if p.font.size is not None else 18.0
                        out.append((name, number, size, p.text.strip()))
    return out


def unreadable_or_cut(decks: dict[str, bytes]) -> list[str]:
    """Every body paragraph in type under MIN_BODY_PT, or that stops after an abbreviation ("inserted by
    s.") or in the middle of a clause (a comma, a dash, an open bracket; a semicolon may end a page's list item)."""
    return [f"{deck} slide {n}: {size:g} pt {text[-70:]!r}" for deck, n, size, text in body_paragraphs(decks)
            if size < MIN_BODY_PT or _CUT_AFTER.search(text)]
