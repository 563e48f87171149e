"""LiftKeyPoints: a unit's "Key points" section moves up, right under its title and introduction.

A participant on a phone reads the first screens of a page and often no further; a trainer writes
the key points last, as a summary. Staged pages put them first, so the point of a unit is read
before its long tables (after the objectives AddUnitPoints writes). Only the "## Key points" section moves (a cell that goes on with another
``## `` section is split); a page without one is unchanged.
"""

from __future__ import annotations

import re

import nbformat

from .add_unit_points import OBJECTIVES_ID

HEADING = re.compile(r"^## Key points\s*$", re.MULTILINE)
NEXT_SECTION = re.compile(r"^## ", re.MULTILINE)


def _title_index(nb: nbformat.NotebookNode) -> int | None:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and re.search(r"^# ", cell.source, re.MULTILINE):
            return i
    return None


def _after_objectives(nb: nbformat.NotebookNode, title: int) -> int:
    """The cell the key points follow: the objectives AddUnitPoints wrote under the title, else the title."""
    for i in (title + 1, title + 2):
        if i < len(nb.cells) and nb.cells[i].get("id") == OBJECTIVES_ID:
            return i
    return title


def lift_key_points(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    title = _title_index(nb)
    if title is None:
        return nb
    for i, cell in enumerate(nb.cells):
        if i <= title or cell.cell_type != "markdown":
            continue
        found = HEADING.search(cell.source)
        if found is None:
            continue
        before, section = cell.source[: found.start()], cell.source[found.start():]
        later = NEXT_SECTION.search(section, 3)
        after = section[later.start():] if later else ""
        section = section[: later.start()] if later else section
        rest = (before.rstrip("\n") + ("\n\n" if before.strip() and after else "") + after).strip("\n")
        if rest:  # the cell goes on with another section: the key points move in a cell of their own
            cell.source = rest
            lifted = nbformat.v4.new_markdown_cell(section.strip("\n"))
            lifted["id"] = f"{(cell.get('id') or 'cell')[:50]}-key-points"
        else:  # the whole cell moves, its id with it
            lifted = nb.cells.pop(i)
        nb.cells.insert(_after_objectives(nb, title) + 1, lifted)
        return nb
    return nb
