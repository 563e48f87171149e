"""data/capacity-programmes.csv and data/capacity-use.csv: schema, unique programmes, one row per use,
programmes, countries and sources that resolve, and ``verified`` only where a primary source is cited."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.capacity import PROGRAMMES_FILE, USE_FILE, Programme, Use
from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.references import unknown_countries, unknown_sources
from ..model.sourcefiles import read_csv
from .source_kinds import only_secondary

PROGRAMMES = f"data/{PROGRAMMES_FILE}"
USES = f"data/{USE_FILE}"
_VERIFIED_FIX = "mark it secondary, or cite the official text or the organisation's own report you saw"


def check(course: Course) -> Iterable[Finding]:
    known: set[str] = set()
    if (course.root / PROGRAMMES).exists():
        rows, findings = read_csv(course.root / PROGRAMMES, PROGRAMMES, Programme)
        yield from findings
        for row in rows:
            p, line = row.value, row.line
            if p.id in known:
                yield Finding(PROGRAMMES, line, "CAPACITY-DUPLICATE", f"programme id '{p.id}' is used twice",
                              "give each programme its own id")
            known.add(p.id)
            yield from unknown_sources(course, p.source_ids(), PROGRAMMES, line)
            if p.evidence == "verified" and only_secondary(course, p.source_ids()):
                yield Finding(PROGRAMMES, line, "CAPACITY-VERIFIED-WITHOUT-PRIMARY",
                              "marked verified, but every source it cites is a copy, news, NGO or research summary",
                              _VERIFIED_FIX)
    if not (course.root / USES).exists():
        return
    rows, findings = read_csv(course.root / USES, USES, Use)
    yield from findings
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        u, line = row.value, row.line
        if u.programme not in known:
            yield Finding(USES, line, "CAPACITY-PROGRAMME-UNKNOWN", f"programme '{u.programme}' is not in {PROGRAMMES}",
                          f"use one of: {', '.join(sorted(known))}")
        yield from unknown_countries(course, [u.country], USES, line)
        yield from unknown_sources(course, [u.source], USES, line)
        key = (u.programme, u.country, u.source)
        if key in seen:
            yield Finding(USES, line, "CAPACITY-USE-DUPLICATE",
                          f"{u.country} and '{u.programme}' from '{u.source}' are also on line {seen[key]}",
                          "keep one row per programme, country and source")
        seen.setdefault(key, line)
        if u.evidence == "verified" and only_secondary(course, [u.source]):
            yield Finding(USES, line, "CAPACITY-VERIFIED-WITHOUT-PRIMARY",
                          f"marked verified, but '{u.source}' is a copy, news, NGO or research summary", _VERIFIED_FIX)
