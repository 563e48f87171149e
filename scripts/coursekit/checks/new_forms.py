"""data/new-forms.csv: schema, known countries or regions and forms, sources that resolve, no repeated
statement, and 'verified' only where a primary source is cited."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.new_forms import FILE, FORMS, NewFormRow
from .rows import TableRules, read_country_table
from .source_kinds import only_secondary

RULES = TableRules(
    shown=f"data/{FILE}", model=NewFormRow, vocabulary_field="form", vocabulary=FORMS,
    unknown_code="NEW-FORM-UNKNOWN",
    key=lambda r: (r.country, r.form, r.source, r.what),
    duplicate=lambda r, line: ("NEW-FORM-DUPLICATE", f"this row repeats line {line}", "delete one of the two"),
    regions=True,
)


def check(course: Course) -> Iterable[Finding]:
    rows, findings = read_country_table(course, RULES)
    yield from findings
    for row in rows:
        r, line = row.value, row.line
        if r.evidence == "verified" and only_secondary(course, [r.source]):
            yield Finding(RULES.shown, line, "NEW-FORM-VERIFIED-WITHOUT-PRIMARY",
                          f"marked verified, but '{r.source}' is a copy, news, NGO or research summary",
                          "mark it secondary, or cite the official text or court record you saw")
