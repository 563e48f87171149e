"""The course overview unit: who took part, and where they are on the clock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.text import myst_inline
from ..model.timezones import format_offset, utc_offset_hours
from . import data
from .charts import Chart, utc_offsets
from .i18n import N_, _
from .style import caption
from .tables import Table

WORKSHOP_DAY = "2021-09-21"


def country_table() -> Table:
    """The participating countries with their time zone and UTC offset."""
    df = data.countries()
    # the headers and the title are marked for the catalogues; Table shows them in the page's language
    headers = {"name": N_("Country"), "iso2": N_("Code"), "subregion": N_("Subregion"),
               "time_zone": N_("Time zone"), "offset": N_("UTC offset")}
    df["offset"] = [format_offset(utc_offset_hours(z, WORKSHOP_DAY)) for z in df["time_zone"]]
    shown = df[list(headers)].rename(columns=headers)
    ids = sorted(set(df["source"])) + ["iana-tz-database"]
    return Table(shown, N_("The ten participating countries"), caption(data.source_titles(ids), None))


def offset_chart() -> Chart:
    """Bar chart of each country's UTC offset on the workshop day."""
    df = data.countries()
    return utc_offsets(df, on=WORKSHOP_DAY,
                       caption=caption(data.source_titles(["iana-tz-database"]), WORKSHOP_DAY)
                       + " " + _("Indonesia is shown with Jakarta time; it spans three time zones."))


def course_map() -> CourseMap:
    """Every part of the course and its units, in teaching order, each a link to its page."""
    course = data.course()
    titles = {u.path.resolve(): u.title for u in course.units}
    parts: dict[str, list[tuple[str, str]]] = {}
    for entry in course.toc:
        if entry.path is None or entry.part is None or data.is_trainer_page(entry.file) or entry.file == "book/overview":
            continue
        title = titles.get(entry.path.resolve()) or _markdown_title(entry.path) or entry.file
        parts.setdefault(entry.part or "Course", []).append((title, data.staged_name(entry.file) + entry.path.suffix))
    return CourseMap(parts)


def _markdown_title(path: Path) -> str | None:
    if path.suffix != ".md":
        return None
    for line in data.text(path).splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


@dataclass
class CourseMap:
    """The parts and their units as a MyST list of links (the overview's "The course, part by part")."""

    parts: dict[str, list[tuple[str, str]]]

    def _repr_markdown_(self) -> str:
        out = []
        for part, units in self.parts.items():
            out.append(f"**{myst_inline(part)}**\n")
            out += [f"- [{myst_inline(title)}]({target})" for title, target in units]
            out.append("")
        return "\n".join(out)
