"""Every command that reads a shared file and writes it back holds the course lock (issue 21): while
another process holds it, import-challenges, new, agenda and score --page change nothing and say why;
once it is free they run. Each rule on its own: one command per case."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import course as cli
import pytest
from conftest import FIXTURES, snapshot
from coursekit.authoring import scaffold
from coursekit.commands import agenda, import_challenges, score
from coursekit.model.courselock import course_lock

RESPONSES = FIXTURES / "assessments" / "responses"
DELIVERY = ("title: A test delivery\nstatus: plan\ndate: 2021-09-21\nstart: \"09:00\"\ntime_zone: Asia/Manila\n"
            "length_minutes: 120\ncountries: [PH, LK, MV]\nblocks:\n  - unit: mini-unit\n")
SURVEY = "Country,Challenge category,Describe the challenge,Timestamp,Source\n" \
         "Sri Lanka,Capacity,Few investigators are trained.,2024-03-05,src-one\n"


def _hold(root: Path, held: multiprocessing.Event, release: multiprocessing.Event) -> None:
    with course_lock(root):
        held.set()
        release.wait(120)


def _args(case: str, root: Path) -> list[str]:
    if case == "agenda":
        (root / "data" / "deliveries").mkdir(parents=True, exist_ok=True)
        (root / "data" / "deliveries" / "day.yaml").write_text(DELIVERY)
        return ["agenda", "data/deliveries/day.yaml"]
    if case == "new":
        return ["new", "case-study", "--country", "LK", "--title", "Hotline referral"]
    if case == "import-challenges":
        (root / "survey.csv").write_text(SURVEY)
        return ["import-challenges", str(root / "survey.csv")]
    return ["score", str(root / "data/assessments/knowledge-check.yaml"), str(RESPONSES / "pre.csv"), str(RESPONSES / "post.csv"),
            "--page", "--date", "2021-09-21"]


@pytest.mark.parametrize("case", ["agenda", "new", "import-challenges", "score --page"])
def test_an_edit_waits_for_the_lock_and_changes_nothing_without_it(case: str, tmp_path: Path, monkeypatch, capsys):
    from conftest import copy_course

    source = FIXTURES / ("assessments/course" if case == "score --page" else "mini-course")
    root = copy_course(source, tmp_path / "course")
    argv = ["--root", str(root), *_args(case, root)]
    for module in (agenda, import_challenges, score, scaffold):
        monkeypatch.setattr(module, "EDIT_WAIT", 0.5)  # the real wait is two minutes
    ctx = multiprocessing.get_context("fork")
    held, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold, args=(root, held, release))
    holder.start()
    try:
        assert held.wait(60)
        before = snapshot(root)
        capsys.readouterr()
        assert cli.main(argv) == 1
        out = capsys.readouterr().out
        assert "COURSE-BUSY" in out and "changed nothing" in out, out
        assert snapshot(root) == before
    finally:
        release.set()
        holder.join(60)
    assert cli.main(argv) == 0, capsys.readouterr()
    assert snapshot(root) != before
