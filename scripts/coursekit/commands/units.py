"""units: list every unit a delivery can name, with its id and minutes."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..delivery.planning import catalogue
from ..model.curriculum import load
from .ui import fail, say

NAME = "units"
SUMMARY = "list every unit id with its minutes (what a delivery file names in 'blocks:')"
DESCRIPTION = """\
Lists every unit of the course in teaching order: its number, its id, its minutes (teaching +
exercises, from the unit's metadata) and its title, under the part it belongs to.

A delivery file names its units by these ids ('- unit: course-overview'), and
'new delivery --units' accepts the ids, the titles or the numbers shown here. Each id is the
'id' in the notebook's metadata ('course' section), so it stays the same when a title changes.

Example:  python3 scripts/course.py units"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace, root: Path) -> int:
    units = catalogue(load(root))
    if not units:
        return fail("No unit has an id yet: a unit's id is 'id' in the 'course' section of its notebook's metadata.")
    width = max(len(u.id) for u in units)
    part = None
    for u in units:
        if u.part != part:
            part = u.part
            say((part, "bold"))
        say(f"  {u.number:>2}. {u.id:<{width}}  {u.minutes:>4} min  {u.title}")
    say(f"{len(units)} units, {sum(u.minutes for u in units)} minutes in all. A delivery names a unit by its id.")
    return 0
