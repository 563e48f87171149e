"""Give every staged notebook of an edition its outputs: from the cache, or by executing it on the warm kernels.

A unit runs only if its code, the course library it uses or a data file it read has changed (``cache.py``); the
others get their stored outputs. The longest units start first, so no worker is left with a long one at the
end, except for one unit a caller puts before all (``First``): ``serve`` runs the unit of the page open in the
browser first, alone, publishes that page as soon as it is done, and only then runs the others.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat
import yaml

from ..model.curriculum import Course
from .cache import Cache, sha256_bytes
from .editions import Edition
from .execute import DEFAULT_TIMEOUT, ExecResult, Executor, Job, Outcome, mirror, written_files
from .output_limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE, OutputLimits
from .progress import ExecutionProgress
from .stage import StagedUnit, read_staged, write_staged

FIGURES = "_figures"  # where coursekit.book.charts saves a unit's charts, beside the notebook


@dataclass(frozen=True)
class First:
    """A unit to execute before the others, alone, and what to do with it as soon as it is done, before the
    others start: ``done(staged notebook, its charts)`` is called only when the unit ran now and succeeded and
    other units are still to run."""

    staged: Path
    done: Callable[[Path, list[Path]], None]


def _execute_setting(root: Path, name: str, default: int) -> int:
    """A whole-number setting under ``execute:`` in _config.yml, else ``default``."""
    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
        value = (config.get("execute") or {}).get(name)
    except (OSError, yaml.YAMLError, AttributeError):
        value = None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default


def configured_timeout(root: Path) -> int:
    """``execute.timeout`` of _config.yml (seconds per notebook), else the default."""
    return _execute_setting(root, "timeout", DEFAULT_TIMEOUT)


def configured_limits(root: Path) -> OutputLimits:
    """``execute.max_output_bytes`` and ``execute.max_output_line`` of _config.yml, else the defaults."""
    return OutputLimits(_execute_setting(root, "max_output_bytes", DEFAULT_MAX_BYTES),
                        _execute_setting(root, "max_output_line", DEFAULT_MAX_LINE))


def _place(files: dict[str, Path], folder: Path, unit: str, placed: dict[Path, tuple[str, str]]) -> list[str]:
    """Copy a unit's written files beside its staged notebook; two units writing one file differently
    is a problem (one chart would silently replace the other)."""
    problems = []
    for rel, src in sorted(files.items()):
        dest = folder / rel
        digest = sha256_bytes(src.read_bytes())
        other = placed.get(dest)
        if other and other[1] != digest:
            problems.append(f"{unit}: writes {rel} as {other[0]} does, with other content; "
                            "give the chart (or file) a name of its own")
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        placed[dest] = (unit, digest)
    return problems


def execute_units(course: Course, edition: Edition, units: list[StagedUnit], stage_dir: Path, *,
                  cache: Cache, executor: Executor, timeout: int, fresh: set[str] | None = None,
                  first: First | None = None) -> tuple[list[ExecResult], list[str], dict[str, list[Path]]]:
    """Give every staged notebook its outputs, from the cache or by executing it; return the results,
    the problems and each unit's charts. With ``fresh`` (``build --force``) only what this build itself
    executed is taken from the cache (its code keys are added to the set). ``first``: see ``First``."""
    results: dict[Path, ExecResult] = {}
    problems: list[str] = []
    placed: dict[Path, tuple[str, str]] = {}
    figures: dict[str, list[Path]] = {}
    jobs: list[tuple[StagedUnit, Job]] = []
    scratch = stage_dir.parent / "scratch"
    limits = configured_limits(course.root)

    def finish(u: StagedUnit, nb: nbformat.NotebookNode, files: dict[str, Path], shown: str) -> None:
        write_staged(nb, u.staged)
        problems.extend(_place(files, u.staged.parent, shown, placed))
        charts = [u.staged.parent / rel for rel in sorted(files) if rel.startswith(FIGURES + "/")]
        if charts:
            figures[_unit_key(u, stage_dir)] = charts

    for u in units:
        shown = course.shown(u.source)
        nb = read_staged(u.staged)
        entry = None if fresh is not None and cache.code_key(nb) not in fresh else cache.lookup(nb)
        if entry is not None:
            finish(u, entry.apply(nb), entry.files, shown)
            results[u.staged] = ExecResult(shown, "ok", 0.0, cache="hit", edition=edition.name)
        else:
            cwd = mirror(u.staged.parent, scratch / u.staged.relative_to(stage_dir).with_suffix(""))
            jobs.append((u, Job(shown, nb, cwd, timeout, limits)))

    def take(u: StagedUnit, job: Job, outcome: Outcome) -> None:
        results[u.staged] = replace(outcome.result, edition=edition.name, cell=_source_cell(u, job, outcome.result.cell))
        if outcome.notebook is None:
            problems.append(results[u.staged].describe())
            return
        files = written_files(job.cwd)
        cache.store(job.unit, outcome.notebook, outcome.reads, files)
        if fresh is not None:
            fresh.add(cache.code_key(outcome.notebook))
        finish(u, outcome.notebook, files, job.unit)

    took = cache.durations()  # longest first: no worker is left with a long unit at the end
    jobs.sort(key=lambda uj: (first is None or uj[0].staged != first.staged, -took.get(uj[1].unit, float("inf"))))
    ahead = first is not None and len(jobs) > 1 and jobs[0][0].staged == first.staged
    done: list[Outcome] = []
    with ExecutionProgress(edition.name, len(units)) as progress:
        progress.cached(len(results))
        if ahead:  # alone, so that nothing of this build slows it down; then its page, then the others
            done += executor.run([jobs[0][1]], progress.event)
            take(*jobs[0], done[0])
            if done[0].notebook is not None and first is not None:
                first.done(jobs[0][0].staged, figures.get(_unit_key(jobs[0][0], stage_dir), []))
        rest = jobs[1:] if ahead else jobs
        outcomes = executor.run([j for _, j in rest], progress.event)
    cache.record_durations({o.result.unit: o.result.seconds for o in done + outcomes if o.result.ok})
    for (u, job), outcome in zip(rest, outcomes, strict=True):
        take(u, job, outcome)
    return [results[u.staged] for u in units], problems, figures


def _unit_key(u: StagedUnit, stage_dir: Path) -> str:
    """A unit's name in ``figures``: its staged path without the suffix."""
    return u.staged.relative_to(stage_dir).with_suffix("").as_posix()


def _source_cell(u: StagedUnit, job: Job, staged_cell: int | None) -> int | None:
    """The failing cell's number in the author's notebook, not in the staged one: transforms insert cells
    (the unit card, objectives, key points), so a staged number would point the author at the wrong cell.
    Code cells are never split or made by a transform, so the failing cell's id is in the source."""
    if staged_cell is None or not 0 < staged_cell <= len(job.notebook.cells):
        return staged_cell
    cell_id = job.notebook.cells[staged_cell - 1].get("id")
    try:
        source = nbformat.read(u.source, as_version=4)
    except (OSError, ValueError):
        return staged_cell
    ids = [c.get("id") for c in source.cells]
    if cell_id is not None and cell_id in ids:
        return ids.index(cell_id) + 1
    # A notebook saved without cell ids gets new ones each time it is read: match the code instead.
    text = job.notebook.cells[staged_cell - 1].get("source", "")
    same = [n for n, c in enumerate(source.cells, start=1) if c.cell_type == "code" and c.source == text]
    return same[0] if len(same) == 1 else staged_cell
