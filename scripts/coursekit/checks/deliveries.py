"""Deliveries (data/deliveries/*.yaml): each plans without problems, and its pages are up to date.

A unit that grows can make a shipped delivery overrun, and a renamed unit leaves it naming nothing;
validate says so at once rather than at the next delivery. Pages generated from a delivery that
has changed since (or whose units have) are a warning: run ``agenda`` again.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..delivery.agenda_pages import expected_pages
from ..delivery.deliveries import FOLDER
from ..model.curriculum import Course
from ..model.findings import Finding, InputError


def check(course: Course) -> Iterable[Finding]:
    folder = course.root / "data" / FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            expected = expected_pages(course, path)
        except InputError as exc:
            yield from exc.findings
            continue
        for page, text in expected.items():
            if page.is_file() and page.read_text(encoding="utf-8") != text:
                yield Finding(course.shown(page), 1, "AGENDA-STALE",
                              f"differs from what {course.shown(path)} gives now (the delivery or its units "
                              "changed, or the page was edited by hand); its HTML will not be published",
                              f"run: python3 scripts/course.py agenda {course.shown(path)}", severity="warning")
