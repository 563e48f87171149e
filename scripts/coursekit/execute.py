"""Execute staged notebooks with nbclient and say, as data, what happened to each.

A failing cell is reported by notebook, cell number and error, so a trainer can open the unit
and find the problem without reading a traceback.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

Status = Literal["ok", "error", "timeout", "cached"]

DEFAULT_TIMEOUT = 300


@dataclass(frozen=True)
class ExecResult:
    """The outcome of executing one unit."""

    unit: str  # the source path as the trainer knows it, e.g. book/overview.ipynb
    status: Status
    seconds: float
    cell: int | None = None  # 1-based cell number of the failure
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "cached")

    def describe(self) -> str:
        if self.ok:
            return f"{self.unit}: {self.status} in {self.seconds:.1f} s"
        where = f" cell {self.cell}" if self.cell else ""
        return f"{self.unit}{where}: {self.message}"


def kernel_env(root: Path) -> dict[str, str]:
    """The environment a unit runs in: it finds ``coursekit`` and the course's data."""
    env = dict(os.environ)
    scripts = str(Path(__file__).resolve().parents[1])  # the coursekit in use
    env["PYTHONPATH"] = scripts + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["COURSE_ROOT"] = str(root)
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return env


def _first_line(text: str) -> str:
    lines = [ln for ln in str(text).strip().splitlines() if ln.strip()]
    return lines[-1][:300] if lines else "unknown error"


def execute_notebook(path: Path, unit: str, *, root: Path, timeout: int = DEFAULT_TIMEOUT) -> ExecResult:
    """Execute ``path`` in place (its outputs are written back) and report the outcome."""
    nb = nbformat.read(path, as_version=4)
    failed: dict[str, int] = {}

    def on_cell_error(cell, cell_index, execute_reply):  # nbclient hook
        failed["cell"] = cell_index + 1

    def on_cell_start(cell, cell_index):
        failed["current"] = cell_index + 1

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            on_cell_error=on_cell_error, on_cell_start=on_cell_start)
    start = time.perf_counter()
    try:
        client.execute(env=kernel_env(root), cwd=str(path.parent))
    except CellTimeoutError:
        return ExecResult(unit, "timeout", time.perf_counter() - start, failed.get("current"),
                          f"did not finish within the {timeout} s time limit")
    except CellExecutionError as exc:
        return ExecResult(unit, "error", time.perf_counter() - start, failed.get("cell", failed.get("current")),
                          f"{exc.ename}: {_first_line(exc.evalue) if exc.evalue else ''}".rstrip(": "))
    except DeadKernelError:
        return ExecResult(unit, "error", time.perf_counter() - start, failed.get("current"),
                          "the Python kernel died (out of memory?)")
    nbformat.write(nb, path)
    return ExecResult(unit, "ok", time.perf_counter() - start)
