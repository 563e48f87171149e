"""Shared test helpers: run the CLI as a trainer would, on copies of a course."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import inspect
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


@functools.cache
def _course_module() -> Any:
    """scripts/course.py, imported once into this process (its SIGTERM handler is not kept: it is the CLI's)."""
    previous = signal.getsignal(signal.SIGTERM)
    try:
        import course  # noqa: PLC0415 (on sys.path above; imported only by tests that call it)
    finally:
        signal.signal(signal.SIGTERM, previous)
    return course


def course_main(*args: str, root: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``course.py [--root ROOT] ARGS`` run in this process through ``course.main(argv)``, output captured, for
    tests that use a command to reach a state or read what it wrote and are not about the command line itself
    (signals, a new interpreter, its environment): those use ``run_course``. The same result as ``run_course``
    (exit code, stdout, stderr), without starting an interpreter and importing every library again (about 2 s
    of CPU each). The environment is the one ``run_course`` gives (``env`` added, ``COURSE_ROOT`` unset) and
    is put back afterwards, as are stdin (empty, not a terminal), stdout and stderr."""
    argv = [*(["--root", str(root)] if root is not None else []), *args]
    out, err = io.StringIO(), io.StringIO()
    saved_env = dict(os.environ)
    os.environ.update(env or {})
    os.environ.pop("COURSE_ROOT", None)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                _stdin(io.StringIO("")):
            try:
                code = _course_module().main(argv)
            except SystemExit as exc:  # argparse: --help (0) and unusable arguments (2)
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["course.py", *argv], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(stream: io.StringIO) -> Iterator[None]:
    saved, sys.stdin = sys.stdin, stream
    try:
        yield
    finally:
        sys.stdin = saved


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def missing_tool(message: str) -> None:
    """A test that needs Chromium or LibreOffice and cannot find it: skipped on a trainer's machine,
    failed in CI (CI=true), where a skipped safety test would look like a passing one."""
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def mini_course(tmp_path: Path) -> Path:
    """A fresh copy of the smallest valid course: one landing page, one notebook, three countries."""
    return copy_course(FIXTURES / "mini-course", tmp_path / "course")


@pytest.fixture
def repo_course(tmp_path: Path) -> Path:
    """A fresh copy of the shipped course's sources, safe to break."""
    return copy_course(REPO, tmp_path / "course")


def build_in_process(root: Path, editions: list[str] | None = None) -> None:
    """Build ``root`` with the library's own ``build`` in this process, for tests that read a built site and
    are not about the command line (those use ``run_course("build", ...)``): no new interpreter to start."""
    from coursekit.engine.build import build  # imported here: most tests never build

    result = build(root, editions)
    findings = [f"{f.path}: {f.code} {f.message}" for f in result.report.findings] if not result.report.ok else []
    assert result.ok, "\n".join([*findings, *(f"{e.edition}: {p}" for e in result.editions for p in e.problems),
                                 result.publish_error or ""])


@pytest.fixture(scope="session")
def built_shipped_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped course, built once (every edition, every language) for the whole run and
    shared by every test that reads a built site of the shipped course (tests/browser/, the shipped pack).

    Read only: a test that must write (pack, edit, build again) works on ``copy_built(built_shipped_course, ...)``,
    which the build cache sees as unchanged, so the copy costs no second build."""
    root = copy_course(REPO, tmp_path_factory.mktemp("shipped") / "course")
    res = run_course("build", root=root, timeout=3600)
    if res.returncode != 0:
        pytest.fail(f"the shipped course does not build, so there is no site to test:\n{res.stdout}\n{res.stderr}")
    return root


SHIPPED_DELIVERY = "data/deliveries/regional-workshop-2021.yaml"
PACK_LANGUAGES = "languages: [en, id, th]"  # the shared pack names every language of languages.yml


@pytest.fixture(scope="session")
def shipped_pack(built_shipped_course: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The shipped delivery's pack (``pack --delivery SHIPPED_DELIVERY``), made once for the whole run from a
    copy of the shared build (the build re-runs only what reads the delivery, which names every language here); shared by
    tests/browser/test_pack_site.py and tests/kit/test_shipped_pack.py. Returns the zip and what pack printed."""
    root = copy_built(built_shipped_course, tmp_path_factory.mktemp("shipped-pack") / "course")
    delivery = root / SHIPPED_DELIVERY  # in this copy the delivery names every language, so the pack has them all
    delivery.write_text(delivery.read_text(encoding="utf-8").rstrip("\n") + f"\n{PACK_LANGUAGES}\n", encoding="utf-8")
    res = run_course("pack", "--delivery", SHIPPED_DELIVERY, root=root, timeout=3600)
    assert res.returncode == 0, res.stdout + res.stderr
    zips = sorted((root / "_build" / "pack").glob("*.zip"))
    assert len(zips) == 1, f"pack made {len(zips)} zip files: {zips}"
    return zips[0], res.stdout


def copy_built(built: Path, dest: Path) -> Path:
    """A writable copy of a built course (sources, cache and published sites, links kept as links)."""
    shutil.copytree(built, dest, symlinks=True, ignore=shutil.ignore_patterns(".build.lock"))
    return dest


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


# ---- tiers: `pytest -m fast` runs every test that needs no build and no browser ------------------

# What makes a test slow, read from its source, the fixtures it uses and the test-suite helpers they call:
# a command that builds (build, pack, serve, bench) run as a trainer would, an in-process build, render,
# warm-kernel executor or preview, or a browser (Chromium, LibreOffice). Reading the source keeps the tiers
# right without a hand-kept list: a new test that builds is left out of `fast` on its own.
BUILDS = re.compile(r"""["'](build|pack|serve|bench)["']|(?<![.\w])(build|render|Executor|ServeProcess|Preview)\(|bench\.run\(""")
BROWSES = re.compile(r"sync_playwright|chromium|CHROMIUM|soffice|wordcheck|deckcheck")
BUILD_COMMANDS = {"build", "pack", "serve", "bench"}
TESTS = Path(__file__).resolve().parent


@functools.cache
def _source(obj: object) -> str:
    try:
        return inspect.getsource(obj)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


@functools.cache
def _in_tests(obj: object) -> bool:
    try:
        return TESTS in Path(inspect.getfile(obj)).resolve().parents  # type: ignore[arg-type]
    except TypeError:
        return False


def _reachable_source(item: pytest.Function) -> str:
    """The source of the test, of every fixture it uses and of every function or class of the test suite
    that these name (followed until nothing new is found)."""
    defs = item._fixtureinfo.name2fixturedefs  # noqa: SLF001 (pytest's own record of the fixtures used)
    return _closure_source((item.function, *(fd[-1].func for name in item.fixturenames for fd in [defs.get(name)] if fd)))


@functools.cache
def _closure_source(roots: tuple[object, ...]) -> str:
    todo = list(roots)
    seen: set[int] = set()
    parts = []
    while todo:
        obj = todo.pop()
        if id(obj) in seen or not _in_tests(obj):
            continue
        seen.add(id(obj))
        text = _source(obj)
        parts.append(text)
        scope = getattr(inspect.getmodule(obj), "__dict__", {})
        for name in set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)):
            found = scope.get(name)
            if (inspect.isfunction(found) or inspect.isclass(found)) and _in_tests(found):
                todo.append(found)
    return "\n".join(parts)


def tier(item: pytest.Item) -> str:
    """'browser', 'build' or 'fast' for one collected test."""
    if not isinstance(item, pytest.Function):
        return "build"
    if TESTS / "browser" in item.path.parents:
        return "browser"
    source = _reachable_source(item)
    if BROWSES.search(source):
        return "browser"
    params = getattr(item, "callspec", None)
    command = params.params.get("command") if params else None
    if isinstance(command, str):  # a test run once per command (tests/commands/test_malformed.py): it decides
        return "build" if command in BUILD_COMMANDS else "fast"
    return "build" if BUILDS.search(source) else "fast"


TIERS = ("fast", "build", "browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if not any(item.get_closest_marker(name) for name in TIERS):  # a tier its author wrote stands
            item.add_marker(tier(item))


# ---- no leftovers: every test ends with no process its builds started and no kernel folder -------

PROCESS_MARK = "COURSE_TEST_RUN"  # inherited by every process a test starts (builds, kernels, their children)


def _marked_processes(value: str) -> list[int]:
    """Processes (not this one) whose environment carries ``COURSE_TEST_RUN=value``."""
    want = f"{PROCESS_MARK}={value}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if want in environ and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.fixture(autouse=True)
def no_leftovers(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """After every test: no process started by it (a build, a kernel, a unit's own child, Jupyter Book)
    is still running, and no ``course-kernels-*`` folder is left in the temporary folder.

    Each test gets its own mark in the environment and its own temporary folder, so what other
    programs on the machine do is never mistaken for a leftover."""
    mark = uuid.uuid4().hex
    tmp = tmp_path_factory.mktemp("tmpdir", numbered=True)
    monkeypatch.setenv(PROCESS_MARK, mark)
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    yield
    deadline = time.monotonic() + 10  # a build that just exited may still be stopping its kernels
    left = _marked_processes(mark) if Path("/proc").is_dir() else []
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = _marked_processes(mark)
    described = [f"{pid}: {_cmdline(pid)}" for pid in left]
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    folders = sorted(p.name for p in tmp.glob("course-kernels-*"))
    assert not described, f"processes started by the test are still running: {described}"
    assert not folders, f"kernel folders left in the temporary folder: {folders}"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:200]
    except OSError:
        return "?"
