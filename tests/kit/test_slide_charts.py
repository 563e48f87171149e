"""A chart on a slide keeps its text at least 18 pt as placed, whatever shape the page drew it in.

The slide drawing (``<name>.slide.png``) is the page's chart laid out again landscape with bigger
type. A tall page chart (many rows of labels, a legend under the axes) used to keep its page layout
and grow past the slide's shape, so the slide scaled it down and its text with it (15.4 pt).
"""

from __future__ import annotations

from pathlib import Path

from coursekit.book.charts import SLIDE_SIZE_IN, Chart
from coursekit.book.style import PAD_IN, new_figure
from coursekit.kit.slides import ChartSlide, Deck, write_deck
from deckcheck import chart_text_pt
from PIL import Image

MIN_CHART_PT = 18.0


def _tall_grid() -> Chart:
    """A page chart the shape of the regional heatmap: many labelled rows, tall and narrow."""
    fig = new_figure(height=7.5)
    ax = fig.axes[0]
    rows = [f"Country number {n}" for n in range(12)]
    ax.imshow([[(r * c) % 4 for c in range(9)] for r in range(12)], cmap="Blues", aspect="auto")
    ax.set_yticks(range(12), rows)
    ax.set_xticks(range(9), [f"Category {c}" for c in range(9)], rotation=45, ha="right")
    ax.set_ylabel("Country")
    ax.set_xlabel("Category")
    fig.suptitle("Reported challenges by country and category")
    return Chart("tall-grid", fig, "Tall grid", "A grid.", "Source: test.")


def test_a_tall_page_chart_is_drawn_again_to_the_slides_shape(tmp_path: Path):
    slide_png = _tall_grid().save(tmp_path)["slide"]
    image = Image.open(slide_png)
    dpi = float(image.info["Course-Dpi"])
    assert image.width / dpi <= SLIDE_SIZE_IN[0] + 2 * PAD_IN + 0.05
    assert image.height / dpi <= SLIDE_SIZE_IN[1] + 2 * PAD_IN + 0.05


def test_its_text_is_at_least_18_pt_as_placed_on_the_slide(tmp_path: Path):
    slide_png = _tall_grid().save(tmp_path)["slide"]
    deck = tmp_path / "deck.pptx"
    write_deck(Deck("A unit", charts=[ChartSlide(slide_png, "Tall grid", "Source: test.")]), deck)
    placed = chart_text_pt({"deck.pptx": deck.read_bytes()})
    print(f"\nchart text as placed: {placed}")
    assert placed and all(pt >= MIN_CHART_PT for _deck, _slide, pt in placed)
