"""data/legislation.csv: schema, known countries and provisions, one row per pair, sourced claims.

A status other than ``unknown`` says what a country's law provides, so it must cite a source that
resolves in the bibliography; a national provision marked yes or partial must also name the law.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.legislation import PROVISIONS, LegislationRow
from .rows import TableRules, read_country_table

RULES = TableRules(
    shown="data/legislation.csv", model=LegislationRow, vocabulary_field="provision", vocabulary=PROVISIONS,
    unknown_code="LEGISLATION-PROVISION-UNKNOWN",
    key=lambda r: (r.country, r.provision),
    duplicate=lambda r, line: ("LEGISLATION-DUPLICATE", f"{r.country} {r.provision} is also on line {line}",
                               "keep one row per country and provision"),
)
SHOWN = RULES.shown


def check(course: Course) -> Iterable[Finding]:
    rows, findings = read_country_table(course, RULES)
    yield from findings
    for row in rows:
        r, line = row.value, row.line
        prov = PROVISIONS.get(r.provision)
        if r.status != "unknown" and not r.source:
            yield Finding(SHOWN, line, "LEGISLATION-NO-SOURCE",
                          f"status '{r.status}' for {r.country} {r.provision} has no source",
                          "add the source id that shows it, or set the status to unknown")
        if prov is not None and prov.kind == "law" and r.status in ("yes", "partial") and not r.law:
            yield Finding(SHOWN, line, "LEGISLATION-NO-LAW",
                          f"status '{r.status}' for {r.country} {r.provision} does not name the law",
                          "write the law (and section) in the 'law' column")
        if r.since and r.status in ("no", "unknown"):
            yield Finding(SHOWN, line, "LEGISLATION-SINCE",
                          f"'since' is given but the status is '{r.status}'",
                          "remove the date, or correct the status")
    pairs = {(row.value.country, row.value.provision) for row in rows}
    for code in sorted(course.country_codes):
        for prov_id in PROVISIONS:
            if rows and (code, prov_id) not in pairs:
                yield Finding(SHOWN, None, "LEGISLATION-MISSING-ROW", f"no row for {code} {prov_id} (shown as unknown)",
                              f"add '{code},{prov_id},unknown,,,,<date>,' so the gap is explicit", severity="warning")
