"""Scoring: every figure against values worked out by hand from the fixture responses.

Fixture (tests/fixtures/assessments/responses/), answer key q1=b, q2=true, q3 contains
'preservation'/'preserve'/'freeze' as a word, q4=c. Correct (1) or not (0) per participant:

              before (pre.csv)        after (post.csv)
              q1 q2 q3 q4             q1 q2 q3 q4
    aurora     1  0  0  0              1  1  1  0     ('ZQ-AURORA-17 ' after: same code)
    borealis   0  1  0  1              1  1  1  0     (q3 blank before)
    cirrus     1  1  1  1              1  1  1  1
    delphi     0  0  0  0              0  1  0  0     ('it is preserved': not the word 'preserve')
    equinox    only before             -
    fjord      -                       only after

Matched: 4 participants.
    q1: 2/4 -> 3/4, g = (3/4 - 1/2) / (1 - 1/2) = 1/2
    q2: 2/4 -> 4/4, g = (1 - 1/2) / (1/2) = 1
    q3: 1/4 -> 3/4, g = (1/2) / (3/4) = 2/3
    q4: 2/4 -> 1/4, g = (-1/4) / (1/2) = -1/2
Objectives (q4 checks law-basics#1 and evidence-basics#2):
    law-basics#1 (q1, q4): (2+2)/8 -> (3+1)/8, g = 0
    law-basics#2 (q2): 1/2 -> 1, g = 1
    evidence-basics#1 (q3): 1/4 -> 3/4, g = 2/3
    evidence-basics#2 (q4): 1/2 -> 1/4, g = -1/2
All: (2+2+1+2)/16 = 7/16 -> (3+4+3+1)/16 = 11/16, g = (4/16) / (9/16) = 4/9
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
from conftest import FIXTURES
from coursekit.delivery import scoring
from coursekit.model import assessments
from coursekit.model.findings import InputError

RESPONSES = FIXTURES / "assessments" / "responses"
CODES = ["zq-aurora-17", "zq-borealis-28", "zq-cirrus-39", "zq-delphi-40", "zq-equinox-51", "zq-fjord-62"]


@pytest.fixture(scope="module")
def check() -> assessments.Assessment:
    path = FIXTURES / "assessments" / "course" / "data" / "assessments" / "knowledge-check.yaml"
    return assessments.read(path, "knowledge-check.yaml")


def _read(name: str, check, **kw) -> scoring.ResponseSet:
    return scoring.read_responses(RESPONSES / name, name, check, **kw)


@pytest.fixture(scope="module")
def results(check) -> scoring.Results:
    return scoring.score(check, _read("pre.csv", check), _read("post.csv", check))


def _figures(comparisons) -> dict[str, tuple]:
    return {c.key: (c.pre.value, c.post.value, c.gain) for c in comparisons}


def test_per_question_rates_and_gain(results):
    assert _figures(results.questions) == {
        "q1": (F(1, 2), F(3, 4), F(1, 2)),
        "q2": (F(1, 2), F(1), F(1)),
        "q3": (F(1, 4), F(3, 4), F(2, 3)),
        "q4": (F(1, 2), F(1, 4), F(-1, 2)),
    }
    assert [(c.pre.correct, c.post.correct, c.pre.total) for c in results.questions] == [
        (2, 3, 4), (2, 4, 4), (1, 3, 4), (2, 1, 4)]


def test_per_objective_rates_and_gain(results):
    assert _figures(results.objectives) == {
        "law-basics#1": (F(1, 2), F(1, 2), F(0)),
        "law-basics#2": (F(1, 2), F(1), F(1)),
        "evidence-basics#1": (F(1, 4), F(3, 4), F(2, 3)),
        "evidence-basics#2": (F(1, 2), F(1, 4), F(-1, 2)),
    }
    law1 = results.objectives[0]
    assert (law1.pre.correct, law1.post.correct, law1.pre.total) == (4, 4, 8)


def test_overall_and_who_counts(results):
    o = results.overall
    assert (o.pre.correct, o.post.correct, o.pre.total) == (7, 11, 16)
    assert (o.pre.value, o.post.value, o.gain) == (F(7, 16), F(11, 16), F(4, 9))
    assert (results.participants, results.pre_only, results.post_only) == (4, 1, 1)
    assert results.skipped == []


def test_figures_as_text():
    assert (scoring.percent(F(7, 16)), scoring.percent(F(2, 3)), scoring.percent(None)) == ("43.8", "66.7", "")
    assert (scoring.gain_text(F(4, 9)), scoring.gain_text(F(-1, 2)), scoring.gain_text(None)) == ("0.44", "-0.50", "n/a")


def test_gain_is_undefined_when_everyone_was_right_before():
    assert scoring.normalised_gain(F(1), F(1)) is None
    assert scoring.normalised_gain(F(1), F(1, 2)) is None  # a fall from 100% is shown as a rate, not a gain
    assert scoring.normalised_gain(F(0), F(1, 4)) == F(1, 4)
    everyone = scoring.Comparison("q", "q", scoring.Rate(4, 4), scoring.Rate(3, 4))
    assert everyone.gain is None


def test_undefined_gain_in_a_scored_set(check):
    right = {"q1": True, "q2": True, "q3": False, "q4": False}
    pre = scoring.ResponseSet("pre", {"a": right, "b": right})
    post = scoring.ResponseSet("post", {"a": right, "b": {**right, "q3": True}})
    res = scoring.score(check, pre, post)
    assert _figures(res.questions)["q1"] == (F(1), F(1), None)
    assert _figures(res.questions)["q3"] == (F(0), F(1, 2), F(1, 2))


# ---- reading exports ------------------------------------------------------------------------------

def test_codes_are_matched_ignoring_case_and_spaces(check):
    post = _read("post.csv", check)
    assert "zq-aurora-17" in post.correct and post.rows == 5


@pytest.mark.parametrize(("qid", "raw", "verdict"), [
    ("q1", "b", True), ("q1", "B)", True), ("q1", "(b)", True), ("q1", "b. The second option", True),
    ("q1", "the second option", True), ("q1", "a", False), ("q1", "", False), ("q1", "  ", False),
    ("q1", "e", None), ("q1", "b) The third option", None), ("q1", "beta", None),
    ("q2", "True", True), ("q2", "yes", True), ("q2", "Y", True), ("q2", "FALSE", False), ("q2", "no", False),
    ("q2", "maybe", None),
    ("q3", "Preservation!", True), ("q3", "we PRESERVE it", True), ("q3", "freeze it", True),
    ("q3", "it is preserved", False), ("q3", "unfreeze", False), ("q3", "seize", False), ("q3", "", False),
])
def test_judging_one_answer(check, qid, raw, verdict):
    question = next(q for q in check.questions if q.id == qid)
    assert scoring.judge(question, raw) is verdict


def test_bad_rows_are_skipped_with_row_and_reason(check):
    res = _read("bad-rows.csv", check)
    assert sorted(res.correct) == ["zq-aurora-17", "zq-borealis-28"]
    assert res.correct["zq-aurora-17"] == {"q1": True, "q2": True, "q3": True, "q4": True}
    assert res.correct["zq-borealis-28"] == {"q1": False, "q2": False, "q3": True, "q4": False}
    reasons = {f.line: f.message for f in res.skipped}
    assert sorted(reasons) == [3, 4, 5, 6, 8]  # row 7 is blank: not a participant, not a problem
    assert "no participant code" in reasons[3]
    assert "same participant code is on row 2" in reasons[4]
    assert "answer to q1" in reasons[5] and "a, b, c" in reasons[5]
    assert "4 cells, the header has 6" in reasons[6]
    assert "answer to q2" in reasons[8] and "true or false" in reasons[8]
    assert all(f.severity == "warning" and f.code == "RESPONSES-ROW" for f in res.skipped)
    text = " ".join(f.format() for f in res.skipped)
    assert not any(code in text.casefold() for code in CODES)


def test_bad_rows_do_not_stop_scoring(check):
    res = scoring.score(check, _read("pre.csv", check), _read("bad-rows.csv", check))
    assert (res.participants, res.pre_only, res.post_only, len(res.skipped)) == (2, 3, 0, 5)
    # aurora 1000 -> 1111, borealis 0101 -> 0010: before 3/8, after 5/8, g = (2/8) / (5/8) = 2/5
    assert (res.overall.pre.value, res.overall.post.value, res.overall.gain) == (F(3, 8), F(5, 8), F(2, 5))


def test_a_quoted_line_break_keeps_spreadsheet_row_numbers(check, tmp_path: Path):
    p = tmp_path / "r.csv"
    p.write_text('participant,q1,q2,q3,q4\nx1,b,true,"a long\nanswer",c\nx2,z,true,,c\n')
    res = scoring.read_responses(p, "r.csv", check)
    assert [f.line for f in res.skipped] == [3]


@pytest.mark.parametrize(("header", "code"), [
    ("Timestamp,q1,q2,q3,q4", "RESPONSES-ID-COLUMN"),
    ("participant,code,q1,q2,q3,q4", "RESPONSES-ID-COLUMN"),
    ("participant,q1,q2,q4", "RESPONSES-QUESTIONS"),
])
def test_unusable_exports_stop_with_a_finding(check, tmp_path: Path, header, code):
    p = tmp_path / "r.csv"
    p.write_text(header + "\n")
    with pytest.raises(InputError) as err:
        scoring.read_responses(p, "r.csv", check)
    assert [(f.line, f.code) for f in err.value.findings] == [(1, code)]


def test_missing_question_columns_are_named(check, tmp_path: Path):
    p = tmp_path / "r.csv"
    p.write_text("participant,q1,q4\n")
    with pytest.raises(InputError) as err:
        scoring.read_responses(p, "r.csv", check)
    assert "q2, q3" in err.value.findings[0].message


def test_code_column_named_on_the_command_line(check, tmp_path: Path):
    p = tmp_path / "r.csv"
    p.write_text("Your workshop code,Q1: offence?,q2,q3,q4\nk1,b,true,freeze,c\n")
    res = scoring.read_responses(p, "r.csv", check, id_column="your workshop code")
    assert res.correct == {"k1": {"q1": True, "q2": True, "q3": True, "q4": True}}


def test_nobody_in_both_sets_stops_with_a_finding(check):
    pre = scoring.ResponseSet("pre.csv", {"a": {}})
    post = scoring.ResponseSet("post.csv", {"b": {}})
    with pytest.raises(InputError) as err:
        scoring.score(check, pre, post)
    assert err.value.findings[0].code == "RESPONSES-UNMATCHED"


def test_unreadable_file_is_a_finding(check, tmp_path: Path):
    p = tmp_path / "r.csv"
    p.write_bytes(b"participant,q1\n\xff\xfe bad\n")
    with pytest.raises(InputError) as err:
        scoring.read_responses(p, "r.csv", check)
    assert err.value.findings[0].code == "FILE-ENCODING"
