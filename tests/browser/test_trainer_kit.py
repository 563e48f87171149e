"""The trainer site as a trainer uses it in a room: answers and notes collapsed in boxes the unit card
links to, the trainer marker on screen however far a page is scrolled (and on every printed page), and
the agenda's cards with a second clock and the block under way highlighted by the device's clock."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
from bs4 import BeautifulSoup
from coursekit.engine.transforms.box_trainer_material import BOX_CLASS
from coursekit.model.curriculum import is_trainer_page, load, staged_name
from coursekit.model.trainer_boxes import trainer_boxes
from playwright.sync_api import BrowserContext

from .browse import Site, site_pages

MARKER = "Trainer edition: not for distribution"
SCROLL_PX = 3000
AGENDA = "trainer/agenda-regional-workshop-2021.html"


def test_every_answer_and_note_is_in_a_collapsed_box_linked_from_its_unit_card(built_course: Path):
    html_dir = built_course / "_build" / "trainer" / "html"
    problems = []
    checked = 0
    for unit in load(built_course).units:
        boxes = trainer_boxes(unit.notebook) if unit.notebook is not None else []
        if not boxes or is_trainer_page(unit.shown):
            continue
        soup = BeautifulSoup((html_dir / (staged_name(unit.shown).rsplit(".", 1)[0] + ".html")).read_text(), "lxml")
        card = soup.select_one(".trainer-card")
        linked = {a["href"].lstrip("#") for a in card.select("a[href^='#']")} if card else set()
        for box in boxes:
            anchor = soup.find(id=box.label)
            section = anchor.find_parent("section") if anchor else None
            holders = section.select(f"details.{BOX_CLASS}, .tag_{BOX_CLASS}") if section else []
            if box.label not in linked:
                problems.append(f"{unit.shown}: {box.label} is not linked from the unit card")
            if not holders or len(holders) < max(1, len(box.cells)):
                problems.append(f"{unit.shown}: {box.label} has {len(holders)} box(es) for {len(box.cells)} cell(s)")
            for holder in holders:
                details = holder if holder.name == "details" else holder.find("details")
                if details is None or details.has_attr("open"):
                    problems.append(f"{unit.shown}: a box of {box.label} is not collapsed")
            checked += 1
    assert checked > 40 and problems == [], "\n".join(problems)


def test_trainer_marker_stays_on_screen_after_scrolling_on_every_trainer_page(trainer_site: Site,
                                                                              context: BrowserContext):
    unseen = []
    page = context.new_page()
    try:
        for path in site_pages(trainer_site.html_dir):
            page.goto(trainer_site.url(path), wait_until="load")
            page.evaluate(f"window.scrollTo(0, {SCROLL_PX})")
            page.wait_for_timeout(50)
            marker = page.locator(".bd-header-announcement")
            box = marker.bounding_box() if marker.count() and marker.is_visible() else None
            if box is None or box["y"] > 1 or box["y"] + box["height"] <= 0 or MARKER not in marker.inner_text():
                unseen.append(f"{path}: {box}")
    finally:
        page.close()
    assert unseen == [], "the trainer marker scrolled away on:\n" + "\n".join(unseen)


def test_trainer_marker_prints_on_every_page_of_the_agenda(trainer_site: Site, context: BrowserContext):
    page = context.new_page()
    try:
        page.goto(trainer_site.url(AGENDA), wait_until="load")
        reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    finally:
        page.close()
    assert len(reader.pages) >= 2
    assert [n for n, p in enumerate(reader.pages, start=1) if MARKER not in " ".join(p.extract_text().split())] == []


def test_agenda_highlights_the_block_under_way_and_shows_a_second_clock(trainer_site: Site, context: BrowserContext):
    page = context.new_page()
    try:
        page.clock.set_fixed_time(dt.datetime(2021, 9, 21, 3, 50, tzinfo=dt.UTC))  # 10:50 in Bangkok: block 2
        page.goto(trainer_site.url(AGENDA), wait_until="load")
        cards = page.locator("li.agenda-card")
        assert cards.count() == 8
        now = page.locator("li.agenda-card-now")
        assert now.count() == 1 and "budapest-procedural" in now.inner_text()
        page.select_option("select.agenda-zone-select", "Asia/Colombo")
        assert cards.first.locator(".agenda-clock-second").inner_text() == "08:30–09:15 UTC+5:30"
        page.reload(wait_until="load")  # the choice is remembered on this device
        assert cards.first.locator(".agenda-clock-second").inner_text() == "08:30–09:15 UTC+5:30"
    finally:
        page.close()
