"""score: turn the before and after answers of a knowledge check into figures, a chart and a page."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..delivery import score_report
from ..delivery.score_report import SMALL_GROUP
from ..delivery.scoring import gain_text, percent, read_responses, score
from ..model.assessments import Assessment, objective_index, parse, reference_findings
from ..model.courselock import EDIT_WAIT, course_lock
from ..model.curriculum import load
from ..model.findings import Finding, InputError, relpath
from .ui import console, say, show_findings

NAME = "score"
SUMMARY = "score a knowledge check taken before and after a delivery: figures, a chart and a report page"
DESCRIPTION = """\
Compares the answers to a knowledge check (data/assessments/<id>.yaml) before and after a delivery.
Give it the assessment and the two response files exported from your form tool as CSV:

    python3 scripts/course.py score data/assessments/core-knowledge.yaml pre.csv post.csv

Each response file has one row per participant, a column with a participant code that the
participant uses in both forms (not a name or an e-mail address), and one column per question,
headed by the question's id ('q3' or 'Q3. Which ...') or by the question's text.

It writes, into reports/<id>/ (or the folder given with --out):
    per-question.csv    correct answers before and after, and the learning gain, per question
    per-objective.csv   the same per learning objective
    learning-gain.png   a chart of the objectives before and after (and .svg for slides)
    report.md           a page with the figures, the chart and how to read them

Only participants who answered both forms are counted. Rows that cannot be scored are listed
with their row number and skipped. Participant codes never appear in anything it writes.
The normalised learning gain is (after - before) / (100% - before): the share of the possible
improvement that was achieved; it is 'n/a' where everyone was already correct before.

With --page the report also becomes a page of the trainer edition (book/trainer/), listed in
_toc.yml under "Trainer's guide"."""



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assessment", type=Path, help="the knowledge check, e.g. data/assessments/core-knowledge.yaml")
    parser.add_argument("pre", type=Path, help="CSV of the answers before the delivery")
    parser.add_argument("post", type=Path, help="CSV of the answers after the delivery")
    parser.add_argument("--out", type=Path, metavar="FOLDER", help="where to write the report (default: reports/<id>/)")
    parser.add_argument("--id-column", metavar="HEADER",
                        help="header of the participant code column (default: a column named "
                             "'participant', 'participant code', 'code' or 'id')")
    parser.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="day of the delivery, shown under the chart (default: today)")
    parser.add_argument("--page", action="store_true",
                        help="also add the report as a page of the trainer edition (book/trainer/)")
    parser.add_argument("--replace", action="store_true", help="replace the files of an earlier report")


def _check_folder(out: Path, root: Path) -> None:
    """Before anything is written: the report folder (or a folder above it) must not be a file."""
    for folder in (out, *out.parents):
        if folder.exists():
            if not folder.is_dir():
                raise InputError([Finding(relpath(folder, root), None, "SCORE-OUT",
                                          "is a file, so the report folder cannot be made there",
                                          "give --out the path of a folder (new or existing), not of a file")])
            return


def run(args: argparse.Namespace, root: Path) -> int:
    course = load(root)
    parsed = parse(args.assessment, relpath(args.assessment, root))
    problems = parsed.findings + reference_findings(parsed, course)
    if problems or parsed.assessment is None:
        raise InputError(problems)
    assessment: Assessment = parsed.assessment
    pre = read_responses(args.pre, relpath(args.pre, root), assessment, id_column=args.id_column)
    post = read_responses(args.post, relpath(args.post, root), assessment, id_column=args.id_column)
    objectives = objective_index(course)
    labels = {ref: (o.unit_title, o.text) for ref, o in objectives.items()}
    results = score(assessment, pre, post)

    out = (args.out if args.out else root / "reports" / assessment.id).resolve()
    _check_folder(out, root)
    with course_lock(root, wait=EDIT_WAIT, doing="score"):  # _toc.yml is read and written back under it
        report = score_report.plan(results, labels, root=root, out=out, as_of=args.date or dt.date.today(),
                                   dated=args.date is not None, page=args.page)
        score_report.write(report, root, replace=args.replace)

    show_findings(results.skipped)
    o = results.overall
    say(f"Scored '{assessment.title}': {results.participants} participants answered both checks"
                  + (f" ({results.pre_only} only before, {results.post_only} only after: left out)."
                     if results.pre_only or results.post_only else "."))
    console.print(f"All questions: {percent(o.pre.value)}% correct before, {percent(o.post.value)}% after; "
                  f"normalised gain {gain_text(o.gain)}.")
    if results.skipped:
        console.print(f"[yellow]{len(results.skipped)} row(s) skipped: see the lines above.[/]")
    if results.participants < SMALL_GROUP:
        console.print(f"[yellow]Fewer than {SMALL_GROUP} participants: a figure can reveal how one person "
                      "answered. Share the report only with the training team.[/]")
    say("Wrote: " + ", ".join(relpath(p, root) for p in report.files)
                  + (" and the entry in _toc.yml" if report.toc is not None else ""))
    return 0
