"""Where a unit's trainer-only material sits, and the anchor of the box it is shown in.

The trainer edition shows every model answer (cells tagged ``solution``) and every trainer note
(cells tagged ``trainer``, and the unit's ``trainer_notes``) in a collapsed "Trainer only" box with
an anchor. The transform that draws the boxes, the unit card that links to them and the agenda
cards that link to them from the day's plan all take the anchors from here, so a link always
finds its box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .unitmeta import cell_tags

KINDS = {"solution": "answer", "trainer": "notes"}  # cell role tag -> kind of box
TITLES = {"answer": "Trainer only: model answer", "notes": "Trainer only: notes"}


@dataclass(frozen=True)
class TrainerBox:
    """One box: its kind, anchor (a Sphinx label), heading, and the cells it shows (empty: metadata)."""

    kind: str  # "answer" or "notes"
    label: str
    cells: tuple[int, ...]

    @property
    def title(self) -> str:
        return TITLES[self.kind]


def unit_key(meta: Any) -> str:
    """The unit's id (``metadata.course.id``), the stem of every anchor on its page."""
    course = meta.get("course") if isinstance(meta, dict) else None
    value = course.get("id") if isinstance(course, dict) else None
    return value if isinstance(value, str) and value else "unit"


def role(cell: Any) -> str | None:
    """``answer`` or ``notes`` for a cell tagged ``solution`` or ``trainer``; None for other cells."""
    tags = cell_tags(cell)
    for tag, kind in KINDS.items():
        if tag in tags:
            return kind
    return None


def trainer_boxes(nb: Any) -> list[TrainerBox]:
    """The boxes of a notebook, in page order: the unit's trainer_notes first (it sits under the
    title, in the unit card's place), then one box per run of consecutive cells of one kind."""
    meta = dict(nb.get("metadata", {}))
    key = unit_key(meta)
    boxes: list[TrainerBox] = []
    course = meta.get("course") if isinstance(meta.get("course"), dict) else {}
    if str(course.get("trainer_notes") or "").strip():
        boxes.append(TrainerBox("notes", f"{key}-trainer-notes", ()))
    counts = {"answer": 0, "notes": 0}
    run: list[int] = []
    run_kind: str | None = None

    def close() -> None:
        if run_kind is not None and run:
            counts[run_kind] += 1
            boxes.append(TrainerBox(run_kind, f"{key}-trainer-{run_kind}-{counts[run_kind]}", tuple(run)))

    for n, cell in enumerate(nb.get("cells", [])):
        kind = role(cell)
        if kind != run_kind:
            close()
            run, run_kind = [], kind
        if kind is not None:
            run.append(n)
    close()
    return boxes
