"""A chart of many labelled rows, shown on slides a few rows at a time.

A page chart may have 35 rows (the coverage grid: one per article of the Budapest Convention). On a
phone it scrolls; on a 16:9 slide, with type a room can read (20 pt), the rows would be drawn on top
of one another. So the slide drawing shows the rows in windows ("pages"), each on a slide of its own,
with every row at least ROW_PITCH type sizes high. Only the view changes: the same axes, the same
labels, the same colours; texts drawn in a row (the grid's "not taught", a bar's value) go with it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation

ROW_PITCH = 1.3  # a row at least this many times its label's type size high: labels never touch


def row_axes(fig: Figure) -> Axes | None:
    """The axes whose y axis is a list of labelled rows (words, not numbers), if the figure has one."""
    for ax in fig.axes:
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text().strip()]
        words = [x for x in labels if not x.replace(".", "").replace("−", "").replace("-", "").replace(",", "").isdigit()]
        if len(words) >= 2 and len(words) == len(labels):
            return ax
    return None


def _row_step(ax: Axes) -> float:
    """The distance between two rows, in data units (1 when there is one row)."""
    ticks = sorted(ax.get_yticks())
    return min((b - a for a, b in zip(ticks, ticks[1:], strict=False)), default=1.0) or 1.0


def row_pitch_pt(ax: Axes) -> float:
    """How high one row is drawn, in points (the figure was just laid out)."""
    step = _row_step(ax)
    height = ax.get_window_extent().height * 72 / ax.figure.dpi
    lo, hi = ax.get_ylim()
    return height * step / abs(hi - lo)


def windows(ax: Axes, font_pt: float) -> list[list[float]]:
    """The rows (tick positions) of each slide: one window if every row is ROW_PITCH x ``font_pt``
    high as laid out, else as few windows of equal size as give each row that height."""
    ticks = [t for t in sorted(ax.get_yticks()) if min(ax.get_ylim()) <= t <= max(ax.get_ylim())]
    need = ROW_PITCH * font_pt
    pitch = row_pitch_pt(ax)
    if pitch >= need or len(ticks) < 2:
        return [ticks]
    rows_fit = max(1, math.floor(pitch * len(ticks) / need))  # the axes' height holds this many rows
    pages = math.ceil(len(ticks) / rows_fit)
    per = math.ceil(len(ticks) / pages)
    return [ticks[i:i + per] for i in range(0, len(ticks), per)]


@contextmanager
def showing(ax: Axes, rows: list[float]) -> Iterator[None]:
    """The axes viewing only ``rows`` (in the order the page draws them); texts placed in other rows
    are hidden. Everything is put back afterwards."""
    lo, hi = ax.get_ylim()
    step = _row_step(ax)
    first, last = min(rows) - step / 2, max(rows) + step / 2
    hidden = []
    for t in ax.texts:
        y = t.xy[1] if isinstance(t, Annotation) else t.get_position()[1]
        if t.get_visible() and t.get_transform() is not None and not first <= y <= last:
            if isinstance(t, Annotation) or t.get_transform() == ax.transData:
                t.set_visible(False)
                hidden.append(t)
    ax.set_ylim((last, first) if lo > hi else (first, last))
    try:
        yield
    finally:
        ax.set_ylim(lo, hi)
        for t in hidden:
            t.set_visible(True)
