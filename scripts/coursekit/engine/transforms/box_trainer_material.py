"""BoxTrainerMaterial: show model answers and trainer notes in collapsed "Trainer only" boxes.

A trainer projects the trainer edition; an answer printed straight under its exercise would be
projected with it. Each run of cells tagged ``solution`` or ``trainer`` gets a heading (so the page's
Contents lists it, with the anchor of ``model.trainer_boxes``) and each of its cells is shown
collapsed: a Markdown cell inside a coloured sphinx-design dropdown, a code cell's output behind
MyST-NB's collapsed output toggle. Nothing is removed: a box opens to the full text.
"""

from __future__ import annotations

import re

import nbformat

from ...model.trainer_boxes import TITLES, TrainerBox, trainer_boxes
from . import markdown_cell

PROMPTS = (" (select to show)", " (select to hide)")  # after the title on a code cell's toggle
BOX_CLASS = "trainer-box"  # on every box (dropdown container, or code cell via its tag): CSS and tests
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(:{3,})", re.MULTILINE)


def _level_before(nb: nbformat.NotebookNode, index: int) -> int:
    """The level of the heading the box belongs under: one below the last heading above it."""
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type != "markdown":
            continue
        levels = [len(m.group(1)) for line in cell.source.splitlines() if (m := _HEADING.match(line))]
        if levels:
            return min(levels[-1] + 1, 6)
    return 2


def _flatten_headings(source: str) -> str:
    """Headings inside a box would end it (a section cannot sit in a dropdown): make them bold lines."""
    return "\n".join(f"**{m.group(2)}**" if (m := _HEADING.match(line)) else line for line in source.splitlines())


def box_markdown(source: str, kind: str) -> str:
    """``source`` inside a collapsed, coloured dropdown titled for ``kind``, fenced deeper than any
    fence the source itself uses."""
    fence = ":" * max([3, *(len(m.group(1)) + 1 for m in _FENCE.finditer(source))])
    return (f"{fence}{{dropdown}} {TITLES[kind]}\n:color: warning\n:icon: lock\n"
            f":class-container: {BOX_CLASS} {BOX_CLASS}-{kind}\n\n{_flatten_headings(source).strip()}\n{fence}")


def heading_cell(box: TrainerBox, level: int) -> nbformat.NotebookNode:
    """The heading of a box, with its anchor: what the page's Contents and the unit card link to."""
    return markdown_cell(f"({box.label})=\n{'#' * level} {box.title}", f"{box.label}-heading")


def _box_code(cell: nbformat.NotebookNode, kind: str) -> None:
    """A code cell's output behind MyST-NB's collapsed toggle (its code is not shown: the answer is)."""
    tags = list(cell.metadata.get("tags", []))
    added = ("remove-input", "hide-output", BOX_CLASS, f"{BOX_CLASS}-{kind}")
    cell.metadata["tags"] = tags + [t for t in added if t not in tags]
    cell.metadata["mystnb"] = {**cell.metadata.get("mystnb", {}),
                               "code_prompt_show": TITLES[kind] + PROMPTS[0],
                               "code_prompt_hide": TITLES[kind] + PROMPTS[1]}


def box_trainer_material(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for box in reversed([b for b in trainer_boxes(nb) if b.cells]):  # from the end: indices stay valid
        for n in box.cells:
            cell = nb.cells[n]
            if cell.cell_type == "markdown":
                cell.source = box_markdown(cell.source, box.kind)
            elif cell.cell_type == "code":
                _box_code(cell, box.kind)
        first = box.cells[0]
        nb.cells.insert(first, heading_cell(box, _level_before(nb, first)))
    return nb
