"""Case studies as data: ``data/case-studies/<unit id>.yaml``, its model, loader, timeline and tables.

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

import pandas as pd
from pydantic import AfterValidator, Field, ValidationError, model_validator

from . import data, instruments
from .charts import Chart, list_phrase
from .findings import Finding, InputError, relpath
from .models import SOURCE_ID, Strict
from .sourcefiles import line_at, plain, read_yaml
from .style import OKABE_ITO, caption, new_figure
from .tables import Table

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
PHASE_COLOURS = dict(zip(PHASES, OKABE_ITO, strict=True))

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
    doc, findings = read_yaml(path, shown)
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


# ---- words and tables --------------------------------------------------------------------------

def article_label(ref: str) -> str:
    """'budapest:16' -> 'Budapest Convention Art. 16 (Expedited preservation of stored computer data)'.

    Names and titles come from data/instruments/, so they read the same as in the standards units.
    """
    inst_id, _, number = ref.partition(":")
    inst = instruments.load(inst_id)
    art = inst.article(number)
    kind = "Art." if inst.item_name == "Article" else inst.item_name.lower()
    return f"{inst.short_title} {kind} {number}" + (f" ({art.title})" if art else " (not in data/instruments/)")


def _articles(refs: list[str]) -> str:
    return "; ".join(article_label(r) for r in refs) or "none mapped"


def _short(ids: list[str | None], titles: dict[str, str]) -> str:
    return "; ".join(titles.get(i, i) for i in ids if i) or "composite scenario"


def _titles(ids: list[str]) -> dict[str, str]:
    return dict(zip(ids, data.source_titles(ids), strict=True))


def _basis_phrase(case: CaseStudy) -> str:
    return "Composite teaching scenario" if case.basis == "composite" else "Public record"


def overview_table(case: CaseStudy) -> Table:
    """The case at a glance: country, basis, summary and outcome."""
    country = data.country_names().get(case.country, case.country)
    rows = [("Country", country), ("Basis", f"{_basis_phrase(case)}: {case.basis_note}"),
            ("Summary", case.summary), ("Outcome", case.outcome),
            ("Law as of", case.law_as_of.isoformat())]
    return Table(pd.DataFrame(rows, columns=["Item", "Detail"]), "The case at a glance",
                 caption(data.source_titles(case.sources), case.law_as_of))


def timeline_frame(case: CaseStudy) -> pd.DataFrame:
    """The timeline as rows: event number, day, phase and what happened."""
    rows = [{"#": i, "Day": e.day, "Phase": PHASES[e.phase], "What happened": e.event}
            for i, e in enumerate(case.timeline, start=1)]
    if case.basis == "public-record":
        for row, e in zip(rows, case.timeline, strict=True):
            row["Date"] = e.date.isoformat() if e.date else ""
    return pd.DataFrame(rows)


def timeline_table(case: CaseStudy) -> Table:
    note = " Days are illustrative." if case.basis == "composite" else ""
    return Table(timeline_frame(case), "Timeline: days since the first report",
                 f"{_basis_phrase(case)}.{note} Numbers match the chart.")


def provisions_table(case: CaseStudy) -> Table:
    """National provisions and the international articles they give effect to, with sources."""
    titles = _titles(case.source_ids())
    rows = [{"National law": p.law, "Provision": p.provision or "", "What it covers": p.covers,
             "International articles": _articles(p.standards),
             "Source": titles.get(p.source, p.source) + (f" ({p.note})" if p.note else "")}
            for p in case.provisions]
    return Table(pd.DataFrame(rows), "Legal basis: national provisions and the international articles they implement",
                 f"Mapping of provisions to articles: the course authors' reading. Law as of {case.law_as_of.isoformat()}.")


def steps_table(case: CaseStudy) -> Table:
    """Each investigative step with the powers used and the evidence problems met."""
    rows = []
    for n, st in enumerate(case.steps, start=1):
        first = {"Step": f"{n}. {st.step}", "Phase": PHASES[st.phase], "Powers (international articles)": _articles(st.powers)}
        for i, pr in enumerate(st.problems or [None]):
            row = first if i == 0 else {k: "" for k in first}
            rows.append({**row, "Evidence problem": EVIDENCE_PROBLEMS[pr.kind] + ": " + pr.problem if pr else "",
                         "How it was handled": pr.response if pr else ""})
    return Table(pd.DataFrame(rows), "Investigative steps and the evidence problems met at each",
                 f"{_basis_phrase(case)}. Powers named by the international article they correspond to.")


def partners_table(case: CaseStudy) -> Table:
    """Who cooperated: domestic agencies, foreign counterparts, service providers, NGOs."""
    titles = _titles([a.source for a in case.partners if a.source])
    order = list(PARTNER_KINDS)
    rows = [{"Who": a.name, "Kind": PARTNER_KINDS[a.kind], "Role in the case": a.role,
             "Source": _short([a.source], titles)}
            for a in sorted(case.partners, key=lambda a: order.index(a.kind))]
    return Table(pd.DataFrame(rows), "Cooperation: who took part and what each did",
                 "Institutions are named from the sources; roles in the scenario are illustrative."
                 if case.basis == "composite" else "Roles as reported in the sources.")


# ---- the timeline chart -----------------------------------------------------------------------

def timeline_chart(case: CaseStudy, *, caption_text: str) -> Chart:
    """Events on lanes by phase against days since the first report; numbers match the timeline table."""
    lanes = [p for p in PHASES if any(e.phase == p for e in case.timeline)]
    span = case.timeline[-1].day - case.timeline[0].day
    fig = new_figure(9, max(3.0, 0.55 * len(lanes) + 1.6))
    ax = fig.axes[0]
    for lane, phase in enumerate(lanes):
        evs = [(i, e) for i, e in enumerate(case.timeline, start=1) if e.phase == phase]
        ax.scatter([e.day for _, e in evs], [lane] * len(evs), s=90, color=PHASE_COLOURS[phase],
                   edgecolors="black", linewidths=0.6, zorder=3, label=PHASES[phase])
        for numbers, day in _label_groups(evs, close=0.025 * max(span, 1)):
            ax.annotate(numbers, (day, lane), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=9)
    ax.set_yticks(range(len(lanes)), [PHASES[p] for p in lanes])
    ax.set_ylim(len(lanes) - 0.5, -0.7)
    ax.set_xlabel("Days since the first report")
    ax.set_ylabel("Phase of the case")
    title = f"How the case moved: {len(case.timeline)} events over {span} days"
    ax.set_title(title)
    ax.margins(x=0.05)
    what = "a composite teaching scenario" if case.basis == "composite" else "a case on the public record"
    steps = "; ".join(f"event {i}, day {e.day}, {PHASES[e.phase].lower()}: {e.event.rstrip('.')}"
                      for i, e in enumerate(case.timeline, start=1))
    alt = (f"Timeline chart of {what}: {len(case.timeline)} events over {span} days, in the phases "
           f"{list_phrase([PHASES[p].lower() for p in lanes])}. {steps}.")
    return Chart(f"timeline-{case.id}", fig, title, alt, caption_text)


def _label_groups(events: list[tuple[int, Event]], *, close: float) -> list[tuple[str, float]]:
    """Event numbers to print above one lane: events too close to tell apart share one label ("1, 2")."""
    groups: list[list[tuple[int, Event]]] = []
    for i, e in events:
        if groups and e.day - groups[-1][0][1].day <= close:
            groups[-1].append((i, e))
        else:
            groups.append([(i, e)])
    return [(", ".join(str(i) for i, _ in g), sum(e.day for _, e in g) / len(g)) for g in groups]


def timeline(case: CaseStudy) -> Chart:
    """The timeline chart with its caption (basis, sources, law-as-of date) for the notebook."""
    prefix = "Composite teaching scenario: the days are illustrative. " if case.basis == "composite" else ""
    return timeline_chart(case, caption_text=prefix + caption(data.source_titles(case.sources), case.law_as_of))
