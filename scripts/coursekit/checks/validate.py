"""``validate``: run every check on a course and return a Report (no printing, no exit codes)."""

from __future__ import annotations

from pathlib import Path

from .. import checks
from ..model.curriculum import load
from ..model.findings import Finding, Report
from ..model.interrupts import stop_if_asked


def validate(root: Path) -> Report:
    """Every finding in the course at ``root``, all at once."""
    course = load(root)
    report = Report()
    for mod in checks.modules():
        try:
            report.extend(mod.check(course))
        except Exception as exc:  # a check must never hide the others' findings
            report.extend([Finding(mod.__name__.rsplit(".", 1)[-1], None, "CHECK-CRASHED",
                                   f"internal error in this check: {type(exc).__name__}: {exc}",
                                   "report this to the maintainers with the file you changed")])
    report.extend(dict.fromkeys(course.load_findings))  # keep order, drop repeats
    stop_if_asked()  # a Ctrl-C that a finalizer swallowed while pydantic built its validators: no report
    return report
