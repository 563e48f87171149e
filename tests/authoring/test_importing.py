"""import-challenges: good rows in, bad rows named by number, every existing row kept, nothing half-written."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, course_main, run_course, snapshot
from coursekit.authoring import importing
from coursekit.model.challenges import ChallengeRow
from coursekit.model.findings import InputError

IMPORT = FIXTURES / "import"
SURVEY = "delivery-survey-2024"
COUNTRIES = {"BN": "Brunei Darussalam", "ID": "Indonesia", "LA": "Lao People's Democratic Republic", "MY": "Malaysia",
             "MV": "Maldives", "PH": "Philippines", "SG": "Singapore", "LK": "Sri Lanka", "TH": "Thailand", "VN": "Viet Nam"}
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def course(repo_course: Path) -> Path:
    """The shipped course with the fixture's existing challenges and the survey in the bibliography."""
    shutil.copy(IMPORT / "existing-challenges.csv", repo_course / "data" / "challenges.csv")
    with (repo_course / "data" / "sources.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"  - id: {SURVEY}\n    title: Delivery survey of reported challenges\n    publisher: Course trainers\n"
                 "    year: 2024\n    url: null\n    accessed: 2026-11-01\n")
    return repo_course


def plan(path: Path = IMPORT / "survey-export.csv", **kw) -> importing.ImportPlan:
    existing = [ChallengeRow(country="VN", category="electronic-evidence",
                             description="Service providers abroad take months to answer requests for subscriber data.",
                             source=SURVEY, reported_at="2024-03-05", evidence="verified")]
    return importing.plan_import(path, path.name, existing=existing, countries=COUNTRIES, sources={SURVEY},
                                 default_source=SURVEY, today=TODAY, **kw)


# ---- the library: what it decides for each row ------------------------------------------------

def test_good_rows_are_imported_with_names_codes_and_labels_normalised():
    p = plan()
    got = {(n, r.country, r.category) for n, r in p.new}
    assert got == {(3, "LA", "international-cooperation"), (4, "VN", "investigative-capacity"),
                   (9, "MY", "victim-support"), (10, "PH", "livestream-detection")}
    assert all(r.reported_at == "2024-03-05" and r.source == SURVEY for _, r in p.new)


def test_each_bad_row_is_reported_by_its_row_number_with_a_reason():
    reasons = {r.row: r.reason for r in plan().rejected}
    assert set(reasons) == {6, 7, 8, 11}
    assert "Cambodia" in reasons[6] and "not one of the participating countries" in reasons[6]
    assert "Weather" in reasons[7] and "Legislation gaps" in reasons[7]
    assert "description" in reasons[8]
    assert "unknown-survey-id" in reasons[11]


def test_duplicates_of_existing_rows_and_of_earlier_rows_are_skipped():
    dups = dict(plan().duplicates)
    assert dups == {2: "a row already in data/challenges.csv", 5: "a row already in data/challenges.csv",
                    12: "row 3"}


@pytest.mark.parametrize("written,code", [("Viet Nam", "VN"), ("Vietnam", "VN"), ("VN", "VN"), ("vn", "VN"),
                                          ("Việt Nam", "VN"), ("VNM", "VN"), ("Lao PDR", "LA"), ("Laos", "LA"),
                                          ("Lao People's Democratic Republic", "LA"), ("the Philippines", "PH"),
                                          ("Brunei", "BN"), ("Sri  Lanka", "LK"), ("Cambodia", None), ("", None)])
def test_country_names_and_codes(written, code):
    assert importing.country_code(written, COUNTRIES) == code


def test_a_country_outside_the_course_is_not_accepted_even_by_alias():
    assert importing.country_code("Vietnam", {"PH": "Philippines"}) is None


@pytest.mark.parametrize("written,cat", [("Legislation gaps", "legislation-gaps"), ("legislation-gaps", "legislation-gaps"),
                                         ("E-evidence", "electronic-evidence"), ("MLA", "international-cooperation"),
                                         ("Victim support (identification and care)", "victim-support"),
                                         ("Prevention & awareness", None), ("Weather", None)])
def test_category_labels_and_synonyms(written, cat):
    assert importing.category_id(written) == cat


@pytest.mark.parametrize("written,order,expected", [
    ("2024/03/05 10:15:00 AM GMT+7", None, "2024-03-05"), ("2024-03-05T10:15:00Z", None, "2024-03-05"),
    ("25/03/2024 10:15", None, "2024-03-25"), ("3/25/2024 10:15:00", None, "2024-03-25"),
    ("05/03/2024", "dmy", "2024-03-05"), ("05/03/2024", "mdy", "2024-05-03"), ("2024", None, "2024")])
def test_form_timestamps(written, order, expected):
    assert importing.parse_date(written, order, TODAY) == (expected, "")


@pytest.mark.parametrize("written,words", [("05/03/2024", "--dates"), ("2024-02-30", "does not exist"),
                                           ("2030-01-01", "future"), ("yesterday", "not a date")])
def test_bad_timestamps_say_why(written, words):
    value, reason = importing.parse_date(written, None, TODAY)
    assert value is None and words in reason


def test_wrong_headers_name_what_is_missing_and_how_to_map_it():
    with pytest.raises(InputError) as exc:
        plan(IMPORT / "wrong-headers.csv")
    text = exc.value.findings[0].format()
    assert "'country'" in text and "'category'" in text and "'description'" in text
    assert "'Nation'" in text and "--map" in text


def test_map_makes_other_headers_usable():
    p = plan(IMPORT / "wrong-headers.csv",
             mapping={"Nation": "country", "Problem": "category", "Story": "description", "When": "reported_at"})
    assert [(r.country, r.category) for _, r in p.new] == [("VN", "electronic-evidence")]


def test_the_write_appends_and_keeps_the_old_text_byte_for_byte(tmp_path):
    target = tmp_path / "challenges.csv"
    old = (IMPORT / "existing-challenges.csv").read_text(encoding="utf-8").rstrip("\n")  # no final newline
    target.write_text(old, encoding="utf-8")
    p = plan()
    p.existing = 2
    importing.write(target, p)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(old + "\n")
    assert len(text.strip().splitlines()) == 1 + 2 + len(p.new)


@pytest.mark.parametrize("fault", ["an old row lost", "a new row lost", "a row added twice"])
def test_the_guard_alone_refuses_a_file_that_would_not_hold_every_row(tmp_path, monkeypatch, fault):
    """Should the text ever be composed wrongly, the last check before writing refuses it: nothing
    is written. (Here the composer is made to err; the guard is all that stands in the way.)"""
    target = tmp_path / "challenges.csv"
    shutil.copy(IMPORT / "existing-challenges.csv", target)
    before = target.read_bytes()
    p = plan()
    p.existing = 2
    assert p.new
    composed = importing.new_bytes

    def wrong(path, rows):
        lines = composed(path, rows).splitlines(keepends=True)
        if fault == "an old row lost":
            return lines[0] + b"".join(lines[2:])
        if fault == "a new row lost":
            return b"".join(lines[:-1])
        return b"".join(lines) + lines[-1]

    monkeypatch.setattr(importing, "new_bytes", wrong)
    with pytest.raises(InputError) as err:
        importing.write(target, p)
    assert [f.code for f in err.value.findings] == ["IMPORT-CHECK"]
    assert target.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["challenges.csv"]


def test_an_interrupted_write_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    target = tmp_path / "challenges.csv"
    shutil.copy(IMPORT / "existing-challenges.csv", target)
    before = target.read_bytes()
    p = plan()
    p.existing = 2

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        importing.write(target, p)
    assert target.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["challenges.csv"]  # no temporary file left behind


# ---- the command, as a trainer runs it ----------------------------------------------------------

def test_import_adds_good_rows_lists_bad_ones_and_keeps_every_existing_row(course):
    target = course / "data" / "challenges.csv"
    before = target.read_text(encoding="utf-8")
    r = course_main("import-challenges", str(IMPORT / "survey-export.csv"), "--source", SURVEY, root=course)
    assert r.returncode == 0, r.stdout + r.stderr
    for row in (6, 7, 8, 11):
        assert f"row {row}: not imported" in r.stdout
    assert "Imported 4 row(s)" in r.stdout and "3 duplicate(s)" in r.stdout
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert len(after.strip().splitlines()) == len(before.strip().splitlines()) + 4
    assert "Traceback" not in r.stdout + r.stderr
    assert course_main("validate", root=course).returncode == 0


def test_importing_the_same_export_again_adds_nothing(course):
    args = ("import-challenges", str(IMPORT / "survey-export.csv"), "--source", SURVEY)
    assert course_main(*args, root=course).returncode == 0
    once = (course / "data" / "challenges.csv").read_bytes()
    again = course_main(*args, root=course)
    assert again.returncode == 0 and "Imported 0 row(s)" in again.stdout
    assert (course / "data" / "challenges.csv").read_bytes() == once


@pytest.mark.parametrize("args,words", [
    ((str(IMPORT / "wrong-headers.csv"), "--source", SURVEY), "--map"),
    ((str(IMPORT / "survey-export.csv"), "--source", "no-such-survey"), "data/sources.yaml"),
    ((str(IMPORT / "survey-export.csv"), "--source", SURVEY, "--map", "Country"), "COLUMN=field"),
    ((str(IMPORT / "missing.csv"), "--source", SURVEY), "not found"),
])
def test_an_unusable_file_or_option_exits_1_and_changes_nothing(course, args, words):
    before = snapshot(course)
    r = course_main("import-challenges", *args, root=course)
    assert r.returncode == 1
    assert words in r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    assert snapshot(course) == before


def test_a_file_whose_every_row_is_bad_exits_1_and_changes_nothing(course, tmp_path):
    bad = tmp_path / "all-bad.csv"
    bad.write_text("Timestamp,Country,Challenge category,Describe the challenge\n"
                   "2024-03-05,Cambodia,Legislation gaps,The law does not define the material.\n"
                   "2024-03-05,Thailand,Weather,Heavy rains delayed the training sessions.\n", encoding="utf-8")
    before = snapshot(course)
    r = course_main("import-challenges", str(bad), "--source", SURVEY, root=course)
    assert r.returncode == 1 and "row 2" in r.stdout and "row 3" in r.stdout
    assert snapshot(course) == before


def test_a_broken_challenges_file_stops_the_import_before_anything_is_written(course):
    target = course / "data" / "challenges.csv"
    target.write_text(target.read_text(encoding="utf-8") + "XX,nonsense\n", encoding="utf-8")
    before = snapshot(course)
    r = course_main("import-challenges", str(IMPORT / "survey-export.csv"), "--source", SURVEY, root=course)
    assert r.returncode == 1 and "data/challenges.csv" in r.stdout
    assert snapshot(course) == before


def test_dry_run_changes_nothing(course):
    before = snapshot(course)
    r = course_main("import-challenges", str(IMPORT / "survey-export.csv"), "--source", SURVEY, "--dry-run", root=course)
    assert r.returncode == 0 and "4 row(s) would be added" in r.stdout
    assert snapshot(course) == before


def test_help_is_in_plain_words():
    r = run_course("import-challenges", "--help")  # the help as a trainer types it: a real interpreter
    assert r.returncode == 0
    for words in ("survey", "--map", "row number", "never copied", "Exit code 0", "Lao PDR"):
        assert words in r.stdout
