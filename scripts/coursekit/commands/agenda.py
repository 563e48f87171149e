"""agenda: turn a delivery plan (data/deliveries/<id>.yaml) into its pages and calendar file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..delivery import deliveries, lifecycle
from ..delivery.agenda import Agenda, calendar, generated_from, plan
from ..delivery.agenda_pages import MARK, pages, paths
from ..model import atomic, dates
from ..model.courselock import EDIT_WAIT, course_lock
from ..model.curriculum import load
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
these files (only these).

A delivery has a life, set by 'status:' in its file and by its date. A plan or delivery whose day
has not passed has its schedule in the participant edition. Once its day has passed, its schedule
moves to the page of past deliveries (book/schedules/archive.md) and its own schedule page and
calendar file go; its trainer agenda stays. Set 'status: archived' and run the command again to
retire a delivery: all its pages go. Every run brings all deliveries' pages and _toc.yml in line,
so two deliveries' pages never disagree. It stops, changing nothing, if a block names a unit that does not exist
or the blocks take longer than the declared length (it says by how many minutes).

Example:  python3 scripts/course.py agenda data/deliveries/regional-workshop-2021.yaml"""

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


def planned_files(root: Path, agenda: Agenda, phase: str = "current") -> dict[Path, bytes]:
    """Every file the agenda writes in ``phase``, with its content; refuses to replace what is not its own."""
    files: dict[Path, bytes] = {p: text.encode() for p, text in pages(root, agenda, phase).items()}
    if phase == "current":
        files[paths(root, agenda.id)["calendar"]] = calendar(agenda)
    foreign = [p for p in files if p.exists() and not (p.is_file() and _ours(p, agenda.shown))]
    if foreign:
        raise InputError([Finding(relpath(p, root), None, "AGENDA-NOT-OURS",
                                  f"exists and was not made by 'agenda' from {agenda.shown}, so it is not replaced",
                                  "move or rename that file, or rename the delivery file") for p in foreign])
    return files


def _phase_files(root: Path, path: Path) -> tuple[Agenda | None, str, dict[Path, bytes]]:
    """The delivery's agenda (None when archived), its phase today, and the pages it should have."""
    shown = relpath(path, root)
    delivery, _, findings = deliveries.read(path, shown)
    if delivery is None:
        raise InputError(findings)
    phase = delivery.phase(dates.today())
    if phase == "archived":
        return None, phase, {}
    agenda = plan(root, path)  # InputError: shown as findings, exit 1
    return agenda, phase, planned_files(root, agenda, phase)  # past: the schedule moves to the archive page


def run(args: argparse.Namespace, root: Path) -> int:
    # _toc.yml and the pages are read and written back under the course lock, so two commands that edit
    # shared files never lose each other's changes.
    with course_lock(root, wait=EDIT_WAIT, doing="agenda"):
        agenda, phase = _write(root, delivery_path(args.delivery, root))
    if agenda is None:
        say((f"{relpath(delivery_path(args.delivery, root), root)} is archived:", "green"),
            " its pages are gone; the archive page keeps one line about it.")
        return 0
    d = agenda.delivery
    if phase == "past":
        say(f"{d.date.day} {d.date:%B %Y} has passed: the schedule is on the archive page (book/schedules/archive.md).")
    say((f"{d.title}:", "green"), f" {len(agenda.slots)} blocks, {agenda.minutes} of {d.length_minutes} "
        f"minutes ({agenda.spare_minutes} to spare), starting {d.start:%H:%M} {d.time_zone}.")
    return 0


def _write(root: Path, path: Path) -> tuple[Agenda | None, str]:
    """Bring the delivery's pages, the archive page and _toc.yml in line; returns the agenda and its phase."""
    agenda, phase, files = _phase_files(root, path)
    tidy = lifecycle.tidy(load(root), dates.today(), set(files))  # everything is computed before the first write
    toc = tidy.toc
    for path_, content in files.items():
        if path_.exists() and path_.read_bytes() == content:
            say(f"unchanged  {relpath(path_, root)}")
            continue
        atomic.write_bytes(path_, content, overwrite=True)
        say(f"wrote      {relpath(path_, root)}")
    archive_path, archive = tidy.archive
    if archive is not None and not (archive_path.is_file() and archive_path.read_text(encoding="utf-8") == archive):
        atomic.write_text(archive_path, archive, overwrite=True)
        say(f"wrote      {relpath(archive_path, root)} (past deliveries)")
    for gone in tidy.remove:
        gone.unlink()
        say(f"removed    {relpath(gone, root)} (its delivery is past or archived)")
    if toc != (root / "_toc.yml").read_text(encoding="utf-8"):
        atomic.write_text(root / "_toc.yml", toc, overwrite=True)
        say("updated the delivery pages listed in _toc.yml")
    return agenda, phase
