"""Export to learning platforms (issue 25, acceptance 4): every knowledge check and practice set to
Moodle XML and GIFT; each file parses back to the same questions and right answers; the answer keys
never reach the participant edition.

Moodle XML is read with the standard library's XML parser and checked against the structure of
Moodle's documented format; GIFT with the small reader below, written from Moodle's GIFT format
page (no kept PyPI package parses GIFT: pygiftparser's last release is from 2017).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, course_main, snapshot
from coursekit.delivery.question_export import ExportQuestion, Option, QuestionSet, gift, moodle_xml, question_sets
from coursekit.engine.leakcheck import check_site
from coursekit.model import assessments

SETS = question_sets(REPO)
HOSTILE = QuestionSet("hostile", "A set: with {braces} = and ~ tilde", "practice", [
    ExportQuestion("p1", "multichoice", "Which is right: a {b} = c ~ d # e \\ f <script>alert(1)</script>?",
                   (Option("50% = half ~ {x}", True), Option("a: b # c", False)), feedback="It's <b>so</b> & ok: 1=1"),
    ExportQuestion("p2", "shortanswer", "Name the order: ", accept=("*preservation*", "*06:00*"),
                   feedback="Line one.\n\nLine two.", tags=("unit-objective-1",)),
    ExportQuestion("p3", "truefalse", "True or false: 2 > 1 & {ok}", truth=True, feedback="Yes."),
])


def expected(qs: QuestionSet) -> list[tuple]:
    """What must come back: id, kind, text, choices with rightness, truth, patterns, feedback, tags."""
    return [(f"{qs.id} {q.id}", q.kind, " ".join(q.text.split()), tuple((" ".join(o.text.split()), o.right)
             for o in q.options), q.truth, q.accept, " ".join(q.feedback.split()), q.tags) for q in qs.questions]


# ---- Moodle XML, read back with an XML parser ------------------------------------------------

def read_moodle_xml(data: bytes) -> list[tuple]:
    quiz = ET.fromstring(data)
    assert quiz.tag == "quiz"
    first, *questions = list(quiz)
    assert first.get("type") == "category" and first.findtext("category/text", "").startswith("$course$/top/")
    out = []
    for q in questions:
        kind = q.get("type")
        assert kind in ("multichoice", "truefalse", "shortanswer")
        assert q.find("questiontext").get("format") == "html" and q.findtext("defaultgrade") == "1"
        answers = q.findall("answer")
        assert all(a.get("fraction") in ("0", "100") for a in answers) and answers
        text = " ".join(html.unescape(q.findtext("questiontext/text") or "").split())
        feedback = " ".join(html.unescape(q.findtext("generalfeedback/text") or "").split())
        options: tuple = ()
        truth = None
        accept: tuple = ()
        if kind == "multichoice":
            assert q.findtext("single") == "true"
            options = tuple((html.unescape(a.findtext("text") or ""), a.get("fraction") == "100") for a in answers)
        elif kind == "truefalse":
            right = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
            assert len(answers) == 2 and len(right) == 1
            truth = right[0] == "true"
        else:
            accept = tuple(a.findtext("text") or "" for a in answers)
            assert all(a.get("fraction") == "100" for a in answers)
        tags = tuple(t.text or "" for t in q.findall("tags/tag/text"))
        out.append((q.findtext("name/text"), kind, text, options, truth, accept, feedback, tags))
    return out


# ---- GIFT, read back with a small reader of the documented format ----------------------------

def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def _split(body: str, marks: str) -> list[str]:
    """Split at unescaped characters of ``marks``, keeping each mark with the piece it starts."""
    pieces, current, i = [], "", 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            current += body[i:i + 2]
            i += 2
            continue
        if ch in marks:
            if current.strip():
                pieces.append(current)
            current = ""
        current += ch
        i += 1
    if current.strip():
        pieces.append(current)
    return pieces


def read_gift(text: str) -> list[tuple]:
    out = []
    for block in re.split(r"\n\s*\n", text):
        tags = tuple(re.findall(r"^// \[tag:([^\]]+)\]$", block, re.M))
        lines = [ln for ln in block.splitlines() if not ln.startswith("//") and not ln.startswith("$CATEGORY:")]
        if not lines:
            continue
        source = " ".join(lines)
        m = re.fullmatch(r"::((?:\\.|[^:\\])*)::((?:\\.|[^{\\])*)\{((?:\\.|[^}\\])*)\}\s*", source)
        assert m, source
        for raw in (m.group(1), m.group(2)):  # the format: ~ = # { } : in text must be escaped
            assert not re.search(r"[~=#{}:]", re.sub(r"\\.", "", raw)), f"unescaped control character in {raw!r}"
        title, qtext, body = _unescape(m.group(1)), _unescape(m.group(2)), m.group(3)
        body, _, feedback = body.partition("####") if "####" in body else (body, "", "")
        body = body.strip()
        options: tuple = ()
        truth = None
        accept: tuple = ()
        if body in ("TRUE", "FALSE", "T", "F"):
            kind, truth = "truefalse", body in ("TRUE", "T")
        else:
            pieces = _split(body, "=~")
            if all(p.startswith("=") for p in pieces) and any("*" in p for p in pieces) or len(pieces) == 1:
                kind, accept = "shortanswer", tuple(_unescape(p[1:]) for p in pieces)
            else:
                kind, options = "multichoice", tuple((_unescape(p[1:]), p[0] == "=") for p in pieces)
        out.append((title, kind, qtext, options, truth, accept, _unescape(feedback), tags))
    return out


# ---- the tests -------------------------------------------------------------------------------

def test_every_assessment_and_practice_set_is_exported():
    names = {qs.id for qs in SETS}
    assert {p.stem for p in assessments.files(REPO)} <= names
    assert {f"practice-{p.stem}" for p in (REPO / "data" / "practice").glob("*.yaml")} <= names
    assert sum(len(qs.questions) for qs in SETS) > 40


@pytest.mark.parametrize("qs", [*SETS, HOSTILE], ids=lambda qs: qs.id)
def test_moodle_xml_parses_back_to_the_same_questions_and_answers(qs: QuestionSet):
    assert read_moodle_xml(moodle_xml(qs)) == expected(qs)


@pytest.mark.parametrize("qs", [*SETS, HOSTILE], ids=lambda qs: qs.id)
def test_gift_parses_back_to_the_same_questions_and_answers(qs: QuestionSet):
    assert read_gift(gift(qs)) == expected(qs)


def test_the_right_answers_are_those_of_the_knowledge_check():
    core = next(qs for qs in SETS if qs.id == "core-knowledge")
    source = assessments.read(REPO / "data/assessments/core-knowledge.yaml", "core-knowledge")
    for q, src in zip(core.questions, source.questions, strict=True):
        if src.type == "multiple-choice":
            right = next(c.text for c in src.choices or [] if c.id == src.answer)
            assert [o.text for o in q.options if o.right] == [right]
        elif src.type == "true-false":
            assert q.truth is src.answer
        else:
            assert q.accept == tuple(f"*{k}*" for k in src.accept or [])
        assert q.tags == tuple(o.replace("#", "-objective-") for o in src.objectives)


def test_the_command_writes_only_under_build_exports(repo_course: Path):
    before = snapshot(repo_course)
    for fmt, suffix in (("moodle-xml", ".xml"), ("gift", ".gift")):
        res = course_main("export", "questions", "--format", fmt, root=repo_course)
        assert res.returncode == 0, res.stdout + res.stderr
        assert len(list((repo_course / "_build" / "exports" / fmt).glob(f"*{suffix}"))) == len(SETS)
    assert snapshot(repo_course) == before  # nothing in book/ or data/ (snapshot leaves _build out)


def test_an_exported_answer_key_in_the_participant_site_is_a_leak(tmp_path: Path):
    """The keys live only in the exports; if one ever reached the participant site, the build's leak
    check would stop the build. Each planted rationale and model answer of the export is caught."""
    core = next(qs for qs in SETS if qs.id == "core-knowledge")
    for q in core.questions[:4]:
        site = tmp_path / q.id
        site.mkdir()
        (site / "index.html").write_text(f"<html><body><p>{html.escape(q.feedback)}</p></body></html>")
        assert check_site(REPO, site), q.id
    view = assessments.question_view(assessments.read(REPO / "data/assessments/core-knowledge.yaml", "x"))
    assert not {"answer", "accept", "rationale"} & {k for item in view for k in item}
