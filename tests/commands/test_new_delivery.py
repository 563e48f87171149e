"""``new delivery`` and ``units``: a trainer starts a delivery without copying and guessing (issue 25)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import course_main, snapshot
from coursekit.delivery.planning import catalogue
from coursekit.model.curriculum import is_trainer_page, load

ARGS = ("new", "delivery", "--title", "Workshop for judges, Manila", "--date", "2027-03-15", "--start", "09:00",
        "--time-zone", "Asia/Manila", "--length", "240", "--countries", "PH,LK", "--audience", "judges",
        "--units", "course-overview, budapest-procedural, Livestream payments from abroad")
MADE = "data/deliveries/workshop-for-judges-manila-2027.yaml"
CLOCK = {"COURSE_TODAY": "2026-12-07"}


def test_new_delivery_writes_a_commented_file_that_validate_and_agenda_accept(repo_course: Path):
    res = course_main(*ARGS, root=repo_course, env=CLOCK)
    assert res.returncode == 0, res.stdout + res.stderr
    text = (repo_course / MADE).read_text()
    assert re.search(r"^# .*\n^title: \"Workshop for judges, Manila\"$", text, re.M)  # a comment above each field
    assert "unit: ph-livestream-payments-from-abroad" in text  # named by its title, written as its id
    assert "status: plan" in text and "time_zone: Asia/Manila" in text and "countries: [PH, LK]" in text
    assert course_main("validate", root=repo_course, env=CLOCK).returncode == 0
    agenda = course_main("agenda", MADE, root=repo_course, env=CLOCK)
    assert agenda.returncode == 0, agenda.stdout + agenda.stderr
    toc = (repo_course / "_toc.yml").read_text()
    assert "book/schedules/workshop-for-judges-manila-2027" in toc
    agenda_page = (repo_course / "book/trainer/agenda-workshop-for-judges-manila-2027.md").read_text()
    assert "**Audience:** judges." in agenda_page


def test_the_same_call_again_refuses_and_changes_nothing(repo_course: Path):
    assert course_main(*ARGS, root=repo_course, env=CLOCK).returncode == 0
    before = snapshot(repo_course)
    again = course_main(*ARGS, root=repo_course, env=CLOCK)
    assert again.returncode == 1 and "exists already" in again.stdout, again.stdout
    assert snapshot(repo_course) == before


def test_bad_answers_are_all_named_with_suggestions_and_nothing_is_written(repo_course: Path):
    before = snapshot(repo_course)
    res = course_main("new", "delivery", "--title", "X workshop", "--date", "2027-02-30", "--start", "09:00",
                     "--time-zone", "Asia/Manilla", "--countries", "PH,XX", "--units", "course-overvew",
                     root=repo_course, env=CLOCK)
    out = res.stdout + res.stderr
    assert res.returncode == 1 and "Traceback" not in out
    assert "--date" in out and "did you mean Asia/Manila" in out and "XX" in out
    assert "did you mean course-overview" in out and "course.py units" in out
    assert snapshot(repo_course) == before


def test_units_lists_every_unit_id_with_its_minutes(repo_course: Path):
    res = course_main("units", root=repo_course)
    assert res.returncode == 0, res.stdout + res.stderr
    course = load(repo_course)
    wanted = {u.id: (u.meta.get("teaching") or 0) + (u.meta.get("exercises") or 0)
              for u in course.units if u.id and not is_trainer_page(u.shown)}
    listed = dict(re.findall(r"^\s+\d+\. (\S+)\s+(\d+) min", res.stdout, re.M))
    assert {k: int(v) for k, v in listed.items()} == wanted
    assert [u.id for u in catalogue(course)][0] == "course-overview"  # teaching order, as _toc.yml lists them


def test_in_a_terminal_it_asks_and_asks_again_after_a_bad_answer(monkeypatch, capsys):
    """Typed without options in a terminal: each answer is asked for, and a bad one is asked again."""
    import argparse

    from conftest import REPO
    from coursekit.commands.new_delivery import answers

    replies = iter(["Workshop for judges", "2027-03-15", "", "Asia/Manilla", "Asia/Manila", "PH",
                    "Livestream payments from abroad, 1", "", "judges"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(replies))
    args = argparse.Namespace(title=None, date=None, start=None, time_zone=None, length=None, countries=None,
                              audience=None, units=None, id=None)
    got = answers(args, load(REPO), interactive=True)
    assert got.time_zone == "Asia/Manila" and str(got.start) == "09:00:00"  # the default start, then the fixed zone
    assert [u.id for u in got.units] == ["ph-livestream-payments-from-abroad", "course-overview"]
    assert got.length_minutes == sum(u.minutes for u in got.units) and got.audience == "judges"
    assert "did you mean Asia/Manila" in capsys.readouterr().out
