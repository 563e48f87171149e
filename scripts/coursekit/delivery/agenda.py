"""A delivery's agenda: the clock time of every block, in every participant's local time, as a calendar.

A delivery file names units and breaks; the units' minutes come from their metadata, so the plan
changes when a unit grows. Planning checks what a trainer can get wrong (a unit id that does not
exist, a country or source that is unknown, more blocks than the declared length holds) and
reports all of it at once as findings. Times are computed as aware date-times from the IANA
database, so half-hour zones (Sri Lanka) and any day boundary come out right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..model.curriculum import Course, is_trainer_page, load
from ..model.findings import Finding, InputError, relpath
from ..model.records import Source
from ..model.timezones import format_offset
from ..model.trainer_boxes import trainer_boxes
from . import deliveries
from .deliveries import BreakBlock, Delivery

PRODID = "-//OCSEA training book//course.py agenda//EN"
GENERATED_FROM = "X-COURSE-GENERATED-FROM"  # calendar property naming the delivery file it came from


@dataclass(frozen=True)
class Slot:
    """One block of the day at its clock time (UTC inside; shown in any zone)."""

    number: int  # 1-based position in the day
    title: str
    minutes: int
    start: dt.datetime
    end: dt.datetime
    page: str | None = None  # the unit's toc entry, e.g. book/overview; None for a break
    unit_id: str | None = None
    session: int | None = None  # 1-based number among the day's units; None for a break
    objectives: tuple[str, ...] = ()
    note: str | None = None
    trainer_notes: str | None = None  # the unit's trainer_notes (shown on the trainer agenda only)
    boxes: tuple[tuple[str, str], ...] = ()  # (kind, anchor) of each trainer-only box on the unit's page

    @property
    def is_break(self) -> bool:
        return self.page is None


@dataclass(frozen=True)
class Place:
    """A participating country and the clock its participants read."""

    iso2: str
    name: str
    zone: str


@dataclass(frozen=True)
class Agenda:
    """A planned delivery: its slots, its places, the sources of what its pages say."""

    id: str
    shown: str  # the delivery file as the trainer knows it
    delivery: Delivery
    slots: tuple[Slot, ...]
    places: tuple[Place, ...]
    sources: tuple[Source, ...]

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.slots)

    @property
    def spare_minutes(self) -> int:
        return self.delivery.length_minutes - self.minutes

    @property
    def starts(self) -> dt.datetime:
        return self.delivery.starts

    @property
    def ends(self) -> dt.datetime:
        return self.slots[-1].end


def local(moment: dt.datetime, zone: str) -> dt.datetime:
    return moment.astimezone(ZoneInfo(zone))


def clock(moment: dt.datetime, zone: str, day: dt.date) -> str:
    """``HH:MM`` in ``zone``; the local date is added when it is not ``day`` (e.g. ``00:30 (22 Sep)``)."""
    t = local(moment, zone)
    text = t.strftime("%H:%M")
    return text if t.date() == day else f"{text} ({t.day} {t:%b})"


def offset_label(moment: dt.datetime, zone: str) -> str:
    """'UTC+5:30' for Colombo: the offset in force at that moment."""
    offset = local(moment, zone).utcoffset() or dt.timedelta(0)
    return format_offset(offset.total_seconds() / 3600)


def span(slot: Slot, zone: str, day: dt.date) -> str:
    return f"{clock(slot.start, zone, day)}–{clock(slot.end, zone, day)}"


def clock_groups(agenda: Agenda) -> list[tuple[str, tuple[Place, ...]]]:
    """Places that read the same clock all day, with that clock's UTC offset, earliest clock first."""
    groups: dict[tuple[str, ...], list[Place]] = {}
    for place in agenda.places:
        key = tuple(span(s, place.zone, agenda.delivery.date) for s in agenda.slots)
        groups.setdefault(key, []).append(place)
    ordered = sorted(groups.values(), key=lambda ps: local(agenda.starts, ps[0].zone).utcoffset() or dt.timedelta(0))
    return [(offset_label(agenda.starts, ps[0].zone), tuple(ps)) for ps in ordered]


# ---- planning ------------------------------------------------------------------------------

def _unit_slot(block: deliveries.UnitBlock, course: Course, line: int | None, shown: str,
               number: int, session: int, start: dt.datetime) -> tuple[Slot | None, list[Finding]]:
    units = course.unit_by_id()
    unit = units.get(block.unit)
    if unit is None:
        known = ", ".join(sorted(u for u, v in units.items() if not is_trainer_page(v.shown))) or "none yet"
        return None, [Finding(shown, line, "DELIVERY-UNKNOWN-UNIT", f"no unit has the id '{block.unit}'",
                              f"use the id of a unit (metadata.course.id): {known}")]
    if is_trainer_page(unit.shown):
        return None, [Finding(shown, line, "DELIVERY-TRAINER-UNIT", f"'{block.unit}' is a trainer page "
                              f"({unit.shown}); participants cannot see it", "name a unit participants can read")]
    meta = unit.meta if isinstance(unit.meta, dict) else {}
    minutes = block.minutes or (meta.get("teaching") or 0) + (meta.get("exercises") or 0)
    if not minutes:
        return None, [Finding(shown, line, "DELIVERY-NO-MINUTES", f"unit '{block.unit}' declares no minutes",
                              "add 'minutes:' to this block, or 'teaching' and 'exercises' to the unit's metadata")]
    page = course.shown(unit.path).rsplit(".", 1)[0]
    boxes = tuple((b.kind, b.label) for b in trainer_boxes(unit.notebook)) if unit.notebook is not None else ()
    return Slot(number, unit.title, minutes, start, start + dt.timedelta(minutes=minutes), page,
                block.unit, session, tuple(str(o) for o in meta.get("objectives") or ()), block.note,
                str(meta.get("trainer_notes") or "").strip() or None, boxes), []


def start_problems(delivery: Delivery, shown: str, line: int | None) -> list[Finding]:
    """A start time that the delivery's clock skips or shows twice (a daylight-saving change) is a
    finding: the pages would otherwise show a time that never happens, or pick one of two silently."""
    day, start, name = delivery.date, delivery.start, delivery.time_zone
    first = dt.datetime.combine(day, start, tzinfo=ZoneInfo(name))
    second = first.replace(fold=1)
    there_and_back = first.astimezone(dt.UTC).astimezone(ZoneInfo(name)).replace(tzinfo=None)
    when = f"{start:%H:%M} on {day.day} {day:%B %Y} in {name}"
    if there_and_back != first.replace(tzinfo=None):
        return [Finding(shown, line, "DELIVERY-START-MISSING", f"{when} does not exist: the clocks skip it "
                        "(a daylight-saving change)", "choose a start time before or after the change")]
    if first.utcoffset() != second.utcoffset():
        return [Finding(shown, line, "DELIVERY-START-AMBIGUOUS", f"{when} happens twice: the clocks go back "
                        f"(UTC{_offset(first)} first, then UTC{_offset(second)})",
                        "choose a start time outside the hour the clocks repeat")]
    return []


def _offset(moment: dt.datetime) -> str:
    return offset_label(moment, str(moment.tzinfo)).removeprefix("UTC")


def plan(root: Path, path: Path, course: Course | None = None) -> Agenda:
    """The agenda of the delivery file at ``path``; raises InputError listing every problem."""
    shown = relpath(path, root)
    delivery, lines, findings = deliveries.read(path, shown)
    if delivery is None:
        raise InputError(findings)
    course = course or load(root)
    findings += start_problems(delivery, shown, lines.get("start"))
    start = delivery.starts.astimezone(dt.UTC)
    slots: list[Slot] = []
    for i, block in enumerate(delivery.blocks):
        if isinstance(block, BreakBlock):
            slot = Slot(len(slots) + 1, block.name, block.minutes, start, start + dt.timedelta(minutes=block.minutes))
        else:
            session = sum(1 for s in slots if not s.is_break) + 1
            slot, errs = _unit_slot(block, course, lines.get(f"blocks.{i}"), shown, len(slots) + 1, session, start)
            findings += errs
        if slot is not None:
            slots.append(slot)
            start = slot.end
    countries = {r.value.iso2: r.value for r in course.country_rows}
    unknown = [c for c in delivery.countries if c not in countries]
    if unknown:
        findings.append(Finding(shown, lines.get("countries"), "DELIVERY-UNKNOWN-COUNTRY",
                                f"unknown country code(s): {', '.join(unknown)}",
                                f"use codes from data/countries.csv: {', '.join(sorted(countries))}"))
    missing = [s for s in delivery.sources if s not in course.sources]
    if missing:
        findings.append(Finding(shown, lines.get("sources"), "DELIVERY-UNKNOWN-SOURCE",
                                f"unknown source id(s): {', '.join(missing)}", "add them to data/sources.yaml first"))
    total = sum(s.minutes for s in slots)
    if len(slots) == len(delivery.blocks) and total > delivery.length_minutes:  # only if every block is known
        findings.append(Finding(shown, lines.get("length_minutes"), "DELIVERY-OVERRUN",
                                f"the blocks overrun the declared length by {total - delivery.length_minutes} "
                                f"minutes: they take {total} minutes, length_minutes is {delivery.length_minutes}",
                                f"shorten or remove blocks, or set length_minutes to at least {total}"))
    if findings:
        raise InputError(findings)
    places = tuple(Place(c, countries[c].name, countries[c].time_zone) for c in delivery.countries)
    return Agenda(path.stem, shown, delivery, tuple(slots), places,
                  tuple(course.sources[s] for s in delivery.sources))


# ---- the calendar file ---------------------------------------------------------------------

def generated_from(data: bytes) -> str | None:
    """The delivery file a calendar file says it was made from, read by parsing it (the line is
    folded at 75 octets, so a long file name is never found by searching the raw text); None when
    the file is not a calendar or carries no such mark."""
    try:
        cal = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, TypeError):
        return None
    value = cal.get(GENERATED_FROM)
    return str(value) if value is not None else None


def calendar(agenda: Agenda) -> bytes:
    """An iCalendar file with one event per block, in UTC, so every calendar shows local times.

    Nothing in it depends on when it is made (DTSTAMP is the delivery's start), so regenerating an
    unchanged delivery gives the same bytes.
    """
    d = agenda.delivery
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", d.title)
    cal.add(GENERATED_FROM.lower(), agenda.shown)
    stamp = agenda.starts.astimezone(dt.UTC)
    for slot in agenda.slots:
        ev = Event()
        ev.add("uid", f"{agenda.id}-{slot.number}@ocsea-training-book")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", slot.start.astimezone(dt.UTC))
        ev.add("dtend", slot.end.astimezone(dt.UTC))
        ev.add("summary", slot.title if slot.is_break else f"{slot.session}. {slot.title}")
        plan = " (plan)" if d.status == "plan" else ""
        ev.add("description", f"{d.title}{plan}: block {slot.number} of {len(agenda.slots)}, {slot.minutes} minutes.")
        ev.add("status", "TENTATIVE" if d.status == "plan" else "CONFIRMED")
        cal.add_component(ev)
    return cal.to_ical()
