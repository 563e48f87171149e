"""build: validate, then make the book's websites."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..build import build
from ..editions import EDITIONS
from ..execute import DEFAULT_TIMEOUT
from ..ui import console, show_findings, show_report

NAME = "build"
SUMMARY = "check the course, run every notebook and make the book's website"
DESCRIPTION = """\
Checks the course (as 'validate' does), runs every notebook, and makes the website:

    _build/participant/html/index.html   the public participant edition

Open that file in a browser to read the book. If a notebook fails, the build stops with the
notebook's name, the cell number and the error, and the last good website is kept unchanged."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--edition", choices=sorted(EDITIONS), action="append",
                        help="build only this edition (repeat for several); default: all")
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"stop a notebook that runs longer than this (default {DEFAULT_TIMEOUT})")


def run(args: argparse.Namespace, root: Path) -> int:
    result = build(root, args.edition, timeout=args.timeout)
    if not result.report.ok:
        show_report(result.report)
        console.print("[red]The build did not start: fix the problems above first.[/]")
        return 1
    show_findings(result.report.findings)
    for ed in result.editions:
        for problem in ed.problems:
            console.print(f"[red]{ed.edition} edition: {problem}[/]")
        if ed.ok:
            console.print(f"[green]{ed.edition} edition built:[/] {ed.published}/index.html")
    if not result.ok:
        console.print("[red bold]Build failed.[/] The last good website was kept.")
        return 1
    return 0
