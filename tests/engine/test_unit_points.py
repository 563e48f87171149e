"""One source for each text: objectives and key points live in metadata, every unit shows them to
participants (written by the build), and a page that restates them is refused."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from conftest import REPO
from coursekit.checks import unit_points
from coursekit.engine.editions import EDITIONS
from coursekit.engine.transforms.add_unit_points import keypoints_text, objectives_text
from coursekit.model.curriculum import load

UNITS = [u for u in load(REPO).units if isinstance(u.meta, dict) and u.meta.get("keypoints")]


def test_the_shipped_units_with_key_points_are_many():
    assert len(UNITS) >= 23  # 7 standards and coverage, 4 case studies, 10 countries, overview, challenges


@pytest.mark.parametrize("edition", ["participant", "trainer"])
@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.shown)
def test_every_unit_shows_its_key_points_and_objectives(unit, edition: str):
    nb = EDITIONS[edition].apply(copy.deepcopy(unit.notebook))
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert keypoints_text(unit.meta["keypoints"]) in text
    assert objectives_text(unit.meta["objectives"]) in text
    assert text.count("## Key points") == 1
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    if "## Discussion questions" in headings:  # key points come before the discussion
        assert headings.index("## Key points") < headings.index("## Discussion questions")


def test_the_shipped_pages_do_not_restate_them():
    assert [f.format() for f in unit_points.check(load(REPO))] == []


def _edit(root: Path, page: str, change) -> None:
    path = root / page
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def test_a_key_points_section_typed_into_the_page_is_refused(repo_course: Path):
    _edit(repo_course, "book/standards/lanzarote.ipynb",
          lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("## Key points\n\n- Something else")))
    found = list(unit_points.check(load(repo_course)))
    assert [(f.path, f.code) for f in found] == [("book/standards/lanzarote.ipynb", "UNIT-POINTS-RESTATED")]
    assert "Key points" in found[0].message and found[0].line


def test_a_copied_key_point_is_refused_even_without_a_heading(repo_course: Path):
    unit = next(u for u in load(repo_course).units if u.shown == "book/countries/th.ipynb")
    point = unit.meta["keypoints"][0]
    _edit(repo_course, "book/countries/th.ipynb",
          lambda nb: nb.cells[0].__setitem__("source", nb.cells[0].source + f"\n\nRemember: {point}."))
    found = list(unit_points.check(load(repo_course)))
    assert [(f.path, "keypoints item 1" in f.message) for f in found] == [("book/countries/th.ipynb", True)]


def test_a_learning_objectives_list_typed_into_the_page_is_refused(repo_course: Path):
    _edit(repo_course, "book/overview.ipynb", lambda nb: nb.cells[0].__setitem__(
        "source", nb.cells[0].source + "\n\n**Learning objectives.** By the end of this unit you can:\n1. plan"))
    assert [f.code for f in unit_points.check(load(repo_course))] == ["UNIT-POINTS-RESTATED"]
