"""Findings: what ``validate`` and the build report, as data.

Every step returns findings instead of printing or exiting, so the CLI decides how to show them
and which exit code to use, and tests can assert on them directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one place: ``path:line: CODE message``, with how to fix it."""

    path: str
    line: int | None
    code: str
    message: str
    fix: str = ""
    severity: Severity = "error"

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.code} {self.message}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


@dataclass
class Report:
    """A list of findings; errors stop the build, warnings are shown but do not."""

    findings: list[Finding] = field(default_factory=list)

    def extend(self, more: Iterable[Finding]) -> None:
        self.findings.extend(more)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (f.path, f.line or 0, f.code, f.message))

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}


def relpath(path: Path, root: Path) -> str:
    """A path as the trainer sees it: relative to the course root, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


class InputError(Exception):
    """Bad input that stops a command: carries findings, never a traceback for the trainer."""

    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(f.format() for f in findings))
        self.findings = findings
