"""Deliveries (data/deliveries/*.yaml): each plans without problems, and its pages are up to date.

A unit that grows can make a shipped delivery overrun, and a renamed unit leaves it naming nothing;
validate says so at once rather than at the next delivery. Pages generated from a delivery that
has changed since (or whose units have) are a warning: run ``agenda`` again.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..delivery.agenda import plan
from ..delivery.agenda_pages import participant_page, paths, toc_entry, trainer_page
from ..delivery.deliveries import FOLDER
from ..model.curriculum import Course
from ..model.findings import Finding, InputError


def check(course: Course) -> Iterable[Finding]:
    folder = course.root / "data" / FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            agenda = plan(course.root, path, course)
        except InputError as exc:
            yield from exc.findings
            continue
        where = paths(course.root, agenda.id)
        schedule = toc_entry(course.root, where["schedule"])
        expected = {where["trainer"]: trainer_page(agenda, toc_entry(course.root, where["trainer"]), schedule),
                    where["schedule"]: participant_page(agenda, schedule)}
        for page, text in expected.items():
            if page.is_file() and page.read_text(encoding="utf-8") != text:
                yield Finding(course.shown(page), 1, "AGENDA-STALE",
                              f"differs from what {agenda.shown} gives now (the delivery or its units changed)",
                              f"run: python3 scripts/course.py agenda {agenda.shown}", severity="warning")
