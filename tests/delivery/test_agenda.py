"""Deliveries and their agendas: local times in every country, a calendar file, clear refusals."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, course_main, snapshot
from coursekit.delivery.agenda import calendar, clock, plan
from coursekit.model.findings import InputError
from icalendar import Calendar

SHIPPED = "data/deliveries/regional-workshop-2021.yaml"
# UTC offsets on 21 September 2021, written out by hand (none of these countries used daylight saving)
OFFSETS = {"Maldives": (5, 0), "Sri Lanka": (5, 30), "Thailand": (7, 0), "Viet Nam": (7, 0), "Indonesia": (7, 0),
           "Lao People's Democratic Republic": (7, 0), "Malaysia": (8, 0), "Singapore": (8, 0),
           "Philippines": (8, 0), "Brunei Darussalam": (8, 0)}
BANGKOK = dt.timedelta(hours=7)
TODAY = "2026-12-07"  # the clock of these tests: the shipped 2021 workshop is past, the small course's 2027 plans are not


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_TODAY", TODAY)  # course_main passes it on to the command


def delivery(root: Path, name: str, blocks: str, *, length: int = 120, start: str = "09:00",
             zone: str = "Asia/Manila", countries: str = "[PH, LK, MV]") -> Path:
    path = root / "data" / "deliveries" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"title: A test delivery\nstatus: plan\ndate: 2027-09-21\nstart: \"{start}\"\n"
                    f"time_zone: {zone}\nlength_minutes: {length}\ncountries: {countries}\nblocks:\n{blocks}")
    return path


def table(page: str, first_header: str) -> list[list[str]]:
    """The rows of the Markdown table whose first header cell is ``first_header``."""
    lines = page.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(f"| {first_header} |"))
    rows = []
    for ln in lines[start:]:
        if not ln.startswith("|"):
            break
        rows.append([c.strip() for c in ln.strip("|").split(" | ")])
    return [rows[0]] + rows[2:]


def hhmm(t: dt.datetime) -> str:
    return t.strftime("%H:%M")


# ---- the shipped delivery ------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped_pages() -> dict[str, str]:
    # the 2021 workshop is past: its schedule is on the archive page
    return {"schedule": (REPO / "book/schedules/archive.md").read_text(),
            "trainer": (REPO / "book/trainer/agenda-regional-workshop-2021.md").read_text()}


def test_shipped_pages_are_what_the_delivery_gives_now(repo_course: Path):
    before = snapshot(repo_course)
    res = course_main("agenda", SHIPPED, root=repo_course)
    assert res.returncode == 0, res.stdout + res.stderr
    # the committed trainer agenda is current; the past schedule is on the archive page, which is current too
    assert res.stdout.count("unchanged") == 1 and "wrote" not in res.stdout, res.stdout
    assert snapshot(repo_course) == before


def test_shipped_schedule_gives_every_country_its_local_start_and_end(shipped_pages: dict[str, str]):
    agenda = plan(REPO, REPO / SHIPPED)
    assert agenda.delivery.status == "delivered" and "plausible one-day plan" in shipped_pages["schedule"]
    start_bkk, end_bkk = agenda.starts.replace(tzinfo=None), agenda.ends.astimezone(dt.UTC).replace(tzinfo=None) + BANGKOK
    rows = {r[0]: r for r in table(shipped_pages["schedule"], "Country")[1:]}
    assert set(rows) == set(OFFSETS)  # all ten countries
    for country, (h, m) in OFFSETS.items():
        shift = dt.timedelta(hours=h, minutes=m) - BANGKOK
        label = f"UTC+{h}" + (f":{m:02d}" if m else "")
        assert rows[country][2:] == [label, hhmm(start_bkk + shift), hhmm(end_bkk + shift)], country
    assert rows["Sri Lanka"][2:4] == ["UTC+5:30", hhmm(start_bkk - dt.timedelta(minutes=90))]


def test_shipped_schedule_gives_each_block_in_each_clock(shipped_pages: dict[str, str]):
    agenda = plan(REPO, REPO / SHIPPED)
    head, *rows = table(shipped_pages["schedule"], "No.")
    assert len(rows) == len(agenda.slots)
    columns = {c.split(" (")[0]: i for i, c in enumerate(head) if c.startswith("UTC")}
    assert set(columns) == {"UTC+5", "UTC+5:30", "UTC+7", "UTC+8"}
    assert "Sri Lanka" in head[columns["UTC+5:30"]] and "Maldives" in head[columns["UTC+5"]]
    for slot, row in zip(agenda.slots, rows, strict=True):
        utc = slot.start.astimezone(dt.UTC).replace(tzinfo=None)
        for label, (h, m) in {"UTC+5": (5, 0), "UTC+5:30": (5, 30), "UTC+8": (8, 0)}.items():
            assert row[columns[label]].startswith(hhmm(utc + dt.timedelta(hours=h, minutes=m)) + "–"), (label, row)
        assert row[2] == str(slot.minutes)


def test_shipped_trainer_agenda_gives_clock_units_minutes_objectives(shipped_pages: dict[str, str]):
    agenda = plan(REPO, REPO / SHIPPED)
    cards = BeautifulSoup(shipped_pages["trainer"], "lxml").select("li.agenda-card")
    assert len(cards) == len(agenda.slots)  # one card per block
    first_unit = next(s for s in agenda.slots if not s.is_break)
    card = cards[agenda.slots.index(first_unit)]
    start, end = (hhmm(t.astimezone(dt.UTC) + BANGKOK) for t in (first_unit.start, first_unit.end))
    assert card.select_one(".agenda-clock-main").get_text() == f"{start}–{end} UTC+7"
    assert card.select_one("code").get_text() == first_unit.unit_id
    assert first_unit.objectives[0] in card.get_text() and f"{first_unit.minutes} minutes" in card.get_text()
    assert f"{agenda.minutes} minutes" in shipped_pages["trainer"]


def test_shipped_calendar_parses_with_one_event_per_block():
    agenda = plan(REPO, REPO / SHIPPED)
    cal = Calendar.from_ical(calendar(agenda))  # the day is past, so the book no longer ships the file
    events = cal.walk("VEVENT")
    assert len(events) == len(agenda.slots)
    assert events[0].decoded("dtstart") == dt.datetime(2021, 9, 21, 10, 0, tzinfo=dt.UTC) - BANGKOK
    for a, b in zip(events, events[1:], strict=False):
        assert a.decoded("dtend") == b.decoded("dtstart")  # the day runs without gaps
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert all(str(e["status"]) == "CONFIRMED" for e in events)  # delivered, not a plan


# ---- the command on a small course ---------------------------------------------------------

def test_overrun_fails_naming_the_minutes_and_writes_nothing(mini_course: Path):
    delivery(mini_course, "too-long", "  - unit: mini-unit\n  - break: Long break\n    minutes: 90\n", length=120)
    before = snapshot(mini_course)
    res = course_main("agenda", "data/deliveries/too-long.yaml", root=mini_course)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "DELIVERY-OVERRUN" in out and "by 15 minutes" in out and "take 135 minutes" in out
    assert "data/deliveries/too-long.yaml:6" in out  # the line of length_minutes
    assert "Traceback" not in out
    assert snapshot(mini_course) == before


def test_blocks_that_exactly_fill_the_length_are_no_overrun(mini_course: Path):
    """135 minutes of blocks in a 135-minute delivery end on time; one minute less is an overrun."""
    path = delivery(mini_course, "exact", "  - unit: mini-unit\n  - break: Long break\n    minutes: 90\n", length=135)
    agenda = plan(mini_course, path)
    assert agenda.slots[-1].end - agenda.slots[0].start == dt.timedelta(minutes=135)
    path.write_text(path.read_text().replace("length_minutes: 135", "length_minutes: 134"))
    with pytest.raises(InputError) as err:
        plan(mini_course, path)
    assert [f.code for f in err.value.findings] == ["DELIVERY-OVERRUN"] and "by 1 minutes" in err.value.findings[0].message


def test_unknown_unit_fails_naming_it_and_its_line(mini_course: Path):
    delivery(mini_course, "typo", "  - unit: mini-unit\n  - unit: mini-unti\n")
    res = course_main("agenda", "data/deliveries/typo.yaml", root=mini_course)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "typo.yaml:10: DELIVERY-UNKNOWN-UNIT no unit has the id 'mini-unti'" in out and "mini-unit" in out
    assert not (mini_course / "book" / "schedules").exists()


def test_regenerating_replaces_its_own_files_and_lists_pages_once(mini_course: Path):
    path = delivery(mini_course, "day", "  - unit: mini-unit\n")
    assert course_main("agenda", str(path), root=mini_course).returncode == 0
    toc = (mini_course / "_toc.yml").read_text()
    assert "book/schedules/day" in toc and "book/trainer/agenda-day" in toc and "Trainer's guide" in toc
    path.write_text(path.read_text().replace('start: "09:00"', 'start: "13:30"'))
    res = course_main("agenda", str(path), root=mini_course)
    assert res.returncode == 0, res.stdout + res.stderr
    page = (mini_course / "book" / "schedules" / "day.md").read_text()
    assert "| Sri Lanka | Asia/Colombo | UTC+5:30 | 11:00 | 11:45 |" in page
    assert (mini_course / "_toc.yml").read_text() == toc
    assert course_main("validate", root=mini_course).returncode == 0


def test_a_hand_written_page_in_the_way_is_not_replaced(mini_course: Path):
    delivery(mini_course, "day", "  - unit: mini-unit\n")
    mine = mini_course / "book" / "schedules" / "day.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My own notes\n")
    before = snapshot(mini_course)
    res = course_main("agenda", "data/deliveries/day.yaml", root=mini_course)
    assert res.returncode == 1 and "AGENDA-NOT-OURS" in res.stdout, res.stdout
    assert snapshot(mini_course) == before


def test_bad_fields_are_findings_with_lines(mini_course: Path):
    path = delivery(mini_course, "bad", "  - unit: mini-unit\n  - break: Tea\n", zone="Asia/Atlantis",
                    countries="[PH, XX]")
    with pytest.raises(InputError) as exc:
        plan(mini_course, path)
    found = {(f.code, f.line) for f in exc.value.findings}
    assert ("DELIVERY-BLOCK", 10) in found  # a break without minutes
    assert ("DELIVERY-FIELD", 5) in found  # the time zone
    assert any("Asia/Atlantis" in f.message for f in exc.value.findings)


def test_validate_reports_an_overrun_and_stale_pages(mini_course: Path):
    path = delivery(mini_course, "day", "  - unit: mini-unit\n", length=60)
    assert course_main("agenda", str(path), root=mini_course).returncode == 0
    path.write_text(path.read_text().replace("length_minutes: 60", "length_minutes: 40"))
    res = course_main("validate", root=mini_course)
    assert res.returncode == 1 and "by 5 minutes" in res.stdout, res.stdout
    path.write_text(path.read_text().replace("length_minutes: 40", "length_minutes: 90"))
    res = course_main("validate", root=mini_course)
    # stale: an error for the trainer agenda (a warning for a page without HTML), whose cards are HTML
    # that the build publishes only as `agenda` writes it now (issue 21)
    stale = [ln for ln in res.stdout.splitlines() if "AGENDA-STALE" in ln]
    assert res.returncode == 1 and any("book/trainer/agenda-day.md" in ln and "HTML tag" in ln for ln in stale), res.stdout
    assert course_main("agenda", str(path), root=mini_course).returncode == 0
    assert course_main("validate", root=mini_course).returncode == 0


def test_clock_names_the_local_day_when_it_differs():
    moment = dt.datetime(2021, 9, 21, 1, 0, tzinfo=dt.UTC) - dt.timedelta(hours=8)  # 01:00 in Manila
    assert clock(moment, "Asia/Manila", dt.date(2021, 9, 21)) == "01:00"
    assert clock(moment, "Indian/Maldives", dt.date(2021, 9, 21)) == "22:00 (20 Sep)"
    assert re.fullmatch(r"22:30 \(20 Sep\)", clock(moment, "Asia/Colombo", dt.date(2021, 9, 21)))
