"""Figures on the page (``data/figures.csv``): CyberTipline report counts and Disrupting Harm findings.

CyberTipline counts measure reports made (mostly by US platforms), not how many children were harmed,
and the sources count differently (reports received by one agency, reports about a country, images),
so the page never adds them up or compares countries on one axis: one country's series is charted, and
the regional table lists each figure with what it counts, its period and its source.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from ..model import evidence, figures
from ..model.challenges import regions
from ..model.text import myst_inline
from . import data
from .charts import Chart, list_phrase
from .i18n import N_, _
from .regional_charts import WIDTH, chart_name, chart_title
from .regional_overview import source_caption
from .style import OKABE_ITO, new_figure
from .tables import Table

CAVEAT = N_("CyberTipline counts are reports made, mostly by US platforms, not the number of children or cases; "
            "sources count differently, so figures from different sources are not compared.")


def table(rows: pd.DataFrame, caption: str, *, with_country: bool = True) -> Table:
    """Each figure with what it counts, its period, its evidence level and its source."""
    names = {**data.country_names(), **regions()}
    frame = pd.DataFrame({
        "Country": [names.get(c, c) for c in rows["country"]],
        N_("What is counted"): rows["what"],
        "Period": [figures.period_text(p) for p in rows["period"]],
        "Figure": [figures.value_text(v, m, q if isinstance(q, str) else None)
                   for v, m, q in zip(rows["value"], rows["measure"], rows["qualifier"], strict=True)],
        "Evidence": [evidence.phrase(e) for e in rows["evidence"]],
        "Note": rows["note"].fillna(""),
        "Source": data.source_titles(list(rows["source"])),
    })
    if not with_country:
        frame = frame.drop(columns=["Country"])
    return Table(frame, caption, source_caption(rows["source"]))


def cybertipline_table() -> Table:
    """Every CyberTipline figure of the region (and the world totals), by country and period."""
    df = figures.frame()
    df = df[df["measure"].str.startswith("cybertipline")]
    return replace(table(df, _("CyberTipline figures reported for the region.") + " " + _(CAVEAT)), group_by="Country")


def dh_chart() -> Chart:
    """Disrupting Harm: the share of internet-using children aged 12-17 subjected to online sexual
    exploitation and abuse in the past year, one bar per country studied ('at least' said in the label)."""
    df = figures.frame()
    df = df[df["measure"] == "dh-past-year-ocsea"].sort_values("value")
    names = data.country_names()
    fig = new_figure(WIDTH, 0.45 * max(len(df), 1) + 1.9)
    ax = fig.axes[0]
    labels = [chart_name(names.get(c, c)) for c in df["country"]]
    bars = ax.barh(labels, df["value"], color=OKABE_ITO[0])
    texts = [figures.value_text(v, "dh-past-year-ocsea", q if isinstance(q, str) else None)
             for v, q in zip(df["value"], df["qualifier"], strict=True)]
    ax.bar_label(bars, labels=texts, padding=3, fontsize=10)
    title = _("Children harmed online in the past year")
    chart_title(fig, title)
    ax.set_xlabel("% of internet-using children aged 12-17")
    ax.set_ylabel("Country")
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.35)
    parts = [f"{names.get(c, c)} {t}" for c, t in zip(df["country"], texts, strict=True)]
    alt = _("Bar chart: {title}, Disrupting Harm household surveys, share of internet-using children aged 12 to 17 "
            "subjected to online sexual exploitation and abuse in the past year: {items}.").format(
                title=title, items=list_phrase(parts))
    caption = (source_caption(df["source"]) + " " + _(
        "Disrupting Harm reports published in 2022 (ECPAT, INTERPOL and UNICEF); the other five countries were not "
        "studied. A 2026 re-analysis uses a broader definition and gives higher figures: the two measures are not "
        "mixed here."))
    return Chart("disrupting-harm-past-year", fig, title, alt, caption)


@dataclass
class NoFigures:
    """Said plainly instead of an empty table."""

    country_name: str

    def _repr_markdown_(self) -> str:
        return _("No sourced figures for {country} are recorded yet (no CyberTipline count or Disrupting Harm finding "
                 "was found in the sources consulted). This is a gap in the course's sources.").format(
                     country=myst_inline(self.country_name)) + "\n"


def country_table(iso2: str) -> Table | NoFigures:
    """A country's figures, oldest first, or a plain note when there are none."""
    df = figures.frame()
    df = df[df["country"] == iso2].sort_values(["measure", "period"], kind="stable")
    name = data.country_names().get(iso2, iso2)
    if df.empty:
        return NoFigures(name)
    return replace(table(df, _("Figures for {country}.").format(country=name) + " " + _(CAVEAT),
                         with_country=False), phone_fold=True)


def country_series(iso2: str, measure: str = "cybertipline-reports") -> Chart | None:
    """A country's yearly series of one measure from one source, as bars; None when fewer than three years."""
    df = figures.frame()
    df = df[(df["country"] == iso2) & (df["measure"] == measure) & df["period"].str.fullmatch(r"\d{4}")]
    if df.empty:
        return None
    source = df["source"].value_counts().index[0]  # one source per chart: never a blend
    df = df[df["source"] == source].sort_values("period")
    if len(df) < 3:
        return None
    name = data.country_names().get(iso2, iso2)
    fig = new_figure(WIDTH, 3.4)
    ax = fig.axes[0]
    bars = ax.bar(df["period"], df["value"], color=OKABE_ITO[0])
    texts = [figures.value_text(v, measure, q if isinstance(q, str) else None)
             for v, q in zip(df["value"], df["qualifier"], strict=True)]
    ax.bar_label(bars, labels=[t.replace("about ", "~") for t in texts], padding=3, fontsize=10)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v / 1e6:g} m" if v >= 1e6 else f"{v:,.0f}")
    title = f"{figures.MEASURES[measure].label}: {chart_name(name)}"
    chart_title(fig, title)
    ax.set_xlabel("Year")
    ax.set_ylabel("Reports")
    ax.grid(axis="x", visible=False)
    ax.margins(y=0.18)
    what = df["what"].iloc[0]
    parts = [f"{p} {t}" for p, t in zip(df["period"], texts, strict=True)]
    alt = f"Bar chart: {title}, {what}, by year: {list_phrase(parts)}."
    return Chart(f"cybertipline-{iso2.lower()}", fig, title, alt, source_caption([source]) + f" {what}. " + _(CAVEAT))
