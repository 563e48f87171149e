"""Notebook transforms: one per file, named verb + object, all with one contract.

A transform takes a notebook and returns a notebook (it may change the one it is given); it does
no I/O. Editions (``coursekit.engine.editions``) are declared lists of them. The helpers below are the
few things several transforms need: a cell's role tags, and where "just under the title" is.
"""

from __future__ import annotations

from typing import Protocol

import nbformat

from ...model.unitmeta import cell_tags


class Transform(Protocol):
    def __call__(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode: ...


def without_cells_tagged(nb: nbformat.NotebookNode, tag: str) -> nbformat.NotebookNode:
    """The notebook with every cell carrying ``tag`` dropped (source, outputs, attachments and all)."""
    nb.cells = [c for c in nb.cells if tag not in cell_tags(c)]
    return nb


def insert_after_title(nb: nbformat.NotebookNode, new_cells: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    """Insert ``new_cells`` directly under the page's ``# `` heading.

    When the title cell also holds the introduction, it is split after the heading line, so what is
    inserted appears at the top of the page rather than after the first paragraphs. A notebook with
    no ``# `` heading gets the cells at the very top.
    """
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines(keepends=True)
        heading = next((n for n, line in enumerate(lines) if line.startswith("# ")), None)
        if heading is None:
            continue
        head, rest = "".join(lines[: heading + 1]).rstrip("\n"), "".join(lines[heading + 1:]).strip("\n")
        cell.source = head
        after = list(new_cells)
        if rest:
            body = nbformat.v4.new_markdown_cell(rest, metadata=dict(cell.get("metadata", {})))
            body["id"] = _derived_id(cell.get("id"), "body")
            after.append(body)
        nb.cells[i + 1:i + 1] = after
        return nb
    nb.cells[0:0] = list(new_cells)
    return nb


def markdown_cell(source: str, cell_id: str) -> nbformat.NotebookNode:
    """A Markdown cell with a fixed id, so a staged notebook is the same from one build to the next."""
    cell = nbformat.v4.new_markdown_cell(source)
    cell["id"] = cell_id
    return cell


def _derived_id(cell_id: str | None, suffix: str) -> str:
    base = (cell_id or "cell")[: 63 - len(suffix)]
    return f"{base}-{suffix}"
