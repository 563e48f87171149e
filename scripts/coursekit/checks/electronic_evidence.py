"""data/electronic-evidence.csv: schema, known countries and aspects, sources that resolve, one row per
country and aspect, and evidence the row can carry (no 'no' on a secondary source; a section 'not seen'
only on a secondary row; 'verified' only where a primary source is cited)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.electronic_evidence import ASPECTS, FILE, EvidenceRule
from ..model.findings import Finding
from .rows import TableRules, read_country_table
from .source_kinds import only_secondary

RULES = TableRules(
    shown=f"data/{FILE}", model=EvidenceRule, vocabulary_field="aspect", vocabulary=ASPECTS,
    unknown_code="EVIDENCE-ASPECT-UNKNOWN",
    key=lambda r: (r.country, r.aspect),
    duplicate=lambda r, line: ("EVIDENCE-DUPLICATE", f"{r.country} {r.aspect} is also on line {line}",
                               "keep one row per country and aspect"),
)


def check(course: Course) -> Iterable[Finding]:
    rows, findings = read_country_table(course, RULES)
    yield from findings
    for row in rows:
        r, line = row.value, row.line
        if r.status == "no" and r.evidence == "secondary":
            yield Finding(RULES.shown, line, "EVIDENCE-NO-ON-SECONDARY", "'no' rests on a secondary source",
                          "write 'unknown' and say in 'what' what the source suggests")
        if r.evidence == "verified" and (r.section or "").strip().lower() == "not seen":
            yield Finding(RULES.shown, line, "EVIDENCE-SECTION-NOT-SEEN",
                          "a row whose section was not seen cannot be verified", "mark it secondary")
        if r.evidence == "verified" and r.source and only_secondary(course, [r.source]):
            yield Finding(RULES.shown, line, "EVIDENCE-VERIFIED-WITHOUT-PRIMARY",
                          f"marked verified, but '{r.source}' is a copy, news, NGO or research summary",
                          "mark it secondary, or cite the official text you saw")
