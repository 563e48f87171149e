"""Notebooks: stored without outputs, metadata valid, ids unique, references resolve."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.references import unknown_countries, unknown_sources
from ..model.unitmeta import CELL_ROLES, metadata_problems

# where the stored JSON first holds an output or an execution count (the line a trainer should look at)
_STORED_OUTPUT = re.compile(r'"outputs"\s*:\s*\[\s*[^\s\]]|"execution_count"\s*:\s*\d')


def check(course: Course) -> Iterable[Finding]:
    ids: dict[str, str] = {}
    for unit in course.units:
        nb = unit.notebook
        if nb is None:
            continue  # unreadable: already a load finding
        for i, cell in enumerate(nb.cells, start=1):
            if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
                m = _STORED_OUTPUT.search(unit.text)
                yield Finding(unit.shown, unit.text.count("\n", 0, m.start()) + 1 if m else None, "NB-OUTPUTS",
                              f"cell {i} is stored with outputs; notebooks are stored clean",
                              "in Jupyter choose Edit > Clear Outputs of All Cells, then save")
                break
        for i, cell in enumerate(nb.cells, start=1):
            roles = set(cell.get("metadata", {}).get("tags", [])) & set(CELL_ROLES)
            if len(roles) > 1:
                yield Finding(unit.shown, None, "NB-CELL-ROLE", f"cell {i} is tagged both trainer and solution",
                              "keep one role tag")
        meta = unit.meta
        line = unit.line_of('"course"')
        if meta is None:
            yield Finding(unit.shown, None, "META-MISSING", "notebook has no metadata.course",
                          "create units with 'python3 scripts/course.py new', or copy the metadata block of a similar unit")
            continue
        for _field, msg in metadata_problems(meta):
            yield Finding(unit.shown, line, "META-SCHEMA", msg, "edit the notebook metadata (Edit > Notebook metadata)")
        if not isinstance(meta, dict):
            continue
        uid = meta.get("id")
        if isinstance(uid, str):
            if uid in ids:
                yield Finding(unit.shown, line, "META-DUPLICATE-ID", f"unit id '{uid}' is also used by {ids[uid]}",
                              "give each unit its own id")
            ids.setdefault(uid, unit.shown)
        if isinstance(meta.get("sources"), list):
            yield from unknown_sources(course, [s for s in meta["sources"] if isinstance(s, str)], unit.shown, line)
        if isinstance(meta.get("countries"), list):
            yield from unknown_countries(course, [c for c in meta["countries"] if isinstance(c, str)], unit.shown, line)
