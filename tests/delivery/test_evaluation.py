"""Evaluation of deliveries (issue 25, acceptance 3): imports, figures with no group under 5, the
one-page A4 PDF, the CSV set and the charts, and no code, name or comment in anything published.

The fixture (tests/fixtures/evaluation/, made by its make_fixture.py) is made-up data for three
deliveries: the shipped 2021 workshop and two fixture workshops, 68 participants in all.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import FIXTURES, REPO, copy_course, course_main
from coursekit.delivery.evaluation import MIN_GROUP, protect

EVAL = FIXTURES / "evaluation"
DELIVERIES = ["regional-workshop-2021", "fixture-police-bangkok-2025", "fixture-judges-manila-2026"]
A4_PT = (595.3, 841.9)


def fixture_secrets() -> list[str]:
    """Every participant code, name and comment in the fixture's exports."""
    found = []
    for d in DELIVERIES:
        for row in csv.DictReader((EVAL / d / "attendance.csv").open(encoding="utf-8")):
            found += [row["Participant code"], row["Full name"]]
        for row in csv.DictReader((EVAL / d / "survey.csv").open(encoding="utf-8")):
            if row["Any comments or suggestions?"]:
                found.append(row["Any comments or suggestions?"])
    return found


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_course(REPO, tmp_path_factory.mktemp("evaluation") / "course")
    for extra in EVAL.glob("*.yaml"):
        shutil.copy(extra, root / "data" / "deliveries" / extra.name)
    check = ["--assessment", "data/assessments/core-knowledge.yaml"]
    for d in DELIVERIES:
        delivery = f"data/deliveries/{d}.yaml"
        for kind in ("attendance", "survey", "pre", "post", "follow-up"):
            export = EVAL / d / f"{kind}.csv"
            if export.is_file():
                res = course_main("evaluation", delivery, kind, str(export), *(check if kind not in
                                 ("attendance", "survey") else []), root=root)
                assert res.returncode == 0, f"{d} {kind}: {res.stdout}{res.stderr}"
    res = course_main("report", "--page", root=root)
    assert res.returncode == 0, res.stdout + res.stderr
    return root


def test_the_fixture_has_three_deliveries_and_at_least_60_participants():
    people = sum(len(list(csv.DictReader((EVAL / d / "attendance.csv").open()))) for d in DELIVERIES)
    assert people >= 60


def test_report_writes_csvs_pdf_and_charts_per_delivery_and_for_all(reported: Path):
    for folder in [*DELIVERIES, "all-deliveries"]:
        out = reported / "reports" / "evaluation" / folder
        for name in ("participants-by-role", "participants-by-country", "completion", "satisfaction-by-session",
                     "knowledge-by-objective", "knowledge-by-role", "follow-up"):
            assert (out / f"{name}.csv").is_file(), (folder, name)
        for chart in ("satisfaction-by-session", "knowledge-by-objective"):
            assert (out / "charts" / f"{chart}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert b"<svg" in (out / "charts" / f"{chart}.svg").read_bytes()[:400]
    assert (reported / "book/trainer/evaluation.md").is_file()
    assert "book/trainer/evaluation" in (reported / "_toc.yml").read_text()


@pytest.mark.parametrize("folder", [*DELIVERIES, "all-deliveries"])
def test_the_pdf_is_one_a4_page(reported: Path, folder: str):
    reader = pypdf.PdfReader(reported / "reports" / "evaluation" / folder / "report.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4_PT[0]) < 1 and abs(float(box.height) - A4_PT[1]) < 1
    text = reader.pages[0].extract_text()
    assert "Participants by role" in text and "Satisfaction per session" in text and "fewer than 5" in text


def test_no_group_under_five_is_shown_in_any_table(reported: Path):
    counted = 0
    for path in (reported / "reports" / "evaluation").rglob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text())))
        if "Participants" not in rows[0]:
            continue
        col = rows[0].index("Participants")
        for row in rows[1:]:
            if len(row) > col and row[col].isdigit():
                counted += 1
                assert int(row[col]) >= MIN_GROUP or "not shown" in " ".join(row), (path.name, row)
    assert counted > 20
    merged = (reported / "reports/evaluation/regional-workshop-2021/participants-by-country.csv").read_text()
    assert "merged into 'Other'" in merged  # the report says what it did with the small groups


def test_no_code_name_or_comment_reaches_any_output(reported: Path):
    secrets = fixture_secrets()
    assert len(secrets) > 130 and any("FIXTURE-COMMENT" in s for s in secrets)
    outputs = [*(reported / "reports" / "evaluation").rglob("*"), reported / "book/trainer/evaluation.md"]
    for path in outputs:
        if path.is_file() and path.suffix in (".csv", ".md", ".svg"):
            text = path.read_text(encoding="utf-8")
            leaked = [s for s in secrets if s in text]
            assert not leaked, (path, leaked[:3])
    for path in (reported / "reports" / "evaluation").rglob("report.pdf"):
        text = pypdf.PdfReader(path).pages[0].extract_text()
        assert not [s for s in secrets if s in text]
    kept = (reported / "evaluation/regional-workshop-2021/comments.csv").read_text()
    assert "FIXTURE-COMMENT" in kept  # the comments are kept, for the trainer only
    assert "Fixture Person" not in (reported / "evaluation/regional-workshop-2021/attendance.csv").read_text()


def test_evaluation_data_is_kept_out_of_git():
    ignored = (REPO / ".gitignore").read_text().splitlines()
    assert "/evaluation/" in ignored


# ---- the rule itself ------------------------------------------------------------------------

def test_a_lone_small_group_is_not_left_to_subtraction():
    shown, notes = protect({"police": list("abcdefgh"), "prosecutor": list("ijklmn"), "judge": ["o", "p"]}, "role")
    sizes = {label: len(v) for label, v in shown}
    assert "judge" not in sizes and "police" in sizes and min(sizes.values()) >= MIN_GROUP
    assert sum(sizes.values()) == 16 and notes  # the prosecutors joined the judges in 'Other'


def test_one_big_group_and_small_ones_is_not_broken_down():
    shown, notes = protect({"police": list("abcdefghijklmnop"), "judge": ["q"], "prosecutor": ["r", "s", "t"]}, "role")
    assert shown == [] and "Not broken down" in notes[0]


def test_no_random_partition_shows_a_group_under_five_or_one_derivable():
    rng = random.Random(5)
    for _ in range(500):
        groups = {f"g{i}": [f"p{i}-{k}" for k in range(rng.choice([1, 2, 3, 4, 5, 6, 9, 14]))]
                  for i in range(rng.randint(1, 7))}
        shown, _ = protect(groups, "country")
        total = sum(len(v) for v in groups.values())
        hidden = total - sum(len(v) for _, v in shown)
        assert all(len(v) >= MIN_GROUP for _, v in shown), groups
        assert hidden == 0 or hidden >= MIN_GROUP or not shown, groups  # the rest is never a group under 5


# ---- bad exports: every problem named by its row, nothing kept ----------------------------------

def test_bad_attendance_rows_are_each_named_and_nothing_is_kept(mini_course: Path, tmp_path: Path):
    (mini_course / "data" / "deliveries").mkdir(parents=True)
    (mini_course / "data" / "deliveries" / "day.yaml").write_text(
        "title: A day\nstatus: delivered\ndate: 2026-03-01\nstart: \"09:00\"\ntime_zone: Asia/Manila\n"
        "length_minutes: 60\ncountries: [PH]\nblocks:\n  - unit: mini-unit\n")
    export = tmp_path / "people.csv"
    export.write_text("Participant code,Name,Role,Agency type,Country,Sex\n"
                      "ab1,Someone,Judge,Judiciary,Philippines,F\n"
                      "ab2,Someone else,Astronaut,Space agency,PH,\n"
                      "ab1,Again,Police,Police,Atlantis,M\n")
    res = course_main("evaluation", "data/deliveries/day.yaml", "attendance", str(export), root=mini_course)
    out = res.stdout + res.stderr
    assert res.returncode == 1 and "Traceback" not in out
    assert "people.csv:3: ATTENDANCE-ROW row 3: role must be police, prosecutor, judge or other" in out
    assert "people.csv:4:" in out and "also on row 2" in out and "Atlantis" not in out.split("row 4")[0]
    assert not (mini_course / "evaluation").exists()
    survey = tmp_path / "survey.csv"
    survey.write_text("Session 1,Overall,Comments\n4,5,Fine\nsix,4,\n")
    res = course_main("evaluation", "data/deliveries/day.yaml", "survey", str(survey), root=mini_course)
    assert res.returncode == 1 and "survey.csv:3: SURVEY-RATING" in res.stdout, res.stdout
    assert not (mini_course / "evaluation").exists()
