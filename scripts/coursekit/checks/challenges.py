"""data/challenges.csv: schema, known countries (or regions) and categories, sources that resolve, no
repeats, and a challenge later addressed says when, how and on what source, after it was reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model.challenges import CATEGORIES, ChallengeRow
from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.references import unknown_sources
from .rows import TableRules, read_country_table, read_regions

RULES = TableRules(
    shown="data/challenges.csv", model=ChallengeRow, vocabulary_field="category", vocabulary=CATEGORIES,
    unknown_code="CHALLENGE-CATEGORY-UNKNOWN",
    key=lambda r: tuple(str(v) for v in r.model_dump().values()),
    duplicate=lambda r, line: ("CHALLENGE-DUPLICATE", f"this row repeats line {line}", "delete one of the two"),
    regions=True,
)
SHOWN = RULES.shown
ADDRESSED = ("addressed_at", "addressed_note", "addressed_source")


def check(course: Course, today: dt.date | None = None) -> Iterable[Finding]:
    yield from read_regions(course)[1]
    rows, findings = read_country_table(course, RULES)
    yield from findings
    today = today or dt.date.today()
    for row in rows:
        r, line = row.value, row.line
        if r.reported_at > today.isoformat():
            yield Finding(SHOWN, line, "CHALLENGE-DATE-FUTURE", f"reported_at {r.reported_at} is in the future",
                          "write the date of the statement, as the source gives it")
        given = [f for f in ADDRESSED if getattr(r, f)]
        if given and len(given) < len(ADDRESSED):
            missing = [f for f in ADDRESSED if f not in given]
            yield Finding(SHOWN, line, "CHALLENGE-ADDRESSED-INCOMPLETE",
                          f"a challenge marked addressed has no {', '.join(missing)}",
                          "give all three (the date, what changed and the source that shows it), or none")
        if r.addressed_at and r.addressed_at < r.reported_at[: len(r.addressed_at)]:
            yield Finding(SHOWN, line, "CHALLENGE-ADDRESSED-BEFORE",
                          f"addressed_at {r.addressed_at} is before the report ({r.reported_at})",
                          "a challenge can only be addressed after it was reported: check both dates")
        if r.addressed_source:
            yield from unknown_sources(course, [r.addressed_source], SHOWN, line)
