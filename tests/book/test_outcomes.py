"""The learning-outcomes report: unpractised objectives, exercises naming none, broken references."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES, REPO, copy_course
from coursekit.book import outcomes
from coursekit.model.curriculum import load


@pytest.fixture
def course_root(tmp_path: Path) -> Path:
    """The editions fixture: objective 1 is practised by an exercise, objective 2 by nothing, and
    the second exercise names no objective."""
    return copy_course(FIXTURES / "editions", tmp_path / "course")


def no_questions(root: Path) -> set[str]:
    return set()


def test_objective_nothing_practises_and_exercise_naming_none(course_root: Path):
    rep = outcomes.report(load(course_root), no_questions)
    assert [o.ref for o in rep.objectives] == ["editions-unit#1", "editions-unit#2"]
    assert [o.ref for o in rep.unpractised] == ["editions-unit#2"]
    assert [(e.cell, e.opening) for e in rep.unnamed] == [(6, "Exercise. Name one channel for a request to another country.")]
    assert rep.broken == []


def test_knowledge_check_question_counts_as_practice_and_unknown_refs_are_listed(course_root: Path):
    rep = outcomes.report(load(course_root), lambda root: {"editions-unit#2", "editions-unit#7", "gone#1"})
    assert rep.unpractised == [] and rep.by_question == {"editions-unit#2"}
    assert [r for _, r, _ in rep.broken] == ["editions-unit#7", "gone#1"]


def test_exercise_naming_an_objective_the_unit_lacks_is_broken(course_root: Path):
    path = course_root / "book" / "unit.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[5].metadata["course"] = {"objectives": [3]}
    nbformat.write(nb, path)
    rep = outcomes.report(load(course_root), no_questions)
    assert rep.broken == [("book/unit.ipynb, cell 6", "editions-unit#3", "the unit has 2 objectives")]
    assert rep.unnamed == []


def test_trainer_pages_are_not_part_of_the_report(course_root: Path):
    nb = nbformat.read(course_root / "book" / "unit.ipynb", as_version=4)
    nb.metadata["course"]["id"] = "trainer-copy"
    nbformat.write(nb, course_root / "book" / "trainer" / "copy.ipynb")
    rep = outcomes.report(load(course_root), no_questions)
    assert {o.ref.split("#")[0] for o in rep.objectives} == {"editions-unit"}


def test_report_tables_say_so_when_nothing_is_missing(course_root: Path):
    rep = outcomes.report(load(course_root), lambda root: {"editions-unit#2"})
    assert "Every objective is practised" in outcomes.unpractised_table(rep)._repr_html_()
    html = outcomes.unnamed_table(rep)._repr_html_()
    assert "<caption>Exercises that name no objective</caption>" in html and "Name one channel" in html
    summary = outcomes.summary_table(rep).frame
    assert summary.to_dict("records") == [{"Unit": "A unit with trainer material", "Objectives": 2,
                                           "Practised in exercises": 1, "Checked by questions": 1, "Not practised": 0}]


def test_shipped_course_reads_the_knowledge_checks():
    rep = outcomes.report(load(REPO))
    assert rep.by_question  # data/assessments/ questions refer to objectives of shipped units
    assert rep.by_question <= {o.ref for o in rep.objectives}
