"""``serve``'s open page first: the unit of the page open in the browser runs before the others, alone, and its
page is published as soon as it is done; then the other units run and the whole site follows as before.

An edit of a data file that most units read re-runs them all, yet the author looks at one page. That page's
unit goes first (``run_units.First``), with no other unit of the build taking a core from it or from the render
of its page; when it is done, only its page (and its charts) is laid over the last
render's sources and rendered again (``kept_render.render_pages``), the other pages staying as the last build
published them. What is published is still a whole site, checked as every build's is before it is published:
the site check on every file, and in a public edition the leak check on every file (``leak_memo``: each file
searched once). The published digest is left unrecorded, so the build that follows never takes this site for
its own. When that is not possible (nothing kept yet, a new chart, other headings, a warning, a finding of a
check, languages besides English), nothing is published early and the build goes on as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import glossary
from . import kept_render, leak_memo
from .editions import Edition
from .publish import Release, interrupts_deferred, publish_all
from .run_units import First
from .sitecheck import site_findings
from .stage import StagedUnit


@dataclass(frozen=True)
class OpenPage:
    """The page the browser shows, as a path of the site (``countries/th.html``), and who to tell once it is
    published (``serve``: the open pages reload)."""

    page: str
    published: Callable[[str, dict[str, float]], None] = lambda page, phases: None  # with the seconds of each step


def page_of(staged: Path, stage_dir: Path) -> str:
    """The site path of a staged page: ``countries/th.ipynb`` -> ``countries/th.html``."""
    return staged.relative_to(stage_dir).with_suffix(".html").as_posix()


def site_path(request_path: str) -> str:
    """What a browser's address path names in the site: ``/countries/th.html`` -> ``countries/th.html``,
    ``/`` -> ``index.html``."""
    path = request_path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def first(wanted: OpenPage | None, root: Path, edition: Edition, units: list[StagedUnit], stage_dir: Path,
          kept: Path | None, event: Callable[[str], None]) -> First | None:
    """The ``First`` of the open page's unit, or None (no page open, not a unit's page, no kept render)."""
    if wanted is None or kept is None:
        return None
    unit = next((u for u in units if page_of(u.staged, stage_dir) == wanted.page), None)
    if unit is None:
        return None

    def done(staged: Path, charts: list[Path]) -> None:
        files = [staged.relative_to(stage_dir).as_posix(), *(c.relative_to(stage_dir).as_posix() for c in charts)]
        phases: dict[str, float] = {}
        if publish_page(root, edition, stage_dir, files, kept / edition.name, phases):
            event(f"published {wanted.page}")
            wanted.published(wanted.page, phases)

    return First(unit.staged, done)


def publish_page(root: Path, edition: Edition, stage_dir: Path, files: list[str], kept: Path,
                 phases: dict[str, float]) -> bool:
    """Render ``files`` of the stage over the kept render, check the whole site and publish it; whether it was.
    ``phases`` gets the seconds of each step."""
    log = root / "_build" / "reports" / f"{edition.name}-render-open-page.log"
    out = stage_dir.parent / "open-page"
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name], clock = now - clock, now

    rendered = kept_render.render_pages(stage_dir, kept, files, out, log, abbreviations=glossary.expansions(root))
    step("render")
    if rendered is None or not rendered.ok or site_findings(rendered.html, root, edition.name):
        return False
    step("sitecheck")
    if edition.public and leak_memo.check_site(root, rendered.html, kept / "leaks.json"):
        return False
    step("check")
    with interrupts_deferred():
        publish_all([Release(rendered.html, root / "_build" / edition.name / "html")])
    step("publish")
    return True
