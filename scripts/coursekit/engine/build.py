"""``build``: validate, then for each edition stage, execute, render and check; publish at the end.

Each step returns data; this module strings them together and returns a BuildResult. Nothing is
published until every edition has passed every step, so a failed or interrupted build leaves the
last good sites (and the figures folder) exactly as they were.

Execution goes through the cache (``cache.py``): a unit runs only if its code, the course library
it uses or a data file it read has changed; the others get their stored outputs. Units run in
parallel on warm kernels (``execute.py``). If an edition's staged book is byte-identical to the one
its published site was rendered from, and the render step's code and inputs are the same
(``render_key``), the published site is kept as it is: a no-change rebuild renders nothing; otherwise
the result says why it rendered again.
"""

from __future__ import annotations

import os
import shutil
import time
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..checks.validate import validate
from ..model import courselock, glossary
from ..model.curriculum import load
from ..model.findings import Report
from ..model.interrupts import stop_if_asked
from . import exec_report, kept_render, languages, leak_memo, open_page
from .cache import Cache, sha256_bytes, validated
from .editions import EDITIONS, Edition
from .execute import DEFAULT_TIMEOUT, ExecResult, Executor
from .leakcheck import check_site
from .publish import PublishError, Release, interrupts_deferred, publish_all, published_digest
from .render import render
from .render_key import RenderKey, keep, last_key, render_key, stage_parts
from .run_units import configured_timeout, execute_units
from .sitecheck import site_findings as check_rendered
from .stage import stage

# The render step: the modules of what build_edition calls after staging. Their import closure (and the
# data files beside those modules, such as site_allowlist.json), not a list kept by hand, is part of the
# render key (render_key.py): a change to post-render, the icon font, the abbreviations, the site check,
# the languages or the leak check renders again. (sphinx_guard.py is staged, so the stage's hash covers it.)
RENDER_STEP = [render.__module__, kept_render.__name__, check_rendered.__module__, check_site.__module__,
               leak_memo.__name__, exec_report.__name__, glossary.__name__, languages.__name__, render_key.__module__]


@dataclass
class EditionResult:
    edition: str
    executed: list[ExecResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    rendered: Path | None = None  # the new site, ready to publish
    digest: str | None = None  # the render key's digest (render_key.py): stage, render code, inputs
    why_rendered: list[str] = field(default_factory=list)  # what changed since the last render
    unchanged: bool = False  # the published site was rendered from this very stage: kept as is
    figures: dict[str, list[Path]] = field(default_factory=dict)  # unit -> its chart files in the stage
    published: Path | None = None
    phases: dict[str, float] = field(default_factory=dict)  # seconds of each step, for the report

    @property
    def ok(self) -> bool:
        return not self.problems and (self.rendered is not None or self.unchanged)


@dataclass
class BuildResult:
    report: Report
    editions: list[EditionResult] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0
    phases: dict[str, float] = field(default_factory=dict)  # validate, publish; editions' own below
    publish_error: str | None = None  # publishing failed and was undone: what failed, on which path

    @property
    def ok(self) -> bool:
        return (self.report.ok and bool(self.editions) and all(e.ok for e in self.editions)
                and self.publish_error is None)

    @property
    def executed(self) -> list[ExecResult]:
        return [r for e in self.editions for r in e.executed]


def site_key(root: Path, stage_dir: Path, edition: Edition, abbreviations: dict[str, str]) -> RenderKey:
    """What the rendered, checked site depends on (see render_key.py). Everything else of the course
    library acts through the stage: transforms, notebook outputs, charts."""
    return render_key(root, stage_dir, edition.name, public=edition.public, modules=RENDER_STEP,
                      abbreviations=abbreviations)


def build_edition(root: Path, edition: Edition, *, cache: Cache, executor: Executor, timeout: int = DEFAULT_TIMEOUT,
                  earlier: list[ExecResult] | None = None, fresh: set[str] | None = None,
                  only_languages: list[str] | None = None, kept: Path | None = None,
                  wanted: open_page.OpenPage | None = None) -> EditionResult:
    """Stage, execute and render one edition, and check the site; stop at the first failing step.
    Publishing is left to ``build``, once every edition is ready. With ``kept`` (``serve``), Sphinx's work
    is kept there between builds and only changed pages are rendered again (``kept_render``); ``wanted``
    (``serve``, one language): the page open in the browser, published first (``open_page``)."""
    course = load(root)
    pages = [e.path for e in course.toc if e.path is not None]
    work = root / "_build" / "work" / edition.name
    result = EditionResult(edition.name)
    t = time.perf_counter()
    units = stage(root, work / "stage", edition, pages)
    translated = (languages.stage_languages(root, work, work / "stage", units, only=only_languages)
                  if edition.public else [])
    result.phases["stage"] = time.perf_counter() - t
    ahead = None if translated else open_page.first(wanted, root, edition, units, work / "stage", kept, event)
    result.executed, result.problems, result.figures = execute_units(
        course, edition, units, work / "stage", cache=cache, executor=executor, timeout=timeout, fresh=fresh,
        first=ahead)
    for ls in translated:  # each language on its own: its own cache entries (the i18n cell is code)
        if not result.problems:
            ran, problems, _charts = execute_units(course, edition, ls.units, ls.stage, cache=cache,
                                                   executor=executor, timeout=timeout, fresh=fresh)
            result.executed += [replace(r, edition=f"{edition.name}/{ls.language.code}") for r in ran]
            result.problems += [f"[{ls.language.code}] {p}" for p in problems]
    result.phases["execute"] = time.perf_counter() - t - result.phases["stage"]
    if result.problems:
        return result
    abbreviations = glossary.expansions(root)
    key = site_key(root, work / "stage", edition, abbreviations)
    for ls in translated:  # the published site holds every language: it is kept only if none changed
        key = RenderKey(key.parts | stage_parts(ls.stage, f"{ls.language.code}:stage/"))
    result.digest = key.digest
    if (fresh is None and published_digest(root / "_build" / edition.name / "html") == result.digest
            and (kept is None or kept_render.ready(kept / edition.name))):  # serve's first build fills ``kept``
        result.unchanged = True
        return result
    result.why_rendered = (["build --force"] if fresh is not None
                           else key.reasons(last_key(root, edition.name)) or ["the published site is missing or was edited"])
    if edition.include_trainer_pages:
        exec_report.add_page(work / "stage", exec_report.page([*(earlier or []), *result.executed], executor.size))
    checking: list[float] = []  # seconds of each post-render site check: a phase of its own, so bench shows its cost

    def site_check(*args: object) -> list:
        begun = time.perf_counter()
        try:
            return check_rendered(*args)
        finally:
            checking.append(time.perf_counter() - begun)

    t = time.perf_counter()
    event(f"rendering {edition.name}")
    log = root / "_build" / "reports" / f"{edition.name}-render.log"
    rendered = (render(work / "stage", work / "render", log, abbreviations=abbreviations) if kept is None
                else kept_render.render_kept(work / "stage", kept / edition.name, work / "render", log, abbreviations=abbreviations))
    if not rendered.ok:
        result.problems += [rendered.message, *rendered.warnings]
    if (rendered.html / "index.html").is_file():  # also when Sphinx warned: one report names every page
        # nothing on any page of any edition may run, frame or restyle it unless the book put it there
        result.problems += [f.format() for f in site_check(rendered.html, root, edition.name)]
    if result.problems:
        return result
    for ls in translated:  # each language a site of its own, checked as the English one, then nested in it
        done = render(ls.stage, ls.stage.parent / "render",
                      root / "_build" / "reports" / f"{edition.name}-{ls.language.code}-render.log")
        if not done.ok:
            result.problems += [f"[{ls.language.code}] {p}" for p in (done.message, *done.warnings)]
        if (done.html / "index.html").is_file():
            result.problems += [f.format() for f in site_check(done.html, root, f"{edition.name}/{ls.language.code}",
                                                               languages.site_allowlist(root, done.html))]
        if result.problems:
            return result
        languages.nest(rendered.html, ls.language.code, done.html)
    result.phases["render"] = time.perf_counter() - t - sum(checking)
    result.phases["sitecheck"] = sum(checking)
    if edition.public:  # no trainer-only text in any file of a public site, or it is not published
        leaks = (check_site(root, rendered.html) if kept is None
                 else leak_memo.check_site(root, rendered.html, kept / edition.name / "leaks.json"))
        result.problems += [f.format() for f in leaks]
        if result.problems:
            return result
    result.phases["check"] = time.perf_counter() - t - result.phases["render"] - result.phases["sitecheck"]
    result.rendered = rendered.html
    keep(root, edition.name, key)  # to say next time what changed
    return result


def _chosen_figures(editions: list[EditionResult]) -> dict[str, Path]:
    """``<unit>/<file>`` -> the chart file published there: the trainer edition's copy wins, as it may
    hold charts of model answers too."""
    chosen: dict[str, Path] = {}
    for ed in sorted(editions, key=lambda e: e.edition == "trainer"):
        for unit, files in ed.figures.items():
            chosen |= {f"{unit}/{f.name}": f for f in files}
    return chosen


def _figures_digest(editions: list[EditionResult]) -> str:
    """The figures folder's content by name and bytes: equal to the published one's, it is kept (copying
    and swapping hundreds of charts was most of a no-change build's publishing)."""
    return sha256_bytes("".join(f"{name}\0{sha256_bytes(f.read_bytes())}\n"
                                for name, f in sorted(_chosen_figures(editions).items())).encode())


def _collect_figures(editions: list[EditionResult], dest: Path) -> Path:
    """Every unit's charts (PNG for pages, SVG for slides) in ``dest/<unit>/`` (``_chosen_figures``)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name, f in _chosen_figures(editions).items():
        out = dest / name
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, out)
    return dest


LOCK = courselock.LOCK


def build_lock(root: Path) -> AbstractContextManager[None]:
    """Only one build at a time on a course folder: two would replace each other's work folders and
    sites half-way. It is the course lock (``model.courselock``), which the commands that edit shared
    files hold too; a build refuses at once rather than wait."""
    return courselock.course_lock(root)


def build(root: Path, editions: list[str] | None = None, *, timeout: int | None = None,
          workers: int | None = None, executor: Executor | None = None, force: bool = False,
          languages: list[str] | None = None, kept: Path | None = None,
          wanted: open_page.OpenPage | None = None) -> BuildResult:
    """Validate the course, build every edition, and publish them all if all succeeded. A caller that
    builds again and again (``serve``) passes its own ``executor``, so the kernels stay warm between builds.

    One build at a time per course folder (``build_lock``). ``force`` runs every unit and renders
    every edition again, whatever the cache and the published sites say. ``kept`` (``serve`` only): a folder
    where Sphinx's work is kept between builds, so a rebuild renders only what changed; ``wanted`` (``serve``):
    the page open in the browser, whose unit runs first and whose page is published as soon as it is done."""
    with build_lock(root):
        return _build(root, editions, timeout=timeout, workers=workers, executor=executor, force=force,
                      languages=languages, kept=kept, wanted=wanted)


EVENTS = "COURSE_BUILD_EVENTS"  # a file the build appends its steps to, one a line (tests wait on them)


def event(name: str) -> None:
    """Say that the build reached a step (``checked``, ``rendering <edition>``, ``publishing``): tests
    that interrupt a build wait for these lines instead of guessing how long a step takes."""
    target = os.environ.get(EVENTS)
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(name + "\n")


def _build(root: Path, editions: list[str] | None, *, timeout: int | None, workers: int | None,
           executor: Executor | None, force: bool, languages: list[str] | None = None,
           kept: Path | None = None, wanted: open_page.OpenPage | None = None) -> BuildResult:
    start = time.perf_counter()
    cache = Cache(root)
    with nullcontext(executor) if executor is not None else Executor(root, workers) as executor:
        if cache.empty():
            executor.prestart()  # every unit will run: start the kernels while the course is checked
        result = BuildResult(validated(root, validate), workers=executor.size)
        result.phases["validate"] = time.perf_counter() - start
        event("checked")  # (not before: a Ctrl-C while pydantic builds its validators can be swallowed)
        if not result.report.ok:
            return result
        timeout = timeout or configured_timeout(root)
        fresh: set[str] | None = set() if force else None
        shutil.rmtree(root / "_build" / "work", ignore_errors=True)
        try:
            for name in editions or list(EDITIONS):
                stop_if_asked()  # a Ctrl-C that a finalizer swallowed (validating, rendering): no next edition
                res = build_edition(root, EDITIONS[name], cache=cache, executor=executor, timeout=timeout,
                                    earlier=result.executed, fresh=fresh, only_languages=languages, kept=kept,
                                    wanted=wanted)
                result.editions.append(res)
                if not res.ok:
                    break
        finally:
            result.seconds = time.perf_counter() - start
            exec_report.write_json(root, result.executed, executor.size, result.seconds,
                                   {**result.phases, **{e.edition: e.phases for e in result.editions}})
    if result.ok:
        t = time.perf_counter()
        charts = root / "_build" / "figures"
        digest = _figures_digest(result.editions)
        figures = (None if published_digest(charts) == digest
                   else _collect_figures(result.editions, root / "_build" / "work" / "figures"))
        releases = [Release(ed.rendered, root / "_build" / ed.edition / "html", ed.digest) for ed in result.editions]
        try:
            stop_if_asked()  # nothing is published after a Ctrl-C, even one a finalizer swallowed
            with interrupts_deferred():  # all editions are published, or none
                event("publishing")
                publish_all([*releases, Release(figures, charts, digest)])
        except PublishError as exc:
            result.publish_error = str(exc)
            shutil.rmtree(root / "_build" / "work", ignore_errors=True)
            return result
        for ed, release in zip(result.editions, releases, strict=True):
            ed.published = release.link
        cache.prune()
        shutil.rmtree(root / "_build" / "work", ignore_errors=True)
        result.phases["publish"] = time.perf_counter() - t
        result.seconds = time.perf_counter() - start
        exec_report.write_json(root, result.executed, result.workers, result.seconds,
                               {**result.phases, **{e.edition: e.phases for e in result.editions}})
    result.seconds = time.perf_counter() - start
    return result
