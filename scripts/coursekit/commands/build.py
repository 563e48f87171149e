"""build: validate, then make the book's websites."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..engine.editions import EDITIONS
from ..engine.execute import DEFAULT_TIMEOUT, worker_count
from .ui import console, say, show_findings, show_report

NAME = "build"
SUMMARY = "check the course, run every notebook and make the book's website"
DESCRIPTION = """\
Checks the course (as 'validate' does), runs the notebooks, and makes the websites:

    _build/participant/html/index.html   the public participant edition
    _build/trainer/html/index.html       the trainer edition (with a build report page)
    _build/figures/<unit>/               every chart as PNG and SVG, for slides
    _build/reports/execution.json        which notebooks ran, how long, which came from the cache

Open an index.html in a browser to read the book. Notebooks run in parallel, one per processor
core, and only when something they depend on changed: their code, the course library they use, or
a data file they read. If a notebook fails or runs too long, the build stops with the notebook's
name (and cell number and error), and the last good websites are kept unchanged; nothing is
published until everything succeeded, and then all websites are replaced together or, if the disk
refuses a step, none is. Ctrl-C stops the build the same way. A website whose files were deleted or
edited since it was made is made again; --force runs every notebook and makes every website again.
Only one build at a time can run on a course folder: a second one says so and stops.

The participant edition is also made in every language of languages.yml, each in its own folder
(_build/participant/html/id/index.html); --languages en,id makes only those (English is always made)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--edition", choices=sorted(EDITIONS), action="append",
                        help="build only this edition (repeat for several); default: all")
    parser.add_argument("--timeout", type=int, default=None, metavar="SECONDS",
                        help="stop a notebook that runs longer than this (default: execute.timeout in "
                             f"_config.yml, else {DEFAULT_TIMEOUT})")
    parser.add_argument("--force", action="store_true",
                        help="run every notebook and make every website again, even if nothing changed")
    parser.add_argument("--languages", default=None, metavar="en,id",
                        help="the participant edition only in these languages (default: English and every "
                             "language of languages.yml)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help=f"notebooks run at the same time (default: one per core, here {worker_count()})")


def run(args: argparse.Namespace, root: Path) -> int:
    if (args.timeout is not None and args.timeout < 1) or (args.workers is not None and args.workers < 1):
        console.print("[red]--timeout and --workers take a whole number of at least 1.[/]")
        return 1
    from ..engine.build import build  # imported here: the other commands start faster without it

    chosen = [c.strip() for c in args.languages.split(",") if c.strip()] if getattr(args, "languages", None) else None
    result = build(root, args.edition, timeout=args.timeout, workers=args.workers, force=getattr(args, "force", False),
                   languages=chosen)
    if not result.report.ok:
        show_report(result.report)
        console.print("[red]The build did not start: fix the problems above first.[/]")
        return 1
    show_findings(result.report.findings)
    for ed in result.editions:
        for problem in ed.problems:
            say((f"{ed.edition} edition: {problem}", "red"))
        ran = sum(r.cache == "miss" for r in ed.executed)
        counts = f"{len(ed.executed)} notebooks, {ran} run, {len(ed.executed) - ran} from the cache"
        if ed.ok and ed.unchanged:
            say((f"{ed.edition} edition unchanged", "green"), f" ({counts}): {ed.published}/index.html")
        elif ed.ok:
            say((f"{ed.edition} edition built", "green"), f" ({counts}): {ed.published}/index.html")
            if ed.why_rendered:
                say(f"  rendered again because: {'; '.join(ed.why_rendered)}")
    if result.publish_error:
        say((f"Nothing was published: {result.publish_error}.", "red"),
            " Every step already taken was undone, so the last good websites are all still there and unchanged.")
    if not result.ok:
        console.print("[red bold]Build failed.[/] The last good website was kept.")
        return 1
    console.print(f"Done in {result.seconds:.1f} s on {result.workers} workers; "
                  "report: _build/reports/execution.json")
    return 0
