"""``build``: validate, stage, execute, render, check, publish, for each edition.

Each step returns data; this module strings them together and returns a BuildResult. Nothing is
published until every step of that edition has succeeded, so a failure leaves the last good site.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .curriculum import load
from .editions import EDITIONS, Edition
from .execute import DEFAULT_TIMEOUT, ExecResult, execute_notebook
from .findings import Report
from .leakcheck import check_site
from .publish import publish
from .render import render
from .stage import stage
from .validate import validate


@dataclass
class EditionResult:
    edition: str
    executed: list[ExecResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    published: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.published is not None


@dataclass
class BuildResult:
    report: Report
    editions: list[EditionResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report.ok and all(e.ok for e in self.editions)


def build_edition(root: Path, edition: Edition, *, timeout: int = DEFAULT_TIMEOUT) -> EditionResult:
    """Stage, execute, render and publish one edition; stop at the first failing step."""
    course = load(root)
    pages = [e.path for e in course.toc if e.path is not None]
    work = root / "_build" / "work" / edition.name
    result = EditionResult(edition.name)
    units = stage(root, work / "stage", edition, pages)
    for u in units:
        res = execute_notebook(u.staged, course.shown(u.source), root=root, timeout=timeout)
        result.executed.append(res)
        if not res.ok:
            result.problems.append(res.describe())
    if result.problems:
        return result
    rendered = render(work / "stage", work / "render", root / "_build" / "logs" / f"{edition.name}-render.log")
    if not rendered.ok:
        result.problems.append(rendered.message)
        return result
    if edition.public:  # no trainer-only text in any file of a public site, or it is not published
        result.problems += [f.format() for f in check_site(root, rendered.html)]
        if result.problems:
            return result
    result.published = publish(rendered.html, root / "_build" / edition.name)
    shutil.rmtree(work, ignore_errors=True)
    return result


def build(root: Path, editions: list[str] | None = None, *, timeout: int = DEFAULT_TIMEOUT) -> BuildResult:
    """Validate the course, then build each edition in turn."""
    report = validate(root)
    result = BuildResult(report)
    if not report.ok:
        return result
    for name in editions or list(EDITIONS):
        res = build_edition(root, EDITIONS[name], timeout=timeout)
        result.editions.append(res)
        if not res.ok:
            break
    return result
