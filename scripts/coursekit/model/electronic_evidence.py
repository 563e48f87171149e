"""Electronic evidence in court, country by country (``data/electronic-evidence.csv``).

One row per country and aspect: whether the country's law has a rule on the **admissibility** of
electronic evidence, on its **authentication**, and on the **chain of custody**, with the law, the
section, what the rule says in plain words, and the source and its evidence level. Like
``legislation.csv``, ``unknown`` is the honest answer wherever nothing read says otherwise.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from . import data, evidence
from .records import SOURCE_ID, Strict

FILE = "electronic-evidence.csv"

ASPECTS: dict[str, str] = {
    "admissibility": "Admissibility",
    "authentication": "Authentication",
    "chain-of-custody": "Chain of custody",
}

STATUS_WORDS = {"yes": "Yes", "partial": "Partly", "no": "No", "unknown": "Unknown"}


class EvidenceRule(Strict):
    """One row of ``data/electronic-evidence.csv``."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    aspect: str
    status: str = Field(pattern=r"^(yes|partial|no|unknown)$")
    law: str | None = None
    section: str | None = None
    what: str = Field(min_length=10)
    source: str | None = Field(default=None, pattern=SOURCE_ID)
    evidence: str | None = Field(default=None, pattern=evidence.PATTERN)
    as_of: dt.date

    @model_validator(mode="after")
    def _claims_are_sourced(self) -> EvidenceRule:
        if self.status != "unknown":
            missing = [f for f in ("law", "section", "source", "evidence") if not getattr(self, f)]
            if missing:
                raise ValueError(f"a '{self.status}' needs {', '.join(missing)} (write 'not seen' for a section the "
                                 "source does not give), or make the status 'unknown'")
        return self


def rules() -> list[EvidenceRule]:
    return data.table(FILE, EvidenceRule)
