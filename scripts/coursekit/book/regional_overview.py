"""The regional overview page (``book/challenges.ipynb``): data loaded, captions written, charts drawn.

The chart functions in ``regional_charts`` take any DataFrame; this module feeds them the course's
data and writes each caption from the rows actually drawn (their sources and dates), so a notebook
cell is one call.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

import pandas as pd

from ..model import challenges, evidence, figures, legislation
from . import data, regional_charts
from .alignment import AlignmentMatrix, alignment_matrix
from .charts import Chart
from .i18n import N_, _, dates_in
from .style import caption
from .tables import Table

MAX_NAMED_SOURCES = 3
MANY_SOURCES = N_("{count} sources, cited row by row and listed under Sources at the end of this page")
_PERIOD = re.compile(r"^Reports dated (?P<first>.+?)(?: to (?P<last>.+?))?\.$")


def period(phrase: str) -> str:
    """``challenges.period_phrase``'s 'Reports dated 2022 to May 2023.' in the page's language."""
    m = _PERIOD.match(phrase)
    if not m:
        return _(phrase)
    if m["last"]:
        return _("Reports dated {first} to {last}.").format(first=dates_in(m["first"]), last=dates_in(m["last"]))
    return _("Reports dated {first}.").format(first=dates_in(m["first"]))


def source_caption(ids: Iterable[str | None], *, as_of: dt.date | None = None, period_text: str = "") -> str:
    """'Source: A; B. Data as of ...' for a few sources; for many, a count pointing to the Sources list."""
    ids = [i for i in dict.fromkeys(ids) if isinstance(i, str) and i]
    if len(ids) <= MAX_NAMED_SOURCES:
        text = caption(data.source_titles(ids), as_of)
    else:
        text = caption([_(MANY_SOURCES).format(count=len(ids))], as_of)
    return f"{text} {period(period_text)}".strip()


def latest(dates: pd.Series) -> dt.date | None:
    """The most recent as-of date of the rows shown (None when there are no rows)."""
    return max(dates) if len(dates) else None


def _country_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Challenge rows about one country (region-wide rows are shown apart)."""
    return df[df["country"].isin(list(data.country_names()))]


def _caption(df: pd.DataFrame) -> str:
    return source_caption(df["source"], period_text=challenges.period_phrase(list(df["reported_at"])))


def category_chart() -> Chart:
    """Bar chart of reported challenges by category, across the ten countries (region-wide rows apart)."""
    df = _country_rows(challenges.frame())
    return regional_charts.challenges_by_category(df, data.country_names(), caption=_caption(df))


def country_chart() -> Chart:
    """Bar chart of reported challenges by country, with region-wide reports apart."""
    df = challenges.frame()
    return regional_charts.challenges_by_country(df, data.country_names(), challenges.regions(), caption=_caption(df))


def small_multiples() -> Chart:
    """One small panel per country: the categories it reported, on one scale."""
    df = _country_rows(challenges.frame())
    return regional_charts.country_small_multiples(df, data.country_names(), caption=_caption(df))


def heatmap() -> Chart:
    """Heatmap of reported challenges by country and category, region-wide rows last."""
    df = challenges.frame()
    return regional_charts.country_category_heatmap(df, data.country_names(), regions=challenges.regions(),
                                                    caption=_caption(df))


def alignment() -> AlignmentMatrix:
    """The legislative alignment matrix: every country, every provision, each cell with its evidence level."""
    df = legislation.frame()
    known = df[df["status"] != "unknown"]
    return alignment_matrix(df, data.country_names(), list(legislation.PROVISIONS),
                            caption=N_("Legislative alignment with the international standards"),
                            source=source_caption(known["source"], as_of=latest(df["as_of"])))


def alignment_chart() -> Chart:
    """The same matrix as a chart, for trainers' slides."""
    df = legislation.frame()
    known = df[df["status"] != "unknown"]
    return regional_charts.alignment_matrix(df, data.country_names(), list(legislation.PROVISIONS),
                                            caption=source_caption(known["source"], as_of=latest(df["as_of"])))


def timeline() -> Chart:
    """When each country signed or became a Party to each treaty."""
    df = legislation.frame()
    events = legislation.treaty_events(df)
    return regional_charts.treaty_timeline(
        df, data.country_names(),
        caption=source_caption(events["source"], as_of=latest(df["as_of"]))
        + " " + _("Years of ratification or accession as recorded by the sources; a country with no dated step is "
                  "not shown."))


def challenge_frame(df: pd.DataFrame, *, with_country: bool = True) -> pd.DataFrame:
    """Reported challenges as the page shows them: the date of the statement, the evidence level, and
    for a challenge later addressed, both dates."""
    names = {**data.country_names(), **challenges.regions()}
    shown = pd.DataFrame({
        "Country": [names.get(c, c) for c in df["country"]],
        "Category": [challenges.label(c) for c in df["category"]],
        N_("Challenge reported"): df["description"],
        N_("Reported"): [challenges.date_phrase(v) for v in df["reported_at"]],
        N_("Evidence"): [evidence.phrase(v) for v in df["evidence"]],
        N_("Since then"): [_since_then(r) for r in df.itertuples()],
        "Source": data.source_titles(list(df["source"])),
    })
    return shown if with_country else shown.drop(columns=["Country"])


def _since_then(r) -> str:
    if not isinstance(r.addressed_at, str) or not r.addressed_at:
        return ""
    title = data.source_titles([r.addressed_source])[0]
    return _("Addressed {date}: {note} (Source: {source})").format(  # the note is data text: data.po
        date=challenges.date_phrase(r.addressed_at), note=_(r.addressed_note), source=title)


def _ordered(df: pd.DataFrame) -> pd.DataFrame:
    order = {c: k for k, c in enumerate(data.country_names())}
    return df.assign(_o=df["country"].map(order).fillna(99), _d=df["reported_at"]).sort_values(
        ["_o", "_d"], ascending=[True, False], kind="stable").drop(columns=["_o", "_d"])


def recent_table(since: int = challenges.RECENT_SINCE) -> Table:
    """Challenges reported for a country since ``since`` (the default view), newest first per country."""
    df = _country_rows(challenges.frame())
    df = _ordered(df[[challenges.is_recent(v, since) for v in df["reported_at"]]])
    return Table(challenge_frame(df), _("Challenges reported since {year}, country by country").format(year=since), _caption(df),
                 group_by="Country", repeats="elsewhere")


def older_table(since: int = challenges.RECENT_SINCE) -> Table:
    """Challenges reported before ``since``: each shows its year, and describes the situation then."""
    df = _country_rows(challenges.frame())
    df = _ordered(df[[not challenges.is_recent(v, since) for v in df["reported_at"]]])
    frame = challenge_frame(df)
    frame.insert(0, "Year", [str(challenges.year_of(v)) for v in df["reported_at"]])
    return Table(frame, _("Older reports (before {year}): they describe the situation in the year shown").format(year=since),
                 _caption(df), group_by="Country", repeats="elsewhere")


def region_table() -> Table:
    """Challenges reported for the region as a whole (ASEAN-wide), kept apart from the countries'."""
    df = challenges.frame()
    df = df[df["country"].isin(list(challenges.regions()))].sort_values("reported_at", ascending=False)
    return Table(challenge_frame(df), N_("Challenges reported for the region as a whole (not counted for any country)"), _caption(df), group_by="Category")


def addressed_table() -> Table:
    """Challenges later addressed, with the date of the report and the date it was addressed."""
    df = challenges.frame()
    df = df[df["addressed_at"].fillna("").astype(bool)]
    return Table(challenge_frame(_ordered(df)), N_("Challenges since addressed: reported, then addressed"), _caption(df),
                 group_by="Country", phone_fold=True,  # on a phone, one line with its count until opened
                 repeats="elsewhere")  # every row is in its country's list too, with what was done since


def challenges_table() -> Table:
    """Every reported challenge in words, with its source: what the charts count."""
    df = _ordered(challenges.frame())
    return Table(challenge_frame(df), N_("Reported challenges, country by country"), _caption(df))


def alignment_notes_table() -> Table:
    """What each known status rests on: the law and section, the evidence level, the note and the source."""
    df = legislation.frame()
    df = df[df["status"] != "unknown"]
    names = data.country_names()
    shown = pd.DataFrame({
        "Country": [names.get(c, c) for c in df["country"]],
        "Provision": [legislation.PROVISIONS[p].label for p in df["provision"]],
        "Status": [legislation.status_with_evidence(p, s, e)
                   for p, s, e in zip(df["provision"], df["status"], df["evidence"], strict=True)],
        "Law": df["law"].fillna(""),
        "Section": df["section"].fillna(""),
        "Since": [legislation.since_phrase(s) for s in df["since"]],
        "What the source shows": df["note"].fillna(""),
        "Source": data.source_titles(list(df["source"])),
    })
    return Table(shown, N_("What each known status rests on"), source_caption(df["source"], as_of=latest(df["as_of"])),
                 group_by="Country")


def page_sources() -> list[str]:
    """Every source id the overview page cites, for its Sources section."""
    lg = legislation.frame()
    ch = challenges.frame()
    fg = figures.frame()
    ids = list(ch["source"]) + list(ch["addressed_source"].dropna()) + list(lg.loc[lg["status"] != "unknown", "source"])
    ids += list(fg["source"])
    return [i for i in dict.fromkeys(ids) if isinstance(i, str) and i]


def folded(table: Table, summary: str) -> Table:
    """A long table folded under a one-line summary (open by a tap), so the page stays short on a phone."""
    return replace(table, collapsed=_("{summary} ({rows} rows)").format(summary=_(summary), rows=len(table.frame)))


def older_reports() -> Table:
    """The older reports, folded: shown on request, each labelled with its year."""
    return folded(older_table(), _("Show the reports from before {year}").format(year=challenges.RECENT_SINCE))


def alignment_notes() -> Table:
    """What each known status rests on, folded under the matrix."""
    return folded(alignment_notes_table(), N_("Show what each status rests on: law, section, evidence, source"))
