"""ClearOutputs: drop stored outputs, so every page shows what this build computed."""

from __future__ import annotations

import nbformat


def clear_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb
