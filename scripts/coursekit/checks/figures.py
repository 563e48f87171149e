"""data/figures.csv: schema, known countries (or regions) and measures, sources that resolve, and one
value per country, measure, period and source (two sources may disagree; one source says one thing)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.figures import MEASURES, FigureRow
from ..model.findings import Finding
from .rows import TableRules, read_country_table

RULES = TableRules(
    shown="data/figures.csv", model=FigureRow, vocabulary_field="measure", vocabulary=MEASURES,
    unknown_code="FIGURE-MEASURE-UNKNOWN",
    key=lambda r: (r.country, r.measure, r.period, r.source),
    duplicate=lambda r, line: ("FIGURE-DUPLICATE",
                               f"{r.country} {r.measure} {r.period} from '{r.source}' is also on line {line}",
                               "keep one row per country, measure, period and source"),
    regions=True,
)


def check(course: Course) -> Iterable[Finding]:
    _, findings = read_country_table(course, RULES)
    yield from findings
