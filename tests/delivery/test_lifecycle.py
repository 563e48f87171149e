"""A delivery's life (issue 25): current schedules are listed, past ones move to the archive page,
archived ones lose their pages, and ``agenda`` keeps every delivery's pages in line. Clock fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import course_main, snapshot

TODAY = "2026-12-07"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_TODAY", TODAY)


def delivery(root: Path, name: str, day: str, status: str) -> Path:
    path = root / "data" / "deliveries" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"title: Workshop {name}\nstatus: {status}\ndate: {day}\nstart: \"09:00\"\n"
                    "time_zone: Asia/Manila\nlength_minutes: 120\ncountries: [PH, LK]\nblocks:\n  - unit: mini-unit\n")
    return path


def agenda(root: Path, name: str) -> str:
    res = course_main("agenda", f"data/deliveries/{name}.yaml", root=root)
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


@pytest.fixture
def two(mini_course: Path) -> Path:
    delivery(mini_course, "old-2021", "2021-09-21", "delivered")
    delivery(mini_course, "new-2027", "2027-03-15", "plan")
    agenda(mini_course, "new-2027")
    agenda(mini_course, "old-2021")
    return mini_course


def test_only_the_upcoming_schedule_is_listed_and_the_past_one_is_archived(two: Path):
    toc = (two / "_toc.yml").read_text()
    assert "book/schedules/new-2027" in toc and "book/schedules/archive" in toc
    assert "book/schedules/old-2021" not in toc
    assert "book/trainer/agenda-old-2021" in toc and "book/trainer/agenda-new-2027" in toc  # trainers keep both
    assert not (two / "book/schedules/old-2021.md").exists() and not (two / "book/schedules/old-2021.ics").exists()
    archive = (two / "book/schedules/archive.md").read_text()
    assert "Workshop old-2021" in archive and "Workshop new-2027" not in archive
    assert "| Sri Lanka | Asia/Colombo | UTC+5:30 |" in archive  # the past schedule itself, not just its name
    res = course_main("validate", root=two)
    assert res.returncode == 0 and "DELIVERY-" not in res.stdout and "AGENDA-STALE" not in res.stdout, res.stdout


def test_running_agenda_again_changes_nothing(two: Path):
    before = snapshot(two)
    agenda(two, "new-2027")
    agenda(two, "old-2021")
    assert snapshot(two) == before


def test_an_archived_delivery_loses_its_pages_and_keeps_a_line(two: Path):
    delivery(two, "old-2021", "2021-09-21", "archived")
    out = agenda(two, "new-2027")  # any delivery's run brings every delivery in line
    assert "removed    book/trainer/agenda-old-2021.md" in out
    assert not (two / "book/trainer/agenda-old-2021.md").exists()
    assert "agenda-old-2021" not in (two / "_toc.yml").read_text()
    assert "archived" in (two / "book/schedules/archive.md").read_text()
    assert course_main("validate", root=two).returncode == 0


def test_when_the_day_passes_validate_warns_and_agenda_moves_the_schedule(two: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COURSE_TODAY", "2027-04-01")
    res = course_main("validate", root=two)
    assert res.returncode == 0, res.stdout
    assert "data/deliveries/new-2027.yaml:1: DELIVERY-PLAN-PAST" in res.stdout  # still a plan, date passed
    assert "DELIVERY-PAGES-OUT-OF-DATE" in res.stdout
    agenda(two, "old-2021")
    toc = (two / "_toc.yml").read_text()
    assert "book/schedules/new-2027" not in toc and not (two / "book/schedules/new-2027.md").exists()
    assert "Workshop new-2027" in (two / "book/schedules/archive.md").read_text()
    assert "DELIVERY-PAGES-OUT-OF-DATE" not in course_main("validate", root=two).stdout


def test_a_plan_before_its_day_gives_no_warning(two: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COURSE_TODAY", "2027-03-15")  # the day itself is still current
    assert "DELIVERY-PLAN-PAST" not in course_main("validate", root=two).stdout


def test_a_hand_written_archive_page_is_not_replaced(mini_course: Path):
    delivery(mini_course, "old-2021", "2021-09-21", "delivered")
    mine = mini_course / "book/schedules/archive.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My own archive\n")
    before = snapshot(mini_course)
    res = course_main("agenda", "data/deliveries/old-2021.yaml", root=mini_course)
    assert res.returncode == 1 and "AGENDA-NOT-OURS" in res.stdout, res.stdout
    assert snapshot(mini_course) == before
