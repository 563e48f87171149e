"""Render a staged edition to HTML with Jupyter Book 1.x, execution off (outputs are ours)."""

from __future__ import annotations

import os
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


def render(stage_dir: Path, out_dir: Path, log: Path, *, abbreviations: dict[str, str] | None = None) -> RenderResult:
    """``jupyter-book build`` of ``stage_dir`` into ``out_dir``; the HTML lands in ``out_dir/_build/html``,
    then lightened for phones and slow connections (:mod:`postrender`)."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    cmd = [*jupyter_book_command(), "build", str(stage_dir), "--path-output", str(out_dir), "--keep-going"]
    with log.open("w", encoding="utf-8") as fh:
        proc = _run_own_session(cmd, fh, stage_dir)
    html = out_dir / "_build" / "html"
    if proc.returncode != 0 or not (html / "index.html").is_file():
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        return RenderResult(False, html, log, "Jupyter Book failed: " + " | ".join(tail))
    lighten_site(html, abbreviations)  # before the leak check and publishing, which see the pages as readers get them
    return RenderResult(True, html, log)
