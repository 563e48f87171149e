"""The evidence level follows the source: every source says what kind of document it is and when it
was published, and no row is ``verified`` on a source that cannot carry it.

A source without a kind or a year is a warning (older copies of the course, and test courses, have
none); the shipped course has neither (``tests/checks/test_source_kinds.py``).

A news report, an NGO or legal summary and a copy or mirror are second-hand: a fact seen only there is
``secondary`` however trustworthy the outlet (``data/README.md``, "Evidence levels"). The rule is checked
here, once, for every table that has an ``evidence`` column, the same way ``legislation.py`` refuses a
``no`` on a secondary source.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.evidence import CANNOT_VERIFY, SOURCE_KINDS
from ..model.findings import Finding
from ..model.sourcefiles import line_of, read_yaml
from . import challenges, figures, legislation, steps
from .rows import TableRules, read_country_table

SOURCES = "data/sources.yaml"
TABLES: tuple[TableRules, ...] = (legislation.RULES, challenges.RULES, figures.RULES)


def _lines(course: Course) -> dict[str, int | None]:
    """The line of each source id in ``sources.yaml`` (the typed records keep no lines)."""
    doc, _ = read_yaml(course.root / SOURCES, SOURCES)
    items = doc.get("sources") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return {}
    return {str(item.get("id")): line_of(items, i) for i, item in enumerate(items) if isinstance(item, dict)}


def check(course: Course) -> Iterable[Finding]:
    if not (course.root / SOURCES).exists() or SOURCES in course.unreadable:
        return
    lines = _lines(course)
    for sid, s in course.sources.items():
        line = lines.get(sid)
        if not s.kind:
            yield Finding(SOURCES, line, "SOURCE-NO-KIND", f"source '{sid}' does not say what kind of document it is",
                          f"add 'kind:' with one of: {', '.join(SOURCE_KINDS)} (see data/README.md)",
                          severity="warning")
        elif s.kind not in SOURCE_KINDS:
            yield Finding(SOURCES, line, "SOURCE-KIND-UNKNOWN", f"source '{sid}' has kind '{s.kind}'",
                          f"use one of: {', '.join(SOURCE_KINDS)} (see data/README.md)")
        if s.year is None:
            yield Finding(SOURCES, line, "SOURCE-NO-YEAR", f"source '{sid}' has no year",
                          "write the year the document gives, or 'n.d.' when it gives none", severity="warning")
    yield from verified_on_weak_sources(course)


def verified_on_weak_sources(course: Course) -> Iterable[Finding]:
    """A row marked ``verified`` whose source is a news report, an NGO summary or a copy."""
    known = course.sources
    for rules in TABLES:
        rows, _ = read_country_table(course, rules)  # the table's own check reports its other problems
        for row in rows:
            r = row.value
            source = known.get(getattr(r, "source", "") or "")
            if getattr(r, "evidence", None) != "verified" or source is None or source.kind not in CANNOT_VERIFY:
                continue
            yield Finding(rules.shown, row.line, "EVIDENCE-VERIFIED-ON-WEAK-SOURCE",
                          f"'verified' rests on '{source.id}', a source of kind '{source.kind}' "
                          f"({SOURCE_KINDS[source.kind]})",
                          "mark the row 'secondary', or find the primary document (official text, court, "
                          "depositary, the organisation's own report), add it to data/sources.yaml and cite it")
    for _, shown, step, line in steps.country_steps(course):
        source = known.get(step.source)
        if step.evidence == "verified" and source is not None and source.kind in CANNOT_VERIFY:
            yield Finding(shown, line, "EVIDENCE-VERIFIED-ON-WEAK-SOURCE",
                          f"step '{step.id or step.step[:40]}' is 'verified' on '{source.id}', a source of kind "
                          f"'{source.kind}'", "mark the step 'secondary', or cite the primary document")


def only_secondary(course: Course, ids: Iterable[str]) -> bool:
    """True when every cited source with a known kind is one that cannot carry ``verified`` (news, an NGO or legal
    summary, a copy), and at least one has a kind: for the tables whose rows cite several sources or have a
    shape of their own (cooperation channels, capacity programmes, electronic evidence, new forms)."""
    kinds = {course.sources[s].kind for s in ids if s in course.sources and course.sources[s].kind}
    return bool(kinds) and kinds <= set(CANNOT_VERIFY)
