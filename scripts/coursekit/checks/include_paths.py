"""Includes that point at nothing: an ``{include}`` or ``{literalinclude}`` (MyST, any casing, in
back-tick or colon fences, or as ``.. include::`` inside ``{eval-rst}``) whose file does not exist.

Sphinx reports such an include only as a message in its log and publishes the page with that part
missing; ``validate`` names the page, the line and the path before any build starts.

- ``INCLUDE-MISSING`` (error): the included file does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model.curriculum import Course
from ..model.findings import Finding
from .case_studies import cell_line, cell_text

_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\s*\{(include|literalinclude)\}[ \t]*(\S[^\n]*?)\s*$",
                        re.IGNORECASE | re.MULTILINE)
_RST = re.compile(r"^\s*\.\.\s+(include|literalinclude)\s*::[ \t]*(\S[^\n]*?)\s*$", re.IGNORECASE | re.MULTILINE)
FIX = "correct the path (relative to this page's folder, or to book/ when it starts with '/'), or add the file"


def includes(text: str) -> Iterator[tuple[str, str]]:
    """(the directive's line, the path it includes) for every include in a page's text."""
    for pattern in (_DIRECTIVE, _RST):
        for m in pattern.finditer(text):
            target = m.group(2)
            if not (target.startswith("<") and target.endswith(">")):  # docutils' own files (<isonum.txt>)
                yield m.group(0).strip(), target


def _target(book: Path, page: Path, target: str) -> Path:
    return book / target.lstrip("/") if target.startswith("/") else page.parent / target


def _missing(book: Path, page: Path, text: str) -> Iterator[tuple[str, str]]:
    for line, target in includes(text):
        if not _target(book, page, target).is_file():
            yield line, target


def check(course: Course) -> Iterable[Finding]:
    book = course.root / "book"
    units = {u.path: u for u in course.units}
    for page in course.pages():
        unit = units.get(page)
        if unit is None:
            text = page.read_text(encoding="utf-8", errors="replace")
            for line, target in _missing(book, page, text):
                n = text.count("\n", 0, text.find(line)) + 1
                yield Finding(course.shown(page), n, "INCLUDE-MISSING",
                              f"includes '{target}', which does not exist (the page would be published "
                              "with that part missing)", FIX)
            continue
        if unit.notebook is None:
            continue
        for i, cell in enumerate(unit.notebook.cells):
            if cell.get("cell_type") != "markdown":
                continue
            for line, target in _missing(book, page, cell_text(cell)):
                yield Finding(unit.shown, cell_line(unit, i, line), "INCLUDE-MISSING",
                              f"cell {i + 1} includes '{target}', which does not exist (the page would be "
                              "published with that part missing)", FIX)
