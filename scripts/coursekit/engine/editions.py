"""Editions as declared lists of notebook transforms (in the manner of nbgrader's converters).

Order matters and is commented beside each list. The participant edition is staged from a copy
that never contains trainer material: its transforms run before the staged notebook is written,
and trainer pages are never staged (``include_trainer_pages``). The trainer edition keeps
everything and adds what a trainer needs on each page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import nbformat

from .transforms.add_edition_banner import TRAINER_BANNER, add_edition_banner
from .transforms.add_review_notice import add_review_notice
from .transforms.add_unit_card import add_unit_card
from .transforms.add_unit_points import add_unit_points
from .transforms.box_trainer_material import box_trainer_material
from .transforms.clear_outputs import clear_outputs
from .transforms.keep_known_metadata import keep_known_metadata
from .transforms.lift_key_points import lift_key_points
from .transforms.remove_solutions import remove_solutions
from .transforms.remove_trainer_cells import remove_trainer_cells
from .transforms.remove_trainer_metadata import remove_trainer_metadata

Transform = Callable[[nbformat.NotebookNode], nbformat.NotebookNode]


@dataclass(frozen=True)
class Edition:
    """A named edition: which pages it includes, how each notebook is transformed, how it is marked."""

    name: str
    transforms: tuple[Transform, ...]
    include_trainer_pages: bool
    public: bool  # public editions are scanned for trainer-only text before they are published
    announcement: str = ""  # a banner on every page of the site (Jupyter Book's html.announcement)

    def apply(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
        for step in self.transforms:
            nb = step(nb)
        return nb


PARTICIPANT = Edition(
    name="participant",
    transforms=(
        remove_trainer_cells,     # first: trainer and solution cells go before any step could copy
        remove_solutions,         #   their text (or their outputs) anywhere else
        remove_trainer_metadata,  # then trainer notes in metadata, which the download would carry
        keep_known_metadata,      #   and every key the book does not know (a misplaced trainer note)
        add_unit_points,          # objectives and key points from the metadata, written once
        lift_key_points,          # the unit's key points under its introduction, before its long tables
        add_review_notice,        # a dated notice under the title when the page is past its review date
        clear_outputs,            # last: nothing stored may survive; every output is this build's
    ),
    include_trainer_pages=False,
    public=True,
)

TRAINER = Edition(
    name="trainer",
    transforms=(
        clear_outputs,       # first, like the participant edition: outputs are this build's
        box_trainer_material,  # answers and notes into collapsed boxes, before the card links to them
        add_unit_points,     # objectives and key points from the metadata, as participants see them
        add_unit_card,       # minutes, objectives, key points, links to the boxes, under the title
        add_review_notice,   # then the review notice, so it sits above the card
        add_edition_banner,  # after the card, so the banner lands above it, right under the title
    ),
    include_trainer_pages=True,
    public=False,
    announcement=TRAINER_BANNER,
)

EDITIONS: dict[str, Edition] = {e.name: e for e in (PARTICIPANT, TRAINER)}
