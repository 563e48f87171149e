"""Shared test helpers: run the CLI as a trainer would, on copies of a course."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

sys.path.insert(0, str(SCRIPTS))

COURSE_PARTS = ("_config.yml", "_toc.yml", "book", "data")


def run_course(*args: str, root: Path | None = None, timeout: int = 900,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python3 scripts/course.py [--root ROOT] ARGS`` as a subprocess, output captured."""
    cmd = [sys.executable, str(SCRIPTS / "course.py")]
    if root is not None:
        cmd += ["--root", str(root)]
    full_env = {**os.environ, **(env or {})}
    full_env.pop("COURSE_ROOT", None)
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=timeout, env=full_env)


def copy_course(src: Path, dest: Path) -> Path:
    """Copy a course's sources (not its _build) to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in COURSE_PARTS:
        p = src / part
        if p.is_dir():
            shutil.copytree(p, dest / part, ignore=shutil.ignore_patterns("_figures", ".ipynb_checkpoints", "__pycache__"))
        elif p.is_file():
            shutil.copy2(p, dest / part)
    return dest


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
