"""Saving a chart measures each of its texts once, and draws the same pictures as before."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path

import matplotlib
import pytest
from coursekit.book import chart_canvas, coverage
from coursekit.book.charts import Chart
from coursekit.model.instruments import Article, Instrument
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager

ARTICLES = [Article(number=str(n), title=f"About subject number {n} of the treaty", tags=["offence"],
                    summary="An article of a demonstration instrument for tests.", sources=["src"], verified=True)
            for n in range(1, 31)]


def grid() -> Chart:
    """A coverage grid of 30 labelled rows: shown on slides a few rows at a time."""
    inst = Instrument(id="demo", short_title="Demo Convention", full_title="Demonstration Convention",
                      data_as_of="2026-11", sources=["src"], articles=ARTICLES)
    units = [coverage.UnitStandards(f"u{k}", f"Unit {k}", tuple(f"demo:{n}" for n in range(k, 31, 3)))
             for k in (1, 2, 3)]
    frame = coverage.matrix(units, {"demo": inst})
    return coverage.coverage_chart(frame, inst, {u.id: u.title for u in units}, caption="Source: test.")


def _count(monkeypatch: pytest.MonkeyPatch, cls: type, name: str, key) -> Counter:
    seen: Counter = Counter()
    real = getattr(cls, name)

    def counted(self, *args, **kwargs):
        seen[key(self, *args)] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return seen


def test_saving_a_chart_measures_each_text_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The grid is laid out at the page's size, the slide's, and once per slide of rows, and drawn into
    six files; each of its texts (a string at a size and resolution) is measured once in all that."""
    chart = grid()
    measured = _count(monkeypatch, RendererAgg, "get_text_width_height_descent",
                      lambda r, s, prop, ismath: (s, prop.get_size_in_points(), prop.get_weight(), r.dpi))
    chart.save(tmp_path)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len([f for f in files if ".slide" in f]) >= 2, files  # the grid's rows go on several slides
    assert max(measured.values()) == 1, [k for k, n in measured.items() if n > 1][:5]


def test_the_measuring_canvas_draws_the_same_pictures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    grid().save(tmp_path / "measured")
    monkeypatch.setattr(chart_canvas, "measured", lambda figure: contextlib.nullcontext())
    grid().save(tmp_path / "plain")
    pngs = sorted(p.name for p in (tmp_path / "plain").glob("*.png"))
    assert pngs == sorted(p.name for p in (tmp_path / "measured").glob("*.png"))
    for name in pngs:
        assert (tmp_path / "measured" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes(), name


@pytest.mark.parametrize(("family", "words"), [("DejaVu Sans", "A title of two lines\nand its second line"),
                                               ("Noto Sans Thai", "ชื่อสองบรรทัด\nบรรทัดที่สอง")])
def test_a_fonts_height_is_read_as_matplotlib_reads_it(family: str, words: str):
    """Text asks the renderer for a font's ascent, descent and line gap; the answer must be the one
    Text would read itself, or every line of text would move (a multi-line title shows the gap)."""
    if family not in {f.name for f in fontManager.ttflist}:
        pytest.skip(f"{family} is not installed")
    for dpi in (72, 110, 160):
        for size in (10, 12, 20):
            fig = Figure(dpi=dpi)
            text = fig.text(0, 0, words,
                            fontproperties=FontProperties(family=family, size=size))
            with matplotlib.rc_context({"text.usetex": False}):
                plain = text._get_layout(RendererAgg(100, 100, dpi))
                ours = text._get_layout(chart_canvas._Renderer(100, 100, dpi, {}))
            assert repr(ours) == repr(plain), (family, dpi, size)


def test_the_figure_gets_its_own_canvas_back(tmp_path: Path):
    chart = grid()
    before = chart.figure.canvas
    chart.save(tmp_path)
    assert chart.figure.canvas is before

