"""Knowledge checks: assessment files valid, objectives and sources resolve, self-check pages fit.

A question's objectives are '<unit-id>#<n>' (n counts from 1 in the unit's objectives); a question
is shown on the self-check page of the part its first objective's unit is in, and that page is
``book/self-checks/<slug of the part's caption>``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..model.assessments import files, parse, part_of_question, reference_findings, unit_parts
from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.text import slug
from ..model.unitmeta import TEACHING_KINDS

SELF_CHECK_DIR = "book/self-checks/"


def check(course: Course) -> Iterable[Finding]:
    parsed = [parse(p, course.shown(p)) for p in files(course.root)]
    for one in parsed:
        yield from one.findings
        yield from reference_findings(one, course)
    if parsed:
        yield from _self_check_pages(course, [a.assessment for a in parsed if a.assessment])


def _self_check_pages(course: Course, assessments: list) -> Iterable[Finding]:
    parts = unit_parts(course)
    per_part = Counter(slug(part_of_question(q, parts) or "") for a in assessments for q in a.questions)
    pages = {}
    for e in course.toc:
        if not e.file.startswith(SELF_CHECK_DIR):
            continue
        name = e.file[len(SELF_CHECK_DIR):].removesuffix(".ipynb").removesuffix(".md")
        pages[slug(e.part or "")] = e
        if name != slug(e.part or ""):
            yield Finding("_toc.yml", e.line, "SELF-CHECK-PART",
                          f"self-check page '{e.file}' is listed under part '{e.part}'",
                          f"name it {SELF_CHECK_DIR}{slug(e.part or '')} or move it to the part it checks")
        elif not per_part.get(name):
            yield Finding("_toc.yml", e.line, "SELF-CHECK-EMPTY",
                          f"no assessment question checks an objective of a unit in part '{e.part}'",
                          "add questions for this part's units to a file in data/assessments/",
                          severity="warning")
    taught = {slug(p): p for u in course.units if (p := parts.get(u.id or ""))
              and isinstance(u.meta, dict) and u.meta.get("kind") in TEACHING_KINDS}
    for part, caption in sorted(taught.items()):
        if part not in pages and per_part.get(part):
            yield Finding("_toc.yml", None, "SELF-CHECK-MISSING",
                          f"part '{caption}' has assessment questions but no self-check page",
                          f"add {SELF_CHECK_DIR}{part}.ipynb (copy another self-check page) as the part's "
                          "last chapter", severity="warning")
