"""AddEditionBanner: say at the top of each trainer notebook that it is not for distribution.

The site-wide announcement (see ``editions.TRAINER``) marks every HTML page; this cell also marks
the notebook itself, so a downloaded trainer notebook still says what it is.
"""

from __future__ import annotations

import nbformat

from . import insert_after_title, markdown_cell

TRAINER_BANNER = ("Trainer edition: not for distribution. This page includes facilitation notes and "
                  "model answers; give participants the participant edition.")


def add_edition_banner(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    banner = markdown_cell(f":::{{important}}\n{TRAINER_BANNER}\n:::", "trainer-edition-banner")
    return insert_after_title(nb, [banner])
