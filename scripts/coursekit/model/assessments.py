"""Knowledge checks (``data/assessments/<id>.yaml``): questions mapped to the units' objectives.

The same questions serve three purposes: the self-check page of each part (participants see the
questions only; ``book/self_checks.py``), the answer key (trainer edition only) and the before/after
scoring of a delivery (``course.py score``). The answer, the accepted keywords and the rationale are trainer-only, so
the participant view is built from an explicit list of the fields it may show, never by removing
fields from the full question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from . import data
from .findings import Finding, InputError
from .records import SOURCE_ID, Strict
from .references import unknown_sources
from .sourcefiles import line_of, plain, read_yaml

FOLDER = "assessments"
QUESTION_TYPES = ("multiple-choice", "true-false", "short-answer")
TYPE_LABELS = {"multiple-choice": "Multiple choice", "true-false": "True or false",
               "short-answer": "Short answer"}
OBJECTIVE_REF = re.compile(r"^([a-z0-9][a-z0-9-]*[a-z0-9])#([1-9][0-9]*)$")
SLUG = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"


class Choice(Strict):
    """One option of a multiple-choice question: a letter and the text participants see."""

    id: str = Field(pattern=r"^[a-h]$")
    text: str = Field(min_length=1)


class Question(Strict):
    """One question, its objectives, and (trainer-only) its answer and rationale."""

    id: str = Field(pattern=SLUG)
    type: Literal["multiple-choice", "true-false", "short-answer"]
    text: str = Field(min_length=10)
    choices: list[Choice] | None = None
    answer: bool | str | None = None          # trainer-only: a choice letter, true/false, or a model answer
    accept: list[str] | None = None           # trainer-only: keywords that make a short answer correct
    objectives: list[str] = Field(min_length=1)
    rationale: str = Field(min_length=10)     # trainer-only: why the answer is right
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape_fits_type(self) -> Question:
        for ref in self.objectives:
            if not OBJECTIVE_REF.match(ref):
                raise ValueError(f"objective '{ref}' must be written <unit-id>#<number>, e.g. course-overview#2")
        for s in self.sources:
            if not re.match(SOURCE_ID, s):
                raise ValueError(f"source '{s}' is not a source id (lower-case words joined by hyphens)")
        if self.type == "multiple-choice":
            if not self.choices or len(self.choices) < 2:
                raise ValueError("a multiple-choice question needs 'choices' (at least two, with id a, b, ...)")
            ids = [c.id for c in self.choices]
            if len(set(ids)) != len(ids):
                raise ValueError("two choices have the same id")
            if not isinstance(self.answer, str) or self.answer not in ids:
                raise ValueError(f"'answer' must be the id of the correct choice: one of {', '.join(ids)}")
        elif self.choices is not None:
            raise ValueError(f"only multiple-choice questions have 'choices' (this one is {self.type})")
        if self.type == "true-false" and not isinstance(self.answer, bool):
            raise ValueError("'answer' of a true-false question must be true or false")
        if self.type == "short-answer":
            if not self.accept or not all(k.strip() for k in self.accept):
                raise ValueError("a short-answer question needs 'accept': a list of keywords or phrases, "
                                 "any one of which makes an answer correct")
            if self.answer is not None and not isinstance(self.answer, str):
                raise ValueError("'answer' of a short-answer question is a model answer in words")
        elif self.accept is not None:
            raise ValueError(f"only short-answer questions have 'accept' (this one is {self.type})")
        return self

    def objective_refs(self) -> list[tuple[str, int]]:
        """``(unit id, 1-based objective number)`` for each objective the question checks."""
        out = []
        for ref in self.objectives:
            m = OBJECTIVE_REF.match(ref)
            if m:
                out.append((m.group(1), int(m.group(2))))
        return out

    def correct_answer_text(self) -> str:
        """The correct answer as a trainer reads it (trainer-only)."""
        if self.type == "multiple-choice":
            choice = next(c for c in self.choices or [] if c.id == self.answer)
            return f"{choice.id}) {choice.text}"
        if self.type == "true-false":
            return "True" if self.answer else "False"
        keywords = "; ".join(f"“{k}”" for k in self.accept or [])
        model = f"{self.answer} " if self.answer else ""
        return f"{model}(correct if the answer contains any of: {keywords})"


class Assessment(Strict):
    """One knowledge check: used for a self-check page and for before/after scoring."""

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=3)
    description: str | None = None
    questions: list[Question] = Field(min_length=1)


@dataclass
class AssessmentFile:
    """A parsed assessment file and where each question's fields are, for findings."""

    shown: str
    assessment: Assessment | None
    lines: dict[str, dict[str, int | None]] = field(default_factory=dict)  # question id -> field -> line
    findings: list[Finding] = field(default_factory=list)


def _message(exc: ValidationError, skip: str | None = None) -> str:
    parts = []
    for err in exc.errors():
        if skip and err["loc"][:1] == (skip,):
            continue
        where = ".".join(str(p) for p in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {msg}" if where else msg)
    return "; ".join(parts)


def parse(path: Path, shown: str) -> AssessmentFile:
    """Read and check one assessment file; every problem is a finding with its line."""
    doc, findings = read_yaml(data.record(path), shown)
    out = AssessmentFile(shown, None, findings=list(findings))
    if doc is None:
        return out
    if not isinstance(doc, dict) or not isinstance(doc.get("questions"), list):
        out.findings.append(Finding(shown, 1, "ASSESS-FORMAT", "expected 'id', 'title' and a list under 'questions:'",
                                    "copy the layout of an existing file in data/assessments/"))
        return out
    items = doc["questions"]
    if not items:
        out.findings.append(Finding(shown, line_of(doc, "questions"), "ASSESS-FORMAT", "the list of questions is empty",
                                    "add at least one question"))
        return out
    questions: list[Question] = []
    seen: dict[str, int | None] = {}
    for i, item in enumerate(items):
        line = line_of(items, i)
        try:
            q = Question.model_validate(plain(item))
        except ValidationError as exc:
            out.findings.append(Finding(shown, line, "ASSESS-QUESTION", _message(exc),
                                        "correct this question (see data/README.md, 'Knowledge checks')"))
            continue
        if q.id in seen:
            out.findings.append(Finding(shown, line, "ASSESS-DUPLICATE", f"question id '{q.id}' is also used on "
                                        f"line {seen[q.id]}", "give each question its own id"))
            continue
        seen[q.id] = line
        out.lines[q.id] = {"question": line, **{k: line_of(item, k) for k in ("objectives", "sources")}}
        questions.append(q)
    header = {k: v for k, v in plain(doc).items() if k != "questions"}
    try:
        assessment = Assessment.model_validate({**header, "questions": questions})
    except ValidationError as exc:
        # with no valid question, the question findings already say what is wrong with them
        msg = _message(exc, skip=None if questions else "questions")
        if msg:
            out.findings.append(Finding(shown, 1, "ASSESS-FIELD", msg, "correct the field named here"))
        return out
    if assessment.id != path.stem:
        out.findings.append(Finding(shown, line_of(doc, "id"), "ASSESS-ID",
                                    f"id '{assessment.id}' differs from the file name '{path.stem}'",
                                    f"rename the file to {assessment.id}.yaml or set id: {path.stem}"))
    if not out.findings:
        out.assessment = assessment
    return out


def read(path: Path, shown: str) -> Assessment:
    """One assessment; raises InputError with findings when the file has problems."""
    parsed = parse(path, shown)
    if parsed.assessment is None:
        raise InputError(parsed.findings)
    return parsed.assessment


def files(root: Path) -> list[Path]:
    """Every assessment file of the course at ``root``, in name order."""
    folder = (root / "data" / FOLDER).resolve()
    data.record(folder / data.LISTING)  # a new assessment file re-runs the pages that list them
    return [p for p in data.listed(folder) if p.parent == folder and p.suffix == ".yaml"]


def reference_findings(parsed: AssessmentFile, course: Any) -> list[Finding]:
    """Objective references that name no unit or no such objective, and unknown source ids."""
    out: list[Finding] = []
    if parsed.assessment is None:
        return out
    units = course.unit_by_id()
    for q in parsed.assessment.questions:
        line = parsed.lines.get(q.id, {}).get("objectives")
        for uid, n in q.objective_refs():
            unit = units.get(uid)
            if unit is None:
                out.append(Finding(parsed.shown, line, "ASSESS-UNIT", f"question {q.id}: no unit has the id '{uid}'",
                                   f"use the id of a unit (metadata.course.id), one of: {', '.join(sorted(units))}"))
                continue
            count = len(unit.meta.get("objectives") or []) if isinstance(unit.meta, dict) else 0
            if n > count:
                out.append(Finding(parsed.shown, line, "ASSESS-OBJECTIVE",
                                   f"question {q.id}: unit '{uid}' has {count} objective(s), not {n}",
                                   f"number the objective 1 to {count}, as listed in {unit.shown}"))
        out += unknown_sources(course, q.sources, parsed.shown, parsed.lines.get(q.id, {}).get("sources"))
    return out


# ---- views ------------------------------------------------------------------------------------

PARTICIPANT_FIELDS = ("id", "type", "text", "choices", "objectives")


def question_view(assessment: Assessment) -> list[dict[str, Any]]:
    """What participants may see of each question: never the answer, keywords or rationale."""
    return [{"number": n, **q.model_dump(include=set(PARTICIPANT_FIELDS))}
            for n, q in enumerate(assessment.questions, start=1)]


def key_item(q: Question, number: int) -> dict[str, Any]:
    """One answer-key entry for trainers: the correct answer, why, and the sources behind it."""
    return {"number": number, "id": q.id, "answer": q.correct_answer_text(), "rationale": q.rationale,
            "sources": list(q.sources), "objectives": list(q.objectives)}


def key_view(assessment: Assessment) -> list[dict[str, Any]]:
    """The answer key of a whole assessment (trainer-only)."""
    return [key_item(q, n) for n, q in enumerate(assessment.questions, start=1)]


@dataclass(frozen=True)
class Objective:
    """A learning objective as a page names it: the unit's title and the objective's words."""

    ref: str
    unit_title: str
    text: str

    def label(self) -> str:
        number = self.ref.rsplit("#", 1)[1]
        return f"{self.unit_title}, objective {number}: {self.text}"


def objective_index(course: Any) -> dict[str, Objective]:
    """Every objective of every unit of ``course`` (a curriculum.Course), by '<unit-id>#<n>'."""
    out = {}
    for unit in course.units:
        meta = unit.meta if isinstance(unit.meta, dict) else {}
        for n, text in enumerate(meta.get("objectives") or [], start=1):
            out[f"{unit.id}#{n}"] = Objective(f"{unit.id}#{n}", unit.title, str(text))
    return out


def unit_parts(course: Any) -> dict[str, str | None]:
    """The toc part caption of every unit id (None for a unit outside any part)."""
    part_of = {e.path.resolve(): e.part for e in course.toc if e.path is not None}
    return {u.id: part_of.get(u.path.resolve()) for u in course.units if u.id}


def part_of_question(question: Question, parts: dict[str, str | None]) -> str | None:
    """A question belongs to the self-check page of the part of its first objective's unit."""
    refs = question.objective_refs()
    return parts.get(refs[0][0]) if refs else None


def trainer_only_texts(root: Path) -> list[str]:
    """Rationales of every question: text that must never appear in the participant edition.

    The edition leak check can scan for these, since the answer key reaches pages only through
    cells tagged ``solution``.
    """
    out = []
    for p in files(root):
        parsed = parse(p, p.name)
        if parsed.assessment:
            out += [q.rationale for q in parsed.assessment.questions]
    return out


def practised_objectives(root: Path) -> set[str]:
    """Every '<unit-id>#<n>' some assessment question checks (for the learning-outcomes report)."""
    refs: Iterable[str] = (r for p in files(root) if (a := parse(p, p.name).assessment)
                           for q in a.questions for r in q.objectives)
    return set(refs)
