"""bench: measure the build on a temporary copy of the course and print the four figures."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from .ui import console, err_console

NAME = "bench"
SUMMARY = "measure how fast and how correct the build is (takes several minutes)"
DESCRIPTION = """\
Copies the course to a temporary folder and measures, in one run:

  (a) a clean build of the participant edition, against plain 'jupyter-book build' running every
      notebook itself on the same pages, and a clean build of both editions;
  (b) a rebuild when nothing changed: how long, and how many notebooks ran;
  (c) after one data file is edited: which notebooks ran again, and whether the website changed,
      next to Jupyter Book's own cache on the same edit;
  (d) clean builds of 10, 40 and 100 generated country-update pages: how the time grows.

Your course and its _build folder are not touched. It takes several minutes."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default="10,40,100", metavar="N,N,N",
                        help="numbers of generated units for (d) (default 10,40,100)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")


def _sizes(text: str) -> tuple[int, ...] | None:
    try:
        sizes = tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        return None
    return sizes if len(sizes) >= 2 and all(n > 0 for n in sizes) else None


def run(args: argparse.Namespace, root: Path) -> int:
    from ..engine.bench import run as bench

    sizes = _sizes(args.sizes)
    if sizes is None:
        console.print("[red]--sizes takes two or more whole numbers separated by commas, e.g. 10,40,100[/]")
        return 1
    work = Path(tempfile.mkdtemp(prefix="course-bench-"))
    try:
        res = bench(root, work, lambda line: err_console.print(line, highlight=False), sizes)
    finally:
        if args.keep:
            err_console.print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    for line in lines(res):
        console.print(line, highlight=False, markup=False)
    return 0


def _phases(phases: dict) -> str:
    flat = {"validate": phases.get("validate", 0.0), **phases.get("participant", {}), "publish": phases.get("publish", 0.0)}
    return ", ".join(f"{k} {v:.1f} s" for k, v in flat.items()) + " (the rest: starting the command)"


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def lines(res) -> list[str]:
    """The figures as plain lines (also what the closing note of the issue quotes)."""
    ratio = res.participant / res.plain if res.plain else float("nan")
    e = res.edit
    exact = set(e.reexecuted) == set(e.readers)
    sizes = sorted(res.synthetic)
    lo, hi = sizes[0], sizes[-1]
    per_unit = (res.synthetic[hi] - res.synthetic[lo]) / (hi - lo)
    ideal = res.unit_fresh / res.workers
    out = [
        f"Build benchmark: {res.units} units, {res.workers} workers (one per core); "
        f"load average {res.load[0]} at start, {res.load[1]} at end",
        f"(a) clean build, participant edition: {res.participant:.1f} s; plain jupyter-book build with forced "
        f"execution of the same sources: {res.plain:.1f} s; ratio {ratio:.2f}x (target <= 0.5x: {_yes(ratio <= 0.5)})",
        f"    where the participant build's time went: {_phases(res.phases)}",
        f"    clean build, both editions: {res.both:.1f} s",
        f"(b) no-change rebuild: {res.nochange:.1f} s ({res.nochange_inside:.1f} s in the build, the rest starting "
        f"the command), {res.nochange_executed} units executed "
        f"(target 0 units: {_yes(res.nochange_executed == 0)}; <= 5 s: {_yes(res.nochange <= 5)})",
        f"(c) edited {e.file} (last row removed), read by {len(e.readers)} of {e.units} units:",
        f"    course.py build: {len(e.reexecuted)} units re-executed in {e.seconds:.1f} s, exactly those that read "
        f"the file: {_yes(exact)}; published participant site changed: {_yes(e.pages_changed + e.images_changed > 0)} "
        f"({e.pages_changed} pages, {e.images_changed} chart images)",
        f"    jupyter-book cache mode, same edit: {e.jb_reexecuted} units re-executed; published output changed: "
        + (f"{len(e.jb_changed)} files ({', '.join(e.jb_changed[:4])})" if e.jb_changed
           else "no (it still shows the old data)"),
        "(d) participant build of the course plus synthetic country-update units (the course's own units "
        "from the cache): " + ", ".join(f"+{n} units {res.synthetic[n]:.1f} s" for n in sizes),
        f"    each added unit costs {per_unit:.2f} s; one unit's execution: {res.unit_fresh:.2f} s alone in a fresh "
        f"kernel (the plain way), {res.unit_warm:.2f} s on a warm kernel; target <= 1.1 x {res.unit_fresh:.2f} / "
        f"{res.workers} = {1.1 * ideal:.2f} s: {_yes(per_unit <= 1.1 * ideal)}",
    ]
    return out
