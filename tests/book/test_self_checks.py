"""Knowledge checks: the file format, its findings, the participant and trainer views, self-check pages."""

from __future__ import annotations

import json
from pathlib import Path

import course as cli
import nbformat
import pytest
from conftest import FIXTURES, REPO, build_in_process, copy_course
from coursekit.book import self_checks
from coursekit.checks import assessments as assessment_check
from coursekit.engine.editions import EDITIONS
from coursekit.model import assessments
from coursekit.model.curriculum import load

COURSE = FIXTURES / "assessments" / "course"
KC = "data/assessments/knowledge-check.yaml"
RATIONALES = ["Marigold reasoning", "Heliotrope reasoning", "Cornflower reasoning", "Periwinkle reasoning"]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A fresh copy of the fixture course: two units in two parts, a check, two self-check pages."""
    return copy_course(COURSE, tmp_path / "course")


def _parse(root: Path) -> assessments.AssessmentFile:
    return assessments.parse(root / KC, KC)


def _edit(root: Path, old: str, new: str) -> None:
    p = root / KC
    text = p.read_text()
    assert old in text, old
    p.write_text(text.replace(old, new, 1))


def _codes(parsed: assessments.AssessmentFile) -> list[tuple[int | None, str]]:
    return [(f.line, f.code) for f in parsed.findings]


# ---- the file format ------------------------------------------------------------------------

def test_fixture_check_parses_with_every_question_type(course: Path):
    parsed = _parse(course)
    assert parsed.findings == []
    a = parsed.assessment
    assert [(q.id, q.type) for q in a.questions] == [
        ("q1", "multiple-choice"), ("q2", "true-false"), ("q3", "short-answer"), ("q4", "multiple-choice")]
    assert a.questions[3].objective_refs() == [("law-basics", 1), ("evidence-basics", 2)]
    assert parsed.lines["q2"]["question"] == 20 and parsed.lines["q4"]["objectives"] == 44


@pytest.mark.parametrize(("old", "new", "line", "words"), [
    ("    answer: b\n", "    answer: d\n", 6, "one of a, b, c"),
    ("    answer: true\n", "    answer: yes\n", 20, "true or false"),
    ("    accept: [preservation, preserve, freeze]\n", "", 26, "needs 'accept'"),
    ("[law-basics#2]", "[law-basics-2]", 20, "<unit-id>#<number>"),
    ("    rationale: Heliotrope", "    rationle: Heliotrope", 20, "rationle"),
    ("  - id: q3\n    type: short-answer", "  - id: q3\n    type: essay", 26, "type"),
    ("    choices:\n      - id: a\n        text: The ordinary post", "    choices:\n      - id: a\n        text: The ordinary post\n      - id: a\n        text: Twice", 33, "same id"),
])
def test_bad_question_is_named_with_its_line(course: Path, old, new, line, words):
    _edit(course, old, new)
    parsed = _parse(course)
    assert parsed.assessment is None
    [finding] = parsed.findings
    assert (finding.line, finding.code) == (line, "ASSESS-QUESTION")
    assert words in finding.message


def test_duplicate_question_id(course: Path):
    _edit(course, "  - id: q2\n", "  - id: q1\n")
    assert _codes(_parse(course)) == [(20, "ASSESS-DUPLICATE")]


def test_id_must_match_the_file_name(course: Path):
    _edit(course, "id: knowledge-check\n", "id: other-check\n")
    assert _codes(_parse(course)) == [(2, "ASSESS-ID")]


def test_yaml_syntax_error_and_empty_list(course: Path):
    _edit(course, "    answer: b\n", "    answer: [b\n")
    assert _codes(_parse(course))[0][1] == "YAML-SYNTAX"
    (course / KC).write_text("id: knowledge-check\ntitle: Empty\nquestions: []\n")
    assert _codes(_parse(course)) == [(3, "ASSESS-FORMAT")]


def test_objectives_and_sources_must_resolve(course: Path):
    _edit(course, "[law-basics#2]", "[law-basics#4]")
    _edit(course, "[evidence-basics#1]", "[no-such-unit#1]")
    _edit(course, "[src-two]", "[src-nowhere]")
    parsed = _parse(course)
    found = sorted((f.line, f.code) for f in assessments.reference_findings(parsed, load(course)))
    assert found == [(24, "ASSESS-OBJECTIVE"), (31, "ASSESS-UNIT"), (46, "SOURCE-UNKNOWN")]


def test_validate_names_file_and_line(course: Path, capsys):
    assert cli.main(["--root", str(course), "validate"]) == 0
    _edit(course, "[law-basics#2]", "[law-basics#9]")
    capsys.readouterr()
    assert cli.main(["--root", str(course), "validate"]) == 1
    out = capsys.readouterr().out
    assert f"{KC}:24: ASSESS-OBJECTIVE question q2: unit 'law-basics' has 3 objective(s), not 9" in out


# ---- views ------------------------------------------------------------------------------------

def test_question_view_has_no_answers(course: Path):
    a = _parse(course).assessment
    view = assessments.question_view(a)
    assert all(set(v) == {"number", "id", "type", "text", "choices", "objectives"} for v in view)
    dumped = json.dumps(view)
    for secret in [*RATIONALES, "Expedited preservation", "freeze", '"answer"', '"accept"']:
        assert secret not in dumped
    assert [c["text"] for c in view[0]["choices"]] == ["The first option", "The second option", "The third option"]


def test_answer_key_view_has_answers_and_rationale(course: Path):
    key = assessments.key_view(_parse(course).assessment)
    assert [k["answer"] for k in key][:2] == ["b) The second option", "True"]
    assert key[2]["answer"].startswith("Expedited preservation of the data.") and "“freeze”" in key[2]["answer"]
    assert key[3]["answer"] == "c) A contact point open day and night"
    assert [k["rationale"].split(" says")[0] for k in key] == RATIONALES
    assert key[0]["sources"] == ["src-one"]


def test_self_check_shows_the_parts_questions_without_answers(course: Path, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(course))
    from coursekit.model import data
    data.reset_reads()
    law = self_checks.self_check("law")
    assert [anchor for anchor, _ in law.items] == ["knowledge-check-q1", "knowledge-check-q2", "knowledge-check-q4"]
    read = data.files_read()  # what the build cache keys the page on: the check, the toc, the units
    assert {(course / KC).resolve(), (course / "_toc.yml").resolve(), (course / "book/law.ipynb").resolve()} <= set(read)
    page = law._repr_html_()
    assert "Which option names the offence" in page and "The ordinary post" in page
    assert "Law basics, objective 1: Name the offence in the fixture law" in page
    for secret in [*RATIONALES, "Answer:", "Expedited preservation"]:
        assert secret not in page
    evidence = self_checks.self_check("Evidence")  # the part's caption works as well as its slug
    assert [a for a, _ in evidence.items] == ["knowledge-check-q3"]
    assert "no self-check questions" in self_checks.self_check("Nowhere")._repr_html_()


def test_answer_key_page_shows_answers_rationale_and_sources(course: Path, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(course))
    page = self_checks.answer_key("law")._repr_html_()
    for text in ["b) The second option", "True", "Marigold reasoning", "Periwinkle reasoning",
                 "First source (Test publisher)", "Second source (Test publisher)"]:
        assert text in page
    assert "Cornflower" not in page  # q3 belongs to the Evidence part


def test_text_from_data_is_escaped(course: Path, monkeypatch):
    _edit(course, "Which option names the offence in the fixture law?", "Which <script>alert(1)</script> option?")
    monkeypatch.setenv("COURSE_ROOT", str(course))
    page = self_checks.self_check("law")._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_trainer_only_texts_and_practised_objectives(course: Path):
    assert [t.split(" says")[0] for t in assessments.trainer_only_texts(course)] == RATIONALES
    assert assessments.practised_objectives(course) == {
        "law-basics#1", "law-basics#2", "evidence-basics#1", "evidence-basics#2"}


# ---- self-check pages ---------------------------------------------------------------------------

def _check(root: Path) -> list[tuple[str, str]]:
    return [(f.code, f.severity) for f in assessment_check.check(load(root))]


def test_self_check_pages_fit_their_parts(course: Path):
    assert _check(course) == []
    toc = course / "_toc.yml"
    toc.write_text(toc.read_text().replace("book/self-checks/evidence", "book/self-checks/evidence-x"))
    (course / "book/self-checks/evidence.ipynb").rename(course / "book/self-checks/evidence-x.ipynb")
    assert ("SELF-CHECK-PART", "error") in _check(course)


def test_part_without_questions_is_a_warning(course: Path):
    _edit(course, "[evidence-basics#1]", "[law-basics#3]")
    _edit(course, "[law-basics#1, evidence-basics#2]", "[law-basics#1]")
    assert _check(course) == [("SELF-CHECK-EMPTY", "warning")]


def test_participant_edition_drops_the_answer_key_cell():
    nb = nbformat.read(COURSE / "book/self-checks/law.ipynb", as_version=4)
    participant = EDITIONS["participant"].apply(nbformat.from_dict(json.loads(json.dumps(nb))))
    sources = "\n".join(c.source for c in participant.cells)
    assert "self_check(" in sources and "answer_key(" not in sources
    trainer = EDITIONS["trainer"].apply(nbformat.from_dict(json.loads(json.dumps(nb))))
    assert "answer_key(" in "\n".join(c.source for c in trainer.cells)


def test_shipped_self_check_pages_call_their_own_part():
    """Each book/self-checks/<slug> page shows (and, tagged solution, answers) its own part."""
    for page in sorted((REPO / "book" / "self-checks").glob("*.ipynb")):
        nb = nbformat.read(page, as_version=4)
        assert f'self_checks.self_check("{page.stem}")' in "".join(c.source for c in nb.cells)
        [key_cell] = [c for c in nb.cells if "answer_key(" in c.source]
        assert key_cell.metadata.get("tags") == ["solution"]
        assert f'self_checks.answer_key("{page.stem}")' in key_cell.source


def test_built_editions_show_the_answer_key_to_trainers_only(course: Path):
    """The one full build here: self-check pages run, and the answer key reaches no participant file."""
    build_in_process(course)
    sites = {ed: {p.relative_to(course / "_build" / ed / "html").as_posix(): p.read_bytes()
                  for p in sorted((course / "_build" / ed / "html").rglob("*")) if p.is_file()}
             for ed in ("participant", "trainer")}
    law = {ed: files["self-checks/law.html"].decode() for ed, files in sites.items()}
    assert "Which option names the offence in the fixture law?" in law["participant"]
    for rationale in RATIONALES:
        assert rationale in law["trainer"] or rationale in sites["trainer"]["self-checks/evidence.html"].decode()
        leaks = [name for name, data in sites["participant"].items() if rationale.encode() in data]
        assert leaks == [], rationale
    assert "b) The second option" in law["trainer"] and "b) The second option" not in law["participant"]
