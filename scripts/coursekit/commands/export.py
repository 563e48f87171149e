"""export: the course's knowledge checks and practice questions for a learning platform (Moodle)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..delivery.question_export import FORMATS, write_all
from ..model.findings import relpath
from .ui import say

NAME = "export"
SUMMARY = "export the knowledge checks and practice questions to Moodle XML or GIFT (trainer-only: answer keys)"
DESCRIPTION = """\
Writes every knowledge check (data/assessments/) and every practice set (data/practice/) as a file
a learning platform imports:

    python3 scripts/course.py export questions --format moodle-xml
    python3 scripts/course.py export questions --format gift

Each question keeps its text, choices, right answers, feedback (the rationale or explanation) and
its learning objective as a tag. The files are written to _build/exports/<format>/ (or --out).

In Moodle: Question bank > Import, choose 'Moodle XML format' (or 'GIFT format'), upload the
file. Each set lands in its own category under 'OCSEA training book'.

These files hold the answer keys of the knowledge checks: they are for trainers. Do not give them
to participants or put them in a shared folder; the participant edition never contains them."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=["questions"], metavar="questions", help="what to export (questions)")
    parser.add_argument("--format", required=True, choices=sorted(FORMATS), help="moodle-xml or gift")
    parser.add_argument("--out", type=Path, metavar="FOLDER", help="where to write (default: _build/exports/<format>/)")


def run(args: argparse.Namespace, root: Path) -> int:
    out = args.out.resolve() if args.out else root / "_build" / "exports" / args.format
    written = write_all(root, out, args.format)  # InputError: shown as findings, exit 1
    for qs, path in written:
        say(f"wrote      {relpath(path, root)}  ({len(qs.questions)} question{'s' if len(qs.questions) != 1 else ''}, {qs.kind})")
    say((f"{len(written)} question sets exported as {args.format}.", "green"),
        " They hold answer keys: keep them for trainers.")
    return 0
