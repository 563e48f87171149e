"""One look for every chart: a colour-blind-safe palette, readable sizes, titles and captions.

The palette is Okabe and Ito's (2008), distinguishable with the common colour-vision
deficiencies; status colours are paired with hatching or text so colour is never the only cue.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable

from matplotlib.figure import Figure

from ..model.dates import format_date

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

STATUS_COLOURS = {"yes": "#009E73", "partial": "#E69F00", "no": "#D55E00", "unknown": "#BBBBBB"}

# Where and how big a chart is shown. The book's narrowest reader is a 390 px wide phone, where a
# chart is shown 342 CSS px wide (measured in the browser tests); every text in a chart must be at
# least 11 px high there.
PHONE_COLUMN_PX = 342
MIN_TEXT_PX = 11.0
PNG_DPI = 160                 # the PNG a page shows (natural width = figure inches x PNG_DPI; >= 200 dpi printed)
TEXT_PT = 12.0                # every text in a chart: tick labels, labels, legends, annotations
TITLE_PT = 13.0
CHART_WIDTH_IN = 4.8          # the width every chart is drawn at: TEXT_PT stays >= 11 px on a phone
PAD_IN = 0.05                 # white margin around the saved chart

RC = {
    "font.size": TEXT_PT,
    "axes.titlesize": TITLE_PT,
    "axes.titleweight": "bold",
    "axes.labelsize": TEXT_PT,
    "xtick.labelsize": TEXT_PT,
    "ytick.labelsize": TEXT_PT,
    "legend.fontsize": TEXT_PT,
    "legend.title_fontsize": TEXT_PT,
    "figure.titlesize": TITLE_PT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 110,
    "savefig.dpi": PNG_DPI,
    "savefig.bbox": "tight",
    "savefig.pad_inches": PAD_IN,
    "savefig.facecolor": "white",   # charts stay on white, also on the dark colour scheme
}


def widest_readable_in(min_font_pt: float = TEXT_PT) -> float:
    """The widest figure (inches) whose ``min_font_pt`` text is still MIN_TEXT_PX high on a phone.

    Shown at the phone's column width, a figure W inches wide is scaled by PHONE_COLUMN_PX /
    (W x dpi); a text of p points is p x dpi / 72 pixels in the PNG, so on the phone
    p x PHONE_COLUMN_PX / (72 x W) pixels, whatever the dpi."""
    return min_font_pt * PHONE_COLUMN_PX / (72 * MIN_TEXT_PX)


def displayed_text_px(min_font_pt: float, dpi: float, natural_px: float, displayed_px: float) -> float:
    """How high a text of ``min_font_pt`` points is on screen, for a PNG drawn at ``dpi`` that is
    ``natural_px`` wide and shown ``displayed_px`` wide (CSS pixels; never scaled up)."""
    return min_font_pt * dpi / 72 * min(1.0, displayed_px / natural_px)


def new_figure(width: float = CHART_WIDTH_IN, height: float = 4.5) -> Figure:
    """A figure not registered with pyplot, so notebooks never show it twice."""
    import matplotlib

    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(width, height), layout="constrained")
        fig.add_subplot()
    for k, v in RC.items():  # rc_context only covers creation; apply the rest explicitly
        if k.startswith("axes.") and k.endswith(("top", "right")):
            fig.axes[0].spines[k.rsplit(".", 1)[-1]].set_visible(bool(v))
    fig.axes[0].grid(True, alpha=0.3)
    fig.axes[0].set_axisbelow(True)
    return fig


def set_title(fig: Figure, text: str) -> None:
    """The chart's title, left-aligned over the whole figure and wrapped to its width.

    An axes title is centred over the plot area only and runs past the figure's edge when the labels
    are long; the saved PNG then grows wider than the figure and every text shrinks on a phone."""
    chars = max(20, int(fig.get_figwidth() * 72 / (TITLE_PT * 0.6)))
    fig.suptitle(textwrap.fill(text, chars), x=0.01, ha="left", fontsize=TITLE_PT, fontweight="bold")


def caption(source_titles: Iterable[str], as_of: dt.date | str | None) -> str:
    """'Source: A; B. Data as of 1 November 2026.' for the line under a chart or table."""
    titles = [t for t in dict.fromkeys(source_titles) if t]
    text = f"Source: {'; '.join(titles)}." if titles else "Source: not stated."
    if as_of:
        text += f" Data as of {format_date(str(as_of))}."
    return text
