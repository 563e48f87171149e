"""The self-check page of each part: its knowledge-check questions for participants, and (in cells
tagged ``solution``, so the trainer edition only) their answer key.

Questions come from ``data/assessments/`` through ``model.assessments``; the participant view is built
from an explicit list of the fields it may show, never by removing fields from the full question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.assessments import (
    FOLDER,
    TYPE_LABELS,
    Objective,
    Question,
    key_item,
    objective_index,
    part_of_question,
    question_view,
    read,
    unit_parts,
)
from ..model.practice import PracticeQuestion
from ..model.text import html_attr, slug
from . import data
from .i18n import N_, _, html

_esc = html_attr  # every value is written either as element text or inside a quoted attribute
# the question types' names (model.assessments.TYPE_LABELS), listed for `translate extract`
TYPE_NAMES = (N_("Multiple choice"), N_("True or false"), N_("Short answer"))
# the page's own words, named here: babel does not read calls inside f-strings
NO_QUESTIONS = N_("There are no self-check questions for this part yet.")
TRUE_OR_FALSE = N_('True or false?')
CHECKS = N_("Checks:")
NO_PRACTICE = N_("There are no practice questions for this part yet.")
SHOW_ANSWER = N_("Show the answer and why")
ANSWER = N_('Answer:')
SOURCE = N_("Source:")


def shown(text: str) -> str:
    """Data text of a question in the page's language, escaped (stale English marked, with its notice)."""
    return html(_(text))


@dataclass
class SelfCheck:
    """A self-check page's questions, shown to participants without any answer."""

    heading: str
    items: list[tuple[str, dict[str, Any]]]   # (anchor, question view)
    objectives: dict[str, Objective]

    def _repr_html_(self) -> str:
        if not self.items:
            return f'<p class="self-check-empty">{_esc(_(NO_QUESTIONS))}</p>'
        out = [f'<ol class="self-check" aria-label="{_esc(_(self.heading))}">']
        for anchor, q in self.items:
            out.append(f'<li id="{_esc(anchor)}"><p class="self-check-question">{shown(q["text"])}</p>')
            out.append(f'<p class="self-check-type"><em>{_esc(_(TYPE_LABELS[q["type"]]))}</em></p>')
            if q["type"] == "multiple-choice":
                opts = "".join(f'<li value="{ord(c["id"]) - 96}">{shown(c["text"])}</li>' for c in q["choices"])
                out.append(f'<ol type="a">{opts}</ol>')
            elif q["type"] == "true-false":
                out.append(f"<p>{_esc(_(TRUE_OR_FALSE))}</p>")
            labels = [self.objectives[r].label() if r in self.objectives else r for r in q["objectives"]]
            out.append(f'<p class="self-check-objectives">{_esc(_(CHECKS))} '
                       + "; ".join(_esc(x) for x in labels) + "</p></li>")
        out.append("</ol>")
        return "".join(out)


@dataclass
class AnswerKey:
    """The answers, rationale and sources of a self-check page (trainer edition only)."""

    items: list[tuple[str, dict[str, Any]]]   # (anchor, key view)
    citations: dict[str, str]

    def _repr_html_(self) -> str:
        if not self.items:
            return "<p>No questions, so no answers.</p>"
        out = ['<ol class="answer-key">']
        for _anchor, k in self.items:
            srcs = "; ".join(_esc(self.citations.get(s, s)) for s in k["sources"])
            question = f'<p class="answer-key-question"><em>{_esc(k["text"])}</em></p>' if k.get("text") else ""
            out.append(f'<li>{question}<p><strong>Answer:</strong> {_esc(k["answer"])}</p>'
                       f'<p><strong>Why:</strong> {_esc(k["rationale"])}</p>'
                       + (f'<p class="course-source">Source: {srcs}</p>' if srcs else "") + "</li>")
        out.append("</ol>")
        return "".join(out)


def _part_questions(part: str) -> tuple[list[tuple[str, Question, dict[str, Any]]], Any]:
    """The questions of one part (a toc caption or its slug), read through ``coursekit.model.data``."""
    course = data.course()  # parts and objectives come from the toc and the units
    parts = unit_parts(course)
    found = []
    for p in data.assessment_files():
        assessment = read(p, f"data/{FOLDER}/{p.name}")
        for q, view in zip(assessment.questions, question_view(assessment), strict=True):
            if slug(part_of_question(q, parts) or "") == slug(part):
                found.append((f"{assessment.id}-{q.id}", q, view))
    return found, course


def self_check(part: str) -> SelfCheck:
    """The self-check questions of one part, for its page (``assessments.self_check("...")``)."""
    found, course = _part_questions(part)
    for n, (_anchor, _question, view) in enumerate(found, start=1):
        view["number"] = n
    caption = next((e.part for e in course.toc if e.part and slug(e.part) == slug(part)), part)
    return SelfCheck(_("Self-check questions: {part}").format(part=_(caption)), [(a, v) for a, _q, v in found], objective_index(course))


def answer_key(part: str) -> AnswerKey:
    """The answer key of one part's self-check page; only ever call it from a cell tagged ``solution``."""
    found, _course = _part_questions(part)
    keys = [(anchor, {**key_item(q, n), "text": q.text}) for n, (anchor, q, _view) in enumerate(found, start=1)]
    ids = list(dict.fromkeys(s for _, k in keys for s in k["sources"]))
    return AnswerKey(keys, dict(zip(ids, data.source_titles(ids), strict=True)))




@dataclass
class Practice:
    """A part's practice questions for self-study: each answer and explanation behind a toggle the
    participant opens (they are not the knowledge check, whose answers stay trainer-only)."""

    questions: list[PracticeQuestion]
    citations: dict[str, str]

    def _repr_html_(self) -> str:
        if not self.questions:
            return f'<p class="self-check-empty">{_esc(_(NO_PRACTICE))}</p>'
        out = ['<ol class="course-practice">']
        for q in self.questions:
            out.append(f'<li><p class="self-check-question">{shown(q.question)}</p>')
            if q.options:
                out.append('<ol type="a">' + "".join(f"<li>{shown(o)}</li>" for o in q.options) + "</ol>")
            srcs = "; ".join(_esc(self.citations.get(s, s)) for s in q.sources)
            out.append(f'<details class="course-answer"><summary>{_esc(_(SHOW_ANSWER))}</summary>'
                       f"<p><strong>{_esc(_(ANSWER))}</strong> {shown(q.answer)}</p><p>{shown(q.explanation)}</p>"
                       + (f'<p class="course-source">{_esc(_(SOURCE))} {srcs}</p>' if srcs else "")
                       + "</details></li>")
        out.append("</ol>")
        return "".join(out)


def practice(part: str) -> Practice:
    """The practice questions of one part (``data/practice/<part>.yaml``), for its self-check page."""
    questions = data.practice_questions(slug(part))
    ids = list(dict.fromkeys(s for q in questions for s in q.sources))
    return Practice(questions, dict(zip(ids, data.source_titles(ids), strict=True)))
