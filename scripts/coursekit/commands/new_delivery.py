"""``new delivery``: the answers for a new delivery file, from options or, in a terminal, by asking.

Part of the ``new`` verb (this module has no NAME of its own). The file is checked exactly as
``validate`` checks deliveries before the command says it is done; if a check fails, the file is
removed again and nothing is left changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import sys
from pathlib import Path
from zoneinfo import available_timezones

from ..checks import deliveries as delivery_checks
from ..delivery.agenda import plan
from ..delivery.deliveries import FOLDER
from ..delivery.planning import Answers, catalogue, delivery_text, file_id, resolve
from ..model import atomic
from ..model.curriculum import Course, load
from ..model.findings import Finding, InputError, relpath
from ..model.timezones import known_zone
from .ui import say, show_findings

UNITS_HELP = ("the units in teaching order, separated by commas: ids, titles or numbers as listed by "
              "'python3 scripts/course.py units' (e.g. \"course-overview, budapest-procedural\")")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("for 'new delivery' (asked for in a terminal when not given)")
    group.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the delivery")
    group.add_argument("--start", metavar="HH:MM", help="the start on the local clock, e.g. 09:00")
    group.add_argument("--time-zone", metavar="ZONE", help="the IANA time zone of that clock, e.g. Asia/Manila")
    group.add_argument("--length", type=int, metavar="MINUTES", help="the minutes it may take, breaks included")
    group.add_argument("--countries", metavar="CODES", help="participating countries' codes from data/countries.csv, "
                       "e.g. PH,LK")
    group.add_argument("--audience", metavar='"WHO"', help='who it is for, e.g. "judges" (optional)')
    group.add_argument("--units", metavar='"UNITS"', help=UNITS_HELP)
    group.add_argument("--id", metavar="ID", help="the file name (default: from the title and the year)")


def _zone(value: str) -> str:
    try:
        return known_zone(value)
    except ValueError as exc:
        close = difflib.get_close_matches(value, sorted(available_timezones()), n=3, cutoff=0.6)
        raise ValueError(f"{exc}" + (f"; did you mean {', '.join(close)}?" if close else "")) from None


def _countries(course: Course, value: str) -> list[str]:
    codes = [c.upper() for c in re.split(r"[\s,;]+", value) if c]
    known = {r.value.iso2 for r in course.country_rows}
    bad = [c for c in codes if c not in known]
    if bad or not codes:
        raise ValueError(f"unknown country code(s): {', '.join(bad) or '(none given)'}; use codes from "
                         f"data/countries.csv: {', '.join(sorted(known))}")
    return list(dict.fromkeys(codes))


class _Asker:
    """Each answer from its option, or asked for in a terminal until it is valid; without a terminal,
    every missing or bad option is collected so the trainer sees all of them at once."""

    def __init__(self, interactive: bool):
        self.interactive = interactive
        self.findings: list[Finding] = []

    def get(self, given, option: str, question: str, parse, default: str | None = None, optional: bool = False):
        value = given
        while True:
            if value in (None, "") and self.interactive:
                value = input(f"{question} [{default}]: " if default else f"{question}: ").strip() or default
            if value in (None, ""):
                if optional:
                    return None
                if not self.interactive:
                    self.findings.append(Finding(option, None, "NEW-DELIVERY-MISSING", f"{question} is needed",
                                                 f"give {option}, or run the command in a terminal to be asked"))
                    return None
                continue
            try:
                return parse(str(value).strip())
            except InputError as exc:
                problems = [f"{f.message} ({f.fix})" for f in exc.findings]
            except ValueError as exc:
                problems = [str(exc)]
            if not self.interactive:
                self.findings += [Finding(option, None, "NEW-DELIVERY-VALUE", f"'{value}': {p}",
                                          f"correct {option}") for p in problems]
                return None
            for p in problems:
                say((f"  {p}", "yellow"))
            value = None


def answers(args: argparse.Namespace, course: Course, interactive: bool) -> Answers:
    """Every answer checked as it comes; raises InputError naming every missing or bad option."""
    ask = _Asker(interactive)
    units_list = catalogue(course)
    title = ask.get(args.title, "--title", "Title participants will see", str)
    day = ask.get(args.date, "--date", "Date (YYYY-MM-DD)", dt.date.fromisoformat)
    start = ask.get(args.start, "--start", "Start on the local clock (HH:MM)",
                    lambda v: dt.time.fromisoformat(v if len(v) > 4 else f"0{v}"), "09:00")
    zone = ask.get(args.time_zone, "--time-zone", "IANA time zone of that clock", _zone, "Asia/Manila")
    countries = ask.get(args.countries, "--countries", "Participating country codes (e.g. PH,LK)",
                        lambda v: _countries(course, v))
    if not args.units and interactive:
        for u in units_list:
            say(f"  {u.number:>2}. {u.id}  ({u.minutes} min)  {u.title}")
    units = ask.get(args.units, "--units", "Units in order (ids, titles or numbers, separated by commas)",
                    lambda v: resolve(v.split(","), units_list))
    taught = str(sum(u.minutes for u in units)) if units else None
    length = ask.get(args.length or (None if interactive else taught), "--length", "Length in minutes, breaks included", _minutes, taught)
    audience = ask.get(args.audience, "--audience", "Audience (optional)", str, optional=True)
    if ask.findings:
        raise InputError(ask.findings)
    return Answers(title, day, start, zone, length, countries, audience, units)


def _minutes(value: str) -> int:
    minutes = int(value)
    if not 1 <= minutes <= 24 * 60:
        raise ValueError("the length is in minutes, from 1 to 1440")
    return minutes


def run(args: argparse.Namespace, root: Path) -> int:
    course = load(root)
    interactive = sys.stdin.isatty()
    given = answers(args, course, interactive)  # InputError: shown as findings, exit 1
    path = root / "data" / FOLDER / f"{args.id or file_id(given.title, given.date)}.yaml"
    shown = relpath(path, root)
    if path.exists():
        say((f"Nothing was written: {shown} exists already.", "red bold"),
            " Choose another --id, or edit that file.")
        return 1
    try:
        atomic.write_text(path, delivery_text(given))
    except atomic.WouldOverwrite:
        say((f"Nothing was written: {shown} appeared meanwhile.", "red bold"))
        return 1
    try:
        plan(root, path)  # the checks validate runs on a delivery
    except InputError as exc:
        path.unlink()
        show_findings(exc.findings)
        say(("Nothing was written:", "red bold"), " fix the answers above and run the command again.")
        return 1
    warnings = [f for f in delivery_checks.check(load(root)) if f.path == shown]
    show_findings(warnings)
    say((f"Created {shown}:", "green"), f" {len(given.units)} units, {sum(u.minutes for u in given.units)} of "
        f"{given.length_minutes} minutes, starting {given.start:%H:%M} {given.time_zone} on "
        f"{given.date.day} {given.date:%B %Y}.")
    say("Next: open it to add breaks (the comments say how), then run "
        f"'python3 scripts/course.py agenda {shown}' to make the agenda, the schedule and the calendar file.")
    return 0
