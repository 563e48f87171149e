"""data/legislation.csv: schema, known countries and provisions, one row per pair, sourced claims.

A status other than ``unknown`` says what a country's law provides, so it must cite a source that
resolves in the bibliography and say how far that source may be trusted (``evidence``); a national
provision marked yes or partial must also name the law and its section; and a ``no`` may not rest on a
secondary source, because a summary that does not mention an offence does not show that there is none.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.legislation import PROVISIONS, SECTION_NOT_SEEN, LegislationRow
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
        yield from _evidence(r, line)
        if prov is not None and prov.kind != "treaty" and r.status in ("yes", "partial"):
            yield from _law_and_section(r, line)
        if r.since and r.status in ("no", "unknown"):
            yield Finding(SHOWN, line, "LEGISLATION-SINCE",
                          f"'since' is given but the status is '{r.status}'",
                          "remove the date, or correct the status")
    pairs = {(row.value.country, row.value.provision) for row in rows}
    for code in sorted(course.country_codes):
        for prov_id in PROVISIONS:
            if rows and (code, prov_id) not in pairs:
                yield Finding(SHOWN, None, "LEGISLATION-MISSING-ROW", f"no row for {code} {prov_id} (shown as unknown)",
                              f"add '{code},{prov_id},unknown,,,,,,<date>,' so the gap is explicit", severity="warning")


def _evidence(r: LegislationRow, line: int) -> Iterable[Finding]:
    """Every claim says how far its source may be trusted; a ``no`` needs a verified one."""
    if r.status != "unknown" and not r.evidence:
        yield Finding(SHOWN, line, "LEGISLATION-NO-EVIDENCE",
                      f"status '{r.status}' for {r.country} {r.provision} has no evidence level",
                      "write 'verified' (official text or primary source) or 'secondary' in the 'evidence' column")
    if r.status == "no" and r.evidence == "secondary":
        yield Finding(SHOWN, line, "LEGISLATION-NO-ON-SECONDARY",
                      f"'no' for {r.country} {r.provision} rests on a secondary source",
                      "set the status to unknown (the note can say what the source suggests), or cite the "
                      "official text and mark it verified")


def _law_and_section(r: LegislationRow, line: int) -> Iterable[Finding]:
    """A national yes/partial names the law and its section; 'not seen' only from a secondary source."""
    if not r.law:
        yield Finding(SHOWN, line, "LEGISLATION-NO-LAW",
                      f"status '{r.status}' for {r.country} {r.provision} does not name the law",
                      "write the law in the 'law' column")
    if not r.section:
        yield Finding(SHOWN, line, "LEGISLATION-NO-SECTION",
                      f"status '{r.status}' for {r.country} {r.provision} does not name the section",
                      f"write the section in the 'section' column, or '{SECTION_NOT_SEEN}' when the source "
                      "names the law but not the section (the row must then be 'secondary')")
    elif r.section.strip().lower() == SECTION_NOT_SEEN and r.evidence == "verified":
        yield Finding(SHOWN, line, "LEGISLATION-SECTION-NOT-SEEN",
                      f"{r.country} {r.provision} is marked verified but its section was not seen",
                      "name the section from the official text, or mark the row 'secondary'")
