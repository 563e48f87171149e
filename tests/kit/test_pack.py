"""The pack: one zip for a delivery. Acceptance tests on the editions fixture (canaries planted in a
trainer cell, a solution cell, trainer_notes and a trainer page), with a chart and a delivery added.

The pack is made once for the module (build and print take a while); each test reads the zip.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import nbformat
import pypdf
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_course, missing_tool, run_course
from coursekit.engine.sitetext import texts_of
from coursekit.kit.handouts import chromium
from coursekit.kit.pack import leak_findings
from pdfcheck import MIN_DPI, PRINTED_CHARTS, image_dpis
from pptx import Presentation

CANARY = "qzcanary7351"
PLANTED = {f"{CANARY}cell", f"{CANARY}solution", f"{CANARY}meta", f"{CANARY}page"}
IN_DECKS = {f"{CANARY}cell", f"{CANARY}solution", f"{CANARY}meta"}  # a trainer page has no deck
CHART = """\
import pandas as pd
from coursekit.book.charts import horizontal_bars

horizontal_bars(pd.Series({"Philippines": 3, "Sri Lanka": 5}), name="fixture-bars", title="Fixture bars",
                xlabel="Reports", caption="Source: First source (Test publisher, 2020). Data as of 1 November 2026.")
"""
DELIVERY = """\
title: Fixture workshop
status: plan
date: 2026-11-20
start: "09:00"
time_zone: Asia/Manila
length_minutes: 90
countries: [PH, LK]
blocks:
  - unit: editions-unit
    note: Pairs first, then plenary.
sources: [src-one]
"""


def _chromium_or_skip() -> None:
    try:
        chromium()
    except Exception as exc:  # noqa: BLE001 (any reason there is no browser)
        missing_tool(f"no Chromium to print with: {exc}")


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, zipfile.ZipFile, str]:
    _chromium_or_skip()
    root = copy_course(FIXTURES / "editions", tmp_path_factory.mktemp("pack") / "course")
    nb = nbformat.read(root / "book" / "unit.ipynb", as_version=4)
    nb.cells.insert(2, nbformat.v4.new_code_cell(CHART))
    nbformat.write(nb, root / "book" / "unit.ipynb")
    (root / "data" / "deliveries").mkdir()
    (root / "data" / "deliveries" / "fixture-workshop.yaml").write_text(DELIVERY)
    res = run_course("pack", "--delivery", "data/deliveries/fixture-workshop.yaml", root=root)
    assert res.returncode == 0, res.stdout + res.stderr
    zf = zipfile.ZipFile(root / "_build" / "pack" / "fixture-workshop-pack.zip")
    return root, zf, res.stdout


def names(zf: zipfile.ZipFile, folder: str) -> list[str]:
    return [n for n in zf.namelist() if n.startswith(f"fixture-workshop-pack/{folder}/")]


def pdf(zf: zipfile.ZipFile, name: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(zf.read(name)))


def pdf_text(zf: zipfile.ZipFile, name: str) -> str:
    return "\n".join(p.extract_text() for p in pdf(zf, name).pages)


def deck_text(data: bytes) -> tuple[str, str]:
    """(slide text, speaker notes) of a .pptx file."""
    prs = Presentation(io.BytesIO(data))
    shown = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    return "\n".join(shown), "\n".join(notes)


# ---- acceptance 1: canaries in the trainer's files, in no participant file -----------------------

def test_canaries_reach_the_trainer_guide_and_decks_and_no_participant_file(packed):
    _root, zf, _out = packed
    guide = pdf_text(zf, "fixture-workshop-pack/trainer-only/trainer-guide.pdf")
    assert {c for c in PLANTED if c in guide} == PLANTED
    decks = [n for n in names(zf, "trainer-only") if n.endswith(".pptx")]
    assert decks and all(n.endswith(".trainer-slides.pptx") for n in decks)
    notes = "\n".join(deck_text(zf.read(n))[1] for n in decks)
    assert {c for c in IN_DECKS if c in notes} == IN_DECKS
    shown = "\n".join(deck_text(zf.read(n))[0] for n in decks)
    assert CANARY not in shown  # on the slides themselves: what a room sees
    participant = names(zf, "participant")
    assert any(n.endswith(".pdf") for n in participant) and any(n.endswith("searchindex.js") for n in participant)
    leaks = [n for n in participant if any(CANARY in t.lower() for t in texts_of(n, zf.read(n)))]
    assert leaks == []  # every file, PDF text included (texts_of reads PDFs with pypdf)
    assert not [n for n in zf.namelist() if "trainer" in n.split("/", 1)[1] and n.startswith(
        "fixture-workshop-pack/participant/")]  # the listing: no trainer file among the participant's


def test_pdf_text_is_read_for_the_leak_check(packed):
    _root, zf, _out = packed
    data = zf.read("fixture-workshop-pack/trainer-only/trainer-guide.pdf")
    assert data[:1000].lower().count(CANARY.encode()) == 0  # compressed: raw bytes would miss it
    assert any(f"{CANARY}page" in t for t in texts_of("guide.pdf", data))


def test_trainer_text_in_a_participant_pdf_stops_the_pack(packed, tmp_path: Path):
    root, zf, _out = packed
    handouts = tmp_path / "fixture-workshop-pack" / "participant" / "handouts"
    handouts.mkdir(parents=True)
    (handouts / "handout.pdf").write_bytes(zf.read("fixture-workshop-pack/trainer-only/trainer-guide.pdf"))
    findings = leak_findings(root, tmp_path, "fixture-workshop-pack")
    assert any(f.code == "LEAK-TRAINER-TEXT" and f.path.endswith("participant/handouts/handout.pdf")
               for f in findings), [f.format() for f in findings]


# ---- acceptance 2: participant PDFs: units, page numbers, charts; the size printed ---------------

def test_participant_pdfs_hold_every_unit_page_numbers_and_every_chart(packed):
    root, zf, out = packed
    handbook = "fixture-workshop-pack/participant/handouts/participant-handbook.pdf"
    reader = pdf(zf, handbook)
    text = pdf_text(zf, handbook)
    for title in ("A unit with trainer material", "Contents"):
        assert title in text
    pages = len(reader.pages)
    for n, page in enumerate(reader.pages, start=1):
        assert f"Page {n} of {pages}" in page.extract_text()
    charts = len(BeautifulSoup((root / "_build" / "participant" / "html" / "unit.html").read_text(),
                               "lxml").select(PRINTED_CHARTS))
    assert charts == 1
    assert sum(len(p.images) for p in reader.pages) == charts
    unit_pdf = next(n for n in names(zf, "participant") if n.endswith("-unit.pdf"))
    per_page = [len(p.images) for p in pdf(zf, unit_pdf).pages]
    assert sum(per_page) == charts, per_page
    dpis = [dpi for page in pdf(zf, unit_pdf).pages for dpi in image_dpis(page)]
    assert len(dpis) == charts and min(dpis) >= MIN_DPI, dpis  # sharp on paper
    assert re.search(r"Size: \d+\.\d MB of a \d+\.\d MB budget", out), out


def test_each_unit_handout_has_contents_and_its_sources(packed):
    _root, zf, _out = packed
    unit_pdf = next(n for n in names(zf, "participant") if n.endswith("-unit.pdf"))
    text = pdf_text(zf, unit_pdf)
    assert "Contents" in text and "Page 1 of" in text


# ---- acceptance 3: decks ------------------------------------------------------------------------

def test_each_deck_has_objectives_one_slide_per_chart_and_trainer_notes(packed):
    _root, zf, _out = packed
    deck = next(n for n in names(zf, "trainer-only") if n.endswith("-unit.trainer-slides.pptx"))
    prs = Presentation(io.BytesIO(zf.read(deck)))
    shown, notes = deck_text(zf.read(deck))
    assert "Explain how stored computer data is preserved" in shown
    assert "Choose a channel for a foreign request" in shown
    pictures = [s for s in prs.slides if any(sh.shape_type == 13 for sh in s.shapes)]
    assert len(pictures) == 1
    # the course's own layout has no title placeholder: the slide's first text box is its title
    title = next(sh for sh in pictures[0].shapes if sh.has_text_frame)
    assert "Fixture bars" in title.text_frame.text
    assert any("Source: First source" in sh.text_frame.text for sh in pictures[0].shapes if sh.has_text_frame)
    assert f"{CANARY}meta" in notes and f"{CANARY}cell" in notes


# ---- the rest of the pack -----------------------------------------------------------------------

def test_pack_holds_charts_calendar_and_a_readme_naming_each_file(packed):
    _root, zf, _out = packed
    listing = zf.namelist()
    assert "fixture-workshop-pack/trainer-only/charts/unit/fixture-bars.svg" in listing
    assert "fixture-workshop-pack/trainer-only/charts/unit/fixture-bars.png" in listing
    assert b"BEGIN:VCALENDAR" in zf.read("fixture-workshop-pack/participant/calendar/fixture-workshop.ics")
    assert [n for n in listing if n.endswith("website/_static/pygments.css")], "the test reads the sites' _static"
    assert not [n for n in listing if n.endswith(".map")], "source maps are for developers' tools, not the pack"
    readme = zf.read("fixture-workshop-pack/README.txt").decode()
    for name in ("participant/website/index.html", "participant-handbook.pdf", "trainer-guide.pdf",
                 ".trainer-slides.pptx", "charts/", "fixture-workshop.ics", "MB"):
        assert name in readme


def test_a_failed_pack_leaves_the_last_good_one(packed, tmp_path: Path):
    root, zf, _out = packed
    target = root / "_build" / "pack" / "fixture-workshop-pack.zip"
    before = target.read_bytes()
    res = run_course("pack", "--delivery", "data/deliveries/fixture-workshop.yaml", root=root,
                     env={"CHROMIUM": str(tmp_path / "no-chromium")})  # fails after the build, mid-pack
    assert res.returncode == 1 and "Traceback" not in res.stdout + res.stderr
    assert "Chromium not found" in res.stdout and "last good pack was kept" in res.stdout
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no half-written zip beside it


def test_the_start_page_opens_every_part_of_the_pack_without_internet(packed):
    """Issue 25: a trainer unzips the pack and opens index.html; every link on it is a file (or folder)
    of the pack, and the page loads nothing from elsewhere and runs no script."""
    _root, zf, _out = packed
    top = "fixture-workshop-pack/"
    page = zf.read(f"{top}index.html").decode()
    links = re.findall(r'href="([^"]+)"', page)
    assert len(links) >= 6
    listing = zf.namelist()
    for link in links:
        assert not re.match(r"^[a-z]+:", link), link  # relative only
        assert any(n == top + link or n.startswith(top + link.rstrip("/") + "/") for n in listing), link
    assert "<script" not in page and "src=" not in page
    assert "Fixture workshop" in page or "fixture" in page.lower()
