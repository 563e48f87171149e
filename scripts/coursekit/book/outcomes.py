"""The learning-outcomes report: objectives nothing practises, and exercises that name no objective.

An objective is practised when an exercise names it (a cell tagged ``exercise`` with
``{"course": {"objectives": [n, ...]}}`` in its metadata, or the unit's ``exercise_objectives``) or
a knowledge-check question refers to it as ``<unit-id>#<n>``. The report is computed from the
course itself, so it is current at every build; it is shown on a trainer-edition page.

Knowledge checks are read through ``assessment_refs``, one small function, so the format of
``data/assessments/`` stays the business of ``coursekit.model.assessments``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..model.assessments import practised_objectives
from ..model.text import html_text
from ..model.unitmeta import cell_tags
from . import data
from .data import Course, Unit, is_trainer_page
from .tables import Table

EXERCISE_TAG = "exercise"


@dataclass(frozen=True)
class Objective:
    ref: str  # "<unit-id>#<n>"
    unit: str  # the unit's title
    text: str


@dataclass(frozen=True)
class Exercise:
    """One exercise cell and the objective numbers it names (empty when it names none)."""

    unit_id: str
    unit: str  # the unit's title
    shown: str  # the notebook, e.g. book/standards/lanzarote.ipynb
    cell: int  # 1-based
    opening: str  # the first words of the prompt, to find it
    objectives: tuple[int, ...]


@dataclass
class OutcomesReport:
    objectives: list[Objective]
    exercises: list[Exercise]
    by_exercise: set[str] = field(default_factory=set)  # refs some exercise practises
    by_question: set[str] = field(default_factory=set)  # refs some knowledge-check question checks
    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (where, ref, what is wrong)

    @property
    def unpractised(self) -> list[Objective]:
        return [o for o in self.objectives if o.ref not in self.by_exercise | self.by_question]

    @property
    def unnamed(self) -> list[Exercise]:
        return [e for e in self.exercises if not e.objectives]


def assessment_refs(root: Path) -> set[str]:
    """Every '<unit-id>#<n>' a knowledge-check question in ``data/assessments/`` refers to."""
    return practised_objectives(root)


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _opening(text: str, words: int = 12) -> str:
    parts = " ".join(text.replace("*", "").split()).split(" ")
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def teaching_units(course: Course) -> list[Unit]:
    """Units participants read that declare objectives, in the order of the table of contents."""
    order = {e.path: i for i, e in enumerate(course.toc) if e.path is not None}
    units = [u for u in course.units if isinstance(u.meta, dict) and u.meta.get("objectives")
             and u.id and not is_trainer_page(u.shown)]
    return sorted(units, key=lambda u: (order.get(u.path, len(order)), u.shown))


def _exercises(unit: Unit) -> list[Exercise]:
    out = []
    for n, cell in enumerate(unit.notebook.cells if unit.notebook else [], start=1):
        if EXERCISE_TAG not in cell_tags(cell):
            continue
        course = cell.get("metadata", {}).get("course")
        named = course.get("objectives") if isinstance(course, dict) else None
        numbers = tuple(x for x in named if isinstance(x, int)) if isinstance(named, list) else ()
        out.append(Exercise(str(unit.id), unit.title, unit.shown, n, _opening(_source(cell)), numbers))
    return out


def report(course: Course, refs: Callable[[Path], set[str]] = assessment_refs) -> OutcomesReport:
    """The report for ``course``; ``refs`` gives the objective references of the knowledge checks."""
    objectives: list[Objective] = []
    exercises: list[Exercise] = []
    out = OutcomesReport(objectives, exercises)
    for unit in teaching_units(course):
        texts = [str(t) for t in unit.meta["objectives"]]
        title = unit.title
        objectives += [Objective(f"{unit.id}#{n}", title, t) for n, t in enumerate(texts, start=1)]
        found = _exercises(unit)
        exercises += found
        numbers = [(f"{e.shown}, cell {e.cell}", n) for e in found for n in e.objectives]
        numbers += [(f"{unit.shown}, exercise_objectives", n) for n in unit.meta.get("exercise_objectives") or []]
        for where, n in numbers:
            if 1 <= n <= len(texts):
                out.by_exercise.add(f"{unit.id}#{n}")
            else:
                out.broken.append((where, f"{unit.id}#{n}", f"the unit has {len(texts)} objectives"))
    known = {o.ref for o in objectives}
    for ref in sorted(refs(course.root)):
        if ref in known:
            out.by_question.add(ref)
        else:
            out.broken.append(("data/assessments/", ref, "no unit participants read has this objective"))
    return out


# ---- what the trainer page shows --------------------------------------------------------------

@dataclass(frozen=True)
class Note:
    """A sentence in place of an empty table."""

    text: str

    def _repr_html_(self) -> str:
        return f'<p class="course-note">{html_text(self.text)}</p>'


SOURCE = "Computed at build time from the units' metadata and exercise cells, and from data/assessments/."


def _course() -> Course:
    """The course the page is built from (the knowledge checks are read by ``assessment_refs``)."""
    return data.course()


def summary_table(rep: OutcomesReport | None = None) -> Table:
    """Per unit: how many objectives, how many practised by exercises, by questions, by neither."""
    rep = rep or report(_course())
    rows = []
    for unit in dict.fromkeys(o.unit for o in rep.objectives):
        refs = [o.ref for o in rep.objectives if o.unit == unit]
        rows.append({"Unit": unit, "Objectives": len(refs),
                     "Practised in exercises": sum(r in rep.by_exercise for r in refs),
                     "Checked by questions": sum(r in rep.by_question for r in refs),
                     "Not practised": sum(r not in rep.by_exercise | rep.by_question for r in refs)})
    return Table(pd.DataFrame(rows), "Learning objectives per unit and what practises them", SOURCE)


def unpractised_table(rep: OutcomesReport | None = None) -> Table | Note:
    rep = rep or report(_course())
    if not rep.unpractised:
        return Note("Every objective is practised by an exercise or checked by a knowledge-check question.")
    frame = pd.DataFrame([{"Unit": o.unit, "Objective": o.ref, "Text": o.text} for o in rep.unpractised])
    return Table(frame, "Objectives that no exercise practises and no question checks", SOURCE)


def unnamed_table(rep: OutcomesReport | None = None) -> Table | Note:
    rep = rep or report(_course())
    if not rep.unnamed:
        return Note("Every exercise names the objectives it practises.")
    frame = pd.DataFrame([{"Unit": e.unit, "Notebook": e.shown, "Cell": e.cell, "Exercise begins": e.opening}
                          for e in rep.unnamed])
    return Table(frame, "Exercises that name no objective", SOURCE)


def broken_table(rep: OutcomesReport | None = None) -> Table | Note:
    rep = rep or report(_course())
    if not rep.broken:
        return Note("Every objective reference names an objective that exists.")
    frame = pd.DataFrame([{"Where": w, "Reference": r, "Problem": p} for w, r, p in rep.broken])
    return Table(frame, "References to objectives that do not exist", SOURCE)
