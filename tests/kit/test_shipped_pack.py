"""The shipped course's pack for its shipped delivery, as a trainer gets it: PDFs that print cleanly,
a guide cut to the delivery, decks that LibreOffice Impress shows with nothing running out of its box.

One pack is made per run (tests/conftest.py: the shipped course built once, then packed in a copy) and
shared with tests/browser/test_pack_site.py. The counts
that the issue quotes (handbook pages, decks and slides) are printed.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from conftest import REPO, missing_tool
from coursekit.delivery.agenda import plan
from coursekit.kit.handouts import chromium
from coursekit.model import languages
from coursekit.model.text import slug
from deckcheck import chart_rows_pt, chart_text_pt, overflows, soffice, unreadable_or_cut
from pptx import Presentation
from wordcheck import broken_words, vocabulary

DELIVERY = "data/deliveries/regional-workshop-2021.yaml"
TOP = "regional-workshop-2021-pack"
HANDBOOK_MAX_PAGES = 160
MIN_CHART_PT = 18.0


@pytest.fixture(scope="module")
def shipped(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, zipfile.ZipFile]:
    try:
        chromium()
    except Exception as exc:  # noqa: BLE001 (any reason there is no browser)
        missing_tool(f"no Chromium to print with: {exc}")
    zip_path, _stdout = request.getfixturevalue("shipped_pack")  # made once per run (tests/conftest.py)
    assert zip_path.name == f"{TOP}.zip", zip_path
    zf = zipfile.ZipFile(zip_path)
    out = tmp_path_factory.mktemp("shipped-pack")
    zf.extractall(out)
    return out / TOP, zf


def _pdfs(top: Path) -> list[Path]:
    """The pack's English PDFs: the word check knows English words only (the handbooks in handouts/<code>/ are
    checked for their own script's fonts in tests/browser/test_pack_site.py)."""
    others = {lang.code for lang in languages.load(REPO)}  # the translated languages
    return sorted(p for p in top.rglob("*.pdf") if p.parent.name not in others)


def _decks(top: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((top / "trainer-only" / "slides").glob("*.pptx"))}


def test_the_handbook_is_at_most_160_pages(shipped):
    """285 pages at the start, 180 (printed at 97%: Chromium shrank every page to fit the ten-column channels
    grid) before the print layout of issue 24: wide tables of paragraphs as records, half-width charts in
    pairs or beside their captions, a table or list the handbook already holds printed once."""
    top, _zf = shipped
    pages = len(pypdf.PdfReader(top / "participant" / "handouts" / "participant-handbook.pdf").pages)
    print(f"\nparticipant handbook: {pages} pages")
    assert pages <= HANDBOOK_MAX_PAGES


def test_no_word_is_broken_inside_itself_in_any_pdf_of_the_pack(shipped):
    top, _zf = shipped
    words = vocabulary([top / "participant" / "website", top / "trainer-only" / "website"])
    broken = {p.relative_to(top).as_posix(): broken_words(p.read_bytes(), words) for p in _pdfs(top)}
    broken = {k: v[:5] for k, v in broken.items() if v}
    assert broken == {}


def test_the_delivery_guide_holds_its_blocks_in_agenda_order_in_its_zones(shipped):
    top, _zf = shipped
    agenda = plan(REPO, REPO / DELIVERY)
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(top / "trainer-only" / "trainer-guide.pdf").pages)
    text = " ".join(text.split())
    blocks = [s for s in agenda.slots if s.page]
    found = [m.group(1) for m in re.finditer(r"Block (\d+): ", text)]
    expected = [str(s.session) for s in blocks]
    assert [n for n in dict.fromkeys(found)] == expected  # every block, in the agenda's order, and no other unit
    units = {p.stem.split(".")[0] for p in (top / "participant" / "handouts" / "units").glob("*.pdf")}
    for n, slot in enumerate(blocks, start=1):
        name = next(u for u in units if u.startswith(f"{n:02d}-"))
        assert name == f"{n:02d}-{slug(slot.page.removeprefix('book/'))}"  # handout 01 is block 1, and so on
        assert f"(handout{name})" in text.replace(" ", "")  # a long heading may wrap inside the name
    for hidden in ("Learning objectives per unit", "Block 6:"):
        assert hidden not in text  # no course-wide table of every unit, no unit outside the delivery
    assert "UTC+5:30" in text and "UTC+8" in text  # the delivery's own clocks ...
    assert not re.search(r"\d\d:\d\d–\d\d:\d\d UTC(?![+\-−])", text)  # ... never the printing machine's UTC


def test_the_guide_has_nothing_past_the_right_margin(shipped):
    top, _zf = shipped
    reader = pypdf.PdfReader(top / "trainer-only" / "trainer-guide.pdf")
    width = float(reader.pages[0].mediabox.width)
    right_margin = 13 / 25.4 * 72  # handouts.MARGINS
    past = []
    for n, page in enumerate(reader.pages, start=1):
        def visit(text, cm, tm, _font, _size, n=n):
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]  # where the text starts, on the page
            if text.strip() and x > width - right_margin + 2:
                past.append(f"page {n}: {text.strip()[:30]!r} at x={x:.0f}")
        page.extract_text(visitor_text=visit)
    assert past == []


def test_every_deck_renders_in_impress_with_no_text_outside_its_box(shipped, tmp_path: Path):
    if soffice() is None:
        missing_tool("LibreOffice Impress is not installed (.ci/run installs it: apt-get install libreoffice-impress)")
    top, _zf = shipped
    decks = _decks(top)
    slides = {k: len(Presentation(io.BytesIO(v)).slides) for k, v in decks.items()}
    print(f"\n{len(decks)} decks, {sum(slides.values())} slides")
    assert overflows(decks, tmp_path / "probe") == []


def test_chart_text_on_every_slide_is_at_least_18_pt_as_placed(shipped):
    top, _zf = shipped
    charts = chart_text_pt(_decks(top))
    assert charts, "no chart on any slide"
    print(f"\n{len(charts)} slide charts, smallest text {min(c[2] for c in charts):.1f} pt as placed")
    assert [c for c in charts if c[2] < MIN_CHART_PT] == []


def test_every_slide_list_is_whole_and_readable_and_chart_rows_stand_apart(shipped):
    """Malaysia's "Key laws" list was set in 20 pt with an item cut at "inserted by s."; the coverage
    grids' 35 rows were drawn on top of one another. Every body paragraph of every deck is at least
    18 pt and ends where a sentence or a clause may end; every chart of labelled rows has its rows at
    least 1.2 times its text apart, as placed."""
    top, _zf = shipped
    decks = _decks(top)
    assert unreadable_or_cut(decks) == []
    rows = chart_rows_pt(decks)
    assert [r for r in rows if r[3] is not None and r[3] < 1.2 * r[2]] == []


def test_the_procedural_powers_deck_teaches_and_self_check_decks_show_their_questions(shipped):
    top, _zf = shipped
    decks = _decks(top)
    procedural = next(Presentation(io.BytesIO(v)) for k, v in decks.items() if "budapest-procedural" in k)
    assert len(procedural.slides) >= 8
    title = " ".join(sh.text_frame.text for sh in procedural.slides[0].shapes if sh.has_text_frame)
    for expected in ("Budapest Convention II", "Block 2 of 5", "21 September 2021", "Trainer deck",
                     "training book"):
        assert expected in title
    for name, data in decks.items():
        if "self-checks" not in name:
            continue
        prs = Presentation(io.BytesIO(data))
        shown = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides]
        notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in prs.slides]
        questions = [i for i, t in enumerate(shown) if t.startswith("Question ")]
        assert questions, f"{name}: no question on a slide"
        for i in questions:
            assert "Answer" in notes[i] and "Answer:" not in shown[i]  # the answer in the notes only

