"""A chart whose labels leave its plot no room (category names longer in a translation than in
English) gets its labels wrapped, not a plot squeezed to nothing with matplotlib's warning printed on
the page (seen on the Indonesian country pages: no bars, and the build machine's path under the chart)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from coursekit.book import charts, style
from coursekit.book.charts import Chart, lay_out
from PIL import Image

LONG = ["Deteksi kekerasan seksual terhadap anak yang disiarkan langsung secara daring",
        "Identifikasi dan pendampingan korban serta saksi anak di pengadilan"]
SHORT = ["Legislation gaps", "Victim identification and support"]


def _bars(labels: list[str], width: float = 3.0):
    fig = style.new_figure(width, 2.4)
    ax = fig.axes[0]
    ax.barh(range(len(labels)), [2, 1])
    ax.set_yticks(range(len(labels)), labels)
    ax.set_title("Reported challenges")
    return fig, ax


def test_labels_that_leave_no_room_are_wrapped_and_the_plot_keeps_its_width():
    fig, ax = _bars(LONG)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing printed under the chart
        lay_out(fig)
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert all("\n" in s for s in shown)
    assert [" ".join(s.split()) for s in shown] == LONG  # the same words, on more lines
    assert ax.get_position().width * fig.get_figwidth() > 0.5  # inches of plot left for the bars


def test_a_chart_whose_layout_holds_is_not_changed():
    fig, ax = _bars(SHORT, width=6.0)
    lay_out(fig)
    assert [t.get_text() for t in ax.get_yticklabels()] == SHORT


def test_a_saved_chart_with_long_labels_has_its_bars_and_says_nothing(tmp_path: Path, recwarn: pytest.WarningsRecorder):
    fig, ax = _bars(LONG)
    saved = Chart("long-labels", fig, "Reported challenges", "Bar chart",
                  "Source: test data, as of 1 December 2026.").save(tmp_path)
    assert not [w for w in recwarn if charts._NO_ROOM in str(w.message)]
    png = Image.open(saved["png"]).convert("RGB")
    blue = sum(1 for px in png.getdata() if px[2] > 150 and px[0] < 80)  # the bars' colour (Okabe-Ito blue)
    assert blue > 500


def test_fitting_the_width_never_squeezes_the_plot_for_a_text_that_does_not_narrow():
    """A centred axis label wider than the figure does not narrow with it: narrowing on and on would
    leave the bars no width (the Indonesian heatmap was a strip)."""
    fig, ax = _bars(SHORT)
    ax.set_xlabel("Jumlah negara peserta yang memiliki aturan bersumber (dari sepuluh negara)")
    lay_out(fig)
    first = ax.get_position().width * fig.get_figwidth()
    charts.fit_width(fig, laid_out=True)
    assert ax.get_position().width * fig.get_figwidth() >= charts.MIN_PLOT_SHARE * first
