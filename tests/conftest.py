"""Shared test helpers: run the CLI as a trainer would, on copies of a course."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

sys.path.insert(0, str(SCRIPTS))

from coursekit.authoring.scaffold import FILL, create  # noqa: E402 (needs the path above)
from coursekit.authoring.templates import case_study  # noqa: E402
from coursekit.model.curriculum import copy_course, load  # noqa: E402,F401 (copy_course: for the tests)


def run_course(*args: str, root: Path | None = None, timeout: int = 900,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python3 scripts/course.py [--root ROOT] ARGS`` as a subprocess, output captured."""
    cmd = [sys.executable, str(SCRIPTS / "course.py")]
    if root is not None:
        cmd += ["--root", str(root)]
    full_env = {**os.environ, **(env or {})}
    full_env.pop("COURSE_ROOT", None)
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=timeout, env=full_env)


@pytest.fixture
def mini_course(tmp_path: Path) -> Path:
    """A fresh copy of the smallest valid course: one landing page, one notebook, three countries."""
    return copy_course(FIXTURES / "mini-course", tmp_path / "course")


@pytest.fixture
def repo_course(tmp_path: Path) -> Path:
    """A fresh copy of the shipped course's sources, safe to break."""
    return copy_course(REPO, tmp_path / "course")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (except _build) and its bytes: to prove nothing changed."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "_build" not in p.parts and "_figures" not in p.parts}


def make_case_study(root: Path, *, country: str = "LK", title: str = "Hotline referral", filled: bool = True) -> Path:
    """Create a case study in ``root`` as ``new`` does; with ``filled``, every [[fill: ...]] is written."""
    course = load(root)
    found = next(r.value for r in course.country_rows if r.value.iso2 == country)
    made = create(root, case_study.plan(country=found, title=title, root=root, today=dt.date(2026, 11, 1)),
                  part=case_study.PART)
    if filled:
        for shown in made.files[:-1]:  # the notebook and the data file, not _toc.yml
            p = root / shown
            p.write_text(FILL.sub("Text the author wrote", p.read_text(encoding="utf-8")), encoding="utf-8")
    return root / f"{made.files[0]}"
