"""How commands talk to the trainer: findings and results as plain, readable lines."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from ..model.findings import Finding, Report

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def show_findings(findings: list[Finding]) -> None:
    for f in sorted(findings, key=lambda f: (f.path, f.line or 0, f.code)):
        colour = "red" if f.severity == "error" else "yellow"
        console.print(f"[{colour}]{escape(f.format())}[/{colour}]")


def show_report(report: Report, what: str = "course") -> int:
    """Print a validation report; return the exit code (0 clean, 1 findings)."""
    show_findings(report.findings)
    n = len(report.errors)
    if n:
        console.print(f"[red bold]{n} problem(s) found in the {what}.[/] Fix each line above and run the command again.")
        return 1
    warn = len(report.findings)
    console.print(f"[green]The {what} is valid.[/]" + (f" {warn} warning(s)." if warn else ""))
    return 0


def fail(message: str) -> int:
    console.print(f"[red bold]{escape(message)}[/]")
    return 1
