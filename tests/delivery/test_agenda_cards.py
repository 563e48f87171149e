"""The trainer agenda's cards: one per block, both clocks, objectives, notes, links to the unit and its
trainer boxes; every field from data escaped for HTML."""

from __future__ import annotations

import dataclasses

from bs4 import BeautifulSoup
from conftest import REPO
from coursekit.delivery.agenda import plan
from coursekit.delivery.agenda_cards import cards
from coursekit.model.curriculum import load
from coursekit.model.trainer_boxes import trainer_boxes

SHIPPED = REPO / "data" / "deliveries" / "regional-workshop-2021.yaml"
PAGE = "book/trainer/agenda-regional-workshop-2021"
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def test_one_card_per_block_with_both_clocks_minutes_and_links():
    agenda = plan(REPO, SHIPPED)
    soup = BeautifulSoup(cards(agenda, PAGE), "lxml")
    found = soup.select("li.agenda-card")
    assert len(found) == len(agenda.slots)
    first = found[0]
    assert first["data-start"] == "2021-09-21T03:00:00Z"
    assert first.select_one(".agenda-clock-main").get_text() == "10:00–10:45 UTC+7"
    # before JavaScript picks, and on paper: a participants' zone (the farthest from the plan's), never UTC
    assert first.select_one(".agenda-clock-second").get_text() == "08:00–08:45 UTC+5"
    assert soup.select_one("select.agenda-zone-select option[selected]")["value"] == "Indian/Maldives"
    zones = first.select_one(".agenda-card-zones").get_text()
    assert "UTC+5 08:00–08:45 (Maldives)" in zones and "UTC+8 11:00–11:45" in zones and " UTC " not in zones
    assert first.select_one(".agenda-card-title a")["href"] == "../overview.html"
    breaks = soup.select("li.agenda-card-break")
    assert len(breaks) == sum(s.is_break for s in agenda.slots) and not breaks[0].select("a")
    options = [o["value"] for o in soup.select("select.agenda-zone-select option")]
    assert options[:2] == ["device", "UTC"] and "Asia/Colombo" in options


def test_cards_link_to_every_trainer_box_of_their_unit():
    agenda = plan(REPO, SHIPPED)
    units = load(REPO).unit_by_id()
    soup = BeautifulSoup(cards(agenda, PAGE), "lxml")
    for slot, card in zip(agenda.slots, soup.select("li.agenda-card"), strict=True):
        if slot.is_break:
            continue
        labels = [b.label for b in trainer_boxes(units[slot.unit_id].notebook)]
        page = "../" + slot.page.removeprefix("book/") + ".html"
        assert [a["href"] for a in card.select(".agenda-card-boxes a")] == [f"{page}#{label}" for label in labels]
    procedural = next(c for c in soup.select("li.agenda-card") if "budapest-procedural" in c.get_text())
    assert procedural.select(".agenda-card-boxes a")  # the shipped units have answers and notes to link


def test_every_data_field_is_escaped():
    agenda = plan(REPO, SHIPPED)
    slots = [dataclasses.replace(s, title=HOSTILE, note=HOSTILE, objectives=(HOSTILE,), trainer_notes=HOSTILE)
             for s in agenda.slots]
    html = cards(dataclasses.replace(agenda, slots=tuple(slots)), PAGE)
    assert "<script>" not in html and "<b>" not in html
    soup = BeautifulSoup(html, "lxml")
    assert not soup.select("script, b")
    card = soup.select_one("li.agenda-card-unit")
    assert card.select_one(".agenda-card-title a").get_text() == HOSTILE
    assert [p.get_text() for p in card.select(".agenda-card-notes p")][1:] == [HOSTILE, HOSTILE]
