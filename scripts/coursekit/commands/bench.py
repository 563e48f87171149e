"""bench: measure the build on a temporary copy of the course and print the four figures."""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
from pathlib import Path

from ..engine.bench_figures import BenchResult, Spread, problems
from .ui import console, err_console

NAME = "bench"
SUMMARY = "measure how fast and how correct the build is (takes several minutes)"
DESCRIPTION = """\
Copies the course to a temporary folder and measures, in one run, each figure as the median of
several runs (three unless --runs says more), with its range:

  (a) clean builds of the participant edition, in turn with plain 'jupyter-book build' running
      every notebook itself on the same pages; each notebook's time (median, slowest three); and
      a clean build of both editions;
  (b) rebuilds when nothing changed: how long, and how many notebooks ran;
  (c) one data file edited, each run without another row: which notebooks ran again, whether the website
      changed, next to Jupyter Book's own cache on the same edit;
  (d) clean builds of 10, 40 and 100 generated country-update pages: what each page adds;
  (e) 'serve': from saving a data file without one row to the page open in the browser showing it,
      for the data file read by the fewest units and for the one read by the most;
  (f) when languages.yml lists a translated language: what one more language adds to a clean
      participant build (as a share of the English-only build, with each build's phases), and a
      rebuild when nothing changed, English only and with that language.

With --only f it measures (f) alone (about a quarter of the time): the cost of a language, e.g.
after a change to how languages are built. With --only e it measures (e) alone, after one clean
build: the preview, for the least read and the most read data file, with where each build's time went.

A figure that cannot be true (a negative time or cost, a ratio from a run that failed, fewer
runs than asked) fails the benchmark: it exits 1 and says which figure. Your course and its
_build folder are not touched. It takes several minutes."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default="10,40,100", metavar="N,N,N",
                        help="numbers of generated units for (d) (default 10,40,100)")
    parser.add_argument("--runs", type=int, default=3, metavar="N",
                        help="runs of each measurement, at least 3 (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    parser.add_argument("--only", choices=["e", "f"], default="", metavar="e|f",
                        help="measure one figure alone: 'e' the preview after an edit, 'f' what one more language costs")


def _sizes(text: str) -> tuple[int, ...] | None:
    try:
        sizes = tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        return None
    return sizes if len(sizes) >= 2 and all(n > 0 for n in sizes) else None


def run(args: argparse.Namespace, root: Path) -> int:
    from ..engine.bench import run as bench
    from ..engine.bench_figures import MIN_RUNS

    sizes = _sizes(args.sizes)
    if sizes is None or args.runs < MIN_RUNS:
        console.print(f"[red]--sizes takes two or more whole numbers separated by commas, e.g. 10,40,100; "
                      f"--runs a whole number of at least {MIN_RUNS}.[/]")
        return 1
    work = Path(tempfile.mkdtemp(prefix="course-bench-"))
    try:
        res = bench(root, work, lambda line: err_console.print(line, highlight=False, markup=False), sizes, args.runs,
                    args.only)
    finally:
        if args.keep:
            err_console.print(f"kept {work}", markup=False)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return show(res)


def show(res: BenchResult) -> int:
    """Print the figures, then what makes any of them impossible; 1 if something does."""
    wrong = problems(res)
    if not res.failures:
        for line in lines(res):
            console.print(line, highlight=False, markup=False)
    for problem in wrong:
        console.print(f"BENCHMARK FAILED: {problem}", highlight=False, markup=False, style="red")
    return 1 if wrong else 0


def _phases(phases: dict) -> str:
    flat = {"validate": phases.get("validate", 0.0), **phases.get("participant", {}), "publish": phases.get("publish", 0.0)}
    return ", ".join(f"{k} {v:.1f} s" for k, v in flat.items()) + " (the rest: starting the command)"


def _site_check(res: BenchResult) -> str:
    """What the post-render check (every page parsed for what could run) adds to a clean build (issue 21)."""
    seconds = res.phases.get("participant", {}).get("sitecheck")
    if seconds is None or not res.participant.runs:
        return "    post-render site check: not measured (no clean build finished)"
    growth = seconds / max(res.participant.runs[-1] - seconds, 1e-9)
    return (f"    post-render site check (last run): {seconds:.1f} s, {growth:.1%} on top of the rest of the clean "
            f"build (target under 5%: {_yes(growth < 0.05)})")


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def lines(res: BenchResult) -> list[str]:
    """The figures as plain lines (also what the closing note of the issue quotes)."""
    if res.only == "f":
        return [f"Build benchmark, (f) only: {res.workers} workers (one per core); load average {res.load[0]} at "
                f"start, {res.load[1]} at end; medians of {len(res.one_language.runs)} runs", *_language_lines(res)]
    if res.only == "e":
        return [f"Build benchmark, (e) only: {res.workers} workers (one per core); load average {res.load[0]} at "
                f"start, {res.load[1]} at end; medians of {len(res.preview.seconds.runs)} runs", *_preview_lines(res)]
    ratio = res.ratio
    e = res.edit
    cost = res.per_added_unit
    ideal = res.unit_fresh / res.workers if res.workers else math.nan
    units = res.unit_times()
    slowest = ", ".join(f"{u} {s:.2f} s" for u, s in res.slowest(3))
    updates = {u: s for u, s in res.per_unit.items() if "/countries/" in u}
    worst_update = max((s.median for s in updates.values()), default=math.nan)
    return [
        f"Build benchmark: {res.units} units, {res.workers} workers (one per core); "
        f"load average {res.load[0]} at start, {res.load[1]} at end; medians of {len(res.participant.runs)} runs",
        f"(a) clean build, participant edition: {res.participant}; plain jupyter-book build with forced "
        f"execution of the same sources, run in turn: {res.plain}; ratio of medians "
        + (f"{ratio:.2f}x (target <= 0.5x: {_yes(ratio <= 0.5)})" if ratio is not None else "none (a run failed)"),
        f"    where the participant build's time went (last run): {_phases(res.phases)}",
        _site_check(res),
        f"    per unit, on warm kernels: median {units.median:.2f} s (range {units.lo:.2f}-{units.hi:.2f} s); "
        f"slowest three: {slowest}",
        (f"    slowest country update: {worst_update:.2f} s (target <= 0.8 s: {_yes(worst_update <= 0.8)})"
         if updates else "    no country-update units in this course"),
        f"    clean build, both editions: {res.both:.1f} s",
        f"(b) no-change rebuild: {res.nochange} ({res.nochange_inside.median:.1f} s in the build, the rest starting "
        f"the command), at most {res.nochange_executed} units executed "
        f"(target 0 units: {_yes(res.nochange_executed == 0)}; <= 5 s: {_yes(res.nochange.median <= 5)})",
        f"(c) edited {e.file} (each run without another of its last rows), read by {len(e.readers)} of {e.units} units:",
        f"    course.py build: {e.seconds}; re-executed exactly the units that read the file, every run: "
        f"{_yes(e.exact)}; published participant site changed: {_yes(e.pages_changed + e.images_changed > 0)} "
        f"({e.pages_changed} pages, {e.images_changed} chart images)",
        f"    jupyter-book cache mode, same edit: {e.jb_reexecuted} units re-executed; published output changed: "
        + (f"{len(e.jb_changed)} files ({', '.join(e.jb_changed[:4])})" if e.jb_changed
           else "no (it still shows the old data)"),
        "(d) participant build of the course plus synthetic country-update units (the course's own units "
        "from the cache): " + "; ".join(f"+{n} units {res.synthetic[n]}" for n in sorted(res.synthetic)),
        f"    each added unit costs {cost:.2f} s (slope over the sizes); one unit's execution: {res.unit_fresh:.2f} s "
        f"alone in a fresh kernel (the plain way), {res.unit_warm:.2f} s on a warm kernel; target <= 1.1 x "
        f"{res.unit_fresh:.2f} / {res.workers} = {1.1 * ideal:.2f} s: {_yes(cost <= 1.1 * ideal)}",
        *_preview_lines(res),
        *_language_lines(res),
    ]


def _preview_lines(res: BenchResult) -> list[str]:
    out = []
    for p in (res.preview, res.preview_many):
        if not p.file:
            continue
        out.append(f"(e) serve: from saving {p.file} (read by {p.readers} units) {p.change} (another each run) "
                   f"to the open page ({p.page}) changed: {p.seconds} (target <= 5 s: {_yes(p.seconds.median <= 5)})")
        if p.whole:
            out.append(f"    the whole build (every reader published): {Spread(tuple(p.whole))}; last run: "
                       + _phases(p.phases[-1]).replace(" (the rest: starting the command)", ""))
    return out


def _language_lines(res: BenchResult) -> list[str]:
    if not res.language:
        return ["(f) languages.yml lists no translated language: nothing to measure"]
    cost, one, two = res.language_cost, res.nochange_one.median, res.nochange_two.median
    return [f"(f) one more language ({res.language}), clean participant build: English only {res.one_language}, "
            f"with {res.language} {res.two_languages}: the language adds {cost:.2f}x of one edition's clean build "
            f"(target <= 1.0x: {_yes(cost <= 1.0)})",
            f"    where the time went (last runs): English only {_phases(res.language_phases.get('one_language', {}))}; "
            f"with {res.language} {_phases(res.language_phases.get('two_languages', {}))}",
            f"    no-change rebuild: English only {res.nochange_one}, with {res.language} {res.nochange_two} "
            f"(target: as fast, within 10% or 0.5 s: {_yes(two <= max(one * 1.1, one + 0.5))}); inside the build "
            f"(without starting the command): English only {res.nochange_one_inside.median:.1f} s, with "
            f"{res.language} {res.nochange_two_inside.median:.1f} s"]
