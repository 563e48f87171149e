"""The bibliography and the country list: schema, duplicates and the source of each row."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.references import unknown_sources


def check(course: Course) -> Iterable[Finding]:
    _ = course.sources  # loading records schema findings in course.load_findings
    seen: dict[str, int] = {}
    for row in course.country_rows:
        c = row.value
        if c.iso2 in seen:
            yield Finding("data/countries.csv", row.line, "COUNTRY-DUPLICATE",
                          f"country '{c.iso2}' is also on line {seen[c.iso2]}", "keep one row per country")
        seen.setdefault(c.iso2, row.line)
        yield from unknown_sources(course, [c.source], "data/countries.csv", row.line)
