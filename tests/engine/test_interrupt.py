"""Ctrl-C during ``build`` leaves the last good site byte-identical and says so without a traceback;
every command that writes into the course does so by atomic rename, so no moment can half-write a file.

The mini course is built once (the good site), a unit is changed, and a second build is interrupted
at a chosen moment by SIGINT to its whole process group, as Ctrl-C in a terminal does. Afterwards:
the exit code is non-zero, there is no traceback, the published site and the course's files are
byte-identical to before, and no process the build started is left running.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import course as cli  # scripts/course.py, on sys.path through conftest
import pytest
from conftest import FIXTURES, SCRIPTS, copy_course, run_course, snapshot
from coursekit.engine.build import EVENTS

EDITION = "participant"


def site(root: Path) -> dict[str, bytes]:
    """Every published file, by path, plus where the ``html`` link points."""
    link = root / "_build" / EDITION / "html"
    out = {"html ->": str(link.readlink() if link.is_symlink() else "").encode()}
    out.update({p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(link.rglob("*")) if p.is_file()})
    return out


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (kernels run in their own session, so the group is not enough)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").is_file() and " Z " not in Path(f"/proc/{pid}/stat").read_text()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_course(FIXTURES / "mini-course", tmp_path_factory.mktemp("interrupt") / "course")
    res = run_course("build", "--edition", EDITION, root=root)
    assert res.returncode == 0, res.stdout + res.stderr
    return root


def change_unit(root: Path, marker: Path | None) -> None:
    """Edit the unit so the next build has work to do; with ``marker``, a cell that says it started and waits."""
    path = root / "book" / "unit.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = ["# A unit\n", "\n", "Some narrative, edited."]
    if marker is not None:
        nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "slow", "metadata": {}, "outputs": [],
                            "source": f"import pathlib, time\npathlib.Path({str(marker)!r}).touch()\ntime.sleep(600)"})
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def executing(marker: Path) -> Callable[[int], bool]:
    return lambda pid: marker.exists()


def rendering(pid: int) -> bool:
    return any("jupyter-book" in c or "jupyter_book" in c for c in map(cmdline, descendants(pid)))


def reached(events: Path, step: str) -> Callable[[int], bool]:
    """The build wrote ``step`` to its events file (``engine.build.event``): no guess of how long it takes."""
    return lambda pid: events.is_file() and step in events.read_text(encoding="utf-8").splitlines()


MOMENTS = {
    "while-a-notebook-runs": lambda tmp: executing(tmp / "cell-started"),
    "while-jupyter-book-renders": lambda tmp: lambda pid: reached(tmp / "events", f"rendering {EDITION}")(pid)
    and rendering(pid),
    "as-the-build-starts": lambda tmp: reached(tmp / "events", "checked"),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_ctrl_c_during_build_keeps_the_last_good_site(moment: str, built: Path, tmp_path: Path):
    root = Path(shutil.copytree(built, tmp_path / "course", symlinks=True))
    change_unit(root, tmp_path / "cell-started" if moment == "while-a-notebook-runs" else None)
    good_site, sources = site(root), snapshot(root)
    ready = MOMENTS[moment](tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "COURSE_ROOT"} | {EVENTS: str(tmp_path / "events")}
    proc = subprocess.Popen([sys.executable, str(SCRIPTS / "course.py"), "--root", str(root), "build",
                             "--edition", EDITION], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True)  # its own group, as a terminal's foreground job
    started: set[int] = set()
    try:
        deadline = time.monotonic() + 600
        while not ready(proc.pid):
            assert proc.poll() is None, f"the build ended before the moment to interrupt it:\n{proc.communicate()}"
            assert time.monotonic() < deadline, "the moment to interrupt never came"
            started |= descendants(proc.pid)
            time.sleep(0.05)
        started |= descendants(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C
        out, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode != 0, out + err
    assert "Traceback" not in out + err, out + err
    assert "Stopped" in err, out + err
    assert site(root) == good_site, "the published site changed"
    assert snapshot(root) == sources, "a file of the course changed"
    deadline = time.monotonic() + 30
    left = [p for p in started if alive(p)]
    while left and time.monotonic() < deadline:
        time.sleep(0.5)
        left = [p for p in left if alive(p)]
    for p in left:  # started by this test: clean up before failing
        os.kill(p, signal.SIGKILL)
    assert not left, f"still running after Ctrl-C: {[cmdline(p) for p in left]}"


def test_after_ctrl_c_the_next_build_publishes(built: Path, tmp_path: Path):
    """An interrupted build leaves nothing that stops the next one (no stale lock, no half stage)."""
    root = Path(shutil.copytree(built, tmp_path / "course", symlinks=True))
    change_unit(root, None)
    proc = subprocess.Popen([sys.executable, str(SCRIPTS / "course.py"), "--root", str(root), "build",
                             "--edition", EDITION], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 600
        while not rendering(proc.pid) and proc.poll() is None and time.monotonic() < deadline:  # a process: an event
            time.sleep(0.05)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
        proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    res = run_course("build", "--edition", EDITION, root=root)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Some narrative, edited." in (root / "_build" / EDITION / "html" / "unit.html").read_text()


# ---- every write into the course is a whole-file rename ------------------------------------------

ATOMIC_TEMP = re.compile(r"^\..+\.tmp$")  # coursekit.atomic's temporary files: .<name>.<random>.tmp


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path opened for writing while the test runs (through open, Path.write_* or os.open)."""
    opened: list[Path] = []
    real_io_open, real_os_open = io.open, os.open

    def io_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and set(mode) & set("wax+"):
            opened.append(Path(file))
        return real_io_open(file, mode, *args, **kwargs)

    def os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR):
            opened.append(Path(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr(builtins, "open", io_open)
    monkeypatch.setattr(os, "open", os_open)
    return opened


def run_in_process(*argv: str) -> int:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = cli.main(list(argv))
    assert code == 0, out.getvalue()
    return code


def course_with_all_data(dest: Path) -> Path:
    root = copy_course(FIXTURES / "mini-course", dest)
    shutil.copytree(FIXTURES / "malformed" / "data", root / "data", dirs_exist_ok=True)
    return root


WRITING_COMMANDS = {
    "new": lambda root, tmp: ("new", "case-study", "--country", "PH", "--title", "Atomic write check"),
    "agenda": lambda root, tmp: ("agenda", "data/deliveries/mini-workshop.yaml"),
    "import-challenges": lambda root, tmp: ("import-challenges", str(survey(tmp)), "--source", "src-one",
                                            "--date", "2026-11-02"),
}


def survey(tmp: Path) -> Path:
    p = tmp / "survey.csv"
    p.write_text("Country,Challenge category,Describe the challenge\n"
                 "Philippines,Victim support,Shelters for child victims are far from the capital\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("command", list(WRITING_COMMANDS))
def test_commands_write_the_course_only_by_atomic_rename(command: str, tmp_path: Path, writes: list[Path]):
    """A file of the course is never opened for writing in place: each is written whole beside it, then
    renamed over it, so Ctrl-C or a full disk at any moment leaves the old file or the new one."""
    root = course_with_all_data(tmp_path / "course")
    before = snapshot(root)
    writes.clear()
    run_in_process("--root", str(root), *WRITING_COMMANDS[command](root, tmp_path))
    changed = {k for k in set(before) | set(snapshot(root)) if before.get(k) != snapshot(root).get(k)}
    assert changed, "the command changed nothing, so this test checks nothing"
    in_course = [p for p in writes if p.resolve().is_relative_to(root.resolve())
                 and "_build" not in p.resolve().relative_to(root.resolve()).parts]
    assert in_course, "no write was seen: the probe is broken"
    direct = [p for p in in_course if not ATOMIC_TEMP.match(p.name)]
    assert not direct, f"written in place, not by rename: {direct}"
