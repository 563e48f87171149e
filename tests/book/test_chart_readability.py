"""Charts record their smallest text in the PNG, and the library's charts stay readable on a phone."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO
from coursekit.book import casestudies, coverage, overview, style
from coursekit.book.charts import DPI_KEY, MIN_FONT_KEY, Chart, ChartGroup, horizontal_bars
from coursekit.book.style import new_figure
from PIL import Image


def _saved(chart: Chart, folder: Path) -> tuple[Image.Image, dict[str, str]]:
    png = chart.save(folder)["png"]
    image = Image.open(png)
    return image, dict(image.text)


def _phone_px(image: Image.Image, chunks: dict[str, str]) -> float:
    return style.displayed_text_px(float(chunks[MIN_FONT_KEY]), float(chunks[DPI_KEY]), image.width,
                                   style.PHONE_COLUMN_PX)


def test_the_png_carries_its_smallest_text_caption_and_alt(tmp_path: Path):
    chart = horizontal_bars(pd.Series({"A": 1, "B": 2}), name="bars", title="Two bars", xlabel="Count",
                            caption="Source: test.")
    _, chunks = _saved(chart, tmp_path)
    assert chunks["Description"] == "Source: test." and chunks["Alt"] == chart.alt
    assert float(chunks[MIN_FONT_KEY]) >= style.TEXT_PT and float(chunks[DPI_KEY]) == style.PNG_DPI


def test_text_drawn_too_small_is_lifted_and_an_overflowing_title_does_not_widen_the_png(tmp_path: Path):
    fig = new_figure()
    ax = fig.axes[0]
    ax.plot([0, 1], [0, 1])
    ax.text(0.5, 0.5, "tiny", fontsize=5)
    ax.set_title("A very long title that would run far past the right edge of a narrow phone chart " * 2)
    image, chunks = _saved(Chart("small", fig, "t", "alt", "cap"), tmp_path)
    assert float(chunks[MIN_FONT_KEY]) == style.TEXT_PT
    assert image.width <= (style.CHART_WIDTH_IN + 2 * style.PAD_IN) * style.PNG_DPI + 2
    assert _phone_px(image, chunks) >= style.MIN_TEXT_PX


def test_a_long_tick_label_is_not_cut_off_at_the_edge_of_the_png(tmp_path: Path):
    """The box the PNG is cut to holds every text as drawn at the PNG's resolution (labels laid out at the
    screen's resolution are narrower, and a long right-aligned tick label lost its first letters): nothing
    is drawn at the very edge of the PNG."""
    fig = new_figure(height=3)
    ax = fig.axes[0]
    labels = [f"Art. {n} General measures of protection and more" for n in range(30, 36)]
    ax.barh(range(6), [1, 2, 3, 4, 5, 6])
    ax.set_yticks(range(6), labels)
    image, _ = _saved(Chart("ticks", fig, "t", "alt", "cap"), tmp_path)
    grey = image.convert("L")
    edge = 3  # px: the saved margin is PAD_IN (8 px at 160 dpi); a cut-off letter touches the edge
    strips = {"left": (0, 0, edge, grey.height), "right": (grey.width - edge, 0, grey.width, grey.height),
              "top": (0, 0, grey.width, edge), "bottom": (0, grey.height - edge, grey.width, grey.height)}
    inked = {side: grey.crop(box).getextrema()[0] for side, box in strips.items()}
    assert all(darkest > 200 for darkest in inked.values()), inked


def _library_charts() -> list[tuple[str, object]]:
    instruments = ["budapest", "budapest_p2", "lanzarote", "un_cybercrime", "opsc", "mnr"]
    cases = [p.stem for p in (REPO / "data" / "case-studies").glob("*.yaml")]
    return ([(f"coverage-{i}", lambda i=i: coverage.chart(i)) for i in instruments]
            + [(f"timeline-{c}", lambda c=c: casestudies.timeline(casestudies.load(c))) for c in cases]
            + [("utc-offsets", overview.offset_chart)])


@pytest.mark.parametrize("name, make", _library_charts(), ids=[n for n, _ in _library_charts()])
def test_the_shipped_course_charts_are_readable_on_a_390_px_phone(name: str, make, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COURSE_ROOT", str(REPO))
    made = make()
    for chart in made.charts if isinstance(made, ChartGroup) else [made]:
        image, chunks = _saved(chart, tmp_path)
        assert _phone_px(image, chunks) >= style.MIN_TEXT_PX, (chart.name, image.width, chunks[MIN_FONT_KEY])


def test_a_grid_too_wide_for_a_phone_becomes_small_multiples(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COURSE_ROOT", str(REPO))
    group = coverage.chart("budapest")
    assert isinstance(group, ChartGroup) and len(group.charts) > 1
    assert all(len(c.figure.axes[0].get_xticklabels()) <= coverage.MAX_COLUMNS for c in group.charts)
    assert [c.table is not None for c in group.charts].count(True) == 1  # one data table, after the last grid
    assert len({c.name for c in group.charts}) == len(group.charts)
