"""What every country-by-something table of ``data/`` is checked for, in one place.

``challenges.csv`` (country by category) and ``legislation.csv`` (country by provision) share their
shape: typed rows with a line each, a country code, a value from a fixed vocabulary, a source id, and
a rule for when two rows say the same thing. ``read_country_table`` reads such a file and returns its
rows with the findings they all share; each table's own check adds only what is particular to it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..model.challenges import Region
from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.references import unknown_countries, unknown_sources
from ..model.sourcefiles import Row, read_csv


@dataclass(frozen=True)
class TableRules:
    """How one country table is read and what makes its rows wrong."""

    shown: str                                   # the file as the trainer knows it, e.g. data/challenges.csv
    model: type[BaseModel]                       # the typed row
    vocabulary_field: str                        # the column whose value must be in ``vocabulary``
    vocabulary: Collection[str]
    unknown_code: str                            # finding code for a value outside the vocabulary
    key: Callable[[Any], Hashable]               # two rows with one key say the same thing
    duplicate: Callable[[Any, int], tuple[str, str, str]]  # (code, message, fix) for a row repeating line n
    regions: bool = False                        # may a row name a region of data/regions.csv (ASEAN)?


REGIONS = "data/regions.csv"


def read_regions(course: Course) -> tuple[set[str], list[Finding]]:
    """The region codes of ``data/regions.csv`` (none when absent) and the findings of reading it."""
    path = course.root / REGIONS
    if not path.exists():
        return set(), []
    rows, findings = read_csv(path, REGIONS, Region)
    return {r.value.code for r in rows}, findings


def read_country_table(course: Course, rules: TableRules) -> tuple[list[Row[Any]], list[Finding]]:
    """The rows of the table and the shared findings; no rows and no findings when the file is absent
    (a course without country data has nothing to check)."""
    path = course.root / rules.shown
    if not path.exists():
        return [], []
    rows, findings = read_csv(path, rules.shown, rules.model)
    regions = read_regions(course)[0] if rules.regions else set()
    seen: dict[Hashable, int] = {}
    for row in rows:
        r, line = row.value, row.line
        if r.country not in regions:
            findings += unknown_countries(course, [r.country], rules.shown, line)
        value = getattr(r, rules.vocabulary_field)
        if value not in rules.vocabulary:
            findings.append(Finding(rules.shown, line, rules.unknown_code,
                                    f"{rules.vocabulary_field} '{value}' is not in the vocabulary",
                                    f"use one of: {', '.join(rules.vocabulary)} (see data/README.md)"))
        source = getattr(r, "source", None)
        if source:
            findings += unknown_sources(course, [source], rules.shown, line)
        key = rules.key(r)
        if key in seen:
            code, message, fix = rules.duplicate(r, seen[key])
            findings.append(Finding(rules.shown, line, code, message, fix))
        seen.setdefault(key, line)
    return rows, findings
