"""How commands talk to the trainer: findings and results as plain, readable lines.

Messages often hold text from the trainer's files (a delivery's title, a country's name, a file name),
and such text is never read as rich markup: ``say`` prints its parts as plain text, each with an
optional colour, so a title like ``Workshop [/]`` is shown as typed instead of stopping the command
with a markup error after it has written its files. ``console.print`` with a literal string of ours is
still fine for fixed messages.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..model.findings import Finding, Report
from ..model.text import printable

console = Console(highlight=False, soft_wrap=True, emoji=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

Part = str | tuple[str, str]  # plain text, or (text, style) such as ("Build failed.", "red bold")


def line(*parts: Part) -> Text:
    """One line of plain text from parts; markup in them is shown as typed."""
    text = Text()
    for part in parts:
        words, style = (part, "") if isinstance(part, str) else part
        text.append(printable(words), style=style or None)  # a Text is never read as markup
    return text


def say(*parts: Part, err: bool = False) -> None:
    """Print one line made of ``parts`` (see ``line``)."""
    (err_console if err else console).print(line(*parts))


MAX_FINDING = 2000  # characters of one finding on the terminal: every check quotes input as a short
# excerpt (model.text.excerpt); this is the net under a check that forgets, so no finding can print a
# whole 21 MB line


def bounded(text: str, limit: int = MAX_FINDING) -> str:
    return text if len(text) <= limit else text[:limit - 40] + f" ... ({len(text) - limit + 40} characters cut)"


def show_findings(findings: list[Finding]) -> None:
    for f in sorted(findings, key=lambda f: (f.path, f.line or 0, f.code)):
        say((bounded(f.format()), "red" if f.severity == "error" else "yellow"))


def show_report(report: Report, what: str = "course") -> int:
    """Print a validation report; return the exit code (0 clean, 1 findings)."""
    show_findings(report.findings)
    n = len(report.errors)
    if n:
        say((f"{n} problem(s) found in the {what}.", "red bold"), " Fix each line above and run the command again.")
        return 1
    warn = len(report.findings)
    say((f"The {what} is valid.", "green"), f" {warn} warning(s)." if warn else "")
    return 0


def fail(message: str) -> int:
    say((message, "red bold"))
    return 1
