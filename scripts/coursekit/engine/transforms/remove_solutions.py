"""RemoveSolutions: drop cells tagged ``solution`` (model answers, trainer edition only)."""

from __future__ import annotations

import nbformat

from . import without_cells_tagged

TAG = "solution"


def remove_solutions(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return without_cells_tagged(nb, TAG)
