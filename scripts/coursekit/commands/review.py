"""review: list the units and data rows due for review, and what to re-check where."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..checks.currency import ci_failures, review_items
from ..engine import translate
from ..model import languages
from ..model.curriculum import load
from ..model.dates import format_date
from .ui import console, fail, say

NAME = "review"
SUMMARY = "list the pages and facts due for review (law and treaty status change)"
DESCRIPTION = """\
Lists every unit whose review date has passed, and every unit or data row last checked more than
a year ago, one per line:

    where: what: why it is due. Re-check: what to look at, and against what

Nothing is changed, and the exit code is 0 even when items are listed: a page past its review date
still builds, with a dated notice at the top. Re-check what is listed, then update the dates
(law_as_of and review_by in the unit's metadata, as_of in the data file).

  --today 2027-12-01   list what will be due on that day (to plan before a delivery)
  --ci                 exit 1 when a published page is more than a year past its review date
                       (what the continuous-integration run uses)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the day to review for (default: today)")
    parser.add_argument("--ci", action="store_true",
                        help="exit 1 when a published page is more than a year past its review date")


def run(args: argparse.Namespace, root: Path) -> int:
    today = args.today or dt.date.today()
    course = load(root)
    items = review_items(course, today)
    for item in items:
        console.print(item.line(), markup=False)
    when = format_date(today.isoformat())
    console.print(f"{len(items)} item(s) due for review on {when}." if items else f"Nothing is due for review on {when}.")
    if languages.load(root):  # translations older than their English: the page shows English there
        for row in translate.stale_pages(root):
            say(f"{row.unit} [{row.language}]: translation older than the English page: {row.fuzzy} "
                "paragraph(s) changed since they were translated. Re-translate: "
                f"locales/{row.language}/LC_MESSAGES/ (entries marked fuzzy after 'translate update')")
    if args.ci:
        late = ci_failures(course, today)
        if late:
            names = ", ".join(u.shown for u in late)
            return fail(f"{len(late)} published page(s) more than a year past their review date: {names}. "
                        "Re-check them and update law_as_of and review_by.")
    return 0
