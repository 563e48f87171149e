"""import-challenges: answers a spreadsheet would run as formulas are neutralised, and the existing
file is kept byte for byte, CRLF line endings and byte-order mark included (issue 14, cases 10, 11)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from conftest import FIXTURES, run_course
from coursekit.authoring import importing
from coursekit.model.challenges import ChallengeRow

SURVEY = "delivery-survey-2024"
COUNTRIES = {"VN": "Viet Nam", "PH": "Philippines", "LK": "Sri Lanka"}
FORMULAS = ['=HYPERLINK("https://example.org/x","Click for the report")', "@SUM(A1:A9) and more words here",
            "+1+1 cases were never answered by the platform", "-2 officers left the unit this year, no training",
            "\t=1+2 with a tab in front of the formula"]


def export(tmp_path: Path, descriptions: list[str]) -> Path:
    p = tmp_path / "answers.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Timestamp", "Country", "Challenge category", "Describe the challenge"])
        for d in descriptions:
            w.writerow(["2024-03-05", "Viet Nam", "Electronic evidence", d])
    return p


def planned(path: Path, existing: list[ChallengeRow] | None = None) -> importing.ImportPlan:
    return importing.plan_import(path, path.name, existing=existing or [], countries=COUNTRIES, sources={SURVEY},
                                 default_source=SURVEY, today=dt.date(2026, 11, 30))


@pytest.mark.parametrize("answer", FORMULAS)
def test_an_answer_a_spreadsheet_would_run_is_stored_as_text(tmp_path: Path, answer: str):
    p = planned(export(tmp_path, [answer]))
    assert not p.rejected, p.rejected
    (_, row), = p.new
    assert row.description.startswith("'") and row.description[1:] == " ".join(answer.split())
    assert not row.description.startswith(importing.FORMULA_START)


def test_ordinary_answers_are_kept_as_written(tmp_path: Path):
    text = "Service providers abroad take months to answer (a 'slow' reply)."
    (_, row), = planned(export(tmp_path, [text])).new
    assert row.description == text


def test_appending_keeps_every_existing_byte_crlf_and_bom_included(tmp_path: Path):
    old = ("\ufeffcountry,category,description,source,reported_at,evidence\r\n"
           f"VN,electronic-evidence,An existing row that must be kept as it is.,{SURVEY},2024-03-05,verified\r\n").encode()
    target = tmp_path / "challenges.csv"
    target.write_bytes(old)
    existing = importing.existing_rows(target, tmp_path)
    p = planned(export(tmp_path, ["A new challenge reported in the delivery survey."]), existing)
    importing.write(target, p)
    new = target.read_bytes()
    assert new.startswith(old)
    added = new[len(old):]
    assert added.endswith(b"\r\n") and b"\n" not in added.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(new.decode("utf-8-sig"), newline="")))
    assert len(rows) == 3 and rows[2][2] == "A new challenge reported in the delivery survey."


def test_the_command_neutralises_and_says_so_in_its_help():
    help_text = run_course("import-challenges", "--help").stdout
    assert "formula" in help_text and "apostrophe" in help_text
    assert "apostrophe" in (FIXTURES.parents[1] / "data" / "README.md").read_text(encoding="utf-8")
