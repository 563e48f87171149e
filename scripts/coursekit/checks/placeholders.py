"""No placeholder text (FIXME, TODO, XXX) may reach the published book."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding

PLACEHOLDER = re.compile(r"\b(FIXME|TODO|TBD|XXX)\b")


def check(course: Course) -> Iterable[Finding]:
    files = [course.root / "_config.yml", *course.pages()]
    for p in files:
        if not p.is_file():
            continue
        try:
            text = p.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            continue  # reported by the loader
        for n, line in enumerate(text.splitlines(), start=1):
            m = PLACEHOLDER.search(line)
            if m:
                yield Finding(course.shown(p), n, "PLACEHOLDER", f"placeholder '{m.group(1)}' left in the text",
                              "write the missing text or remove the placeholder")
