"""LiftKeyPoints: the key points of a unit come right under its title and introduction."""

from __future__ import annotations

import nbformat
from coursekit.engine.editions import PARTICIPANT
from coursekit.engine.transforms.lift_key_points import lift_key_points


def _nb(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(s) for s in sources]
    return nb


def test_key_points_move_under_the_introduction():
    nb = lift_key_points(_nb("# Unit\n\nIntro.", "## Tables\n\nLong.", "## Key points\n\n- One.", "## Sources"))
    assert [c.source.splitlines()[0] for c in nb.cells] == ["# Unit", "## Key points", "## Tables", "## Sources"]


def test_only_the_key_points_section_of_a_shared_cell_moves():
    nb = lift_key_points(_nb("# Unit", "## Tables", "## Key points\n\n- One.\n\n## Discussion questions\n\n1. Why?"))
    assert nb.cells[1].source == "## Key points\n\n- One."
    assert nb.cells[-1].source == "## Discussion questions\n\n1. Why?"


def test_a_page_without_key_points_or_title_is_unchanged():
    for sources in (("# Unit", "## Tables"), ("## Key points\n\n- One.", "## Tables")):
        nb = _nb(*sources)
        assert [c.source for c in lift_key_points(nb).cells] == list(sources)


def test_the_participant_edition_lifts_them():
    assert lift_key_points in PARTICIPANT.transforms


def test_key_points_follow_the_objectives_written_from_the_metadata():
    nb = _nb("# Unit\n\nIntro.", "**Learning objectives.**", "## Tables", "## Key points\n\n- One.")
    nb.cells[1]["id"] = "unit-objectives"
    nb = lift_key_points(nb)
    assert [c.source.splitlines()[0] for c in nb.cells] == ["# Unit", "**Learning objectives.**", "## Key points",
                                                           "## Tables"]
