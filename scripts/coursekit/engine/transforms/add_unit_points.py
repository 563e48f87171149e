"""AddUnitPoints: show every reader the unit's learning objectives and key points, from its metadata.

Objectives and key points are written once, in ``metadata.course`` (the agenda, the knowledge checks,
the slides and the trainer card read them there). A copy typed into the page drifted from the metadata,
and seven units showed participants no key points at all. This transform writes both into the page at
build time, in both editions: the objectives under the introduction, the key points as a section before
the discussion questions (or before the sources, or at the end). ``checks.unit_points`` refuses a page
that restates them by hand.
"""

from __future__ import annotations

import re

import nbformat

from ...model.text import myst_inline
from . import _derived_id, markdown_cell

OBJECTIVES_ID = "unit-objectives"
KEYPOINTS_ID = "unit-keypoints"
BEFORE = re.compile(r"^## (Discussion questions|Discussion|Sources)\b", re.M)


def objectives_text(objectives: list[str]) -> str:
    items = "\n".join(f"{n}. {myst_inline(o)}" for n, o in enumerate(objectives, start=1))
    return f"**Learning objectives.** By the end of this unit you can:\n\n{items}"


def keypoints_text(keypoints: list[str]) -> str:
    return "## Key points\n\n" + "\n".join(f"- {myst_inline(k)}" for k in keypoints)


def _title_index(nb: nbformat.NotebookNode) -> int | None:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and any(line.startswith("# ") for line in cell.source.splitlines()):
            return i
    return None


def _insert_keypoints(nb: nbformat.NotebookNode, cell: nbformat.NotebookNode) -> None:
    """Before the first 'Discussion' or 'Sources' heading, splitting the cell it starts in if need be."""
    for i, c in enumerate(nb.cells):
        if c.cell_type != "markdown":
            continue
        m = BEFORE.search(c.source)
        if m is None:
            continue
        head, rest = c.source[: m.start()].rstrip("\n"), c.source[m.start():]
        if not head.strip():
            nb.cells.insert(i, cell)
            return
        c.source = head
        tail = nbformat.v4.new_markdown_cell(rest, metadata=dict(c.get("metadata", {})))
        tail["id"] = _derived_id(c.get("id"), "rest")
        nb.cells[i + 1:i + 1] = [cell, tail]
        return
    nb.cells.append(cell)


def add_unit_points(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    meta = nb.metadata.get("course")
    if not isinstance(meta, dict):
        return nb
    objectives = [str(o) for o in meta.get("objectives") or []]
    keypoints = [str(k) for k in meta.get("keypoints") or []]
    if keypoints:
        _insert_keypoints(nb, markdown_cell(keypoints_text(keypoints), KEYPOINTS_ID))
    if objectives:
        at = _title_index(nb)
        nb.cells.insert(0 if at is None else at + 1, markdown_cell(objectives_text(objectives), OBJECTIVES_ID))
    return nb
