"""data/legislation.csv: schema, known countries and provisions, one row per pair, sourced claims.

A status other than ``unknown`` says what a country's law provides, so it must cite a source that
resolves in the bibliography; a national provision marked yes or partial must also name the law.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..curriculum import Course
from ..findings import Finding
from ..legislation import PROVISIONS, LegislationRow
from ..references import unknown_countries, unknown_sources
from ..sourcefiles import read_csv

SHOWN = "data/legislation.csv"


def check(course: Course) -> Iterable[Finding]:
    path = course.root / SHOWN
    if not path.exists():
        return  # optional file: a course without country data has nothing to check
    rows, findings = read_csv(path, SHOWN, LegislationRow)
    yield from findings
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        r, line = row.value, row.line
        yield from unknown_countries(course, [r.country], SHOWN, line)
        prov = PROVISIONS.get(r.provision)
        if prov is None:
            yield Finding(SHOWN, line, "LEGISLATION-PROVISION-UNKNOWN", f"provision '{r.provision}' is not in the vocabulary",
                          f"use one of: {', '.join(PROVISIONS)} (see data/README.md)")
        key = (r.country, r.provision)
        if key in seen:
            yield Finding(SHOWN, line, "LEGISLATION-DUPLICATE",
                          f"{r.country} {r.provision} is also on line {seen[key]}", "keep one row per country and provision")
        seen.setdefault(key, line)
        if r.status != "unknown" and not r.source:
            yield Finding(SHOWN, line, "LEGISLATION-NO-SOURCE",
                          f"status '{r.status}' for {r.country} {r.provision} has no source",
                          "add the source id that shows it, or set the status to unknown")
        if r.source:
            yield from unknown_sources(course, [r.source], SHOWN, line)
        if prov is not None and prov.kind == "law" and r.status in ("yes", "partial") and not r.law:
            yield Finding(SHOWN, line, "LEGISLATION-NO-LAW",
                          f"status '{r.status}' for {r.country} {r.provision} does not name the law",
                          "write the law (and section) in the 'law' column")
        if r.since and r.status in ("no", "unknown"):
            yield Finding(SHOWN, line, "LEGISLATION-SINCE",
                          f"'since' is given but the status is '{r.status}'",
                          "remove the date, or correct the status")
    for code in sorted(course.country_codes):
        for prov_id in PROVISIONS:
            if rows and (code, prov_id) not in seen:
                yield Finding(SHOWN, None, "LEGISLATION-MISSING-ROW", f"no row for {code} {prov_id} (shown as unknown)",
                              f"add '{code},{prov_id},unknown,,,,<date>,' so the gap is explicit", severity="warning")
