"""score: the command as a trainer runs it; what it writes, and that nobody can be identified in it.

The CLI runs in-process (``course.main``: the same parsing, exit codes and messages) because a
subprocess per case would spend most of its time importing pandas and matplotlib again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import course as cli
import pytest
from conftest import FIXTURES, copy_course, snapshot

RESPONSES = FIXTURES / "assessments" / "responses"
KC = "data/assessments/knowledge-check.yaml"
CODES = ["zq-aurora-17", "zq-borealis-28", "zq-cirrus-39", "zq-delphi-40", "zq-equinox-51", "zq-fjord-62"]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_course(FIXTURES / "assessments" / "course", tmp_path / "course")


@pytest.fixture
def run_course(capsys):
    """``python3 scripts/course.py [--root ROOT] ARGS``, in this process, output captured."""
    def run(*args: str, root: Path | None = None) -> Run:
        capsys.readouterr()
        code = cli.main((["--root", str(root)] if root else []) + list(args))
        out = capsys.readouterr()
        return Run(code, out.out, out.err)
    return run


@pytest.fixture
def score(run_course):
    def run(course: Path, pre: Path, post: Path, *extra: str) -> Run:
        return run_course("score", str(course / KC), str(pre), str(post), "--date", "2021-09-21", *extra, root=course)
    return run


def _outputs(course: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(course).items() if k.startswith(("reports/", "book/trainer/"))}


def test_writes_figures_chart_and_page(score, course: Path):
    res = score(course, RESPONSES / "pre.csv", RESPONSES / "post.csv")
    assert res.returncode == 0, res.stdout + res.stderr
    assert sorted(_outputs(course)) == [f"reports/knowledge-check/{n}" for n in (
        "learning-gain.png", "learning-gain.svg", "per-objective.csv", "per-question.csv", "report.md")]
    out = course / "reports" / "knowledge-check"
    # the hand-computed figures of tests/test_scoring.py, as the CSV shows them
    assert (out / "per-question.csv").read_text().splitlines()[1:] == [
        "q1,multiple-choice,law-basics#1,Which option names the offence in the fixture law?,4,4,2,50.0,3,75.0,0.50",
        "q2,true-false,law-basics#2,The fixture law covers stored data.,4,4,2,50.0,4,100.0,1.00",
        "q3,short-answer,evidence-basics#1,Name the measure that keeps data from being deleted while a request "
        "is prepared.,4,4,1,25.0,3,75.0,0.67",
        "q4,multiple-choice,law-basics#1 evidence-basics#2,Which channel answers requests around the clock?,"
        "4,4,2,50.0,1,25.0,-0.50",
        "all,,,All questions,4,16,7,43.8,11,68.8,0.44",
    ]
    assert (out / "per-objective.csv").read_text().splitlines() == [
        "objective,unit,objective_text,questions,participants,answers,pre_correct,pre_percent,post_correct,"
        "post_percent,gain",
        "law-basics#1,Law basics,Name the offence in the fixture law,q1 q4,4,8,4,50.0,4,50.0,0.00",
        "law-basics#2,Law basics,Say whether the fixture law covers stored data,q2,4,4,2,50.0,4,100.0,1.00",
        "evidence-basics#1,Evidence basics,Name the measure that keeps data,q3,4,4,1,25.0,3,75.0,0.67",
        "evidence-basics#2,Evidence basics,Name the channel that answers around the clock,q4,4,4,2,50.0,1,25.0,-0.50",
    ]
    page = (out / "report.md").read_text()
    assert "| All 4 questions | 43.8% | 68.8% | 0.44 |" in page
    assert "| Evidence basics, objective 2: Name the channel that answers around the clock | q4 | 50.0% | 25.0% | -0.50 |" in page
    assert "1 answered only before and 1 answered only after" in page and "fewer than 5" in page
    alt = page.split("![", 1)[1].split("](learning-gain.png)")[0]
    assert "Evidence basics, objective 1: 25.0% before, 75.0% after, normalised gain 0.67" in alt
    assert "Data as of 21 September 2021" in page
    assert (out / "learning-gain.png").read_bytes().startswith(b"\x89PNG")
    assert "All questions: 43.8% correct before, 68.8% after; normalised gain 0.44." in res.stdout


def test_no_participant_code_or_personal_column_appears_in_any_output(score, course: Path, tmp_path: Path):
    """Codes, e-mail addresses and names from the export appear in no file written and no message."""
    header = "Timestamp,Email address,Your name,Participant code"
    pre_rows, post_rows = [], []
    for n, code in enumerate(CODES[:5]):
        who = f"person{n}@example.org,Name Surname{n}"
        pre_rows.append(f"t,{who},{code},b,True,{code} would preserve,c")
        post_rows.append(f"t,{who},{code.upper()},a,False,freeze,c")
    pre_rows.append(f"t,x@example.org,Someone Else,{CODES[0]},zz,True,,c")  # a bad row names a code twice
    for name, rows in (("pre.csv", pre_rows), ("post.csv", post_rows)):
        (tmp_path / name).write_text(f"{header},q1,q2,q3,q4\n" + "\n".join(rows) + "\n")
    res = score(course, tmp_path / "pre.csv", tmp_path / "post.csv", "--page")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "row 7 skipped" in res.stdout
    outputs = _outputs(course)
    assert len(outputs) == 8  # reports/ (5 files), the page and its two images
    secrets = [c.casefold() for c in CODES] + ["example.org", "surname", "someone else"]
    for name, data in {**outputs, "_toc.yml": (course / "_toc.yml").read_bytes(),
                       "terminal": (res.stdout + res.stderr).encode()}.items():
        text = data.decode("utf-8", errors="ignore").casefold()
        assert not [s for s in secrets if s in text], name


def test_page_for_the_trainer_edition_is_listed_and_valid(score, run_course, course: Path):
    res = score(course, RESPONSES / "pre.csv", RESPONSES / "post.csv", "--page")
    assert res.returncode == 0, res.stdout + res.stderr
    page = (course / "book/trainer/results-knowledge-check.md").read_text()
    assert ":::{figure} images/knowledge-check-learning-gain.png" in page and ":alt: Bar chart:" in page
    assert (course / "book/trainer/images/knowledge-check-learning-gain.svg").is_file()
    toc = (course / "_toc.yml").read_text()
    assert toc.endswith("  - caption: Trainer's guide\n    chapters:\n      - file: book/trainer/results-knowledge-check\n")
    assert toc.startswith("format: jb-book\nroot: book/index\nparts:\n  - caption: Law\n")
    check = run_course("validate", root=course)
    assert check.returncode == 0, check.stdout


def test_an_earlier_report_is_kept_unless_replace(score, course: Path):
    assert score(course, RESPONSES / "pre.csv", RESPONSES / "post.csv", "--page").returncode == 0
    before = snapshot(course)
    again = score(course, RESPONSES / "pre.csv", RESPONSES / "bad-rows.csv", "--page")
    assert again.returncode == 1 and "SCORE-EXISTS" in again.stdout and "--replace" in again.stdout
    assert snapshot(course) == before
    replaced = score(course, RESPONSES / "pre.csv", RESPONSES / "bad-rows.csv", "--page", "--replace")
    assert replaced.returncode == 0, replaced.stdout
    assert "| All 4 questions | 37.5% | 62.5% | 0.40 |" in (course / "reports/knowledge-check/report.md").read_text()
    assert (course / "_toc.yml").read_text().count("results-knowledge-check") == 1


def test_bad_rows_are_listed_and_the_rest_scored(score, course: Path):
    res = score(course, RESPONSES / "pre.csv", RESPONSES / "bad-rows.csv")
    assert res.returncode == 0, res.stdout + res.stderr
    for row in (3, 4, 5, 6, 8):
        assert f"bad-rows.csv:{row}: RESPONSES-ROW row {row} skipped" in res.stdout
    assert "5 row(s) skipped" in res.stdout and "2 participants answered both" in res.stdout


def test_out_folder_and_undefined_gain(score, course: Path, tmp_path: Path):
    (tmp_path / "all-right.csv").write_text("participant,q1,q2,q3,q4\nk1,b,true,freeze,c\nk2,b,true,freeze,a\n")
    res = score(course, tmp_path / "all-right.csv", tmp_path / "all-right.csv", "--out", str(tmp_path / "out"))
    assert res.returncode == 0, res.stdout + res.stderr
    rows = (tmp_path / "out" / "per-question.csv").read_text().splitlines()
    assert rows[1].endswith(",2,2,2,100.0,2,100.0,n/a") and rows[4].endswith(",2,2,1,50.0,1,50.0,0.00")
    assert not (course / "reports").exists()


@pytest.mark.parametrize(("break_it", "code"), [
    (lambda c: (c / KC).write_text((c / KC).read_text().replace("[law-basics#2]", "[law-basics#7]")), "ASSESS-OBJECTIVE"),
    (lambda c: (c / KC).write_text("id: [broken\n"), "YAML-SYNTAX"),
    (lambda c: (c / "pre.csv").write_text("Timestamp,q1,q2,q3,q4\nt,b,true,x,c\n"), "RESPONSES-ID-COLUMN"),
    (lambda c: (c / "pre.csv").write_text("participant,q1\nk1,b\n"), "RESPONSES-QUESTIONS"),
    (lambda c: (c / "pre.csv").write_text("participant,q1,q2,q3,q4\nnobody,b,true,x,c\n"), "RESPONSES-UNMATCHED"),
    (lambda c: (c / "_toc.yml").write_text("parts: [\n"), "TOC-SYNTAX"),
])
def test_bad_input_stops_cleanly_and_writes_nothing(score, course: Path, break_it, code):
    (course / "pre.csv").write_bytes((RESPONSES / "pre.csv").read_bytes())
    break_it(course)
    before = snapshot(course)
    res = score(course, course / "pre.csv", RESPONSES / "post.csv", "--page")
    assert res.returncode == 1 and code in res.stdout, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    assert snapshot(course) == before


def test_help_speaks_plainly(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["score", "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert "participant code" in out and "per-objective.csv" in out and "--page" in out


def test_two_columns_for_one_question_is_a_finding_naming_both(score, course: Path, tmp_path: Path):
    """Issue 21: the first column used to win silently; now nothing is scored and both are named."""
    pre = (RESPONSES / "pre.csv").read_text(encoding="utf-8").splitlines()
    doubled = [f"{line},{'q2' if n == 0 else line.split(',')[3]}" for n, line in enumerate(pre)]
    (tmp_path / "pre.csv").write_text("\n".join(doubled) + "\n", encoding="utf-8")
    before = snapshot(course)
    res = score(course, tmp_path / "pre.csv", RESPONSES / "post.csv")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "RESPONSES-COLUMNS-TWICE question q2 has 2 columns: column 4 'q2' and column 7 'q2'" in res.stdout, res.stdout
    assert snapshot(course) == before
