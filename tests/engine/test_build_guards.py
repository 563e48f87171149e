"""The build guards the course folder and its sites: one build at a time (issue 14, case 15), a
damaged site is rendered again (case 8), ``--force`` redoes everything, and SIGTERM stops a build like
Ctrl-C, leaving no process and no kernel folder (case 9; the conftest teardown checks it too)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import PROCESS_MARK, SCRIPTS, _cmdline, _marked_processes, run_course
from coursekit.engine.build import LOCK

EDITION = ["--edition", "participant"]


def test_a_second_build_on_the_same_folder_says_so_and_exits_1(mini_course: Path):
    lock = mini_course / LOCK
    lock.parent.mkdir(parents=True)
    with lock.open("a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # as a running build holds it
        fh.write("4242")
        fh.flush()
        res = run_course("build", *EDITION, root=mini_course, timeout=120)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "BUILD-RUNNING another build is running on this course folder (process 4242)" in res.stdout
    assert not (mini_course / "_build" / "participant").exists()
    res = run_course("build", *EDITION, root=mini_course)  # the lock is gone with its holder
    assert res.returncode == 0, res.stdout + res.stderr


def test_a_damaged_site_is_rendered_again_and_force_redoes_everything(mini_course: Path):
    assert run_course("build", *EDITION, root=mini_course).returncode == 0
    site = mini_course / "_build" / "participant" / "html"
    page = site / "unit.html"
    original = page.read_bytes()
    res = run_course("build", *EDITION, root=mini_course)
    assert "participant edition unchanged" in res.stdout, res.stdout
    page.unlink()
    res = run_course("build", *EDITION, root=mini_course)
    assert res.returncode == 0 and "participant edition built" in res.stdout, res.stdout
    assert page.read_bytes() == original
    (site / "index.html").write_text("edited by hand", encoding="utf-8")
    res = run_course("build", *EDITION, root=mini_course)
    assert "participant edition built" in res.stdout and "edited by hand" not in (site / "index.html").read_text()
    res = run_course("build", *EDITION, "--force", root=mini_course)
    assert res.returncode == 0 and "participant edition built (1 notebooks, 1 run, 0 from the cache)" in res.stdout, \
        res.stdout


def _jupyter_book_running(mark: str) -> list[int]:
    return [p for p in _marked_processes(mark) if "jupyter" in _cmdline(p) and "book" in _cmdline(p)]


def test_sigterm_while_rendering_stops_cleanly_with_exit_143(mini_course: Path):
    mark = os.environ[PROCESS_MARK]
    build = subprocess.Popen([sys.executable, str(SCRIPTS / "course.py"), "--root", str(mini_course), "build",
                              *EDITION], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not _jupyter_book_running(mark) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before Jupyter Book started: " + build.communicate()[0]
    build.send_signal(signal.SIGTERM)
    out, err = build.communicate(timeout=60)
    assert build.returncode == 143, out + err
    assert "Stopped." in err and "Traceback" not in err
    assert not (mini_course / "_build" / "participant" / "html").exists(), "a half-made site was published"
    deadline = time.monotonic() + 5
    while _jupyter_book_running(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _jupyter_book_running(mark), "Jupyter Book kept running after the build stopped"
