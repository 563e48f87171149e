"""AddUnitCard: show the trainer what a unit asks of the session, under its title.

Minutes, audience, objectives and key points come from ``metadata.course``, so the card always
matches what ``validate``, the agenda and the outcomes report read. The card links to every
trainer-only box of the page (``model.trainer_boxes``); the unit's ``trainer_notes`` follow it in a
box of their own, collapsed like the others, so projecting the top of a page shows no notes.
"""

from __future__ import annotations

from typing import Any

import nbformat

from ...model.text import myst_inline
from ...model.trainer_boxes import TrainerBox, trainer_boxes
from . import insert_after_title, markdown_cell
from .box_trainer_material import box_markdown, heading_cell

CARD_CLASS = "trainer-card"


def _links(boxes: list[TrainerBox]) -> str:
    counts: dict[str, int] = {}
    links = []
    for box in boxes:
        counts[box.kind] = counts.get(box.kind, 0) + 1
        name = box.title.removeprefix("Trainer only: ")
        links.append(f"{{ref}}`{name} {counts[box.kind]} <{box.label}>`")
    return "**Trainer only on this page** (collapsed boxes): " + ", ".join(links)


def card_text(meta: dict[str, Any], boxes: list[TrainerBox] | None = None) -> str | None:
    """The card as MyST Markdown, or None when the metadata has nothing for the trainer."""
    teaching, exercises = meta.get("teaching"), meta.get("exercises")
    parts: list[str] = []
    if isinstance(teaching, int) or isinstance(exercises, int):
        t, e = teaching or 0, exercises or 0
        parts.append(f"**Time:** {t + e} minutes ({t} teaching, {e} exercises and discussion)")
    if meta.get("audience"):
        parts.append("**Audience:** " + ", ".join(myst_inline(a) for a in meta["audience"]))
    if meta.get("objectives"):
        parts.append("**Learning objectives** (referred to as "
                     f"`{meta.get('id', 'unit')}#1`, `#2`, ...)\n\n"
                     + "\n".join(f"{n}. {myst_inline(o)}" for n, o in enumerate(meta["objectives"], start=1)))
    if meta.get("keypoints"):
        parts.append("**Key points**\n\n" + "\n".join(f"- {myst_inline(k)}" for k in meta["keypoints"]))
    if boxes:
        parts.append(_links(boxes))
    if not parts:
        return None
    return f"::::{{admonition}} Trainer card\n:class: tip {CARD_CLASS}\n\n" + "\n\n".join(parts) + "\n::::"


def add_unit_card(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    meta = nb.metadata.get("course")
    boxes = trainer_boxes(nb)
    text = card_text(dict(meta), boxes) if isinstance(meta, dict) else None
    if text is None:
        return nb
    cells = [markdown_cell(text, "trainer-unit-card")]
    notes = next((b for b in boxes if not b.cells), None)  # the unit's trainer_notes
    if notes is not None:
        cells += [heading_cell(notes, 2),
                  markdown_cell(box_markdown(str(meta["trainer_notes"]), notes.kind), f"{notes.label}-box")]
    return insert_after_title(nb, cells)
