"""pack: one zip for a delivery, to carry into a room without a connection."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..model.courselock import course_lock
from ..model.findings import relpath
from ..model.interrupts import stop_if_asked
from .ui import console, err_console, show_findings

NAME = "pack"
SUMMARY = "make one zip for a delivery: both websites, PDF handouts, slide decks, charts, calendar"
DESCRIPTION = """\
Builds the book (as 'build' does), then makes one zip to copy to a USB stick:

    participant/website/index.html             the participant edition; opens from the files, no internet
    participant/handouts/*.pdf                 the whole edition and one handout per unit (A4, page numbers)
    participant/calendar/<id>.ics              the delivery's calendar file (with --delivery)
    trainer-only/website/index.html            the trainer edition
    trainer-only/trainer-guide.pdf             agenda, facilitation notes, model answers, answer keys
    trainer-only/slides/*.trainer-slides.pptx  one slide deck per unit (trainer notes in the speaker notes)
    trainer-only/charts/                       every chart as PNG and SVG
    README.txt                                 what each file is for

The zip is _build/pack/<delivery>-pack.zip (course-pack.zip without --delivery). It shows the
units done of the total while it works and prints the pack's size at the end. Every participant
file (the text of every PDF too) is checked for trainer-only text first; if any is found, or
anything fails, no zip is written and the last good pack is kept. PDFs are printed by Chromium.
Ctrl-C stops it at once and keeps the last good pack too. One pack or build at a time per course
folder: a second one says another is running and changes nothing.

Example:  python3 scripts/course.py pack --delivery data/deliveries/regional-workshop-2021.yaml"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--delivery", type=Path, metavar="DELIVERY_FILE",
                        help="the delivery to pack for, e.g. data/deliveries/regional-workshop-2021.yaml "
                             "(adds its calendar file and keeps only its agenda in the trainer's guide)")


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def run(args: argparse.Namespace, root: Path) -> int:
    with course_lock(root, doing="pack"):  # the build's lock: one pack or build at once
        return _pack(args, root)


def _pack(args: argparse.Namespace, root: Path) -> int:
    from ..delivery.agenda import plan
    from ..kit.pack import PackError, make_pack
    from .agenda import delivery_path
    from .build import run as build

    agenda = plan(root, delivery_path(args.delivery, root)) if args.delivery else None  # InputError: exit 1
    if build(argparse.Namespace(edition=None, timeout=None, workers=None), root) != 0:
        console.print("[red]No pack was made: the book must build first.[/] The last good pack was kept.")
        return 1
    progress = Progress(TextColumn("[bold]pack[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=err_console, transient=True,
                        disable=not err_console.is_terminal)
    task = progress.add_task("", total=None)

    def step(done: int, total: int, what: str) -> None:
        stop_if_asked()  # a Ctrl-C that Playwright's loop swallowed while Chromium printed: no next handout
        progress.update(task, completed=done, total=total, description=escape(what))
        if not err_console.is_terminal and done in (1, total):
            console.print(f"pack: {done} of {total} done ({escape(what)})")

    try:
        with progress:
            result = make_pack(root, agenda, step)
    except PackError as exc:
        stop_if_asked()  # the interrupt broke the print: it is a stop, not a failure
        console.print(f"[red]No pack was made: {escape(str(exc))}.[/] The last good pack was kept.")
        return 1
    if not result.ok:
        show_findings(result.findings)
        why = ("a page holds something that could run in a reader's browser" if any(
            f.code.startswith("SITE-") for f in result.findings) else "trainer-only text was found in participant files")
        console.print(f"[red bold]No pack was made:[/] {why}. The last good pack was kept.")
        return 1
    over = result.size > result.budget
    colour = "yellow" if over else "green"
    console.print(f"[green]Pack written:[/] {escape(relpath(result.path, root))} ({len(result.files)} files, "
                  f"{result.units} units)")
    console.print(f"[{colour}]Size: {_megabytes(result.size)} of a {_megabytes(result.budget)} budget.[/]")
    if over:
        console.print("[yellow]The pack is over its size budget: it was written, but look for large images "
                      "or data added to the book.[/]")
    return 0
