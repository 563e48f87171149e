"""export: the course's knowledge checks and practice questions for a learning platform (Moodle)."""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from ..delivery.question_export import FORMATS, write_all
from ..engine.leakcheck import check_site
from ..engine.scorm import write_package
from ..model.curriculum import load
from ..model.findings import relpath
from .ui import fail, say, show_findings

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
to participants or put them in a shared folder; the participant edition never contains them.

    python3 scripts/course.py export scorm

packs the built participant edition (run 'build' first) as a SCORM 1.2 zip for a platform that
takes only SCORM: _build/exports/participant-edition-scorm12.zip, a menu of the book's pages by
part. The platform records that pages were opened; it gets no score or completion status (that
would need a script in every page talking to the platform, which the book does not add)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=["questions", "scorm"], metavar="WHAT",
                        help="questions (with --format), or scorm (the participant edition as a SCORM 1.2 zip)")
    parser.add_argument("--format", choices=sorted(FORMATS), help="for questions: moodle-xml or gift")
    parser.add_argument("--out", type=Path, metavar="FOLDER", help="where to write (default: _build/exports/<format>/)")


def _scorm(args: argparse.Namespace, root: Path) -> int:
    site = (root / "_build" / "participant" / "html").resolve()
    if not (site / "index.html").is_file():
        return fail("The participant edition is not built: run 'python3 scripts/course.py build' first.")
    course = load(root)
    leaks = check_site(root, site)
    if leaks:
        show_findings(leaks)
        return fail("No SCORM package was made: trainer-only text is in the participant site (above).")
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    out = (args.out.resolve() if args.out else root / "_build" / "exports") / "participant-edition-scorm12.zip"
    files = write_package(course, str(config.get("title") or "Training book"), site, out)
    say((f"wrote      {relpath(out, root)}", "green"), f" ({files} files, SCORM 1.2). In Moodle: add an activity > "
        "SCORM package. Pages are reported as opened, not scored: use the exported questions for scores.")
    return 0


def run(args: argparse.Namespace, root: Path) -> int:
    if args.what == "scorm":
        return _scorm(args, root)
    if not args.format:
        return fail("'export questions' needs --format moodle-xml or --format gift.")
    out = args.out.resolve() if args.out else root / "_build" / "exports" / args.format
    written = write_all(root, out, args.format)  # InputError: shown as findings, exit 1
    for qs, path in written:
        say(f"wrote      {relpath(path, root)}  ({len(qs.questions)} question{'s' if len(qs.questions) != 1 else ''}, {qs.kind})")
    say((f"{len(written)} question sets exported as {args.format}.", "green"),
        " They hold answer keys: keep them for trainers.")
    return 0
