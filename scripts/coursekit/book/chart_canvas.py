"""The canvas a chart is laid out and saved on: every text measured once per chart, not once per draw.

Saving one chart lays it out several times (its page size, then the slide's size and each slide's
rows) and draws it into several files. Matplotlib measures each text again for every renderer, and a
figure made with ``Figure()`` gets a new renderer on every layout and every save: the coverage grids
measured each of their 35 labels some twenty times over, the page's largest cost. ``measured`` gives
the figure, for the time of a save, an Agg canvas whose renderers share one table of measurements
(a text's size depends only on its string, font, size and resolution) and are kept per size.

Nothing is drawn differently: the measurements are the renderer's own, only remembered. The table
lives as long as the save, inside the rc settings the chart is saved with.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager, get_font


class _Renderer(RendererAgg):
    """An Agg renderer that asks a shared table before measuring a text."""

    def __init__(self, width: float, height: float, dpi: float, sizes: dict[Any, tuple[float, float, float]]):
        super().__init__(width, height, dpi)
        self._sizes = sizes

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
        key = (s, prop.copy(), ismath, self.dpi)  # a copy: a FontProperties' hash follows its later changes
        found = self._sizes.get(key)
        if found is None:
            found = self._sizes[key] = super().get_text_width_height_descent(s, prop, ismath)
        return found

    def _get_font_height_metrics(self, prop: Any) -> tuple[float, float, float]:
        """A font's ascent, descent and line gap at this resolution, read from its tables once.

        ``Text`` asks a renderer that has this method before reading the font's OS/2 (or hhea) table
        itself, for every text at every layout; this is the same reading, done once per font and size."""
        key = ("font height", prop.copy(), self.dpi)
        found = self._sizes.get(key)
        if found is None:
            found = self._sizes[key] = _font_height_metrics(prop, self.dpi)
        return found


def _font_height_metrics(prop: Any, dpi: float) -> tuple[float, float, float]:
    """What ``matplotlib.text.Text._get_layout`` reads from the font when the renderer does not say
    (the same tables, in the same order, with the same arithmetic, so every text lands where it did)."""
    font = get_font(fontManager._find_fonts_by_props(prop))
    for table_name, gap_key, ascent_key, descent_key in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                          ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None  # type: ignore[return-value]  # Text then reads the tables itself


class _Canvas(FigureCanvasAgg):
    """An Agg canvas that keeps one renderer per size (layout and save alternate between sizes)."""

    def __init__(self, figure: Figure):
        super().__init__(figure)
        self._sizes: dict[Any, tuple[float, float, float]] = {}
        self._renderers: dict[tuple[float, float, float], _Renderer] = {}

    def get_renderer(self) -> RendererAgg:
        w, h = self.figure.bbox.size
        key = (w, h, self.figure.dpi)
        renderer = self._renderers.get(key)
        if renderer is None:
            renderer = self._renderers[key] = _Renderer(w, h, self.figure.dpi, self._sizes)
        self.renderer, self._lastKey = renderer, key
        return renderer


@contextmanager
def measured(figure: Figure) -> Iterator[None]:
    """``figure`` on a canvas that measures each text once, until the block ends (then its own again)."""
    before = figure.canvas
    _Canvas(figure)  # a canvas attaches itself to its figure
    try:
        yield
    finally:
        figure.set_canvas(before)
