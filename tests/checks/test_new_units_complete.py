"""Acceptance for the units of issue 26: each is a full teaching unit, checked over its metadata and data.

A full unit has objectives, key points and minutes in its metadata; at least one table or chart drawn
from data (a ``coursekit.book`` call that returns one); discussion questions; an exercise cell followed by
a trainer-only model answer (``solution``) and trainer notes (``trainer``); and, for every objective, at
least one knowledge-check question (data/assessments/) and one practice question (data/practice/).
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO, load
from coursekit.model import practice
from coursekit.model.assessments import files, parse, unit_parts
from coursekit.model.text import slug
from coursekit.model.unitmeta import cell_tags

PART = "Cooperation and capacity"
EXTRA_UNITS: tuple[str, ...] = (  # new units of the issue that live in other parts
    "child-victims-witnesses", "electronic-evidence-in-court", "new-forms-of-abuse",
    "my-sextortion-of-a-teenager-by-an-account-abroad")
DRAWS = re.compile(r"\b(cooperation|capacity|electronic_evidence|new_forms|instruments|casestudies|charts)\.[a-z_]+(table|chart|timeline|challenges)\w*\(")

COURSE = load(REPO)
PARTS = unit_parts(COURSE)
UNITS = [u for u in COURSE.units if u.id and (PARTS.get(u.id) == PART or u.id in EXTRA_UNITS)
         and u.meta.get("kind") in ("standard", "case-study")]


def _assessed() -> set[str]:
    return {r for p in files(REPO) if (a := parse(p, p.name).assessment) for q in a.questions for r in q.objectives}


def _practised() -> set[str]:
    return {r for part in practice.parts(REPO) for q in practice.load(REPO, part) for r in q.objectives}


def test_the_part_has_units():
    assert UNITS, f"no teaching unit in part '{PART}'"


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.id)
def test_metadata_carries_objectives_keypoints_and_minutes(unit):
    meta = unit.meta
    assert len(meta["objectives"]) >= 2 and len(meta["keypoints"]) >= 3
    assert meta["teaching"] > 0 and meta["exercises"] > 0
    assert meta["sources"] and meta["law_as_of"] and meta["review_by"]


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.id)
def test_notebook_has_data_tables_discussion_exercise_answer_and_trainer_notes(unit):
    cells = unit.notebook.cells
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    assert DRAWS.search(code), "no table or chart drawn from data"
    assert any(c.cell_type == "markdown" and "## Discussion questions" in c.source for c in cells)
    tags = [cell_tags(c) for c in cells]
    exercise = next(i for i, t in enumerate(tags) if "exercise" in t)
    assert "solution" in tags[exercise + 1], "the exercise is not followed by its model answer"
    assert any("trainer" in t for t in tags[exercise:]), "no trainer notes"
    wanted = set(cells[exercise].metadata.get("course", {}).get("objectives", []))
    assert wanted <= set(range(1, len(unit.meta["objectives"]) + 1)) and wanted


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.id)
def test_every_objective_has_knowledge_check_and_practice_questions(unit):
    refs = {f"{unit.id}#{n}" for n in range(1, len(unit.meta["objectives"]) + 1)}
    assert refs <= _assessed(), f"objectives without a knowledge-check question: {sorted(refs - _assessed())}"
    assert refs <= _practised(), f"objectives without a practice question: {sorted(refs - _practised())}"


def test_the_part_has_its_self_check_page_and_practice_file():
    entries = [e.file for e in COURSE.toc if e.part == PART]
    assert f"book/self-checks/{slug(PART)}" in [f.removesuffix(".ipynb") for f in entries]
    assert slug(PART) in practice.parts(REPO)
