"""AddUnitCard: show the trainer what a unit asks of the session, under its title.

Minutes, audience, objectives, key points and trainer notes come from ``metadata.course``, so the
card always matches what ``validate``, the agenda and the outcomes report read.
"""

from __future__ import annotations

from typing import Any

import nbformat

from . import insert_after_title, markdown_cell


def card_text(meta: dict[str, Any]) -> str | None:
    """The card as MyST Markdown, or None when the metadata has nothing for the trainer."""
    teaching, exercises = meta.get("teaching"), meta.get("exercises")
    parts: list[str] = []
    if isinstance(teaching, int) or isinstance(exercises, int):
        t, e = teaching or 0, exercises or 0
        parts.append(f"**Time:** {t + e} minutes ({t} teaching, {e} exercises and discussion)")
    if meta.get("audience"):
        parts.append("**Audience:** " + ", ".join(meta["audience"]))
    if meta.get("objectives"):
        parts.append("**Learning objectives** (referred to as "
                     f"`{meta.get('id', 'unit')}#1`, `#2`, ...)\n\n"
                     + "\n".join(f"{n}. {o}" for n, o in enumerate(meta["objectives"], start=1)))
    if meta.get("keypoints"):
        parts.append("**Key points**\n\n" + "\n".join(f"- {k}" for k in meta["keypoints"]))
    if meta.get("trainer_notes"):
        parts.append("**Trainer notes**\n\n" + str(meta["trainer_notes"]).strip())
    if not parts:
        return None
    return "::::{admonition} Trainer card\n:class: tip\n\n" + "\n\n".join(parts) + "\n::::"


def add_unit_card(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    meta = nb.metadata.get("course")
    text = card_text(dict(meta)) if isinstance(meta, dict) else None
    if text is None:
        return nb
    return insert_after_title(nb, [markdown_cell(text, "trainer-unit-card")])
