"""Cross-references every data file and notebook uses: source ids and country codes.

One helper per kind of reference, so every check reports an unknown id the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from .curriculum import Course
from .findings import Finding


def unknown_sources(course: Course, ids: Iterable[str], shown: str, line: int | None) -> list[Finding]:
    """A SOURCE-UNKNOWN finding for each id that is not in ``data/sources.yaml`` (none while that
    file cannot be read at all: its own finding says so, once)."""
    known = course.sources
    if "data/sources.yaml" in course.unreadable:
        return []
    return [Finding(shown, line, "SOURCE-UNKNOWN", f"source id '{i}' is not in data/sources.yaml",
                    "add the source to data/sources.yaml or correct the id")
            for i in ids if i not in known]


def unknown_countries(course: Course, codes: Iterable[str], shown: str, line: int | None) -> list[Finding]:
    """A COUNTRY-UNKNOWN finding for each code that is not in ``data/countries.csv`` (none while that
    file cannot be read at all)."""
    known = course.country_codes
    if "data/countries.csv" in course.unreadable:
        return []
    return [Finding(shown, line, "COUNTRY-UNKNOWN",
                    f"country code '{c}' is not in data/countries.csv",
                    f"use one of: {', '.join(sorted(known))}")
            for c in codes if c not in known]
