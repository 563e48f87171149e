"""agenda: turn a delivery plan (data/deliveries/<id>.yaml) into its pages and calendar file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..authoring.scaffold import Refused, toc_with_entry
from ..delivery.agenda import Agenda, calendar, generated_from, plan
from ..delivery.agenda_pages import MARK, participant_page, paths, toc_entry, trainer_page
from ..model import atomic
from ..model.courselock import EDIT_WAIT, course_lock
from ..model.findings import Finding, InputError, relpath
from .ui import say

NAME = "agenda"
SUMMARY = "make a delivery's agenda, its schedule in each country's local time and a calendar file"
DESCRIPTION = """\
Reads one delivery plan (the date, start time and time zone, the units and breaks in order, the
participating countries) and writes:

    book/trainer/agenda-<id>.md     the trainer agenda: clock times, units, minutes, objectives
    book/schedules/<id>.md          the participant schedule: start and end of every block in
                                    each participating country's local time
    book/schedules/<id>.ics         a calendar file participants can import

and lists the two pages in _toc.yml. Running it again after editing the delivery file replaces
these files (only these). It stops, changing nothing, if a block names a unit that does not exist
or the blocks take longer than the declared length (it says by how many minutes).

Example:  python3 scripts/course.py agenda data/deliveries/regional-workshop-2021.yaml"""

PARTS = {"schedule": "Getting started", "trainer": "Trainer's guide"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("delivery", type=Path, metavar="DELIVERY_FILE",
                        help="the delivery plan, e.g. data/deliveries/regional-workshop-2021.yaml")


def delivery_path(given: Path, root: Path) -> Path:
    """A relative path is read from the course folder first (it is the same folder without --root)."""
    if given.is_absolute() or not (root / given).exists():
        return given.resolve()
    return root / given


def _ours(path: Path, shown: str) -> bool:
    """Whether ``path`` was written by this command from the delivery file ``shown``."""
    if path.suffix == ".ics":
        return generated_from(path.read_bytes()) == shown
    return path.read_text(encoding="utf-8", errors="replace").startswith(MARK.format(shown=shown))


def planned_files(root: Path, agenda: Agenda) -> dict[Path, bytes]:
    """Every file the agenda writes, with its content; refuses to replace what is not its own."""
    where = paths(root, agenda.id)
    schedule = toc_entry(root, where["schedule"])
    files = {where["trainer"]: trainer_page(agenda, toc_entry(root, where["trainer"]), schedule).encode(),
             where["schedule"]: participant_page(agenda, schedule).encode(),
             where["calendar"]: calendar(agenda)}
    foreign = [p for p in files if p.exists() and not (p.is_file() and _ours(p, agenda.shown))]
    if foreign:
        raise InputError([Finding(relpath(p, root), None, "AGENDA-NOT-OURS",
                                  f"exists and was not made by 'agenda' from {agenda.shown}, so it is not replaced",
                                  "move or rename that file, or rename the delivery file") for p in foreign])
    return files


def toc_text(root: Path, agenda: Agenda) -> str:
    """``_toc.yml`` with the two pages listed (unchanged when they are listed already)."""
    text = (root / "_toc.yml").read_text(encoding="utf-8")
    where = paths(root, agenda.id)
    for kind, part in PARTS.items():
        try:
            text, _ = toc_with_entry(text, part, toc_entry(root, where[kind]))
        except Refused:
            pass  # listed already
    return text


def run(args: argparse.Namespace, root: Path) -> int:
    agenda = plan(root, delivery_path(args.delivery, root))  # InputError: shown as findings, exit 1
    with course_lock(root, wait=EDIT_WAIT, doing="agenda"):  # _toc.yml is read and written back under it
        _write(root, agenda)
    d = agenda.delivery
    say((f"{d.title}:", "green"), f" {len(agenda.slots)} blocks, {agenda.minutes} of {d.length_minutes} "
        f"minutes ({agenda.spare_minutes} to spare), starting {d.start:%H:%M} {d.time_zone}.")
    return 0


def _write(root: Path, agenda: Agenda) -> None:
    files = planned_files(root, agenda)
    toc = toc_text(root, agenda)  # everything is computed before the first write
    for path, content in files.items():
        if path.exists() and path.read_bytes() == content:
            say(f"unchanged  {relpath(path, root)}")
            continue
        atomic.write_bytes(path, content, overwrite=True)
        say(f"wrote      {relpath(path, root)}")
    if toc != (root / "_toc.yml").read_text(encoding="utf-8"):
        atomic.write_text(root / "_toc.yml", toc, overwrite=True)
        say("listed the pages in _toc.yml")
