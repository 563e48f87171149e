"""deliveries: list the course's deliveries with their status, date and where their pages are."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..delivery import lifecycle
from ..model import dates
from ..model.curriculum import load
from .ui import say

NAME = "deliveries"
SUMMARY = "list the deliveries (data/deliveries/): status, date, and whether their schedule is current or archived"
DESCRIPTION = """\
Lists every delivery file with its status (plan, delivered, archived), its date, and where its
schedule is today: 'current' (listed in the participant edition), 'past' (on the page of past
deliveries) or 'archived' (its pages are gone).

    python3 scripts/course.py deliveries
    python3 scripts/course.py deliveries --status plan delivered --paths

With --paths it prints only the files' paths, one a line (for scripts: CI makes one pack for each
delivery that is a plan or delivered)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--status", nargs="+", choices=["plan", "delivered", "archived"],
                        help="only deliveries with this status (several may be given)")
    parser.add_argument("--paths", action="store_true", help="print only the delivery files' paths")


def run(args: argparse.Namespace, root: Path) -> int:
    found = [e for e in lifecycle.entries(load(root), dates.today())
             if not args.status or e.delivery.status in args.status]
    for e in found:
        d = e.delivery
        if args.paths:
            print(e.shown)
        else:
            say(f"{e.shown}  {d.status:<9}  {d.date.day} {d.date:%B %Y}  {e.phase:<8}  {d.title}")
    if not args.paths:
        say(f"{len(found)} deliveries.")
    return 0
