"""Channels of international cooperation (``data/cooperation-channels.csv``): what each can obtain, for whom.

Eight of the ten participating countries are not Parties to the Budapest Convention, so investigators
reach evidence abroad through other channels: regional treaties, Commonwealth and SAARC arrangements,
INTERPOL, requests made directly to service providers. One row per channel says, for the four kinds of
data an investigation needs (subscriber information, traffic data, content, preservation), what the
sources show the channel can do, how long it takes as far as they say, and which of the ten countries
it covers, with the sources and their evidence level.

A channel's countries come either from the row itself (``reach``: ISO codes, or ``all``) or, for a
treaty the course already tracks, from ``data/legislation.csv`` (``reach_from``: a treaty provision),
so a treaty status is typed once.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import Field, ValidationInfo, field_validator, model_validator

from . import data, evidence
from .records import Strict, in_vocabulary, listed_source_ids, source_ids

FILE = "cooperation-channels.csv"

KINDS: dict[str, str] = {
    "treaty": "Treaty",
    "scheme": "Non-binding scheme",
    "police-network": "Police network",
    "provider-policy": "Direct request to a provider",
    "commitment": "Political commitment",
}

# What a channel can obtain of one kind of data. ``no`` is a claim of absence: like a ``no`` in
# legislation.csv, it needs a verified row (checks.cooperation refuses it on a secondary one).
OBTAINS: dict[str, str] = {
    "named": "Yes: named in the text",
    "general": "Through general evidence powers (electronic data not named)",
    "via-mla": "Only through a mutual legal assistance request",
    "limited": "Limited (see note)",
    "no": "No",
    "unknown": "Unknown (not found in the sources)",
    "not-applicable": "Not a way to obtain data",
}

DATA_KINDS: dict[str, str] = {
    "subscriber": "Subscriber information",
    "traffic": "Traffic data",
    "content": "Content",
    "preservation": "Preservation",
}

ALL = "all"  # ``reach`` of a channel open to every country (a provider's own request policy)


class Channel(Strict):
    """One row of ``data/cooperation-channels.csv``: one channel and what the sources show it can do."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
    name: str = Field(min_length=5)
    short: str = Field(min_length=3, max_length=24)  # a column heading in the country table
    kind: str
    binding: str = Field(pattern=r"^(yes|no|unknown)$")
    reach: str | None = None
    reach_from: str | None = Field(default=None, pattern=r"^[a-z0-9_]+_party$")
    subscriber: str
    traffic: str
    content: str
    preservation: str
    timing: str = Field(min_length=5)
    sources: str
    evidence: str = Field(pattern=evidence.PATTERN)
    as_of: dt.date
    note: str = Field(min_length=10)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, v: str) -> str:
        return in_vocabulary(v, KINDS, "kind")

    @field_validator("subscriber", "traffic", "content", "preservation")
    @classmethod
    def _known_obtains(cls, v: str, info: ValidationInfo) -> str:
        return in_vocabulary(v, OBTAINS, f"{info.field_name} value")

    @field_validator("reach")
    @classmethod
    def _codes(cls, v: str | None) -> str | None:
        if v is not None and v != ALL and not re.fullmatch(r"[A-Z]{2}( [A-Z]{2})*", v):
            raise ValueError("write ISO codes separated by single spaces (e.g. 'BN MY SG'), or 'all'")
        return v

    _source_ids = field_validator("sources")(listed_source_ids)

    @model_validator(mode="after")
    def _one_reach(self) -> Channel:
        if self.reach and self.reach_from:
            raise ValueError("give either 'reach' (country codes) or 'reach_from' (a treaty row of "
                             "legislation.csv), not both")
        return self

    def source_ids(self) -> list[str]:
        return source_ids(self.sources)

    def countries(self) -> list[str] | None:
        """The ISO codes the row itself names; None when it names none (or takes them from legislation)."""
        if not self.reach or self.reach == ALL:
            return None
        return self.reach.split()


def channels() -> list[Channel]:
    """Every channel, in file order (through ``model.data``, so the build cache sees the read)."""
    return data.table(FILE, Channel)
