"""Editions as declared lists of notebook transforms (in the manner of nbgrader's converters).

Order matters and is commented beside each list. The participant edition is staged from a copy
that never contains trainer material; the trainer edition keeps everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import nbformat

from .transforms.clear_outputs import clear_outputs

Transform = Callable[[nbformat.NotebookNode], nbformat.NotebookNode]


@dataclass(frozen=True)
class Edition:
    """A named edition: which pages it includes and how each notebook is transformed."""

    name: str
    transforms: tuple[Transform, ...]
    include_trainer_pages: bool
    public: bool

    def apply(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
        for step in self.transforms:
            nb = step(nb)
        return nb


PARTICIPANT = Edition(
    name="participant",
    transforms=(
        clear_outputs,  # first: nothing stored may survive into the public edition
    ),
    include_trainer_pages=False,
    public=True,
)

EDITIONS: dict[str, Edition] = {e.name: e for e in (PARTICIPANT,)}
