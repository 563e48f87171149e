"""Charts as objects that know their title, caption and alt text.

A ``Chart`` renders in a notebook as a MyST figure: the image is saved as PNG (for the page) and
SVG (for trainers' slides) beside the notebook, with alt text generated from the data, and a
caption naming the source and the as-of date. Chart functions return data and never read files
themselves, so tests can call them with any table.
"""

from __future__ import annotations

import contextlib
import glob
import html
import io
import re
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ..model import atomic
from ..model.text import myst_inline
from ..model.timezones import utc_offset_hours
from . import chart_canvas, i18n, slide_rows, style
from .style import OKABE_ITO, new_figure
from .tables import Table

FIGURE_DIR = "_figures"

# PNG text chunks every chart carries, read by the browser tests (tests/browser/) for any chart of
# any page, whoever wrote its function: the smallest type size (points) of any visible text, the
# dpi, the caption and the alt text. With the PNG's own width and the width a page shows it at, a
# test computes how high the smallest text appears on screen (style.displayed_text_px), which must
# be at least style.MIN_TEXT_PX on a 390 px phone and at 1280 px. A chart function meets it by
# drawing at style.CHART_WIDTH_IN (or at most style.widest_readable_in()) wide; Chart.save lifts
# any text below style.TEXT_PT to it.
MIN_FONT_KEY = "Course-Min-Font-Pt"
# The projected version of each chart (``<name>.slide.png``): drawn again landscape, the size of a
# 16:9 slide's chart box (course.py pack places it there at about 1:1), every text at least
# SLIDE_TEXT_PT, so that it reads from the back of a room.
SLIDE_SIZE_IN = (12.0, 5.2)
SLIDE_TEXT_PT = 20.0
SLIDE_DPI = 110
DPI_KEY = "Course-Dpi"
ROW_PITCH_KEY = "Course-Row-Pitch-Pt"  # a slide chart of labelled rows: how high one row is drawn, in points


@dataclass
class Chart:
    """A finished chart and the words that go with it."""

    name: str
    figure: Figure
    title: str
    alt: str
    caption: str
    table: Table | None = None  # the same data as a table, shown under the chart behind a toggle
    # "table": on paper the table stands in for the chart. A grid of 35 labelled rows, drawn for a
    # phone's width, prints with 3.5 pt labels; its table prints at the handout's 8 pt. The charts of
    # a group that share one table all say so (only one of them carries it).
    on_paper: str = "chart"

    def save(self, folder: Path) -> dict[str, Path]:
        """Write ``<name>.png`` and ``<name>.svg`` into ``folder``; return their paths.

        Each file is drawn in memory and written atomically, so an interrupted run never leaves a
        half-written image for a page or a trainer's slides.

        Laying out a chart with many labels (the coverage grids) costs far more than drawing it, so
        the layout is done once: the sizes are lifted, the width fitted, then the layout is frozen and
        both files are cut to the bounding box already measured, instead of each ``savefig`` laying
        the figure out twice again (once to find the tight box, once to draw)."""
        out = {}
        i18n.translate_figure(self.figure)  # the page's language (English: unchanged)
        with matplotlib.rc_context(style.RC), chart_canvas.measured(self.figure):
            # measured at the PNG's own resolution: text laid out at the screen's 110 dpi is narrower than
            # drawn at 160, and a long right-aligned tick label ran past the box the files are cut to
            self.figure.set_dpi(style.PNG_DPI)
            smallest, lifted = _lift_small_text(self.figure)
            box = fit_width(self.figure, laid_out=False)
            self.figure.set_layout_engine(None)  # keep the positions the layout found: no layout at savefig
            cut = box.padded(style.PAD_IN)
            for fmt in ("png", "svg"):
                p = folder / f"{self.name}.{fmt}"
                buf = io.BytesIO()
                metadata = {"Title": i18n._(self.title), "Description": i18n.caption(self.caption)}  # the page language
                if fmt == "png":
                    metadata |= {"Alt": i18n._(self.alt), MIN_FONT_KEY: f"{smallest:g}", DPI_KEY: f"{style.PNG_DPI:g}"}
                self.figure.savefig(buf, format=fmt, dpi=style.PNG_DPI, metadata=metadata, bbox_inches=cut)
                atomic.write_bytes(p, buf.getvalue(), overwrite=True)
                out[fmt] = p
            out["slide"] = self._save_slide(folder)
        return out

    def _save_slide(self, folder: Path) -> Path:
        """``<name>.slide.png``: the chart landscape for a slide, its text at least SLIDE_TEXT_PT. The
        figure is given back its page size, layout and type sizes afterwards, so a later save is the same.

        The page's layout does not hold at the slide's size and type: kept, a tall page chart (the
        regional heatmap) grew past the slide's shape, and the slide scaled it and its text down to
        15.4 pt. So the chart is laid out again (constrained) and shrunk until all it draws fits the
        slide's box (``fit_box``); a text only the slide's size brings (a new tick) is lifted too.
        A chart of more labelled rows than a slide holds at that size (the coverage grid's 35
        articles were drawn on top of one another) is shown a few rows at a time (``slide_rows``):
        ``<name>.slide.png`` holds the first rows, ``<name>.slide-2.png`` and on the next ones."""
        fig = self.figure
        size, engine, dpi = tuple(fig.get_size_inches()), fig.get_layout_engine(), fig.get_dpi()
        texts = {t: t.get_fontsize() for t in visible_texts(fig, drawn=True)}
        fig.set_dpi(SLIDE_DPI)  # laid out at the resolution it is saved at, so the cut box holds every label
        fig.set_size_inches(*SLIDE_SIZE_IN)
        fig.set_layout_engine("constrained")  # laid out again at the slide's size, with the slide's type
        written: list[Path] = []
        try:
            for t, pt in texts.items():
                t.set_fontsize(slide_size(pt))
            smallest = lift_small_text(fig, SLIDE_TEXT_PT)
            box = fit_box(fig, SLIDE_SIZE_IN)
            rows = slide_rows.row_axes(fig)
            label_pt = max((t.get_fontsize() for t in rows.get_yticklabels()), default=SLIDE_TEXT_PT) if rows else 0
            for n, window in enumerate(slide_rows.windows(rows, label_pt) if rows else [[]], start=1):
                with slide_rows.showing(rows, window) if rows else contextlib.nullcontext():
                    if rows:  # each window of rows is laid out again for its own rows; a chart without
                        fig.set_size_inches(*SLIDE_SIZE_IN)  # rows keeps the box just fitted
                        fig.set_layout_engine("constrained")
                        box = fit_box(fig, SLIDE_SIZE_IN)
                    fig.set_layout_engine(None)
                    pitch = slide_rows.row_pitch_pt(rows) if rows else None
                    png = self._slide_png(smallest, box, pitch)
                p = folder / (f"{self.name}.slide.png" if n == 1 else f"{self.name}.slide-{n}.png")
                atomic.write_bytes(p, png, overwrite=True)
                written.append(p)
            atomic.remove_others(folder, f"{glob.escape(self.name)}.slide-*.png", written)  # an earlier, longer drawing's
        finally:
            fig.set_layout_engine(engine)
            fig.set_dpi(dpi)
            fig.set_size_inches(*size)
            for t, pt in texts.items():
                t.set_fontsize(pt)
            for ax in fig.axes:
                for axis, labels in (("x", ax.get_xticklabels()), ("y", ax.get_yticklabels())):
                    if labels:
                        ax.tick_params(axis=axis, which="both", labelsize=labels[0].get_fontsize())
        return written[0]

    def _slide_png(self, smallest: float, box: Bbox, row_pitch: float | None = None) -> bytes:
        buf = io.BytesIO()
        metadata = {"Title": self.title, "Alt": self.alt, MIN_FONT_KEY: f"{smallest:g}", DPI_KEY: f"{SLIDE_DPI:g}"}
        if row_pitch is not None:
            metadata[ROW_PITCH_KEY] = f"{row_pitch:.2f}"
        self.figure.savefig(buf, format="png", dpi=SLIDE_DPI, bbox_inches=box.padded(style.PAD_IN), metadata=metadata)
        return buf.getvalue()

    def markdown(self, folder: str = FIGURE_DIR) -> str:
        """The MyST figure that shows this chart, with its alt text and caption.

        Title and caption are often built from data (a country's name, a reported challenge), so
        they are written as literal text: Markdown and HTML in them show as typed and never run.
        The alt text is a directive option, which Sphinx escapes itself; it only needs one line.
        """
        alt = re.sub(r"\s+", " ", i18n._(self.alt)).strip()
        screen_only = "\n:figclass: course-screen-only" if self.on_paper == "table" else ""
        figure = (f":::{{figure}} {folder}/{self.name}.png\n:alt: {alt}\n:name: fig-{self.name}{screen_only}\n\n"
                  f"**{literal(i18n._(self.title))}.** {literal(i18n.caption(self.caption))}\n\n"
                  f"{{download}}`{_role_text(i18n._(FULL_SIZE))} <{folder}/{self.name}.svg>`\n:::\n")
        if self.table is None:
            return figure
        kind = "course-chart-data" + (" course-on-paper" if self.on_paper == "table" else "")
        return figure + "\n" + collapsed(i18n._("The same data as a table"), self.table._repr_html_(), kind) + "\n"

    def _repr_markdown_(self) -> str:
        self.save(Path.cwd() / FIGURE_DIR)
        return self.markdown()


FULL_SIZE = i18n.N_("Full-size chart (SVG)")


def slide_size(pt: float) -> float:
    """A text's size on the slide: scaled with the rest, never under SLIDE_TEXT_PT."""
    return max(SLIDE_TEXT_PT, pt * SLIDE_TEXT_PT / style.TEXT_PT)


def _role_text(text: str) -> str:
    """Text inside a MyST role's backticks: no backtick or angle bracket can end the role early."""
    return re.sub(r"[`<>\\]", "", text)


literal = myst_inline  # the name chart code has always used for MyST text shown as typed


@dataclass
class ChartGroup:
    """Small multiples: several charts shown one after the other where one figure would be too
    dense to read on a phone (the coverage grid of an instrument taught in many units)."""

    charts: list[Chart]

    def _repr_markdown_(self) -> str:
        return "\n".join(c._repr_markdown_() for c in self.charts)


def collapsed(summary: str, html_block: str, kind: str = "") -> str:
    """An HTML block (already escaped) under a toggle, as one raw HTML block MyST passes through:
    closed on the page, open when printed (course.js opens every toggle before printing). ``kind``
    is an extra class (``course-chart-data``: a chart's data, which a handout leaves to the chart, unless
    it is ``course-on-paper``: then the table prints and the chart does not)."""
    body = re.sub(r"\n\s*\n", "\n", html_block)  # a blank line would end the raw HTML block
    extra = f" {kind}" if kind else ""
    return (f'<details class="course-collapse{extra}"><summary>{html.escape(summary)}</summary>\n'
            f"{body}\n</details>")


# What matplotlib's constrained layout says when the labels leave an axes no room: it then gives up and
# leaves the figure as it was (seen on the Indonesian pages: a bar chart with no bars, and the warning,
# with the build machine's path, printed on the page under the chart).
_NO_ROOM = "constrained_layout not applied"
WRAP_MIN_CHARS = 12  # a label is never wrapped narrower than this
MIN_PLOT_SHARE = 0.5  # fitting a chart's width never leaves a plot narrower than this share of its first width


def lay_out(figure: Figure) -> None:
    """Lay the figure out (constrained layout). Where its labels leave an axes no room (names longer in
    a translation than in English), its row labels are wrapped onto more lines, shorter each time,
    until the layout holds; a figure whose layout holds is never changed."""
    for _ in range(4):
        with contextlib.suppress(UserWarning), warnings.catch_warnings():
            warnings.filterwarnings("error", message=_NO_ROOM, category=UserWarning)
            figure.draw_without_rendering()
            return
        if not _wrap_tick_labels(figure):
            break
    with warnings.catch_warnings():  # the labels cannot be wrapped further: laid out as far as it goes
        warnings.filterwarnings("ignore", message=_NO_ROOM, category=UserWarning)
        figure.draw_without_rendering()


def _wrap_tick_labels(figure: Figure) -> bool:
    """Wrap each axes' row labels (the y axis: category names beside bars and grid rows) at about 60%
    of their longest line, two lines mostly; whether any label changed. Column labels are left as they
    are: they are short or turned, and a turned label on two lines runs into its neighbour."""
    changed = False
    for ax in figure.axes:
        labels = [t.get_text() for t in ax.yaxis.get_ticklabels()]
        longest = max((len(line) for label in labels for line in label.split("\n")), default=0)
        width = max(WRAP_MIN_CHARS, round(longest * 0.6))
        wrapped = [textwrap.fill(" ".join(label.split()), width) if len(label) > width else label
                   for label in labels]
        if wrapped != labels:
            ax.yaxis.set_ticks(ax.yaxis.get_ticklocs(), labels=wrapped)
            changed = True
    return changed


def visible_texts(figure: Figure, *, drawn: bool = False) -> list[Text]:
    """Every text a reader sees in the figure (tick labels exist only once it has been drawn);
    ``drawn``: it was just drawn at its current size, so no layout is needed to find them."""
    if not drawn:
        lay_out(figure)
    return [t for t in figure.findobj(Text)
            if t.get_visible() and t.get_text().strip() and (t.axes is None or t.axes.get_visible())]


def fit_width(figure: Figure, rounds: int = 3, *, laid_out: bool = False) -> Bbox:
    """Narrow the figure until what is saved (every text included) is no wider than it was drawn;
    return the tight box of what is drawn (inches), the box the saved files are cut to.

    A long title or label can run past the figure's edge; the tightly cropped PNG then grows wider
    than designed and, shown at a phone's width, all its text shrinks below the readable size.
    Narrowing the figure narrows the box by less (a centred title sticks out on both sides), so each
    step uses the rate seen in the last one (a secant step): two or three layouts, not a slow series.
    ``laid_out``: the figure was just drawn at its current size and not changed since."""
    designed = figure.get_figwidth()
    chars = max(20, int(designed * 72 / (style.TITLE_PT * 0.6)))
    for ax in figure.axes:  # an axes title is centred over the plot only: wrap it to the figure
        if len(ax.get_title()) > chars:
            ax.set_title(textwrap.fill(" ".join(ax.get_title().split()), chars))
            laid_out = False
    rate, last = 1.0, None  # how much the box narrows per inch the figure narrows
    plots: list[float] = []  # each axes' width (inches) at the first layout
    for n in range(rounds + 1):
        if n or not laid_out:
            lay_out(figure)  # at its current size
        box = figure.get_tightbbox()
        width = figure.get_figwidth()
        now = [ax.get_position().width * width for ax in figure.axes]
        plots = plots or now
        if last is not None and any(w < MIN_PLOT_SHARE * w0 for w, w0 in zip(now, plots, strict=True)):
            # the texts that stick out do not narrow with the figure (a long translated title or
            # labels): narrowing further would squeeze the plot to nothing, so the last width stays
            figure.set_figwidth(last[0])
            lay_out(figure)
            return figure.get_tightbbox()
        if box.width <= designed + 0.01 or n == rounds:
            return box
        if last is not None and last[0] != width:
            rate = min(1.0, max(0.2, (last[1] - box.width) / (last[0] - width)))
        last = (width, box.width)
        figure.set_figwidth(max(1.0, width - (box.width - designed) / rate))
    raise AssertionError("unreachable")


def fit_box(figure: Figure, size: tuple[float, float], rounds: int = 4) -> Bbox:
    """Shrink the figure until all it draws (every text included) fits ``size`` inches; return the
    tight box of what is drawn.

    A slide places the picture in a box of that shape: a drawing that grew past it (tick labels
    of many rows, a legend under the axes) would be scaled down there, and its text with it."""
    goal_w, goal_h = size
    for n in range(rounds + 1):
        lay_out(figure)
        box = figure.get_tightbbox()
        over_w, over_h = box.width - goal_w, box.height - goal_h
        if (over_w <= 0.01 and over_h <= 0.01) or n == rounds:
            return box
        w, h = figure.get_size_inches()
        figure.set_size_inches(max(1.0, w - max(0.0, over_w)), max(1.0, h - max(0.0, over_h)))
    raise AssertionError("unreachable")


def lift_small_text(figure: Figure, floor_pt: float = style.TEXT_PT) -> float:
    """Raise every visible text below ``floor_pt`` to it; return the smallest size then left.

    Charts have one type size: tick labels, annotations and cell labels that a chart function drew
    smaller are lifted here, so no chart the course saves is below it."""
    return _lift_small_text(figure, floor_pt)[0]


def _lift_small_text(figure: Figure, floor_pt: float = style.TEXT_PT, *, drawn: bool = False) -> tuple[float, bool]:
    """``lift_small_text``, and whether any text changed (if not, the layout just drawn still holds)."""
    lifted = False
    for ax in figure.axes:
        for axis, labels in (("x", ax.get_xticklabels()), ("y", ax.get_yticklabels())):
            if any(t.get_fontsize() < floor_pt for t in labels):
                ax.tick_params(axis=axis, which="both", labelsize=floor_pt)
                lifted = True
    texts = visible_texts(figure, drawn=drawn)
    for t in texts:
        if t.get_fontsize() < floor_pt:
            t.set_fontsize(floor_pt)
            lifted = True
    return min((t.get_fontsize() for t in texts), default=floor_pt), lifted


def list_phrase(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return i18n._("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def horizontal_bars(values: pd.Series, *, name: str, title: str, xlabel: str, caption: str,
                    unit: str = "", colour: str = OKABE_ITO[0], value_format: str = "{:g}") -> Chart:
    """A labelled horizontal bar chart of one value per category, largest at the top."""
    values = values.sort_values()
    fig = new_figure(height=max(2.5, 0.5 * len(values) + 1.5))
    ax = fig.axes[0]
    bars = ax.barh([str(i) for i in values.index], values.to_numpy(), color=colour)
    ax.bar_label(bars, labels=[value_format.format(v) + unit for v in values], padding=3)
    style.set_title(fig, title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.15)
    ranked = values.sort_values(ascending=False)
    parts = [f"{i18n._(str(k))} {value_format.format(v)}{unit}" for k, v in ranked.items()]
    alt = i18n._("Bar chart: {title}. {xlabel} by category, from highest to lowest: {items}.").format(
        title=i18n._(title), xlabel=i18n._(xlabel), items=list_phrase(parts))
    return Chart(name, fig, title, alt, caption)


def utc_offsets(countries: pd.DataFrame, *, caption: str, on: str = "2021-09-21") -> Chart:
    """Each participating country's offset from UTC on a given day (for planning online sessions)."""
    offsets = pd.Series({row.name: utc_offset_hours(row.time_zone, on) for row in countries.itertuples()})
    return horizontal_bars(offsets, name="utc-offsets", title=i18n._("Participating countries' offset from UTC"),
                           xlabel=i18n._("Hours ahead of UTC"), caption=caption, value_format="{:+g}", unit=" h")
