"""import-challenges: add the challenges participants reported (a survey export) to data/challenges.csv."""

from __future__ import annotations

import argparse
import datetime as dt
from contextlib import nullcontext
from pathlib import Path

from ..authoring import importing
from ..model.challenges import CATEGORIES
from ..model.courselock import EDIT_WAIT, course_lock
from ..model.curriculum import load
from ..model.findings import Finding, InputError, relpath
from ..model.text import excerpt
from .ui import console, fail, say

CATEGORY_LIST = "\n".join(f"      {c.label}" for c in CATEGORIES.values())

NAME = "import-challenges"
SUMMARY = "add the challenges participants reported (a survey export, CSV) to the course data"
DESCRIPTION = f"""\
Adds the challenges participants reported in a survey to data/challenges.csv, so the charts of the
regional challenges and the country pages show them. Export the survey's answers as a CSV file first
(Google Forms, Microsoft Forms, KoboToolbox and spreadsheets can all do this), then:

    python3 scripts/course.py import-challenges answers.csv --source my-survey-2026

The file needs a column for the country, one for the challenge category and one describing the
challenge. Usual headings are found by themselves ("Country", "Challenge category", "Describe the
challenge", "Timestamp", "Source"). If yours are different, say which column is which:

    --map "Your country=country" --map "Main problem=category" --map "Tell us more=description"

The fields are: {", ".join(importing.FIELDS)}.
Other columns (names, e-mail addresses) are never copied.

What it does with each row:
  - countries may be names or codes: "Viet Nam", "Vietnam", "VN" and "Lao PDR" all work;
  - categories may be the course's labels or common words for them:
{CATEGORY_LIST}
  - a row that is already in the file is skipped (a duplicate), never added twice;
  - a row it cannot use is rejected, and listed with its row number (the heading is row 1) and why;
  - every row already in data/challenges.csv is kept exactly as it is (line endings too);
  - an answer that starts with =, +, -, @, a tab or a carriage return gets an apostrophe in front
    ('=HYPERLINK(...)), so a spreadsheet shows it as text instead of running it as a formula.

Every row needs a source: add your survey to data/sources.yaml first and give its id with --source
(rows with their own Source column use that instead). The file is changed only when the import has
finished checking every row, in one step, so an interrupted import changes nothing. Use --dry-run to
see what would happen without changing anything.

Exit code 0: rows were imported (rejected rows are listed). Exit code 1: nothing was imported because
the file itself cannot be used (its columns are missing, or no row could be used); the message says
what is missing and how to fix it."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.csv", help="the survey export, as a CSV file")
    parser.add_argument("--map", action="append", default=[], metavar='"COLUMN=field"',
                        help=f"say which column holds a field ({', '.join(importing.FIELDS)}); repeat as needed")
    parser.add_argument("--source", metavar="SOURCE-ID",
                        help="the source id (from data/sources.yaml) for rows that do not name one")
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="the date reported, for rows without one (when the export has no Timestamp column)")
    parser.add_argument("--dates", choices=importing.DATE_ORDERS,
                        help="how to read dates like 05/03/2024: dmy (day first) or mdy (month first)")
    parser.add_argument("--dry-run", action="store_true", help="show what would be imported, change nothing")


def _mapping(pairs: list[str]) -> dict[str, str]:
    out, problems = {}, []
    for pair in pairs:
        column, _, fld = pair.rpartition("=")
        if not column.strip() or fld.strip() not in importing.FIELDS:
            problems.append(Finding("--map", None, "IMPORT-MAP", f"'{excerpt(pair)}' is not COLUMN=field",
                                    f"write it as --map \"Column heading=field\" with field one of: "
                                    f"{', '.join(importing.FIELDS)}"))
        else:
            out[column.strip()] = fld.strip()
    if problems:
        raise InputError(problems)
    return out


def _options(args: argparse.Namespace, sources: set[str]) -> None:
    problems = []
    if args.source and args.source not in sources:
        problems.append(Finding("--source", None, "SOURCE-UNKNOWN", f"source id '{args.source}' is not in data/sources.yaml",
                                "add the survey to data/sources.yaml first (see data/README.md), then use its id"))
    if args.date:
        when, why = importing.parse_date(args.date, "dmy", dt.date.today())
        if when is None:
            problems.append(Finding("--date", None, "IMPORT-DATE", why, "write it as YYYY-MM-DD"))
        args.date = when
    if problems:
        raise InputError(problems)


def run(args: argparse.Namespace, root: Path) -> int:
    course = load(root)
    countries = {r.value.iso2: r.value.name for r in course.country_rows}
    sources = set(course.sources)
    if course.load_findings or not countries:
        raise InputError(course.load_findings or [Finding("data/countries.csv", None, "COUNTRY-LIST",
                                                          "no countries found", "restore data/countries.csv")])
    _options(args, sources)
    mapping = _mapping(args.map)
    # read, check and write under the course lock: a second import at the same time reads this one's rows
    with nullcontext() if args.dry_run else course_lock(root, wait=EDIT_WAIT, doing="import-challenges"):
        return _import(args, root, countries, sources, mapping)


def _import(args: argparse.Namespace, root: Path, countries: dict[str, str], sources: set[str],
            mapping: dict[str, str]) -> int:
    target = root / "data" / "challenges.csv"
    existing = importing.existing_rows(target, root)
    shown = relpath(args.file, root)
    plan = importing.plan_import(args.file, shown, existing=existing, countries=countries, sources=sources,
                                 mapping=mapping, default_source=args.source, default_date=args.date,
                                 date_order=args.dates)
    for bad in plan.rejected:
        say((f"{shown}: row {bad.row}: not imported: {bad.reason}", "yellow"))
    for row, of in plan.duplicates:
        say(f"{shown}: row {row}: skipped, the same as {of}")
    if not plan.rows_read:
        return fail(f"{shown} has no rows under its heading: nothing to import.")
    if not plan.new and not plan.duplicates:  # every row was rejected: the file is not usable as it is
        return fail(f"No row of {shown} could be imported ({len(plan.rejected)} rejected, listed above). "
                    "data/challenges.csv was not changed.")
    if args.dry_run:
        importing.planned_bytes(target, plan)  # the file limit, checked as the real import would
        console.print(f"Dry run: {len(plan.new)} row(s) would be added to data/challenges.csv; nothing was changed.")
        return 0
    if plan.new:
        importing.write(target, plan)
    console.print(f"[green]Imported {len(plan.new)} row(s) into data/challenges.csv[/] "
                  f"({plan.existing} row(s) already there kept, {len(plan.duplicates)} duplicate(s) skipped, "
                  f"{len(plan.rejected)} row(s) rejected).")
    if plan.new:
        console.print("Run 'python3 scripts/course.py validate', then rebuild the book to see them in the charts.")
    return 0
