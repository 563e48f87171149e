"""Keeping a delivery's knowledge checks: before, after and (optionally) a follow-up months later.

The exports are scored with the same rules as ``course.py score`` (``scoring.read_responses``):
the kept file holds, per participant code and question, whether the answer was right and which
objective the question checks, so the report can give results per objective and per role (the
code links a participant's answers to their attendance row) without the answers themselves.
"""

from __future__ import annotations

from pathlib import Path

from ..model.assessments import Assessment
from ..model.findings import Finding
from .scoring import read_responses

STAGES = ("pre", "post", "follow-up")


def rows(assessment: Assessment, stage: str, path: Path, shown: str,
         id_column: str | None = None) -> tuple[list[dict[str, object]], list[Finding]]:
    """One export scored: a row per participant, question and objective; skipped rows as warnings."""
    scored = read_responses(path, shown, assessment, id_column=id_column)  # InputError if unusable
    out: list[dict[str, object]] = []
    for code, sheet in scored.correct.items():
        for q in assessment.questions:
            for objective in q.objectives:
                out.append({"code": code, "stage": stage, "assessment": assessment.id, "question": q.id,
                            "objective": objective, "correct": int(sheet[q.id])})
    return out, scored.skipped


def replace_stage(kept: list[dict[str, str]], new: list[dict[str, object]], stage: str,
                  assessment: str) -> list[dict[str, object]]:
    """The kept rows with this stage of this assessment replaced by ``new`` (an import can be redone)."""
    others: list[dict[str, object]] = [dict(r) for r in kept if not (r["stage"] == stage and r["assessment"] == assessment)]
    return others + new
