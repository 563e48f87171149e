"""Deliveries (data/deliveries/*.yaml): each plans without problems, and its pages are up to date.

A unit that grows can make a shipped delivery overrun, and a renamed unit leaves it naming nothing;
validate says so at once rather than at the next delivery. Pages generated from a delivery that
has changed since (or whose units have) are a warning: run ``agenda`` again; an error when the
page holds HTML (the trainer agenda's cards, a tag added by hand), which the build publishes only
byte for byte as ``agenda`` writes it (issue 21).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..delivery import lifecycle
from ..delivery.agenda_pages import expected_pages
from ..delivery.deliveries import FOLDER, read
from ..model import dates
from ..model.curriculum import Course
from ..model.findings import Finding, InputError
from .notebooks import html_problem


def check(course: Course, today: dt.date | None = None) -> Iterable[Finding]:
    today = today or dates.today()
    folder = course.root / "data" / FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            expected = expected_pages(course, path, today)
        except InputError as exc:
            yield from exc.findings
            continue
        except (TypeError, ValueError):
            continue  # a unit's metadata that does not plan: the notebooks check names it (META-SCHEMA)
        delivery, _, _ = read(path, course.shown(path))
        if delivery is not None and delivery.status == "plan" and delivery.phase(today) == "past":
            yield Finding(course.shown(path), 1, "DELIVERY-PLAN-PAST",
                          f"this delivery is still a plan, but its date ({delivery.date.day} {delivery.date:%B %Y}) "
                          "has passed", "set 'status: delivered' if it took place, or 'status: archived' if it did "
                          f"not, then run python3 scripts/course.py agenda {course.shown(path)}", severity="warning")
        written = expected_pages(course, path, today, as_on_disk=True)  # agenda's own text in either phase
        for page, text in expected.items():
            actual = page.read_text(encoding="utf-8", errors="replace") if page.is_file() else text
            if actual != text:
                # its HTML (the trainer agenda's cards, or a tag added by hand) is published only as the
                # agenda writes it (the Sphinx guard refuses any other), so a page holding HTML is an error
                html = None if written.get(page) == actual else html_problem(actual)
                yield Finding(course.shown(page), 1, "AGENDA-STALE",
                              f"differs from what {course.shown(path)} gives now (the delivery or its units "
                              "changed, or the page was edited by hand)"
                              + (f"; {html}, which the build publishes only as `agenda` writes it" if html else ""),
                              f"run: python3 scripts/course.py agenda {course.shown(path)}",
                              severity="error" if html else "warning")
    yield from _lifecycle(course, today)


def _lifecycle(course: Course, today: dt.date) -> Iterable[Finding]:
    """The listed schedules and the archive page agree with every delivery's phase today."""
    try:
        tidy = lifecycle.tidy(course, today, set())
    except InputError as exc:
        yield from exc.findings
        return
    archive_path, archive = tidy.archive
    toc_now = (course.root / "_toc.yml").read_text(encoding="utf-8") if (course.root / "_toc.yml").is_file() else ""
    out_of_date = [course.shown(p) for p in tidy.remove]
    if archive is not None and not (archive_path.is_file() and archive_path.read_text(encoding="utf-8") == archive):
        out_of_date.append(course.shown(archive_path))
    if tidy.toc != toc_now:
        out_of_date.append("_toc.yml")
    if out_of_date:
        yield Finding(out_of_date[0], None, "DELIVERY-PAGES-OUT-OF-DATE",
                      f"the delivery pages do not match the deliveries' status and dates today ({today.day} {today:%B %Y}): "
                      f"{', '.join(out_of_date)}", "run python3 scripts/course.py agenda with any delivery file "
                      "(it brings every delivery's pages and _toc.yml in line)", severity="warning")
