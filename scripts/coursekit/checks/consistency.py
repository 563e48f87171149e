"""Consistency across data files: one fact, one answer, wherever it is stated.

Three findings, each naming both places so the trainer can decide which is right:

- ``CONSISTENCY-CASE-BASIS`` (warning): a case study's legal basis maps a national law to the articles of
  a provision that ``legislation.csv`` marks ``unknown`` or ``no`` for that country. Either the case uses a
  law the table has not caught up with, or the case leans on a provision nobody has verified.
- ``CONSISTENCY-FIGURE`` (error): a text in another data file states a figure of ``figures.csv`` (same
  country, measure, period and source) with a different number.
- ``CONSISTENCY-STATUS`` (error): a country update's step says a country signed or joined a treaty in one
  year while ``legislation.csv`` gives another year, or no signature at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model.casestudies import FOLDER as CASE_FOLDER
from ..model.casestudies import read as read_case
from ..model.challenges import ChallengeRow
from ..model.country_updates import FOLDER as UPDATE_FOLDER
from ..model.country_updates import CountryUpdate
from ..model.curriculum import Course
from ..model.figures import MEASURES, FigureRow, period_year
from ..model.findings import Finding
from ..model.legislation import PROVISIONS, LegislationRow
from ..model.sourcefiles import line_of, read_csv, read_yaml, validate_yaml_item

LEGISLATION = "data/legislation.csv"
FIGURES = "data/figures.csv"
CHALLENGES = "data/challenges.csv"

# A treaty named in a step, and the words that make the step a claim about signing or joining it.
TREATY_NAMES = {
    "budapest_p2_party": r"Second (Additional )?Protocol",
    "budapest_party": r"Budapest Convention|Convention on Cybercrime",
    "un_cybercrime_party": r"UN Convention against Cybercrime|United Nations Convention against Cybercrime",
    "opsc_party": r"\bOPSC\b|Optional Protocol .*sale of children",
    "lanzarote_party": r"Lanzarote Convention",
}
TREATY_STEP = re.compile(r"\b(signed|signature|ratified|ratification|acceded|accession|became a Party|joined)\b",
                         re.IGNORECASE)
NUMBER = r"(\d{1,3}(?:,\d{3})+|\d{5,})"
YEAR = r"((?:19|20)\d{2})"
COUNT_THEN_YEAR = re.compile(NUMBER + r"\s+(?:[A-Za-z-]+\s+){0,8}?in\s+" + YEAR)
YEAR_THEN_COUNT = re.compile(YEAR + r"\)?:\s*(?:about\s+|~)?" + NUMBER)
SHARE_OF_CHILDREN = re.compile(r"(\d+(?:\.\d+)?)% of internet-using children")


@dataclass(frozen=True)
class Statement:
    """A sentence of some data file about one country, citing one source."""

    shown: str
    line: int | None
    country: str
    source: str | None
    text: str


def check(course: Course) -> Iterable[Finding]:
    legislation = _rows(course, LEGISLATION, LegislationRow)
    status = {(r.country, r.provision): (r, line) for r, line in legislation}
    yield from _case_basis(course, status)
    statements = list(_statements(course))
    yield from _figures(_rows(course, FIGURES, FigureRow), statements)
    yield from _treaty_steps(course, status)


def _rows(course: Course, shown: str, model: type) -> list[tuple]:
    """Typed rows with their lines; nothing when the file is absent or unreadable (its own check says so)."""
    path = course.root / shown
    if not path.exists():
        return []
    rows, _ = read_csv(path, shown, model)
    return [(r.value, r.line) for r in rows]


def _cases(course: Course) -> Iterator[tuple[str, object]]:
    folder = course.root / "data" / CASE_FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        shown = course.shown(path)
        case, _ = read_case(path, shown)
        if case is not None:
            yield shown, case


def _updates(course: Course) -> Iterator[tuple[str, dict, CountryUpdate]]:
    folder = course.root / "data" / UPDATE_FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        shown = course.shown(path)
        doc, findings = read_yaml(path, shown)
        if findings or not isinstance(doc, dict):
            continue
        update, _ = validate_yaml_item(doc, CountryUpdate, shown, 1)
        if update is not None:
            yield shown, doc, update


def _case_basis(course: Course, status: dict) -> Iterator[Finding]:
    national = {pid: set(p.standards) for pid, p in PROVISIONS.items() if p.kind == "law"}
    for shown, case in _cases(course):
        for k, prov in enumerate(case.provisions):
            for pid, standards in national.items():
                if not standards & set(prov.standards):
                    continue
                row = status.get((case.country, pid))
                state = row[0].status if row else "unknown"
                if state in ("unknown", "no"):
                    where = f"line {row[1]}" if row else "no row"
                    yield Finding(shown, _case_line(course, shown, k), "CONSISTENCY-CASE-BASIS",
                                  f"the legal basis '{prov.law}' maps {', '.join(prov.standards)}, but "
                                  f"{LEGISLATION} marks {case.country} {pid} '{state}' ({where})",
                                  f"check the law and update {LEGISLATION} (status, law, section, evidence), "
                                  "or correct the case's mapping", severity="warning")


def _case_line(course: Course, shown: str, index: int) -> int | None:
    doc, _ = read_yaml(course.root / shown, shown)
    items = doc.get("provisions") if isinstance(doc, dict) else None
    return line_of(items, index) if isinstance(items, list) else None


def _statements(course: Course) -> Iterator[Statement]:
    """Every sentence of the other data files that could state a figure: country updates, challenges and
    case studies, each with its country and source."""
    for shown, doc, update in _updates(course):
        for key in ("profile", "laws", "steps"):
            items = doc.get(key) or []
            for i, item in enumerate(getattr(update, key)):
                text = " ".join(str(v) for k, v in item.model_dump().items() if k != "source" and v)
                yield Statement(shown, line_of(items, i), update.country, item.source, text)
    path = course.root / CHALLENGES
    if path.exists():
        rows, _ = read_csv(path, CHALLENGES, ChallengeRow)
        for r in rows:
            yield Statement(CHALLENGES, r.line, r.value.country, r.value.source, r.value.description)
    for shown, case in _cases(course):
        for p in case.provisions:
            yield Statement(shown, None, case.country, p.source, f"{p.law} {p.covers} {p.note or ''}")


def _figures(figures: list[tuple[FigureRow, int]], statements: list[Statement]) -> Iterator[Finding]:
    for fig, line in figures:
        measure = MEASURES.get(fig.measure)
        if measure is None:
            continue  # the figures check reports the unknown measure
        for st in statements:
            if st.source != fig.source or st.country != fig.country or not re.search(measure.pattern, st.text):
                continue
            for stated in _stated_values(st.text, fig):
                if abs(stated - fig.value) > 1e-9:
                    yield Finding(st.shown, st.line, "CONSISTENCY-FIGURE",
                                  f"states {_number(stated)} for {fig.country} {measure.label} ({fig.period}), but "
                                  f"{FIGURES} line {line} gives {_number(fig.value)} from the same source",
                                  f"make the two agree with the source '{fig.source}' (or, if they are different "
                                  "measures, say so in both)")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _stated_values(text: str, fig: FigureRow) -> list[float]:
    """The numbers ``text`` gives for the figure's measure and period (none when it gives none)."""
    if MEASURES[fig.measure].unit == "%":
        return [float(m.group(1)) for m in SHARE_OF_CHILDREN.finditer(text)] if "Disrupting" in text else []
    if not re.fullmatch(r"\d{4}", fig.period):
        return []  # part-year periods are only compared where a year alone would be ambiguous
    year = period_year(fig.period)
    found = [(int(m.group(2)), m.group(1)) for m in COUNT_THEN_YEAR.finditer(text)]
    found += [(int(m.group(1)), m.group(2)) for m in YEAR_THEN_COUNT.finditer(text)]
    return [float(n.replace(",", "")) for y, n in found if y == year]


def _treaty_steps(course: Course, status: dict) -> Iterator[Finding]:
    for shown, doc, update in _updates(course):
        items = doc.get("steps") or []
        for i, step in enumerate(update.steps):
            if step.year is None or not TREATY_STEP.search(step.step):
                continue
            treaty = next((t for t, pattern in TREATY_NAMES.items() if re.search(pattern, step.step)), None)
            if treaty is None:
                continue
            row = status.get((update.country, treaty))
            if row is None:
                continue
            r, line = row
            label = PROVISIONS[treaty].label
            if r.status in ("no", "unknown"):
                yield Finding(shown, line_of(items, i), "CONSISTENCY-STATUS",
                              f"the step says {update.country} signed or joined the {label} in {step.year}, but "
                              f"{LEGISLATION} line {line} marks it '{r.status}'",
                              "make the two agree with the source, or reword the step")
            elif r.since and int(str(r.since)[:4]) != step.year and _single_event(step.step):
                yield Finding(shown, line_of(items, i), "CONSISTENCY-STATUS",
                              f"the step dates the {label} step {step.year}, but {LEGISLATION} line {line} gives "
                              f"{r.since}", "make the two dates agree with the source")


def _single_event(text: str) -> bool:
    """A step about one event (not 'signed in 2016, ratified in 2018'): one year named at most."""
    return len(set(re.findall(YEAR, text))) <= 1
