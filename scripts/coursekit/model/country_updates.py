"""The facts of a country-update page: ``data/country-updates/<code>.yaml`` (profile, key laws, steps
taken), typed and loaded through ``coursekit.model.data``. The page itself is ``book/country_updates.py``.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from . import data, evidence
from .findings import InputError, relpath
from .records import SOURCE_ID, Strict
from .sourcefiles import validate_yaml_item

FOLDER = "country-updates"
UNIT_FOLDER = "book/countries"


class ProfileFact(Strict):
    """One fact about the country's institutions or context."""

    fact: str = Field(min_length=10)
    source: str = Field(pattern=SOURCE_ID)


class KeyLaw(Strict):
    """One national law the page lists, with what it does for OCSEA cases."""

    law: str = Field(min_length=3)
    about: str = Field(min_length=3)
    source: str = Field(pattern=SOURCE_ID)


STEP_ID = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"


class Step(Strict):
    """One step taken: a new law, unit, portal, training or cooperation arrangement.

    A step is a fact like any other: its source, and how far that source may be trusted (``evidence``,
    refused as ``verified`` on a news, NGO or copy source). Its ``id`` lets a challenge of
    ``challenges.csv`` name the step that answered it (``addressed_by: XX:<id>``)."""

    id: str | None = Field(default=None, pattern=STEP_ID)
    year: int | None = Field(default=None, ge=1950, le=2100)
    step: str = Field(min_length=10)
    source: str = Field(pattern=SOURCE_ID)
    evidence: str | None = Field(default=None, pattern=evidence.PATTERN)


class CountryUpdate(Strict):
    """``data/country-updates/<code>.yaml``: the facts of one country-update page."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    as_of: dt.date
    profile: list[ProfileFact] = Field(default_factory=list)
    laws: list[KeyLaw] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)

    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(i.source for i in [*self.profile, *self.laws, *self.steps]))


def data_name(iso2: str) -> str:
    """The data file of a country's update, relative to ``data/``."""
    return f"{FOLDER}/{iso2.lower()}.yaml"


def load(iso2: str) -> CountryUpdate:
    """A country's update data; a broken file raises InputError with the file and line."""
    p = data.path(data_name(iso2))
    shown = relpath(p, data.root())
    doc, findings = data.parsed_yaml(p, shown)
    if findings:
        raise InputError(findings)
    value, findings = validate_yaml_item(doc, CountryUpdate, shown, 1)
    if value is None:
        raise InputError(findings)
    return value
