"""Charts as objects that know their title, caption and alt text.

A ``Chart`` renders in a notebook as a MyST figure: the image is saved as PNG (for the page) and
SVG (for trainers' slides) beside the notebook, with alt text generated from the data, and a
caption naming the source and the as-of date. Chart functions return data and never read files
themselves, so tests can call them with any table.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from ..model import atomic
from ..model.text import myst_inline
from ..model.timezones import utc_offset_hours
from .style import OKABE_ITO, new_figure

FIGURE_DIR = "_figures"


@dataclass
class Chart:
    """A finished chart and the words that go with it."""

    name: str
    figure: Figure
    title: str
    alt: str
    caption: str

    def save(self, folder: Path) -> dict[str, Path]:
        """Write ``<name>.png`` and ``<name>.svg`` into ``folder``; return their paths.

        Each file is drawn in memory and written atomically, so an interrupted run never leaves a
        half-written image for a page or a trainer's slides."""
        out = {}
        for fmt in ("png", "svg"):
            p = folder / f"{self.name}.{fmt}"
            buf = io.BytesIO()
            self.figure.savefig(buf, format=fmt, metadata={"Title": self.title} if fmt == "png" else None)
            atomic.write_bytes(p, buf.getvalue(), overwrite=True)
            out[fmt] = p
        return out

    def markdown(self, folder: str = FIGURE_DIR) -> str:
        """The MyST figure that shows this chart, with its alt text and caption.

        Title and caption are often built from data (a country's name, a reported challenge), so
        they are written as literal text: Markdown and HTML in them show as typed and never run.
        The alt text is a directive option, which Sphinx escapes itself; it only needs one line.
        """
        alt = re.sub(r"\s+", " ", self.alt).strip()
        return (f":::{{figure}} {folder}/{self.name}.png\n:alt: {alt}\n:name: fig-{self.name}\n\n"
                f"**{literal(self.title)}.** {literal(self.caption)}\n:::\n")

    def _repr_markdown_(self) -> str:
        self.save(Path.cwd() / FIGURE_DIR)
        return self.markdown()


literal = myst_inline  # the name chart code has always used for MyST text shown as typed


def list_phrase(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def horizontal_bars(values: pd.Series, *, name: str, title: str, xlabel: str, caption: str,
                    unit: str = "", colour: str = OKABE_ITO[0], value_format: str = "{:g}") -> Chart:
    """A labelled horizontal bar chart of one value per category, largest at the top."""
    values = values.sort_values()
    fig = new_figure(8, max(2.5, 0.45 * len(values) + 1.2))
    ax = fig.axes[0]
    bars = ax.barh([str(i) for i in values.index], values.to_numpy(), color=colour)
    ax.bar_label(bars, labels=[value_format.format(v) + unit for v in values], padding=3)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.15)
    ranked = values.sort_values(ascending=False)
    parts = [f"{k} {value_format.format(v)}{unit}" for k, v in ranked.items()]
    alt = f"Bar chart: {title}. {xlabel} by category, from highest to lowest: {list_phrase(parts)}."
    return Chart(name, fig, title, alt, caption)


def utc_offsets(countries: pd.DataFrame, *, caption: str, on: str = "2021-09-21") -> Chart:
    """Each participating country's offset from UTC on a given day (for planning online sessions)."""
    offsets = pd.Series({row.name: utc_offset_hours(row.time_zone, on) for row in countries.itertuples()})
    return horizontal_bars(offsets, name="utc-offsets", title="Participating countries' offset from UTC",
                           xlabel="Hours ahead of UTC", caption=caption, value_format="{:+g}", unit=" h")
