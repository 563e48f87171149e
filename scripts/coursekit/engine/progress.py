"""What a trainer sees while notebooks run: units done of total, the units running now, elapsed time.

Shown on the terminal only; when the output is a file or a CI log (not a terminal) it stays silent,
and the summary printed at the end says what happened.
"""

from __future__ import annotations

import threading
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class ExecutionProgress:
    """A live line per edition; safe to update from the kernels' thread."""

    def __init__(self, edition: str, total: int, console: Console | None = None):
        console = console or Console(stderr=True, highlight=False, soft_wrap=True)
        self.edition = edition
        self.total = total
        self.running: list[str] = []
        self.lock = threading.Lock()
        self.progress: Progress | None = None
        if console.is_terminal and total:
            self.progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.fields[edition]}[/]"), BarColumn(),
                                     MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
                                     console=console, transient=True)
            self.task = self.progress.add_task("", total=total, edition=edition)

    def __enter__(self) -> ExecutionProgress:
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress:
            self.progress.stop()

    def _show(self) -> None:
        if self.progress:
            names = ", ".join(self.running[:3]) + (" ..." if len(self.running) > 3 else "")
            self.progress.update(self.task, description=f"running {names}" if names else "")

    def cached(self, count: int) -> None:
        """Units taken from the cache count as done at once."""
        if self.progress and count:
            self.progress.advance(self.task, count)

    def event(self, kind: str, data: Any) -> None:
        """An Executor event: a unit started ("start") or finished ("done")."""
        with self.lock:
            if kind == "start":
                self.running.append(data.unit)
            elif kind == "done":
                if data.result.unit in self.running:
                    self.running.remove(data.result.unit)
                if self.progress:
                    self.progress.advance(self.task)
            else:
                return
            self._show()
