"""A delivery's start time that its clock skips or repeats (a daylight-saving change) is a finding
with the line of ``start:``, from ``agenda`` and from ``validate`` (issue 14, case 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import course_main, snapshot
from coursekit.delivery.agenda import plan
from coursekit.model.findings import InputError

START_LINE = 4


def delivery(root: Path, day: str, start: str, zone: str = "Europe/London") -> Path:
    path = root / "data" / "deliveries" / "dst-test.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"title: A test delivery\nstatus: plan\ndate: {day}\nstart: \"{start}\"\ntime_zone: {zone}\n"
                    "length_minutes: 60\ncountries: [PH]\nblocks:\n  - break: Welcome\n    minutes: 30\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("day", "start", "code", "words"), [
    ("2026-03-29", "01:30", "DELIVERY-START-MISSING", "does not exist"),
    ("2026-10-25", "01:30", "DELIVERY-START-AMBIGUOUS", "happens twice"),
])
def test_a_start_the_clock_skips_or_repeats_is_a_finding_with_its_line(mini_course: Path, day: str, start: str,
                                                                       code: str, words: str):
    path = delivery(mini_course, day, start)
    with pytest.raises(InputError) as err:
        plan(mini_course, path)
    assert [(f.code, f.line) for f in err.value.findings] == [(code, START_LINE)]
    assert words in err.value.findings[0].message and "Europe/London" in err.value.findings[0].message


def test_agenda_and_validate_refuse_a_skipped_start_and_write_nothing(mini_course: Path):
    delivery(mini_course, "2026-03-29", "01:30")
    before = snapshot(mini_course)
    res = course_main("agenda", "data/deliveries/dst-test.yaml", root=mini_course)
    assert res.returncode == 1 and f"dst-test.yaml:{START_LINE}: DELIVERY-START-MISSING" in res.stdout, res.stdout
    assert snapshot(mini_course) == before
    res = course_main("validate", root=mini_course)
    assert res.returncode == 1 and "DELIVERY-START-MISSING" in res.stdout, res.stdout


def test_a_start_on_an_ordinary_day_of_a_daylight_saving_zone_is_planned(mini_course: Path):
    agenda = plan(mini_course, delivery(mini_course, "2026-03-29", "09:30"))
    assert agenda.starts.utcoffset().total_seconds() == 3600  # British Summer Time that morning
