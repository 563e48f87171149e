"""The challenges countries reported (``data/challenges.csv``) and their fixed categories.

The category vocabulary lives here and only here: the validator, the importer (which maps a
survey's free labels onto it through the synonyms), the charts and ``data/README.md`` all use this
list, so a chart can never show a category the importer would not accept, or the reverse.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
from pydantic import Field, field_validator

from . import data, evidence
from .dates import format_date
from .records import SOURCE_ID, Strict


@dataclass(frozen=True)
class Category:
    """One kind of challenge; ``synonyms`` are other words a survey answer may use for it."""

    id: str
    label: str
    synonyms: tuple[str, ...] = ()
    short: str = ""     # for a matrix column or a small chart, where the label does not fit


CATEGORIES: dict[str, Category] = {c.id: c for c in (
    Category("legislation-gaps", "Legislation gaps",
             ("legislation", "legislative gaps", "law", "laws", "legal framework", "gaps in the law",
              "criminalisation", "criminalization"), short="Legislation"),
    Category("electronic-evidence", "Electronic evidence",
             ("e-evidence", "digital evidence", "evidence", "digital forensics", "forensics",
              "data retention", "preservation of data"), short="E-evidence"),
    Category("investigative-capacity", "Investigative capacity and skills",
             ("capacity", "investigation", "investigations", "law enforcement capacity", "training", "skills",
              "resources", "specialised units", "specialized units"), short="Capacity"),
    Category("livestream-detection", "Live-streamed abuse detection",
             ("livestream", "live streaming", "live-streaming", "livestreaming", "live-streamed abuse",
              "livestreamed abuse", "live streamed abuse"), short="Live-streaming"),
    Category("international-cooperation", "International cooperation",
             ("international co-operation", "mutual legal assistance", "mla", "mlat", "cross-border cooperation",
              "cross-border requests", "extradition"), short="International"),
    Category("private-sector-cooperation", "Private-sector cooperation",
             ("industry cooperation", "service providers", "isps", "isp cooperation", "platforms",
              "cooperation with service providers", "private sector"), short="Private sector"),
    Category("victim-support", "Victim identification and support",
             ("victims", "victim identification", "victim support", "child-friendly justice", "victim care"), short="Victims"),
    Category("inter-agency-coordination", "Coordination between agencies",
             ("coordination", "co-ordination", "inter-agency cooperation", "interagency coordination",
              "multi-agency coordination"), short="Coordination"),
    Category("prevention-awareness", "Prevention, awareness and reporting",
             ("prevention", "awareness", "reporting", "under-reporting", "underreporting", "public awareness",
              "education"), short="Prevention"),
)}

REPORTED_AT = r"^\d{4}(-\d{2}(-\d{2})?)?$"
RECENT_SINCE = 2019  # the regional page shows reports from this year on by default; older ones apart


class Region(Strict):
    """One row of ``data/regions.csv``: a code that a challenge or figure may use instead of a country
    (``ASEAN`` for a finding about the region as a whole). Such rows are shown apart, never counted for
    a country."""

    code: str = Field(pattern=r"^[A-Z]{3,8}$")
    name: str = Field(min_length=2)
    note: str | None = None


def real_date(v: str | None) -> str | None:
    """``v`` unchanged when it is a real date (or empty); a clear error otherwise."""
    if not v:
        return v
    parts = [int(p) for p in v.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ValueError(f"'{v}' is not a real date (use YYYY-MM-DD, YYYY-MM or YYYY)") from None
    return v


ADDRESSED_BY = r"^[A-Z]{2}:[a-z0-9][a-z0-9-]*[a-z0-9]$"  # <country>:<step id> in data/country-updates/


class ChallengeRow(Strict):
    """One row of ``data/challenges.csv``: one challenge reported for a country (or a region), with its
    source, the date of the statement, its evidence level, and, when it was later addressed, when and how."""

    country: str = Field(pattern=r"^[A-Z]{2,8}$")
    category: str = Field(pattern=r"^[a-z][a-z-]*[a-z]$")
    description: str = Field(min_length=10, max_length=600)
    source: str = Field(pattern=SOURCE_ID)
    reported_at: str = Field(pattern=REPORTED_AT)
    evidence: str = Field(pattern=evidence.PATTERN)
    addressed_at: str | None = Field(default=None, pattern=REPORTED_AT)
    addressed_note: str | None = Field(default=None, min_length=10, max_length=400)
    addressed_source: str | None = Field(default=None, pattern=SOURCE_ID)
    addressed_by: str | None = Field(default=None, pattern=ADDRESSED_BY)  # "MV:criminal-procedure-2024": a step

    @field_validator("reported_at", "addressed_at")
    @classmethod
    def _real_date(cls, v: str | None) -> str | None:
        return real_date(v)


COLUMNS = list(ChallengeRow.model_fields)


def frame() -> pd.DataFrame:
    """The whole table as a DataFrame (columns as in the file)."""
    rows = data.table("challenges.csv", ChallengeRow)
    return pd.DataFrame([r.model_dump() for r in rows], columns=COLUMNS)


def regions() -> dict[str, str]:
    """Region code to its name (``data/regions.csv``; empty when the course has none)."""
    if not data.path("regions.csv").exists():
        return {}
    return {r.code: r.name for r in data.table("regions.csv", Region)}


def year_of(value: str) -> int:
    """The year of a ``reported_at`` value."""
    return int(value[:4])


def is_recent(value: str, since: int = RECENT_SINCE) -> bool:
    """Whether a report dated ``value`` is recent enough to be shown by default."""
    return year_of(value) >= since


def short_label(category: str) -> str:
    """The category's short label (the label itself when it has none)."""
    c = CATEGORIES.get(category)
    return (c.short or c.label) if c else category


def addressed_phrase(reported_at: str, addressed_at: str | None, note: str | None) -> str:
    """'Reported 2024; addressed 17 December 2024: <note>' for a challenge later addressed; '' otherwise."""
    if not addressed_at:
        return ""
    text = f"Reported {date_phrase(reported_at)}; addressed {date_phrase(addressed_at)}"
    return f"{text}: {note}" if note else text


def label(category: str) -> str:
    """The category's label for charts and tables (the id itself if unknown)."""
    c = CATEGORIES.get(category)
    return c.label if c else category


def date_phrase(value: str) -> str:
    """'2022', 'May 2023' or '30 September 2022' for a reported_at value."""
    return format_date(value)


def period_phrase(values: list[str]) -> str:
    """'Reports dated 2022 to May 2023.' (or one date) for a caption; '' when there are none."""
    vals = sorted(v for v in values if isinstance(v, str) and re.match(REPORTED_AT, v))
    if not vals:
        return ""
    first, last = date_phrase(vals[0]), date_phrase(vals[-1])
    return f"Reports dated {first}." if first == last else f"Reports dated {first} to {last}."
