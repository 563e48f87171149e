"""Figures shown on the country and regional pages (``data/figures.csv``): CyberTipline report counts,
Disrupting Harm findings and other sourced numbers, one row per country, measure and period.

A figure lives here once, with its source, period and evidence level, so every page that shows it
shows the same number; ``checks.consistency`` finds a data file that states a figure from the same
source differently. Where two sources disagree, both rows are kept, each with its own source: the
page shows both, never a blend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from pydantic import Field

from . import data, evidence
from .dates import format_date
from .records import SOURCE_ID, Strict

# 2021, 2022-H1, 2020-01-2020-04 (from-to months), or 2022-past-year: the 12 months before a survey whose
# dates the source does not give, published in 2022 (a survey's publication year is not the period it measured)
PERIOD = r"^\d{4}(-(\d{2}|H[12]))?(-\d{4}-\d{2})?$|^\d{4}-past-year$"


@dataclass(frozen=True)
class Measure:
    """What a figure counts; ``pattern`` finds a statement of it in other data files' text."""

    id: str
    label: str
    unit: str            # "reports", "%", ...
    pattern: str         # regex for a sentence that states this measure


MEASURES: dict[str, Measure] = {m.id: m for m in (
    Measure("cybertipline-reports", "CyberTipline reports", "reports", r"CyberTipline|tipline|NCMEC"),
    Measure("cybertipline-images", "Images reported (Police, linked to NCMEC data)", "images", r"images"),
    Measure("dh-past-year-ocsea", "Children subjected to online sexual exploitation and abuse in the past year "
            "(Disrupting Harm)", "%", r"Disrupting Harm"),
    Measure("suspicious-transaction-reports", "Suspicious transaction reports", "reports",
            r"suspicious transaction"),
    Measure("picacc-victims-rescued", "Victims rescued through PICACC", "victims", r"rescued"),
    Measure("children-victimised-share", "Children victimised online (Save the Children)", "%",
            r"victimised by online"),
)}


class FigureRow(Strict):
    """One row of ``data/figures.csv``: one sourced number for a country (or region) and period."""

    country: str = Field(pattern=r"^[A-Z]{2,8}$")
    measure: str = Field(pattern=r"^[a-z0-9-]+$")
    period: str = Field(pattern=PERIOD)
    value: float = Field(allow_inf_nan=False)  # "inf" or "nan" would be published as a number
    qualifier: str | None = Field(default=None, pattern=r"^(about|at least|up to)$")
    what: str = Field(min_length=5)
    source: str = Field(pattern=SOURCE_ID)
    evidence: str = Field(pattern=evidence.PATTERN)
    note: str | None = None


COLUMNS = list(FigureRow.model_fields)


def frame() -> pd.DataFrame:
    """The whole table (an empty frame with the columns when the course has no figures file)."""
    if not data.path("figures.csv").exists():
        return pd.DataFrame(columns=COLUMNS)
    rows = data.table("figures.csv", FigureRow)
    return pd.DataFrame([r.model_dump() for r in rows], columns=COLUMNS)


def value_text(value: float, measure: str, qualifier: str | None = None) -> str:
    """'about 426,961' or 'at least 4%' as the page shows a figure."""
    unit = MEASURES[measure].unit if measure in MEASURES else ""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    text = f"{number}%" if unit == "%" else number
    return f"{qualifier} {text}" if qualifier else text


def period_text(period: str) -> str:
    """'2021', 'January to June 2022', 'January to April 2020' for a period value."""
    m = re.fullmatch(r"(\d{4})-past-year", period)
    if m:
        return f"12 months before the survey (dates not given; report published {m.group(1)})"
    m = re.fullmatch(r"(\d{4})-H([12])", period)
    if m:
        return ("January to June " if m.group(2) == "1" else "July to December ") + m.group(1)
    m = re.fullmatch(r"(\d{4}-\d{2})-(\d{4}-\d{2})", period)
    if m:
        first, last = format_date(m.group(1)), format_date(m.group(2))
        if first.split()[-1] == last.split()[-1]:
            first = first.rsplit(" ", 1)[0]
        return f"{first} to {last}"
    return format_date(period)


def period_year(period: str) -> int:
    """The (first) year a period covers."""
    return int(period[:4])
