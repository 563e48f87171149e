"""data/challenges.csv: schema, known countries and categories, sources that resolve, no repeats."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.challenges import CATEGORIES, ChallengeRow
from ..model.curriculum import Course
from ..model.findings import Finding
from .rows import TableRules, read_country_table

RULES = TableRules(
    shown="data/challenges.csv", model=ChallengeRow, vocabulary_field="category", vocabulary=CATEGORIES,
    unknown_code="CHALLENGE-CATEGORY-UNKNOWN",
    key=lambda r: tuple(str(v) for v in r.model_dump().values()),
    duplicate=lambda r, line: ("CHALLENGE-DUPLICATE", f"this row repeats line {line}", "delete one of the two"),
)


def check(course: Course) -> Iterable[Finding]:
    _, findings = read_country_table(course, RULES)
    yield from findings
