"""One look for every chart: a colour-blind-safe palette, readable sizes, titles and captions.

The palette is Okabe and Ito's (2008), distinguishable with the common colour-vision
deficiencies; status colours are paired with hatching or text so colour is never the only cue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from matplotlib.figure import Figure

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

STATUS_COLOURS = {"yes": "#009E73", "partial": "#E69F00", "no": "#D55E00", "unknown": "#BBBBBB"}

RC = {
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
}


def new_figure(width: float = 8.0, height: float = 4.5) -> Figure:
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


def caption(source_titles: Iterable[str], as_of: dt.date | str | None) -> str:
    """'Source: A; B. Data as of 1 November 2026.' for the line under a chart or table."""
    titles = [t for t in dict.fromkeys(source_titles) if t]
    text = f"Source: {'; '.join(titles)}." if titles else "Source: not stated."
    if as_of:
        d = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of))
        text += f" Data as of {d.day} {d.strftime('%B %Y')}."
    return text
