"""agenda never fails on a title or a file name (issue 21): a delivery title with a line break is a
validate finding (never an internal error, exit 70); the calendar's generated-from mark is read back by
parsing the file, so a long delivery file name (folded at 75 octets) does not make later runs refuse."""

from __future__ import annotations

from pathlib import Path

from conftest import course_main, snapshot
from coursekit.delivery.agenda import GENERATED_FROM, generated_from
from icalendar import Calendar


def delivery(root: Path, name: str, title: str = "A test delivery") -> Path:
    path = root / "data" / "deliveries" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"title: {title}\nstatus: plan\ndate: 2030-09-21\nstart: \"09:00\"\ntime_zone: Asia/Manila\n"
                    "length_minutes: 120\ncountries: [PH, LK, MV]\nblocks:\n  - unit: mini-unit\n")
    return path


def test_a_title_on_two_lines_is_a_finding_of_validate_and_agenda(mini_course: Path):
    delivery(mini_course, "day", '"Regional workshop\\non cooperation"')
    res = course_main("validate", root=mini_course)
    assert res.returncode == 1 and "data/deliveries/day.yaml:1: DELIVERY-FIELD 'title': must fit on one line" \
        in res.stdout, res.stdout + res.stderr
    before = snapshot(mini_course)
    res = course_main("agenda", "data/deliveries/day.yaml", root=mini_course)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "DELIVERY-FIELD" in res.stdout and "Internal error" not in res.stdout + res.stderr
    assert snapshot(mini_course) == before


def test_a_folded_title_is_one_line_and_fine(mini_course: Path):
    delivery(mini_course, "day", ">-\n  Regional workshop\n  on cooperation")
    res = course_main("agenda", "data/deliveries/day.yaml", root=mini_course)
    assert res.returncode == 0, res.stdout + res.stderr


def test_a_long_delivery_file_name_can_be_regenerated(mini_course: Path):
    name = "regional-workshop-2021-on-cooperation-and-evidence"  # the mark is folded past 75 octets
    delivery(mini_course, name)
    assert course_main("agenda", f"data/deliveries/{name}.yaml", root=mini_course).returncode == 0
    ics = (mini_course / "book" / "schedules" / f"{name}.ics").read_bytes()
    assert f"{GENERATED_FROM}:data/deliveries/{name}.yaml".encode() not in ics  # folded: raw search misses it
    assert generated_from(ics) == f"data/deliveries/{name}.yaml"
    again = course_main("agenda", f"data/deliveries/{name}.yaml", root=mini_course)
    assert again.returncode == 0 and "AGENDA-NOT-OURS" not in again.stdout, again.stdout + again.stderr


def test_the_mark_of_another_delivery_or_of_no_calendar_is_not_ours():
    cal = Calendar()
    cal.add(GENERATED_FROM.lower(), "data/deliveries/other.yaml")
    assert generated_from(cal.to_ical()) == "data/deliveries/other.yaml"
    assert generated_from(b"# my own notes\n") is None
    assert generated_from(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n") is None
