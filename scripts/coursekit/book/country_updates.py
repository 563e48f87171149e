"""A country-update page: the country's profile, key laws and steps taken, its treaty status, its
alignment with the standards and the challenges it reported, each shown with its sources.

The words a trainer writes live in the notebook; the facts live in ``data/country-updates/<code>.yaml``
(``model.country_updates``), ``data/legislation.csv`` and ``data/challenges.csv``, so every fact on the
page carries its source and a page can never state what the data does not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..model import challenges, figures, instruments, legislation
from ..model.country_updates import UNIT_FOLDER, CountryUpdate, load
from ..model.dates import format_date
from ..model.findings import InputError
from . import data, regional_charts
from .charts import Chart, literal
from .i18n import N_, _, dates_in
from .regional_overview import challenge_frame, latest, source_caption
from .tables import Table


def _long_date(value: str) -> str:
    d = dt.date.fromisoformat(value)
    return dates_in(f"{d.day} {d.strftime('%B %Y')}")


NOT_STATED = N_("not stated")
LAW_NOTICE = N_("**Law as of:** {law}. **Review by:** {review}. Treaty status and laws change: check the sources "
                "before relying on this page.")


@dataclass
class UnitDates:
    """The law-as-of and review-by dates of a unit, shown at the top of its page."""

    law_as_of: str | None
    review_by: str | None

    def _repr_markdown_(self) -> str:
        law = _long_date(self.law_as_of) if self.law_as_of else _(NOT_STATED)
        review = _long_date(self.review_by) if self.review_by else _(NOT_STATED)
        return ":::{note}\n" + _(LAW_NOTICE).format(law=law, review=review) + "\n:::\n"


def dates(iso2: str) -> UnitDates:
    """The unit's dates, read from its own metadata, so the page always says what the metadata says."""
    meta = data.notebook_metadata(f"{UNIT_FOLDER}/{iso2.lower()}.ipynb")
    return UnitDates(meta.get("law_as_of"), meta.get("review_by"))


def profile_table(update: CountryUpdate) -> Table:
    """Institutions and context, each fact with its source."""
    frame = pd.DataFrame({"Fact": [f.fact for f in update.profile],
                          "Source": data.source_titles([f.source for f in update.profile])})
    return Table(frame, N_("Country profile"), source_caption([f.source for f in update.profile], as_of=update.as_of),
                 phone_fold=True)


def laws_table(update: CountryUpdate) -> Table:
    """Key national laws, each with what it does and its source."""
    frame = pd.DataFrame({"Law": [x.law for x in update.laws], "What it does": [x.about for x in update.laws],
                          "Source": data.source_titles([x.source for x in update.laws])})
    return Table(frame, N_("Key laws"), source_caption([x.source for x in update.laws], as_of=update.as_of),
                 phone_fold=True)


def steps_table(update: CountryUpdate) -> Table:
    """Steps taken, oldest first (undated steps last), each with its source."""
    steps = sorted(update.steps, key=lambda s: (s.year is None, s.year or 0))
    frame = pd.DataFrame({"Year": [str(s.year) if s.year else "" for s in steps], "Step taken": [s.step for s in steps],
                          "Source": data.source_titles([s.source for s in steps])})
    return Table(frame, N_("Steps taken"), source_caption([s.source for s in steps], as_of=update.as_of),
                 phone_fold=True)


def _rows(iso2: str, provisions: list[str]) -> pd.DataFrame:
    df = legislation.frame()
    df = df[(df["country"] == iso2) & df["provision"].isin(provisions)]
    order = {p: k for k, p in enumerate(provisions)}
    return df.sort_values("provision", key=lambda s: s.map(order))


def _source_cell(source: object) -> str:
    return data.source_titles([source])[0] if isinstance(source, str) and source else _("none found")


def treaty_table(iso2: str) -> Table:
    """The country's status under each treaty, with the date, what the source shows, its evidence level
    and the source; a secondary status says so in the Status column itself."""
    df = _rows(iso2, legislation.TREATY_PROVISIONS)
    frame = pd.DataFrame({
        "Treaty": [legislation.PROVISIONS[p].label for p in df["provision"]],
        "Status": [legislation.status_with_evidence(p, s, e)
                   for p, s, e in zip(df["provision"], df["status"], df["evidence"], strict=True)],
        "Since": [legislation.since_phrase(s) for s in df["since"]],
        "As of": [dates_in(format_date(d.isoformat())) for d in df["as_of"]],
        "Note": df["note"].fillna(""),
        "Source": [_source_cell(s) for s in df["source"]],
    })
    return Table(frame, _("Treaty status: {country}").format(country=data.country_names().get(iso2, iso2)),
                 source_caption(df["source"], as_of=latest(df["as_of"])), phone_fold=True)


def alignment_table(iso2: str) -> Table:
    """National law against the standards, provision by provision: the law and its section, the evidence
    level; unknown says unknown."""
    df = _rows(iso2, legislation.LAW_PROVISIONS)
    frame = pd.DataFrame({
        "Provision": [legislation.PROVISIONS[p].label for p in df["provision"]],
        "Standards": [standards_text(legislation.PROVISIONS[p].standards) for p in df["provision"]],
        "Status": [legislation.status_with_evidence(p, s, e)
                   for p, s, e in zip(df["provision"], df["status"], df["evidence"], strict=True)],
        "Law": df["law"].fillna(""),
        "Section": df["section"].fillna(""),
        "What the source shows": df["note"].fillna(""),
        "Source": [_source_cell(s) for s in df["source"]],
    })
    return Table(frame, _("Alignment with the standards: {country}").format(
                     country=data.country_names().get(iso2, iso2)),
                 source_caption(df["source"], as_of=latest(df["as_of"])), group_by="Status")


def standards_text(refs: tuple[str, ...]) -> str:
    """'Budapest Convention Art. 9; Lanzarote Convention Art. 20' for unit-style references."""
    parts = []
    for ref in refs:
        inst_id, number = instruments.parse_reference(ref)
        try:
            inst = instruments.load(inst_id)
            parts.append(f"{inst.short_title} {inst.item_name[:3]}. {number}" if inst.item_name == "Article"
                         else f"{inst.short_title} {inst.item_name} {number}")
        except InputError:
            parts.append(ref)  # the instrument file is missing or broken: validate reports it
    return "; ".join(parts)


@dataclass
class NoChallenges:
    """Said plainly instead of an empty chart: nothing sourced is recorded for this country."""

    country_name: str

    def _repr_markdown_(self) -> str:
        return _("No challenges for {country} are recorded from a sourced report yet, so no chart is drawn. This is "
                 "a gap in the course's sources, not a statement that there are no challenges. Trainers can add what "
                 "participants report with `python3 scripts/course.py import-challenges`.").format(
                     country=literal(self.country_name)) + "\n"


def challenges_chart(iso2: str) -> Chart | NoChallenges:
    """The country's reported challenges by category, or a plain note when none is sourced."""
    df = challenges.frame()
    rows = df[df["country"] == iso2]
    name = data.country_names().get(iso2, iso2)
    chart = regional_charts.country_challenges(
        df, iso2, name, caption=source_caption(rows["source"], period_text=challenges.period_phrase(list(rows["reported_at"]))))
    return chart if chart is not None else NoChallenges(name)


def challenges_table(iso2: str) -> Table | None:
    """The country's reported challenges in words, newest first: the date of each statement (older ones
    describe the situation then), its evidence level, and when a challenge was later addressed."""
    df = challenges.frame()
    rows = df[df["country"] == iso2].sort_values("reported_at", ascending=False, kind="stable")
    if rows.empty:
        return None
    frame = challenge_frame(rows, with_country=False)
    return Table(frame, N_("Reported challenges, newest first"), group_by="Category", repeats="country", source=
                 source_caption(rows["source"], period_text=challenges.period_phrase(list(rows["reported_at"]))))


def page_sources(iso2: str, extra: list[str] | None = None) -> list[str]:
    """Every source the page cites: its metadata sources, then its data, legislation and challenges rows."""
    lg = legislation.frame()
    ch = challenges.frame()
    ids = list(extra or []) + load(iso2).source_ids()
    ids += list(lg.loc[lg["country"] == iso2, "source"]) + list(ch.loc[ch["country"] == iso2, "source"])
    ids += list(ch.loc[ch["country"] == iso2, "addressed_source"].dropna())
    fg = figures.frame()
    ids += list(fg.loc[fg["country"] == iso2, "source"])
    return [i for i in dict.fromkeys(ids) if isinstance(i, str)]
