"""data/glossary.yaml: the glossary's schema, one entry per acronym, and sources that resolve.

The build expands every acronym of the glossary on every page, so a bad entry would show on all of
them; a course without a glossary is valid (nothing is expanded).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import glossary
from ..model.curriculum import Course
from ..model.findings import Finding, InputError

SHOWN = f"data/{glossary.FILE}"


def check(course: Course) -> Iterable[Finding]:
    path = course.root / "data" / glossary.FILE
    if not path.is_file():
        return
    try:
        terms, acronyms = glossary.terms(course.root), glossary.acronym_entries(course.root)
    except InputError as exc:
        yield from exc.findings
        return
    written = [a.short for a in acronyms]
    for short in sorted({s for s in written if written.count(s) > 1}):
        yield Finding(SHOWN, None, "GLOSSARY-DUPLICATE", f"the acronym {short} is listed more than once",
                      "keep one entry per acronym")
    known = set(course.sources)
    for entry in [*terms, *acronyms]:
        name = entry.term if isinstance(entry, glossary.Term) else entry.short
        if entry.source and "data/sources.yaml" not in course.unreadable and entry.source not in known:
            yield Finding(SHOWN, None, "GLOSSARY-SOURCE-UNKNOWN", f"{name}: source '{entry.source}' is not in "
                          "data/sources.yaml", "add the source to data/sources.yaml or correct the id")
    for a in acronyms:
        if a.seen_in and not (course.root / "data" / a.seen_in).is_file():
            yield Finding(SHOWN, None, "GLOSSARY-SEEN-IN-MISSING", f"{a.short}: data/{a.seen_in} does not exist",
                          "name the data file that gives the long form, or remove seen_in")
