"""Starting a delivery: the units a trainer can teach, and a commented delivery file made from answers.

A trainer planning a workshop knows the titles of the units, not their ids; copying the 2021 file
and guessing which fields to change is how mistakes start. ``catalogue`` lists every unit with its
id and minutes in teaching order; ``resolve`` accepts an id, a title, a unique part of a title or a
number from that list, and suggests close matches when nothing fits; ``delivery_text`` writes a
file with a comment above every field, so the next edit needs no guessing either.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass

from ..model.curriculum import Course, is_trainer_page
from ..model.findings import Finding, InputError


@dataclass(frozen=True)
class UnitChoice:
    """A unit a delivery can name: its id, title, minutes (teaching + exercises) and part."""

    number: int  # 1-based position in teaching order (what `course.py units` shows)
    id: str
    title: str
    minutes: int
    part: str


def catalogue(course: Course) -> list[UnitChoice]:
    """Every participant unit with an id, in the order of ``_toc.yml`` (units not listed come last)."""
    order = {e.path.resolve(): (i, e.part or "") for i, e in enumerate(course.toc) if e.path is not None}
    found = []
    for unit in course.units:
        if not unit.id or is_trainer_page(unit.shown):
            continue
        meta = unit.meta if isinstance(unit.meta, dict) else {}
        minutes = int(meta.get("teaching") or 0) + int(meta.get("exercises") or 0)
        rank, part = order.get(unit.path.resolve(), (len(order), "not in the table of contents"))
        found.append((rank, unit.id, unit.title, minutes, part))
    found.sort()
    return [UnitChoice(i + 1, uid, title, minutes, part) for i, (_, uid, title, minutes, part) in enumerate(found)]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def resolve(given: list[str], units: list[UnitChoice], where: str = "--units") -> list[UnitChoice]:
    """The units named by ``given`` (ids, titles, unique parts of titles, or numbers), in that order.

    Every name that fits no unit, or several, is a finding with suggestions; all are reported at once."""
    chosen: list[UnitChoice] = []
    findings: list[Finding] = []
    for name in (g.strip() for g in given):
        if not name:
            continue
        hits = ([u for u in units if str(u.number) == name] if name.isdigit() else
                [u for u in units if u.id == name.casefold()] or [u for u in units if _norm(u.title) == _norm(name)]
                or [u for u in units if _norm(name) in _norm(u.title) or _norm(name) in _norm(u.id.replace("-", " "))])
        if len(hits) == 1:
            chosen.append(hits[0])
            continue
        if hits:
            findings.append(Finding(where, None, "DELIVERY-UNIT-AMBIGUOUS", f"'{name}' fits {len(hits)} units: "
                                    + "; ".join(f"{u.id} ({u.title})" for u in hits), "give the unit's id"))
            continue
        close = difflib.get_close_matches(name.casefold(), [u.id for u in units], n=3, cutoff=0.5)
        close += [u.id for u in units if u.id not in close and difflib.get_close_matches(
            _norm(name), [_norm(u.title)], n=1, cutoff=0.6)]
        hint = f"did you mean {', '.join(close[:3])}? " if close else ""
        findings.append(Finding(where, None, "DELIVERY-UNKNOWN-UNIT", f"no unit has the id or title '{name}'",
                                f"{hint}'python3 scripts/course.py units' lists every unit id with its minutes"))
    if findings:
        raise InputError(findings)
    if not chosen:
        raise InputError([Finding(where, None, "DELIVERY-NO-UNITS", "no unit was named",
                                  "name at least one unit (its id, its title or its number in 'course.py units')")])
    return chosen


def file_id(title: str, day: dt.date) -> str:
    """A delivery id from its title and year: lower-case words joined by hyphens (at most six words)."""
    words = re.sub(r"[^a-z0-9]+", " ", title.casefold().encode("ascii", "ignore").decode()).split()[:6]
    year = str(day.year)
    if year not in words:
        words.append(year)
    return "-".join(words) if len(words) > 1 else f"delivery-{year}"


def _q(text: str) -> str:
    """A YAML scalar shown as typed (a JSON string is a valid double-quoted YAML scalar)."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


@dataclass(frozen=True)
class Answers:
    """What a trainer tells ``new delivery``."""

    title: str
    date: dt.date
    start: dt.time
    time_zone: str
    length_minutes: int
    countries: list[str]
    audience: str | None
    units: list[UnitChoice]


def delivery_text(a: Answers) -> str:
    """The delivery file: a comment above every field says what it is and how to change it."""
    blocks = "\n".join(f"  - unit: {u.id}  # {' '.join(u.title.split())} ({u.minutes} minutes)" for u in a.units)
    taught = sum(u.minutes for u in a.units)
    audience = (f"audience: {_q(a.audience)}\n" if a.audience else "# audience: \"judges and prosecutors\"\n")
    return f"""\
# A delivery: one session of the course, planned as data. Made by `python3 scripts/course.py new delivery`.
# `python3 scripts/course.py agenda <this file>` turns it into the trainer agenda, the participant
# schedule in every participating country's local time and a calendar file. The file name is the
# delivery's id. After any edit, run `python3 scripts/course.py validate`.

# The name participants see on the schedule and in their calendar.
title: {_q(a.title)}
# plan (not yet held; every page says it is a plan), delivered (held) or archived (retired: its pages
# go). Set `delivered` after the day; once the date has passed, its schedule moves to the archive page.
status: plan
# Who it is for (shown to trainers; optional).
{audience}# The day (YYYY-MM-DD), the start on the local clock, and that clock's IANA time zone.
date: {a.date.isoformat()}
start: "{a.start:%H:%M}"
time_zone: {a.time_zone}
# The minutes the session may take, breaks included. `agenda` stops if the blocks take longer.
# The units below take {taught} minutes; add breaks inside this length.
length_minutes: {a.length_minutes}
# The participating countries (ISO codes from data/countries.csv): the schedule shows each one's local time.
countries: [{", ".join(a.countries)}]
# The languages of the editions participants use (optional; English when not given).
# languages: [en]
# The blocks in order. A unit is named by its id (`python3 scripts/course.py units` lists them with
# their minutes); its minutes are the unit's teaching + exercises unless `minutes:` is given.
# A break has a name and minutes, for example:
#   - break: Coffee break
#     minutes: 15
# `note:` (optional, under a unit) is shown in the trainer agenda.
blocks:
{blocks}
# Sources of what the pages say about this delivery (ids in data/sources.yaml), optional.
sources: []
"""
