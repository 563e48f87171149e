"""Messages show data text as typed, and the computer's refusals are the trainer's to fix: markup in a
title never stops a command half-way (issue 14, case 7); a full disk, a refused permission or a path
that is a file exit 1 naming the path and what to do, never 70 (case 12)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import course as cli  # scripts/course.py, on sys.path through conftest
import pytest
from conftest import FIXTURES, copy_course, run_course, snapshot
from coursekit.model import atomic

MARKUP = "Workshop [/] [bold]x[/bold] [red]"


def test_agenda_with_markup_in_the_title_writes_its_files_and_succeeds(mini_course: Path):
    for rel in ("data/deliveries/mini-workshop.yaml", "data/sources.yaml"):
        (mini_course / rel).parent.mkdir(parents=True, exist_ok=True)
    (mini_course / "data" / "deliveries" / "mini-workshop.yaml").write_bytes(
        (FIXTURES / "malformed" / "data" / "deliveries" / "mini-workshop.yaml").read_bytes()
        .replace(b"title: Mini test workshop", f'title: "{MARKUP}"'.encode()))
    res = run_course("agenda", "data/deliveries/mini-workshop.yaml", root=mini_course)
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"{MARKUP}: 2 blocks" in res.stdout
    assert (mini_course / "book" / "schedules" / "mini-workshop.md").is_file()


def test_new_case_study_for_a_country_with_markup_in_its_name(mini_course: Path):
    countries = mini_course / "data" / "countries.csv"
    countries.write_text(countries.read_text(encoding="utf-8").replace("PH,Philippines", "PH,Philippines [/] [red]"),
                         encoding="utf-8")
    res = run_course("new", "case-study", "--country", "PH", "--title", "Hotline referral", root=mini_course)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Created a new case-study for Philippines [/] [red]:" in res.stdout


def test_validate_shows_a_finding_with_markup_as_typed(mini_course: Path):
    (mini_course / "book" / "unit.ipynb").rename(mini_course / "book" / "[bold]unit.ipynb")
    res = run_course("validate", root=mini_course)
    assert res.returncode == 1 and "book/[bold]unit.ipynb" in res.stdout, res.stdout + res.stderr


@pytest.fixture
def scoring_course(tmp_path: Path) -> Path:
    return copy_course(FIXTURES / "assessments" / "course", tmp_path / "course")


def score_args(course: Path, *extra: str) -> list[str]:
    responses = FIXTURES / "assessments" / "responses"
    return ["--root", str(course), "score", str(course / "data/assessments/knowledge-check.yaml"),
            str(responses / "pre.csv"), str(responses / "post.csv"), "--date", "2021-09-21", *extra]


def test_score_out_pointing_at_a_file_exits_1_naming_it_and_writes_nothing(scoring_course: Path, capsys):
    (scoring_course / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(scoring_course)
    code = cli.main(score_args(scoring_course, "--out", str(scoring_course / "notes.txt")))
    out = capsys.readouterr()
    assert code == 1, out
    assert "notes.txt" in out.out and "SCORE-OUT" in out.out and "Internal error" not in out.err
    assert snapshot(scoring_course) == before


@pytest.mark.parametrize(("err", "words"), [(errno.ENOSPC, "disk is full"), (errno.EACCES, "permission denied"),
                                            (errno.EROFS, "read-only"), (errno.ENOTDIR, "is a file")])
def test_environment_errors_exit_1_with_the_path_and_what_to_do(scoring_course: Path, capsys, monkeypatch,
                                                                err: int, words: str):
    def refuse(path: Path, data: bytes, *, overwrite: bool = False) -> None:
        raise OSError(err, os.strerror(err), str(path))

    monkeypatch.setattr(atomic, "write_bytes", refuse)
    code = cli.main(score_args(scoring_course))
    out = capsys.readouterr()
    assert code == 1, out
    assert "reports/knowledge-check/" in out.err and words in out.err, out.err
    assert "Internal error" not in out.err and "fault in the tool" not in out.err
