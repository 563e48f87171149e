"""The course overview unit: who took part, and where they are on the clock."""

from __future__ import annotations

from ..model import data
from ..model.timezones import format_offset, utc_offset_hours
from .charts import Chart, utc_offsets
from .style import caption
from .tables import Table

WORKSHOP_DAY = "2021-09-21"


def country_table() -> Table:
    """The participating countries with their time zone and UTC offset."""
    df = data.countries()
    df["UTC offset"] = [format_offset(utc_offset_hours(z, WORKSHOP_DAY)) for z in df["time_zone"]]
    shown = df.rename(columns={"iso2": "Code", "name": "Country", "time_zone": "Time zone",
                               "subregion": "Subregion"})[["Country", "Code", "Subregion", "Time zone", "UTC offset"]]
    ids = sorted(set(df["source"])) + ["iana-tz-database"]
    return Table(shown, "The ten participating countries",
                 caption(data.source_titles(ids), None))


def offset_chart() -> Chart:
    """Bar chart of each country's UTC offset on the workshop day."""
    df = data.countries()
    return utc_offsets(df, on=WORKSHOP_DAY,
                       caption=caption(data.source_titles(["iana-tz-database"]), WORKSHOP_DAY)
                       + " Indonesia is shown with Jakarta time; it spans three time zones.")
