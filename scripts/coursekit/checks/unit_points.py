"""One source for each text: a unit's objectives and key points live in its metadata only.

The build writes them into the page (``engine.transforms.add_unit_points``) and into the trainer card;
a copy typed into the page drifts (``book/overview.ipynb`` did). This check refuses a page that has its
own "Key points" heading or "Learning objectives" list, or that repeats one of the metadata's items
word for word, and names the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding

HEADINGS = re.compile(r"^#{1,6}\s*(Key points|Learning objectives)\b|^\*\*(Key points|Learning objectives)\b",
                      re.M | re.I)
MIN_WORDS = 6  # shorter items ("Plan a session") may occur in any sentence without being a copy


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def check(course: Course) -> Iterable[Finding]:
    for unit in course.units:
        meta = unit.meta
        if not isinstance(meta, dict) or unit.notebook is None:
            continue
        items = [(field, n, str(text)) for field in ("objectives", "keypoints")
                 for n, text in enumerate(meta.get(field) or [], start=1)]
        for i, cell in enumerate(unit.notebook.cells, start=1):
            if cell.cell_type != "markdown":
                continue
            source = str(cell.source)
            m = HEADINGS.search(source)
            if m:
                yield Finding(unit.shown, unit.line_of(m.group(0)), "UNIT-POINTS-RESTATED",
                              f"cell {i} writes its own '{m.group(1) or m.group(2)}'",
                              "delete it: the build writes the objectives and key points from "
                              "metadata.course (edit them there)")
                continue
            text = _norm(source)
            for field, n, item in items:
                norm = _norm(item)
                if len(norm.split()) >= MIN_WORDS and norm in text:
                    yield Finding(unit.shown, None, "UNIT-POINTS-RESTATED",
                                  f"cell {i} repeats {field} item {n} of metadata.course word for word",
                                  "delete the copy: the build shows the item from the metadata")
