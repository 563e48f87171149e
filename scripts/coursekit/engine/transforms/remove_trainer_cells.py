"""RemoveTrainerCells: drop cells tagged ``trainer`` (facilitation notes meant for trainers only)."""

from __future__ import annotations

import nbformat

from . import without_cells_tagged

TAG = "trainer"


def remove_trainer_cells(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return without_cells_tagged(nb, TAG)
