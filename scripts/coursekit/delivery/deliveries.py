"""A delivery of the course as data: ``data/deliveries/<id>.yaml``, one session plan.

Trainers plan online deliveries across the region's time zones. Keeping the plan as data means the
trainer agenda, the participant schedule and the calendar file are all computed from one file and
always agree. This module reads and checks the file on its own; whether its units exist and fit in
the declared length is checked against the course by ``coursekit.delivery.agenda``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import ConfigDict, Field, ValidationError, field_validator

from ..model.findings import Finding
from ..model.records import SOURCE_ID, Strict
from ..model.sourcefiles import line_of, plain, read_yaml
from ..model.text import excerpt
from ..model.timezones import known_zone

FOLDER = "deliveries"
UNIT_ID = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"
HELP = "see the comments at the top of data/deliveries/regional-workshop-2021.yaml"


def one_line(v: str) -> str:
    """A title shown in a calendar's one-line fields and page headings: no line break or control
    character, which no calendar can show (a folded block scalar ``>-`` is one line)."""
    if any(ch in v for ch in "\r\n\v\f\x85\u2028\u2029") or any(ord(ch) < 32 for ch in v):
        raise ValueError("must fit on one line: remove the line break (or write it as 'title: >-' "
                         "with the lines below, which YAML joins into one line)")
    return v


class UnitBlock(Strict):
    """A unit taught in the session, by its id (``metadata.course.id`` of its notebook)."""

    unit: str = Field(pattern=UNIT_ID)
    minutes: int | None = Field(default=None, ge=1, le=480)  # default: the unit's teaching + exercises
    note: str | None = None  # for the trainer agenda only


class BreakBlock(Strict):
    """A break between units; ``break`` names it (e.g. ``Coffee break``)."""

    model_config = ConfigDict(populate_by_name=True)

    name: str = Field(alias="break", min_length=3)
    minutes: int = Field(ge=1, le=240)

    _one_line = field_validator("name")(one_line)


Block = UnitBlock | BreakBlock


class Delivery(Strict):
    """One delivery: when it starts, where the clock is, how long it may take, what it teaches."""

    title: str = Field(min_length=3)
    # plan: not yet held (or its real timing is unknown), says so on every page; delivered: held;
    # archived: retired, its pages go and only a line on the archive page remains
    status: Literal["plan", "delivered", "archived"]
    date: dt.date
    start: dt.time  # local clock time in ``time_zone``, written "09:00"
    time_zone: str  # IANA name, e.g. Asia/Bangkok
    length_minutes: int = Field(ge=1, le=24 * 60)
    countries: list[str] = Field(min_length=1)
    blocks: list[Block] = Field(min_length=1)
    note: str | None = None  # shown on the agenda and the schedule (e.g. what is not verified)
    audience: str | None = None  # who it is for, e.g. "judges and prosecutors" (for trainers)
    sources: list[str] = Field(default_factory=list)
    # the languages participants get (languages.yml lists the translated ones); `pack` adds each one's handbook
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)

    _one_line = field_validator("title")(one_line)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        return known_zone(v)

    @field_validator("countries")
    @classmethod
    def _iso_codes(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if not (len(c) == 2 and c.isascii() and c.isupper())]
        if bad:
            raise ValueError(f"{', '.join(map(str, bad))}: countries are ISO codes such as LK or PH")
        if len(set(v)) != len(v):
            raise ValueError("a country is listed twice")
        return v

    @field_validator("sources")
    @classmethod
    def _source_ids(cls, v: list[str]) -> list[str]:
        bad = [s for s in v if not re.match(SOURCE_ID, s)]
        if bad:
            raise ValueError(f"{', '.join(bad)}: not a source id (lower-case words joined by hyphens)")
        return v

    def phase(self, today: dt.date) -> Literal["current", "past", "archived"]:
        """Where the delivery's pages belong on ``today``: current and upcoming deliveries have a
        schedule in the participant edition; past ones are on the archive page; archived ones only
        leave a line there."""
        if self.status == "archived":
            return "archived"
        return "past" if self.date < today else "current"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def starts(self) -> dt.datetime:
        """The start as an aware date-time in the delivery's own time zone."""
        return dt.datetime.combine(self.date, self.start, tzinfo=self.zone)


def _message(err: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    given = err.get("input")
    if err["type"] != "missing" and isinstance(given, (str, int, float)) and str(given) not in msg:
        msg += f" (got '{excerpt(given)}')"
    return f"'{where}': {msg}" if where else msg


def _block(item: Any, shown: str, line: int | None) -> tuple[Block | None, list[Finding]]:
    """One block: a unit or a break, told apart by its key, so errors say what that block lacks."""
    data = plain(item)
    if not isinstance(data, dict) or not ({"unit", "break"} & set(data)):
        return None, [Finding(shown, line, "DELIVERY-BLOCK", "a block must be '- unit: <unit id>' or "
                              "'- break: <name>' with 'minutes:'", HELP)]
    model = UnitBlock if "unit" in data else BreakBlock
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [Finding(shown, line, "DELIVERY-BLOCK", "; ".join(_message(e) for e in exc.errors()), HELP)]


def read(path: Path, shown: str) -> tuple[Delivery | None, dict[str, int | None], list[Finding]]:
    """The delivery, the line of each top-level key and of each block (``blocks.<n>``), and findings."""
    doc, findings = read_yaml(path, shown)
    if doc is None:
        return None, {}, findings
    if not isinstance(doc, dict):
        return None, {}, [Finding(shown, 1, "DELIVERY-FORMAT", "expected fields such as 'title:', 'date:' and "
                                  "'blocks:'", HELP)]
    lines: dict[str, int | None] = {str(k): line_of(doc, k) for k in doc}
    items = doc.get("blocks")
    blocks: list[Block] = []
    if isinstance(items, list):
        for i, item in enumerate(items):
            lines[f"blocks.{i}"] = line_of(items, i)
            block, errs = _block(item, shown, lines[f"blocks.{i}"])
            findings += errs
            if block is not None:
                blocks.append(block)
    header = {str(k): plain(v) for k, v in doc.items() if k != "blocks"}
    try:
        delivery = Delivery.model_validate({**header, "blocks": blocks if isinstance(items, list) else items})
    except ValidationError as exc:
        for err in exc.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            if key == "blocks" and isinstance(items, list) and items:
                continue  # each bad block already has its own finding
            findings.append(Finding(shown, lines.get(key, 1), "DELIVERY-FIELD", _message(err), HELP))
        return None, lines, findings
    if path.stem != path.stem.lower() or not path.stem.replace("-", "").isalnum():
        findings.append(Finding(shown, None, "DELIVERY-ID", f"the file name '{path.name}' is not a delivery id",
                                "name it with lower-case words joined by hyphens, e.g. regional-workshop-2021.yaml"))
    return (None if findings else delivery), lines, findings
