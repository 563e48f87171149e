"""Case studies as data: ``data/case-studies/<unit id>.yaml``, its model and loader (the page's tables
and timeline chart are drawn by ``book/casestudies.py``).

A case-study notebook stays narrative: the timeline, the legal basis (national provisions mapped to
international articles), the investigative steps with the evidence problems met at each, and the
cooperation partners all come from the unit's data file, so a trainer corrects a fact in one place
and every table and chart follows. Composite teaching scenarios count time in days since the first
report, never in calendar dates, so nothing invented can be mistaken for the record of a real case.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator

from . import data
from .findings import Finding, InputError, relpath
from .records import SOURCE_ID, Strict
from .sourcefiles import line_at, plain

FOLDER = "case-studies"  # under data/

# The phases of a case, in the order a case moves through them (also the timeline's lanes).
PHASES: dict[str, str] = {
    "report": "Report and referral",
    "preservation": "Preservation",
    "investigation": "Investigation",
    "cooperation": "International cooperation",
    "search-and-seizure": "Search and seizure",
    "victim-support": "Victim protection",
    "prosecution": "Prosecution",
    "outcome": "Outcome",
}

EVIDENCE_PROBLEMS: dict[str, str] = {
    "preservation": "Preservation",
    "attribution": "Attribution",
    "encryption": "Encryption",
    "cross-border": "Cross-border request",
    "volume": "Volume of material",
    "victim-identification": "Victim identification",
    "admissibility": "Admissibility",
}

PARTNER_KINDS: dict[str, str] = {
    "domestic": "Domestic agency",
    "foreign": "Foreign counterpart",
    "service-provider": "Service provider",
    "ngo": "Non-governmental organisation",
    "international": "International organisation",
}

# The vocabularies above are the only allowed values (one list to edit, in this file).
Phase = Literal[tuple(PHASES)]  # type: ignore[valid-type]
ProblemKind = Literal[tuple(EVIDENCE_PROBLEMS)]  # type: ignore[valid-type]
PartnerKind = Literal[tuple(PARTNER_KINDS)]  # type: ignore[valid-type]
ARTICLE = r"^[a-z0-9_]+:[0-9A-Za-z.]+$"  # as in metadata.course.standards; ids checked against data/instruments/
Text = Field(min_length=3)


def _article_refs(refs: list[str]) -> list[str]:
    """Article references are written ``instrument:article``, as in metadata.course.standards."""
    bad = [r for r in refs if not re.match(ARTICLE, r)]
    if bad:
        raise ValueError(f"not an article reference: {', '.join(bad)}; write instrument:article with an "
                         "instrument id from data/instruments/ (for example budapest:16)")
    return refs


Articles = Annotated[list[str], AfterValidator(_article_refs)]


class Event(Strict):
    """One moment of the case: when (days since the first report), in which phase, what happened."""

    day: int = Field(ge=0, le=3650)
    date: dt.date | None = None  # public-record cases only
    phase: Phase
    event: str = Text


class Provision(Strict):
    """A national provision used in the case and the international articles it gives effect to."""

    law: str = Text
    provision: str | None = None  # the section or part, as the source names it
    covers: str = Text
    standards: Articles = Field(default_factory=list)
    source: str = Field(pattern=SOURCE_ID)
    note: str | None = None


class Partner(Strict):
    """An agency, counterpart, provider or NGO that took part, and what it did."""

    name: str = Text
    kind: PartnerKind
    role: str = Text
    source: str | None = Field(default=None, pattern=SOURCE_ID)  # named institutions cite one


class Problem(Strict):
    """An evidence problem met at one step, and how the team handled it."""

    kind: ProblemKind
    problem: str = Text
    response: str = Text


class Step(Strict):
    """One investigative step, the powers it relied on and the evidence problems met."""

    step: str = Text
    phase: Phase
    powers: Articles = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


class CaseStudy(Strict):
    """One case-study data file."""

    id: str = Field(pattern=SOURCE_ID)
    title: str = Text
    country: str = Field(pattern=r"^[A-Z]{2}$")
    basis: Literal["public-record", "composite"]
    basis_note: str = Text
    summary: str = Text
    law_as_of: dt.date
    sources: list[str] = Field(min_length=1)
    timeline: list[Event] = Field(min_length=1)
    provisions: list[Provision] = Field(min_length=1)
    partners: list[Partner] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    outcome: str = Text

    @model_validator(mode="after")
    def _timeline_rules(self) -> CaseStudy:
        days = [e.day for e in self.timeline]
        if days != sorted(days):
            raise ValueError("timeline events must be in order of 'day' (days since the first report)")
        dated = [e for e in self.timeline if e.date is not None]
        if self.basis == "composite" and dated:
            raise ValueError("a composite scenario counts 'day' since the first report and has no calendar "
                             "'date' (an invented date could be mistaken for a real case's record)")
        if self.basis == "public-record" and len(dated) != len(self.timeline):
            raise ValueError("a public-record case gives each timeline event its 'date' from the sources")
        return self

    def standards(self) -> list[str]:
        """Every international article the case relies on, in first-use order."""
        found = [s for p in self.provisions for s in p.standards] + [s for st in self.steps for s in st.powers]
        return list(dict.fromkeys(found))

    def source_ids(self) -> list[str]:
        """Every source id the case cites, in first-use order."""
        found = [*self.sources, *(p.source for p in self.provisions), *(a.source for a in self.partners if a.source)]
        return list(dict.fromkeys(found))


# ---- reading -----------------------------------------------------------------------------------

def parse(doc: Any, shown: str) -> tuple[CaseStudy | None, list[Finding]]:
    """A case study from a loaded YAML document; each problem names its line and field."""
    if not isinstance(doc, dict):
        return None, [Finding(shown, 1, "CASE-FORMAT", "expected fields such as 'id:', 'title:', 'timeline:'",
                              "start from a file made by 'python3 scripts/course.py new case-study'")]
    try:
        return CaseStudy.model_validate(plain(doc)), []
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "case"
            msg = err["msg"].removeprefix("Value error, ")
            out.append(Finding(shown, line_at(doc, err["loc"]), "CASE-FIELD", f"{where}: {msg}",
                               "correct the field named here (see data/README.md, 'Case studies')"))
        return None, out


def read(path: Path, shown: str) -> tuple[CaseStudy | None, list[Finding]]:
    """Read and check one case-study file (the validator uses this)."""
    doc, findings = data.parsed_yaml(path, shown)
    if findings:
        return None, findings
    return parse(doc, shown)


def load(case_id: str) -> CaseStudy:
    """The case study ``data/case-studies/<case_id>.yaml`` for a notebook; bad data raises InputError."""
    p = data.path(f"{FOLDER}/{case_id}.yaml")
    case, findings = read(p, relpath(p, data.root()))
    if case is None:
        raise InputError(findings)
    return case
