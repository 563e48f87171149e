"""Render a staged edition to HTML with Jupyter Book 1.x, execution off (outputs are ours).

Jupyter Book runs with ``--keep-going`` and its whole log is kept; a warning or an error in it (a
missing include, an unknown directive, raw HTML refused by ``sphinx_guard``, a CRITICAL message)
fails the render, as ``-W --keep-going`` would, and each is reported with the course file and line
it names, not just "build failed": a page published with part of it missing is not a success.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .postrender import lighten_site


@dataclass(frozen=True)
class RenderResult:
    ok: bool
    html: Path
    log: Path
    message: str = ""
    warnings: tuple[str, ...] = ()  # Sphinx's warnings and errors, each with the course file and line


# "<file>:<line>: WARNING: ..." (file and line optional); docutils' levels and Sphinx's own
_LOG_PROBLEM = re.compile(r"^(?:(?P<where>\S.*?): )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<text>.*)$")


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # Sphinx colours its log even into a file


def log_problems(log_text: str, stage_dir: Path) -> list[str]:
    """Every warning and error of a Jupyter Book log, with its place shown from the course's top
    (``book/x.ipynb:12``) rather than the stage's."""
    top = str(stage_dir.resolve()) + "/"
    out = []
    for line in _COLOUR.sub("", log_text).splitlines():
        m = _LOG_PROBLEM.match(line.strip())
        if not m:
            continue
        where = (m.group("where") or "").replace(top, "book/", 1)
        out.append(f"{where or 'the book'}: {m.group('level')} {m.group('text')[:300]}")
    return list(dict.fromkeys(out))


def jupyter_book_command() -> list[str]:
    """Jupyter Book of the Python running the tool: its ``jupyter-book`` script lies beside the interpreter
    (in a virtual environment that is not activated, it is not on PATH), else the one on PATH."""
    beside = Path(sys.executable).parent / "jupyter-book"
    exe = str(beside) if beside.is_file() else shutil.which("jupyter-book")
    if exe is None:
        raise FileNotFoundError("jupyter-book is not installed: run 'bash run.sh build' to install what the book needs")
    return [exe]


def _run_own_session(cmd: list[str], log: IO[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run Jupyter Book in a session of its own, and if this build is stopped (Ctrl-C, SIGTERM, an
    error) while it runs, kill its whole process group: it must never go on writing after we left."""
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)
    try:
        return subprocess.CompletedProcess(cmd, proc.wait())
    except BaseException:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()
        raise


def run_jupyter_book(stage_dir: Path, out_dir: Path, log: Path) -> RenderResult:
    """``jupyter-book build`` of ``stage_dir`` into ``out_dir`` as it is (what Sphinx kept there, it reuses:
    its environment and the pages whose sources did not change); ``ok`` when Jupyter Book wrote a site."""
    log.parent.mkdir(parents=True, exist_ok=True)
    cmd = [*jupyter_book_command(), "build", str(stage_dir), "--path-output", str(out_dir), "--keep-going"]
    with log.open("w", encoding="utf-8") as fh:
        proc = _run_own_session(cmd, fh, stage_dir)
    html = out_dir / "_build" / "html"
    if proc.returncode != 0 or not (html / "index.html").is_file():
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        return RenderResult(False, html, log, "Jupyter Book failed: " + " | ".join(tail))
    return RenderResult(True, html, log)


def finish(html: Path, log: Path, stage_dir: Path, *, abbreviations: dict[str, str] | None = None,
           strict: bool = True) -> RenderResult:
    """The site Jupyter Book wrote into ``html``, lightened for phones and slow connections (:mod:`postrender`),
    and judged by the warnings of its ``log`` (``strict``: one fails the render)."""
    lighten_site(html, abbreviations)  # before the leak check and publishing, which see the pages as readers get them
    warnings = tuple(log_problems(log.read_text(encoding="utf-8", errors="replace"), stage_dir))
    if strict and warnings:
        return RenderResult(False, html, log, f"Sphinx reported {len(warnings)} warning(s) or error(s); the pages "
                            f"would be published wrong or incomplete (full log: {log})", warnings)
    return RenderResult(True, html, log, warnings=warnings)


def render(stage_dir: Path, out_dir: Path, log: Path, *, abbreviations: dict[str, str] | None = None,
           strict: bool = True) -> RenderResult:
    """``jupyter-book build`` of ``stage_dir`` into ``out_dir`` (emptied first: a full render, from scratch);
    the HTML lands in ``out_dir/_build/html``, then lightened (``finish``). ``strict`` (the build's way):
    a Sphinx warning or error fails the render."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    built = run_jupyter_book(stage_dir, out_dir, log)
    if not built.ok:
        return built
    return finish(built.html, log, stage_dir, abbreviations=abbreviations, strict=strict)
