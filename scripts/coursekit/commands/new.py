"""new: start a unit (a case study, a country update, ...) from its template, safely."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..authoring.scaffold import Refused, create, unfilled
from ..authoring.templates import kinds
from ..model.curriculum import load
from ..model.findings import Finding, InputError
from . import new_delivery
from .ui import fail, say

NAME = "new"
SUMMARY = "start a new unit (case study, country update) from its template, or a new delivery"
DESCRIPTION = """\
Starts a new unit of the book from its template, for example:

    python3 scripts/course.py new case-study --country LK --title "Hotline referral and device seizure"

It creates the unit's notebook under book/, its data file under data/, and adds the unit to the
table of contents (_toc.yml) in the right part. Every place where you still have to write is marked
[[fill: what to write]]; 'python3 scripts/course.py validate' lists each one left, so you know when
the unit is finished.

A new delivery (a workshop on a given day) is started the same way:

    python3 scripts/course.py new delivery --title "Workshop for judges, Manila" --date 2027-03-15 \
        --start 09:00 --time-zone Asia/Manila --length 240 --countries PH --audience judges \
        --units "course-overview, budapest-procedural, Livestream payments"

Units are named by their id, their title (or a unique part of it) or their number: type
'python3 scripts/course.py units' to see every unit id with its minutes. In a terminal, whatever
you leave out is asked for. It writes data/deliveries/<id>.yaml with a comment above every field,
checks it as 'validate' does, and then tells you to run 'agenda'.

It never overwrites anything: if a unit with that name already exists, it stops, says which file is
in the way, and changes nothing. Choose another --title, or edit the existing unit."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=sorted([*kinds(), "delivery"]), metavar="KIND",
                        help=f"what to create: {', '.join(sorted([*kinds(), 'delivery']))}")
    parser.add_argument("--country", metavar="CODE",
                        help="the country's two-letter code from data/countries.csv, for example PH or LK")
    parser.add_argument("--title", metavar='"TITLE"',
                        help="the unit's title, in quotes; it also names the files (default: fill it in later)")
    new_delivery.add_arguments(parser)


def _country(root: Path, code: str):
    course = load(root)
    rows = course.country_rows
    if not rows:
        raise InputError(course.load_findings or [Finding("data/countries.csv", None, "COUNTRY-LIST",
                                                          "no countries found", "restore data/countries.csv")])
    by_code = {r.value.iso2: r.value for r in rows}
    country = by_code.get(code.strip().upper())
    if country is None:
        raise InputError([Finding("--country", None, "COUNTRY-UNKNOWN",
                                  f"'{code}' is not a country code in data/countries.csv",
                                  f"use one of: {', '.join(sorted(by_code))}")])
    return country


def run(args: argparse.Namespace, root: Path) -> int:
    if args.kind == "delivery":
        return new_delivery.run(args, root)
    if not args.country:
        return fail(f"'new {args.kind}' needs --country CODE (a two-letter code from data/countries.csv, e.g. PH).")
    template = kinds()[args.kind]
    country = _country(root, args.country)
    scaffold = template.plan(country=country, title=args.title, root=root, today=dt.date.today())
    try:
        made = create(root, scaffold, part=template.PART)
    except Refused as exc:
        return fail("Nothing was created or changed, because this unit exists already: "
                    f"{'; '.join(exc.existing)}. "
                    + ("Choose another --title, or open the existing unit and edit it."
                       if args.title else "Open it and edit it instead."))
    say((f"Created a new {args.kind} for {country.name}:", "green"))
    for shown in made.files:
        what = (f"added under the part '{made.part}'" + (" (new part)" if made.part_created else "")
                if shown == "_toc.yml" else f"{len(unfilled((root / shown).read_text(encoding='utf-8')))} place(s) to fill")
        say(f"  {shown}  ({what})")
    say("Next: open each file above and replace every [[fill: ...]] with your text, citing a "
                         "source id from data/sources.yaml for every fact. Then run "
                         "'python3 scripts/course.py validate': it lists each [[fill: ...]] still left.")
    return 0
