"""Deliveries (data/deliveries/*.yaml): each plans without problems, and its pages are up to date.

A unit that grows can make a shipped delivery overrun, and a renamed unit leaves it naming nothing;
validate says so at once rather than at the next delivery. Pages generated from a delivery that
has changed since (or whose units have) are a warning: run ``agenda`` again; an error when the
page holds HTML (the trainer agenda's cards, a tag added by hand), which the build publishes only
byte for byte as ``agenda`` writes it (issue 21).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..delivery.agenda_pages import expected_pages
from ..delivery.deliveries import FOLDER
from ..model.curriculum import Course
from ..model.findings import Finding, InputError
from .notebooks import html_problem


def check(course: Course) -> Iterable[Finding]:
    folder = course.root / "data" / FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            expected = expected_pages(course, path)
        except InputError as exc:
            yield from exc.findings
            continue
        except (TypeError, ValueError):
            continue  # a unit's metadata that does not plan: the notebooks check names it (META-SCHEMA)
        for page, text in expected.items():
            actual = page.read_text(encoding="utf-8", errors="replace") if page.is_file() else text
            if actual != text:
                # its HTML (the trainer agenda's cards, or a tag added by hand) is published only as the
                # agenda writes it (the Sphinx guard refuses any other), so a page holding HTML is an error
                html = html_problem(actual)
                yield Finding(course.shown(page), 1, "AGENDA-STALE",
                              f"differs from what {course.shown(path)} gives now (the delivery or its units "
                              "changed, or the page was edited by hand)"
                              + (f"; {html}, which the build publishes only as `agenda` writes it" if html else ""),
                              f"run: python3 scripts/course.py agenda {course.shown(path)}",
                              severity="error" if html else "warning")
