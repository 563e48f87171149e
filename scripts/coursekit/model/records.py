"""Typed records of the core data files: the bibliography and the participating countries.

Each domain (instruments, legislation, challenges, case studies, deliveries, assessments) keeps its
own models in its own module; these two are shared by all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .text import url_problem
from .timezones import known_zone

SOURCE_ID = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"


def in_vocabulary(value: str, words: Collection[str], what: str, *, separated: bool = False) -> str:
    """``value`` when it is one of ``words`` (with ``separated``: when each of its ';'-separated parts is),
    else a ValueError naming every word that is not and the list to choose from. A column with a fixed
    list of words lets pages compare rows; one rule for all of them keeps their messages alike."""
    bad = [w for w in (value.split(";") if separated else [value]) if w not in words]
    if bad:
        many = ", separated by ';'" if separated else ""
        named = f"{what} {bad[0]!r} is" if len(bad) == 1 else f"{what}s {', '.join(map(repr, bad))} are"
        raise ValueError(f"{named} not in the list; use: {', '.join(words)}{many}")
    return value


def source_ids(value: str) -> list[str]:
    """The source ids of a ';'-separated ``sources`` cell, spaces around each one ignored."""
    return [s.strip() for s in value.split(";")]


def listed_source_ids(value: str) -> str:
    """``value`` when every id it lists has the form of an id of data/sources.yaml, else a ValueError."""
    if not all(re.fullmatch(SOURCE_ID, s) for s in source_ids(value)):
        raise ValueError("write source ids of data/sources.yaml separated by ';'")
    return value


class Strict(BaseModel):
    """Unknown fields are errors: a typo in a field name must not silently drop a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """One entry of ``data/sources.yaml``: what a fact on the page cites."""

    id: str = Field(pattern=SOURCE_ID)
    title: str = Field(min_length=3)
    publisher: str = Field(min_length=2)
    kind: str | None = None          # see evidence.SOURCE_KINDS; checks.source_kinds says when it is missing
    year: int | Literal["n.d."] | None = Field(default=None)  # "n.d." when the document gives no date
    url: str | None = None
    accessed: dt.date
    note: str | None = None

    @field_validator("year")
    @classmethod
    def _year_in_range(cls, v: int | str | None) -> int | str | None:
        if isinstance(v, int) and not 1900 <= v <= 2100:
            raise ValueError("year must be between 1900 and 2100, or 'n.d.' when the document gives no date")
        return v

    @field_validator("url")
    @classmethod
    def _url_is_web(cls, v: str | None) -> str | None:
        problem = None if v is None else url_problem(v)  # the same rule as every link the book makes
        if problem:
            raise ValueError(problem)
        return v

    def citation(self) -> str:
        """A short human citation: title, publisher, year; accessed date."""
        year = f", {self.year}" if self.year is not None else ""
        return f"{self.title} ({self.publisher}{year}; accessed {self.accessed.isoformat()})"


class Country(Strict):
    """One row of ``data/countries.csv``: a participating country."""

    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    name: str = Field(min_length=2)
    time_zone: str
    subregion: str = Field(pattern=r"^(South Asia|South-East Asia)$")
    source: str = Field(pattern=SOURCE_ID)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        return known_zone(v)
