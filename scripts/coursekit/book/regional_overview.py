"""The regional overview page (``book/challenges.ipynb``): data loaded, captions written, charts drawn.

The chart functions in ``regional_charts`` take any DataFrame; this module feeds them the course's
data and writes each caption from the rows actually drawn (their sources and dates), so a notebook
cell is one call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from ..model import challenges, data, legislation
from . import regional_charts
from .charts import Chart
from .style import caption
from .tables import Table

MAX_NAMED_SOURCES = 3


def source_caption(ids: Iterable[str | None], *, as_of: dt.date | None = None, period: str = "") -> str:
    """'Source: A; B. Data as of ...' for a few sources; for many, a count pointing to the Sources list."""
    ids = [i for i in dict.fromkeys(ids) if isinstance(i, str) and i]
    if len(ids) <= MAX_NAMED_SOURCES:
        text = caption(data.source_titles(ids), as_of)
    else:
        text = caption([f"{len(ids)} sources, cited row by row and listed under Sources at the end of this page"],
                       as_of)
    return f"{text} {period}".strip()


def latest(dates: pd.Series) -> dt.date | None:
    """The most recent as-of date of the rows shown (None when there are no rows)."""
    return max(dates) if len(dates) else None


def category_chart() -> Chart:
    """Bar chart of reported challenges by category, across the region."""
    df = challenges.frame()
    return regional_charts.challenges_by_category(
        df, data.country_names(),
        caption=source_caption(df["source"], period=challenges.period_phrase(list(df["reported_at"]))))


def heatmap() -> Chart:
    """Heatmap of reported challenges by country and category."""
    df = challenges.frame()
    return regional_charts.country_category_heatmap(
        df, data.country_names(),
        caption=source_caption(df["source"], period=challenges.period_phrase(list(df["reported_at"]))))


def alignment() -> Chart:
    """The legislative alignment matrix: every country, every provision, unknown shown as unknown."""
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
        + " Years of ratification or accession as recorded by the sources; a country with no dated step is not shown.")


def challenges_table() -> Table:
    """Every reported challenge in words, with its source: what the charts count."""
    df = challenges.frame()
    names = data.country_names()
    shown = pd.DataFrame({
        "Country": [names.get(c, c) for c in df["country"]],
        "Category": [challenges.label(c) for c in df["category"]],
        "Challenge reported": df["description"],
        "Reported": [challenges.date_phrase(v) for v in df["reported_at"]],
        "Source": data.source_titles(list(df["source"])),
    })
    return Table(shown, "Reported challenges, country by country",
                 source_caption(df["source"], period=challenges.period_phrase(list(df["reported_at"]))))


def alignment_notes_table() -> Table:
    """What each verified status rests on: the law, the note and the source, row by row."""
    df = legislation.frame()
    df = df[df["status"] != "unknown"]
    names = data.country_names()
    shown = pd.DataFrame({
        "Country": [names.get(c, c) for c in df["country"]],
        "Provision": [legislation.PROVISIONS[p].label for p in df["provision"]],
        "Status": [legislation.status_text(p, s) for p, s in zip(df["provision"], df["status"], strict=True)],
        "Law": df["law"].fillna(""),
        "Since": [legislation.since_phrase(s) for s in df["since"]],
        "What the source shows": df["note"].fillna(""),
        "Source": data.source_titles(list(df["source"])),
    })
    return Table(shown, "What each verified status rests on",
                 source_caption(df["source"], as_of=latest(df["as_of"])))


def page_sources() -> list[str]:
    """Every source id the overview page cites, for its Sources section."""
    lg = legislation.frame()
    ids = list(challenges.frame()["source"]) + list(lg.loc[lg["status"] != "unknown", "source"])
    return [i for i in dict.fromkeys(ids) if isinstance(i, str)]
