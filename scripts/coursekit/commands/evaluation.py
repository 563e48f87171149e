"""evaluation: keep a delivery's attendance, reaction survey and knowledge checks for its report."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..delivery import attendance, deliveries, evaluation_store, knowledge_checks, survey
from ..model.assessments import parse
from ..model.curriculum import load
from ..model.findings import Finding, InputError, relpath
from .agenda import delivery_path
from .ui import say, show_findings

NAME = "evaluation"
SUMMARY = "keep a delivery's attendance, reaction survey and knowledge checks (then run 'report')"
DESCRIPTION = """\
Imports one CSV file exported from your form tool (Google Forms, Microsoft Forms, KoboToolbox,
LimeSurvey, a spreadsheet) into the evaluation of a delivery:

    python3 scripts/course.py evaluation data/deliveries/judges-manila-2027.yaml attendance people.csv
    python3 scripts/course.py evaluation data/deliveries/judges-manila-2027.yaml survey survey.csv
    python3 scripts/course.py evaluation data/deliveries/judges-manila-2027.yaml pre before.csv \\
        --assessment data/assessments/core-knowledge.yaml
    (the same with post, and with follow-up for a check some months later)

attendance  one row per participant: 'Participant code', 'Role' (police, prosecutor, judge or
            other), 'Agency type', 'Country' (code or name), optionally 'Sex' and 'Sessions
            attended'. Names and e-mail columns are dropped: only the code is kept.
survey      one row per answer: one column per session, headed by the unit's id, its title or
            'Session 1', 'Session 2'..., rated 1 to 5; an 'Overall' column; comment columns.
            Comments are kept for you only: no page, report or pack ever shows them.
pre, post, follow-up
            the knowledge check's answers, as for 'score' (a participant code column and one
            column per question); codes must match those of the attendance file.

Everything is kept in evaluation/<delivery id>/, which git ignores: it is about real people, so
share it deliberately. Importing the same kind again replaces the earlier import of that kind.
Then type 'python3 scripts/course.py report' for the figures, the PDF and the charts."""

KINDS = ("attendance", "survey", *knowledge_checks.STAGES)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("delivery", type=Path, metavar="DELIVERY_FILE", help="e.g. data/deliveries/regional-workshop-2021.yaml")
    parser.add_argument("kind", choices=KINDS, metavar="KIND", help=f"what the file holds: {', '.join(KINDS)}")
    parser.add_argument("export", type=Path, metavar="CSV_FILE", help="the CSV file exported from your form tool")
    parser.add_argument("--assessment", type=Path, metavar="FILE",
                        help="for pre, post and follow-up: the knowledge check, e.g. data/assessments/core-knowledge.yaml")
    parser.add_argument("--id-column", metavar="HEADER", help="for pre, post and follow-up: the header of the code column")


def run(args: argparse.Namespace, root: Path) -> int:
    course = load(root)
    path = delivery_path(args.delivery, root)
    delivery, _, findings = deliveries.read(path, relpath(path, root))
    if delivery is None:
        raise InputError(findings)
    did, shown = path.stem, str(args.export)
    units = course.unit_by_id()
    sessions = [(b.unit, units[b.unit].title if b.unit in units else b.unit)
                for b in delivery.blocks if isinstance(b, deliveries.UnitBlock)]
    notes: list[str] = []
    if args.kind == "attendance":
        countries = {r.value.iso2: r.value.name for r in course.country_rows}
        rows, notes = attendance.read(args.export, shown, countries, len(sessions))
        written = [evaluation_store.write(root, did, "attendance", rows)]
        summary = f"{len(rows)} participants"
    elif args.kind == "survey":
        ratings, comments, notes = survey.read(args.export, shown, sessions)
        written = [evaluation_store.write(root, did, "survey", ratings),
                   evaluation_store.write(root, did, "comments", comments)]
        summary = f"{len(ratings)} ratings and {len(comments)} comments (comments are for you only)"
    else:
        if args.assessment is None:
            raise InputError([Finding("--assessment", None, "EVALUATION-ASSESSMENT", f"'{args.kind}' needs the knowledge check",
                                      "add --assessment data/assessments/<id>.yaml")])
        parsed = parse(args.assessment, relpath(args.assessment, root))
        if parsed.assessment is None:
            raise InputError(parsed.findings)
        rows, skipped = knowledge_checks.rows(parsed.assessment, args.kind, args.export, shown, args.id_column)
        show_findings(skipped)
        kept = evaluation_store.read(root, did, "knowledge")
        written = [evaluation_store.write(root, did, "knowledge",
                                          knowledge_checks.replace_stage(kept, rows, args.kind, parsed.assessment.id))]
        summary = f"{len({r['code'] for r in rows})} answer sheets ({len(skipped)} rows skipped)"
    for note in notes:
        say((f"note: {note}", "yellow"))
    say((f"Kept {summary}", "green"), f" in {', '.join(relpath(p, root) for p in written)}.")
    return 0
