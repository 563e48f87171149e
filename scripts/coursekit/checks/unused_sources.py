"""A source that nothing cites: the bibliography lists only what the book rests on.

54 of 306 sources were once cited nowhere: they made the bibliography look better sourced than the
pages were. Every file under ``data/`` and ``book/`` (except the bibliography itself) is read as text
and each id is looked for as a whole word; an id found nowhere is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.sourcefiles import MAX_BYTES
from .source_kinds import SOURCES, _lines

TEXT_SUFFIXES = {".csv", ".yaml", ".yml", ".ipynb", ".md"}
ID_WORD = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")


def check(course: Course) -> Iterable[Finding]:
    if not (course.root / SOURCES).exists() or SOURCES in course.unreadable:
        return
    cited: set[str] = set()
    for folder in ("data", "book"):
        for path in sorted((course.root / folder).rglob("*")):
            # a file past the data limit is never loaded (FILE-TOO-LARGE is its own finding)
            if (path.suffix in TEXT_SUFFIXES and path.is_file() and not path.is_symlink()
                    and path.stat().st_size <= MAX_BYTES and course.shown(path) != SOURCES):
                cited.update(ID_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    lines = _lines(course)
    for sid in course.sources:
        if sid not in cited:
            yield Finding(SOURCES, lines.get(sid), "SOURCE-UNUSED", f"source '{sid}' is cited nowhere in data/ or book/",
                          "remove it, or cite it where the book rests on it", severity="warning")
