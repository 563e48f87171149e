"""Notebook transforms: one per file, named verb + object, all with one contract.

A transform takes a notebook and returns a notebook (it may change the one it is given); it does
no I/O. Editions (``coursekit.editions``) are declared lists of them.
"""

from __future__ import annotations

from typing import Protocol

import nbformat


class Transform(Protocol):
    def __call__(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode: ...
