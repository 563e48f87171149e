"""Export the knowledge checks and practice sets to learning platforms: Moodle XML and GIFT.

Many training institutions in the region run Moodle (or a platform that imports its formats), and
a trainer wants the course's questions there: the knowledge check before and after a delivery, and
the practice questions for self-study. Each set becomes one file with every question's text,
choices, right answers, feedback (the rationale or explanation) and its objective as a tag.

Both writers follow Moodle's documented formats (docs.moodle.org "Moodle XML format" and "GIFT
format") with the standard library; no PyPI package for them is both kept and sound. The answer
keys are in these files, so they are trainer-only: they are written under ``_build/exports/``,
never into ``book/`` or an edition, and the leak check treats every answer and rationale as
trainer-only text.

A short-answer question of a knowledge check is right when the answer contains one of its
accepted words; Moodle's short answer compares the whole answer with a pattern, so each accepted
word becomes the pattern ``*word*`` (Moodle's wildcard), which accepts the same answers.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..model import assessments, atomic, practice

FORMATS = {"moodle-xml": ".xml", "gift": ".gift"}


@dataclass(frozen=True)
class Option:
    text: str
    right: bool


@dataclass(frozen=True)
class ExportQuestion:
    """One question as a learning platform holds it."""

    id: str
    kind: str  # multichoice | truefalse | shortanswer
    text: str
    options: tuple[Option, ...] = ()  # multichoice
    truth: bool | None = None  # truefalse
    accept: tuple[str, ...] = ()  # shortanswer: each right answer (a pattern)
    feedback: str = ""
    tags: tuple[str, ...] = ()


@dataclass
class QuestionSet:
    id: str  # e.g. core-knowledge or practice-getting-started
    title: str
    kind: str  # knowledge check | practice
    questions: list[ExportQuestion] = field(default_factory=list)


def tag(objective: str) -> str:
    """'course-overview#2' -> 'course-overview-objective-2' (a tag both formats carry as typed)."""
    unit, _, number = objective.partition("#")
    return f"{unit}-objective-{number}"


def from_assessment(a: assessments.Assessment) -> QuestionSet:
    out = QuestionSet(a.id, a.title, "knowledge check")
    for q in a.questions:
        tags = tuple(tag(o) for o in q.objectives)
        if q.type == "multiple-choice":
            opts = tuple(Option(c.text, c.id == q.answer) for c in q.choices or [])
            out.questions.append(ExportQuestion(q.id, "multichoice", q.text, opts, feedback=q.rationale, tags=tags))
        elif q.type == "true-false":
            out.questions.append(ExportQuestion(q.id, "truefalse", q.text, truth=bool(q.answer),
                                                feedback=q.rationale, tags=tags))
        else:
            out.questions.append(ExportQuestion(q.id, "shortanswer", q.text, accept=tuple(f"*{k}*" for k in q.accept or []),
                                                feedback=q.rationale, tags=tags))
    return out


def from_practice(part: str, questions: list[practice.PracticeQuestion]) -> QuestionSet:
    out = QuestionSet(f"practice-{part}", f"Practice questions: {part.replace('-', ' ')}", "practice")
    for q in questions:
        tags = (f"part-{part}",)
        if q.options:
            opts = tuple(Option(o, o == q.answer) for o in q.options)
            out.questions.append(ExportQuestion(q.id, "multichoice", q.question, opts, feedback=q.explanation, tags=tags))
        else:
            out.questions.append(ExportQuestion(q.id, "shortanswer", q.question, accept=(q.answer,),
                                                feedback=q.explanation, tags=tags))
    return out


def question_sets(root: Path) -> list[QuestionSet]:
    """Every knowledge check and practice set of the course (InputError if one does not read)."""
    sets = [from_assessment(assessments.read(p, p.relative_to(root).as_posix())) for p in assessments.files(root)]
    return sets + [from_practice(part, practice.load(root, part)) for part in practice.parts(root)]


# ---- Moodle XML ---------------------------------------------------------------------------------

def _text(parent: ET.Element, tag_name: str, text: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag_name, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = html.escape(text, quote=False) if fmt == "html" else text
    return el


def _answer(q: ET.Element, text: str, fraction: int, fmt: str = "html") -> None:
    a = ET.SubElement(q, "answer", {"fraction": str(fraction), "format": fmt})
    ET.SubElement(a, "text").text = html.escape(text, quote=False) if fmt == "html" else text
    fb = ET.SubElement(a, "feedback", {"format": "html"})
    ET.SubElement(fb, "text").text = ""


def moodle_xml(qs: QuestionSet) -> bytes:
    """The set as a Moodle XML quiz file, in its own question bank category."""
    quiz = ET.Element("quiz")
    cat = ET.SubElement(quiz, "question", {"type": "category"})
    _text(cat, "category", f"$course$/top/OCSEA training book/{qs.title}", fmt=None)
    for item in qs.questions:
        q = ET.SubElement(quiz, "question", {"type": item.kind})
        _text(q, "name", f"{qs.id} {item.id}", fmt=None)
        _text(q, "questiontext", item.text)
        _text(q, "generalfeedback", item.feedback)
        ET.SubElement(q, "defaultgrade").text = "1"
        ET.SubElement(q, "penalty").text = "0"
        ET.SubElement(q, "hidden").text = "0"
        if item.kind == "multichoice":
            ET.SubElement(q, "single").text = "true"
            ET.SubElement(q, "shuffleanswers").text = "true"
            ET.SubElement(q, "answernumbering").text = "abc"
            for o in item.options:
                _answer(q, o.text, 100 if o.right else 0)
        elif item.kind == "truefalse":
            _answer(q, "true", 100 if item.truth else 0, fmt="moodle_auto_format")
            _answer(q, "false", 0 if item.truth else 100, fmt="moodle_auto_format")
        else:
            ET.SubElement(q, "usecase").text = "0"
            for pattern in item.accept:
                _answer(q, pattern, 100, fmt="moodle_auto_format")
        tags = ET.SubElement(q, "tags")
        for t in item.tags:
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = t
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n"


# ---- GIFT ---------------------------------------------------------------------------------------

GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """Text shown as typed in GIFT: its control characters ~ = # { } : and \\ are escaped, and line
    breaks become spaces (a blank line would end the question)."""
    return GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def gift(qs: QuestionSet) -> str:
    """The set as a GIFT file: one question per paragraph, tags in Moodle's ``// [tag:...]`` comments."""
    lines = [f"// {qs.kind}: {qs.title} (OCSEA training book). TRAINER-ONLY: this file holds the answer key.",
             f"$CATEGORY: $course$/top/OCSEA training book/{qs.id}", ""]
    for item in qs.questions:
        lines += [f"// [tag:{t}]" for t in item.tags]
        head = f"::{gift_escape(f'{qs.id} {item.id}')}::{gift_escape(item.text)}"
        if item.kind == "multichoice":
            body = " ".join(("=" if o.right else "~") + gift_escape(o.text) for o in item.options)
        elif item.kind == "truefalse":
            body = "TRUE" if item.truth else "FALSE"
        else:
            body = " ".join("=" + gift_escape(p) for p in item.accept)
        lines += [f"{head} {{{body} ####{gift_escape(item.feedback)}}}", ""]
    return "\n".join(lines)


def write_all(root: Path, out: Path, fmt: str) -> list[tuple[QuestionSet, Path]]:
    """Every set in ``fmt`` under ``out`` (files replaced in one step each)."""
    written = []
    for qs in question_sets(root):
        path = out / f"{qs.id}{FORMATS[fmt]}"
        data = moodle_xml(qs) if fmt == "moodle-xml" else gift(qs).encode("utf-8")
        atomic.write_bytes(path, data, overwrite=True)
        written.append((qs, path))
    return written
