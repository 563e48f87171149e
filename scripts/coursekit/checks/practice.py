"""data/practice/*.yaml: practice questions that read well and cite sources that resolve."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import practice
from ..model.assessments import objective_index
from ..model.curriculum import Course
from ..model.findings import Finding


def check(course: Course) -> Iterable[Finding]:
    known = set(course.sources)
    objectives = objective_index(course)
    for part in practice.parts(course.root):
        questions, findings = practice.read(course.root, part)
        yield from findings
        shown = f"data/{practice.FOLDER}/{part}.yaml"
        for q in questions:
            for sid in q.sources:
                if "data/sources.yaml" not in course.unreadable and sid not in known:
                    yield Finding(shown, None, "PRACTICE-SOURCE-UNKNOWN", f"{q.id}: source '{sid}' is not in "
                                  "data/sources.yaml", "add the source to data/sources.yaml or correct the id")
            for ref in q.objectives:
                if ref not in objectives:
                    yield Finding(shown, None, "PRACTICE-OBJECTIVE-UNKNOWN", f"{q.id}: objective '{ref}' is not an "
                                  "objective of any unit", "write '<unit id>#<n>', n counting from 1 in the unit's "
                                  "metadata.course.objectives")
