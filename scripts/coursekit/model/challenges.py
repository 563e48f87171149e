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

from . import data
from .dates import format_date
from .records import SOURCE_ID, Strict


@dataclass(frozen=True)
class Category:
    """One kind of challenge; ``synonyms`` are other words a survey answer may use for it."""

    id: str
    label: str
    synonyms: tuple[str, ...] = ()


CATEGORIES: dict[str, Category] = {c.id: c for c in (
    Category("legislation-gaps", "Legislation gaps",
             ("legislation", "legislative gaps", "law", "laws", "legal framework", "gaps in the law",
              "criminalisation", "criminalization")),
    Category("electronic-evidence", "Electronic evidence",
             ("e-evidence", "digital evidence", "evidence", "digital forensics", "forensics",
              "data retention", "preservation of data")),
    Category("investigative-capacity", "Investigative capacity and skills",
             ("capacity", "investigation", "investigations", "law enforcement capacity", "training", "skills",
              "resources", "specialised units", "specialized units")),
    Category("livestream-detection", "Live-streamed abuse detection",
             ("livestream", "live streaming", "live-streaming", "livestreaming", "live-streamed abuse",
              "livestreamed abuse", "live streamed abuse")),
    Category("international-cooperation", "International cooperation",
             ("international co-operation", "mutual legal assistance", "mla", "mlat", "cross-border cooperation",
              "cross-border requests", "extradition")),
    Category("private-sector-cooperation", "Private-sector cooperation",
             ("industry cooperation", "service providers", "isps", "isp cooperation", "platforms",
              "cooperation with service providers", "private sector")),
    Category("victim-support", "Victim identification and support",
             ("victims", "victim identification", "victim support", "child-friendly justice", "victim care")),
    Category("inter-agency-coordination", "Coordination between agencies",
             ("coordination", "co-ordination", "inter-agency cooperation", "interagency coordination",
              "multi-agency coordination")),
    Category("prevention-awareness", "Prevention, awareness and reporting",
             ("prevention", "awareness", "reporting", "under-reporting", "underreporting", "public awareness",
              "education")),
)}

REPORTED_AT = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class ChallengeRow(Strict):
    """One row of ``data/challenges.csv``: one challenge one country reported, with its source."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    category: str = Field(pattern=r"^[a-z][a-z-]*[a-z]$")
    description: str = Field(min_length=10, max_length=600)
    source: str = Field(pattern=SOURCE_ID)
    reported_at: str = Field(pattern=REPORTED_AT)

    @field_validator("reported_at")
    @classmethod
    def _real_date(cls, v: str) -> str:
        parts = [int(p) for p in v.split("-")] + [1, 1]
        try:
            dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            raise ValueError(f"'{v}' is not a real date (use YYYY-MM-DD, YYYY-MM or YYYY)") from None
        return v


COLUMNS = list(ChallengeRow.model_fields)


def frame() -> pd.DataFrame:
    """The whole table as a DataFrame (columns as in the file)."""
    rows = data.table("challenges.csv", ChallengeRow)
    return pd.DataFrame([r.model_dump() for r in rows], columns=COLUMNS)


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
