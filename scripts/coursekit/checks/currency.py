"""Currency: which units and data rows are due for review, and what to re-check where.

Law and treaty status change. Every standards, country and case-study unit carries ``law_as_of`` (the
day its law was last checked) and ``review_by``; every status row carries the day it was checked. This
module lists what has passed its review date or was last checked more than a year ago, so a trainer
knows what to re-check before a delivery. It never fails the course by itself (``review`` exits 0);
CI fails only when a published unit is more than a year past its review date (``ci_failures``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model.curriculum import Course, Unit
from ..model.dates import format_date
from ..model.legislation import PROVISIONS, LegislationRow
from ..model.sourcefiles import read_csv

YEAR = dt.timedelta(days=365)
CI_GRACE = YEAR  # CI fails when a published unit is more than this past its review date

_COE_CHART = "https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum="
_UNTC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no="
# A treaty status is settled by its depositary, not by the copy or database a row last cited: the
# re-check of a treaty row names the depositary's own page, so the next reading can be 'verified'.
DEPOSITARIES = {
    "budapest_party": f"Council of Europe Treaty Office, chart of signatures and ratifications of ETS 185 ({_COE_CHART}185)",
    "budapest_p2_party": f"Council of Europe Treaty Office, chart of signatures and ratifications of CETS 224 "
                         f"({_COE_CHART}224)",
    "lanzarote_party": f"Council of Europe Treaty Office, chart of signatures and ratifications of CETS 201 "
                       f"({_COE_CHART}201)",
    "opsc_party": f"UN Treaty Collection, chapter IV-11-c ({_UNTC}IV-11-c&chapter=4)",
    "un_cybercrime_party": f"UN Treaty Collection, chapter XVIII-16 ({_UNTC}XVIII-16&chapter=18)",
}


@dataclass(frozen=True)
class ReviewItem:
    """One thing to re-check: where it is, why it is due, and what to look at."""

    where: str            # path, with :line for a data row
    what: str             # the unit's title, or the row's subject
    reason: str           # 'review date 1 November 2027 has passed' or 'last checked 1 November 2026'
    recheck: str          # what to re-check, and against what
    due: dt.date | None   # the review date (units) or the check date plus a year (rows)

    def line(self) -> str:
        return f"{self.where}: {self.what}: {self.reason}. Re-check: {self.recheck}"


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def unit_dates(unit: Unit) -> tuple[dt.date | None, dt.date | None]:
    """A unit's (law_as_of, review_by) from its metadata; None where absent or not a date."""
    meta = unit.meta or {}
    return _date(meta.get("law_as_of")), _date(meta.get("review_by"))


def overdue(unit: Unit, today: dt.date) -> bool:
    """Whether the unit's review date has passed (the page then shows a dated notice)."""
    review_by = unit_dates(unit)[1]
    return review_by is not None and review_by < today


def _unit_items(course: Course, today: dt.date) -> Iterable[ReviewItem]:
    for unit in course.units:
        law_as_of, review_by = unit_dates(unit)
        if review_by is None and law_as_of is None:
            continue
        countries = (unit.meta or {}).get("countries") or []
        recheck = "the laws, sections and treaty statuses the page shows, against the official sources"
        if countries and (unit.meta or {}).get("kind") == "country-update":
            code = countries[0].lower()
            recheck += f"; its data: data/country-updates/{code}.yaml and the {countries[0]} rows of data/legislation.csv"
        if review_by and review_by < today:
            yield ReviewItem(unit.shown, unit.title, f"review date {format_date(review_by.isoformat())} has passed",
                             recheck + "; then set law_as_of and review_by in its metadata", review_by)
        elif law_as_of and law_as_of + YEAR < today:
            yield ReviewItem(unit.shown, unit.title, f"law last checked {format_date(law_as_of.isoformat())}, more "
                             "than a year ago", recheck, law_as_of + YEAR)


def _legislation_items(course: Course, today: dt.date) -> Iterable[ReviewItem]:
    shown = "data/legislation.csv"
    path = course.root / shown
    if not path.exists():
        return
    rows, _ = read_csv(path, shown, LegislationRow)
    sources = course.sources
    for row in rows:
        r: LegislationRow = row.value
        if r.as_of + YEAR >= today:
            continue
        label = PROVISIONS[r.provision].label if r.provision in PROVISIONS else r.provision
        cited = sources[r.source].title if r.source in sources else None
        if r.provision in DEPOSITARIES:
            recheck = f"the status against the depositary: {DEPOSITARIES[r.provision]}"
            recheck += f" (the row now cites {cited})" if cited else ""
        else:
            recheck = f"the status against {cited or 'an official source'}"
        yield ReviewItem(f"{shown}:{row.line}", f"{r.country} {label} ({r.status})",
                         f"last checked {format_date(r.as_of.isoformat())}, more than a year ago",
                         f"{recheck}; then update as_of", r.as_of + YEAR)


def _yaml_dated(course: Course, folder: str, key: str, today: dt.date, recheck: str) -> Iterable[ReviewItem]:
    base = course.root / "data" / folder
    for path in sorted(base.glob("*.yaml")) if base.is_dir() else []:
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue  # validate reports an unreadable file
        when = _date(doc.get(key)) if isinstance(doc, dict) else None
        if when is None and isinstance(doc, dict) and isinstance(doc.get(key), str):
            when = _date(f"{doc[key]}-01") if len(doc[key]) == 7 else None
        if when and when + YEAR < today:
            shown = course.shown(path)
            yield ReviewItem(shown, Path(shown).stem, f"last checked {format_date(when.isoformat())}, more than a "
                             "year ago", recheck, when + YEAR)


def review_items(course: Course, today: dt.date | None = None) -> list[ReviewItem]:
    """Everything due for review on ``today`` (default: the real today), most overdue first."""
    today = today or dt.date.today()
    items = [*_unit_items(course, today), *_legislation_items(course, today),
             *_yaml_dated(course, "country-updates", "as_of", today,
                          "each profile fact, law and step against its source; then update as_of"),
             *_yaml_dated(course, "instruments", "data_as_of", today,
                          "the counts of Parties and signatures against the depositary (Council of Europe "
                          "Treaty Office, UN Treaty Collection); then update data_as_of and each as_of")]
    return sorted(items, key=lambda i: (i.due or today, i.where))


def published(course: Course, unit: Unit) -> bool:
    """A unit in the table of contents (so on the website), trainer pages included."""
    files = {e.path.resolve() for e in course.toc if e.path is not None}
    return unit.path.resolve() in files


def ci_failures(course: Course, today: dt.date | None = None) -> list[Unit]:
    """Published units more than a year past their review date: CI fails on these."""
    today = today or dt.date.today()
    out = []
    for unit in course.units:
        review_by = unit_dates(unit)[1]
        if review_by and review_by + CI_GRACE < today and published(course, unit):
            out.append(unit)
    return out
