"""Capacity-building programmes (``data/capacity-programmes.csv``) and which countries used them
(``data/capacity-use.csv``).

The workshop the course follows presented the programmes of the Council of Europe's Cybercrime
Programme Office (C-PROC) and of UNODC. One row per programme says who runs it, when, what it offers
(from a fixed list, so pages can compare programmes) and how a country asks for it, as far as the
sources say; one row per country and programme records a use the sources report, with its year and
evidence level. A country with no row for a programme is "not shown", never "did not use".
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator

from . import data, evidence
from .records import SOURCE_ID, Strict, in_vocabulary, listed_source_ids, source_ids

PROGRAMMES_FILE = "capacity-programmes.csv"
USE_FILE = "capacity-use.csv"

OFFERS: dict[str, str] = {
    "legislation": "Advice on legislation",
    "judicial-training": "Training of judges and prosecutors",
    "police-training": "Training of police",
    "specialised-units": "Specialised cybercrime and forensic units",
    "public-private": "Cooperation with the private sector",
    "child-protection": "Protecting children online",
    "international-cooperation": "International cooperation",
    "conferences": "Conferences and networks",
    "online-tools": "Online tools and materials",
}


class Programme(Strict):
    """One row of ``data/capacity-programmes.csv``."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
    name: str = Field(min_length=5)
    short: str = Field(min_length=3, max_length=24)  # a column heading
    organisation: str = Field(min_length=3)
    period: str = Field(min_length=4)
    offers: str
    how_to_ask: str = Field(min_length=5)
    sources: str
    evidence: str = Field(pattern=evidence.PATTERN)
    as_of: dt.date
    note: str = Field(min_length=10)

    @field_validator("offers")
    @classmethod
    def _known_offers(cls, v: str) -> str:
        return in_vocabulary(v, OFFERS, "offer", separated=True)

    _source_ids = field_validator("sources")(listed_source_ids)

    def offer_ids(self) -> list[str]:
        return self.offers.split(";")

    def source_ids(self) -> list[str]:
        return source_ids(self.sources)


class Use(Strict):
    """One row of ``data/capacity-use.csv``: a country's reported use of a programme."""

    programme: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
    country: str = Field(pattern=r"^[A-Z]{2}$")
    what: str = Field(min_length=10)
    year: int | None = Field(default=None, ge=1990, le=2100)  # the year the source gives; empty when none
    source: str = Field(pattern=SOURCE_ID)
    evidence: str = Field(pattern=evidence.PATTERN)


def programmes() -> list[Programme]:
    return data.table(PROGRAMMES_FILE, Programme)


def uses() -> list[Use]:
    return data.table(USE_FILE, Use)
