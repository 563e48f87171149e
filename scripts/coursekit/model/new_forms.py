"""New forms of online child sexual exploitation (``data/new-forms.csv``): sextortion, self-generated
material and AI-generated material, as national law and as sourced findings.

One row per statement: the country (or a region code of ``regions.csv``, e.g. ``GLOBAL``), the form, whether
it is about the ``law`` or a ``finding`` of investigators and reporting bodies, what the source says in plain
words, the law (for a law row), the source, its evidence level, and the date the source gives. A country with
no row is not shown as lacking a law: the sources read for the course were silent.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from . import data, evidence
from .records import SOURCE_ID, Strict

FILE = "new-forms.csv"

FORMS: dict[str, str] = {
    "sextortion": "Sextortion",
    "self-generated": "Self-generated material",
    "ai-generated": "AI-generated material",
}

KINDS = {"law": "Law", "finding": "Finding"}


class NewFormRow(Strict):
    """One row of ``data/new-forms.csv``."""

    country: str = Field(pattern=r"^[A-Z]{2,8}$")
    form: str
    kind: str = Field(pattern=r"^(law|finding)$")
    what: str = Field(min_length=20)
    law: str | None = None
    source: str = Field(pattern=SOURCE_ID)
    evidence: str = Field(pattern=evidence.PATTERN)
    reported_at: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")

    @model_validator(mode="after")
    def _law_rows_name_the_law(self) -> NewFormRow:
        if self.kind == "law" and not self.law:
            raise ValueError("a 'law' row needs 'law' (the law and section the source names)")
        return self


def rows() -> list[NewFormRow]:
    return data.table(FILE, NewFormRow)
