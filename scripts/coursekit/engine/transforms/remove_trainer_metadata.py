"""RemoveTrainerMetadata: drop trainer-only fields from notebook and cell metadata.

The downloadable notebook carries its metadata, so ``trainer_notes`` must go before the
participant notebook is written, or it would reach participants through the download button.
"""

from __future__ import annotations

import nbformat

TRAINER_FIELDS = ("trainer_notes",)  # fields of metadata.course meant for trainers only


def _strip(meta: dict) -> None:
    course = meta.get("course")
    if isinstance(course, dict):
        for name in TRAINER_FIELDS:
            course.pop(name, None)


def remove_trainer_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    _strip(nb.metadata)
    for cell in nb.cells:
        _strip(cell.get("metadata", {}))
    return nb
