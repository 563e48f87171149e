"""report: a delivery's evaluation (or all deliveries') as CSV files, a one-page PDF and charts."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..authoring.scaffold import Refused, toc_with_entry
from ..delivery import evaluation_report
from ..model import atomic, dates
from ..model.curriculum import load
from ..model.findings import relpath
from .ui import say

NAME = "report"
SUMMARY = "evaluation report of deliveries: CSV files, a one-page PDF for a programme manager, charts"
DESCRIPTION = """\
Turns what 'evaluation' kept (attendance, reaction survey, knowledge checks before, after and at
follow-up) into the figures a programme files, per delivery and for all deliveries together:

    python3 scripts/course.py report                       every delivery with evaluation data
    python3 scripts/course.py report judges-manila-2027    one delivery (its id, the file name)

It writes, into reports/evaluation/<delivery id>/ and reports/evaluation/all-deliveries/:
    report.pdf        one A4 page for a programme manager: participants by role and country,
                      completion, satisfaction per session, knowledge before and after with the
                      normalised gain per objective and per role, the share reaching mastery
                      (80% right after), and the follow-up where there is one
    *.csv             each table of the page (and by agency type and by sex)
    charts/           the charts as PNG and SVG

No group of fewer than 5 participants is shown apart: smaller groups are merged into 'Other' or
left out, and each table says so. Participant codes, names and comments never appear.
With --page it also writes the tables as a trainer-edition page (book/trainer/evaluation.md)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("deliveries", nargs="*", metavar="DELIVERY_ID",
                        help="delivery ids (file names in data/deliveries/ without .yaml); default: all with data")
    parser.add_argument("--page", action="store_true", help="also write book/trainer/evaluation.md (trainer edition)")


def run(args: argparse.Namespace, root: Path) -> int:
    course = load(root)
    ids = [Path(i).stem for i in args.deliveries] or None
    files, page, written = evaluation_report.plan(course, ids, dates.today())  # InputError: findings, exit 1
    for path, data in files.items():
        atomic.write_bytes(path, data, overwrite=True)
    if args.page:
        page_path = root / f"{evaluation_report.PAGE}.md"
        atomic.write_text(page_path, page, overwrite=True)
        text = (root / "_toc.yml").read_text(encoding="utf-8")
        try:
            text, _ = toc_with_entry(text, "Trainer's guide", evaluation_report.PAGE)
            atomic.write_text(root / "_toc.yml", text, overwrite=True)
        except Refused:
            pass  # listed already
        say(f"wrote      {relpath(page_path, root)} (trainer edition)")
    for w in written:
        say((f"{relpath(w.folder, root)}/", "green"), f" report.pdf, CSV files and charts: {w.cohorts} "
            f"deliver{'y' if w.cohorts == 1 else 'ies'}, {w.participants} participants.")
    return 0
