"""data/challenges.csv: schema, known countries and categories, sources that resolve, no repeats."""

from __future__ import annotations

from collections.abc import Iterable

from ..challenges import CATEGORIES, ChallengeRow
from ..curriculum import Course
from ..findings import Finding
from ..references import unknown_countries, unknown_sources
from ..sourcefiles import read_csv

SHOWN = "data/challenges.csv"


def check(course: Course) -> Iterable[Finding]:
    path = course.root / SHOWN
    if not path.exists():
        return  # optional file: a course without country data has nothing to check
    rows, findings = read_csv(path, SHOWN, ChallengeRow)
    yield from findings
    seen: dict[tuple[str, ...], int] = {}
    for row in rows:
        r, line = row.value, row.line
        yield from unknown_countries(course, [r.country], SHOWN, line)
        if r.category not in CATEGORIES:
            yield Finding(SHOWN, line, "CHALLENGE-CATEGORY-UNKNOWN", f"category '{r.category}' is not in the vocabulary",
                          f"use one of: {', '.join(CATEGORIES)} (see data/README.md)")
        yield from unknown_sources(course, [r.source], SHOWN, line)
        key = tuple(str(v) for v in r.model_dump().values())
        if key in seen:
            yield Finding(SHOWN, line, "CHALLENGE-DUPLICATE", f"this row repeats line {seen[key]}", "delete one of the two")
        seen.setdefault(key, line)
