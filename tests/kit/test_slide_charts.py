"""A chart on a slide keeps its text at least 18 pt as placed, whatever shape the page drew it in.

The slide drawing (``<name>.slide.png``) is the page's chart laid out again landscape with bigger
type. A tall page chart (many rows of labels, a legend under the axes) used to keep its page layout
and grow past the slide's shape, so the slide scaled it down and its text with it (15.4 pt).
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO
from coursekit.book import coverage, figures
from coursekit.book.charts import SLIDE_SIZE_IN, Chart
from coursekit.book.style import PAD_IN, new_figure
from coursekit.kit.slide_content import slide_images
from coursekit.kit.slides import ChartSlide, Deck, write_deck
from deckcheck import chart_rows_pt, chart_text_pt
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


def _many_rows(rows: int = 35) -> Chart:
    """A page chart the shape of the coverage grid: one labelled row per article, 35 of them."""
    fig = new_figure(height=0.34 * rows + 1.8)
    ax = fig.axes[0]
    for y in range(0, rows, 4):
        ax.text(1, y, "not taught", ha="center", va="center")
    ax.scatter([0, 2, 1], [1, 5, 30], marker="s")
    ax.set_yticks(range(rows), [f"Art. {n + 1} Offences related..." for n in range(rows)])
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xticks(range(3), ["1", "2", "3"])
    ax.set_xlabel("Unit (see caption)")
    return Chart("many-rows", fig, "Which unit teaches which article", "A grid.", "Source: test.")


def test_a_chart_of_many_rows_goes_on_several_slides_with_rows_that_never_touch(tmp_path: Path):
    figures = tmp_path / "figures" / "unit"
    figures.mkdir(parents=True)
    first = _many_rows().save(figures)["slide"]
    pages = slide_images(tmp_path / "figures", "many-rows")
    assert pages[0] == first and len(pages) >= 3, pages
    deck = tmp_path / "deck.pptx"
    charts = [ChartSlide(p, f"Grid ({n} of {len(pages)})", "Source: test.") for n, p in enumerate(pages, start=1)]
    write_deck(Deck("A unit", charts=charts), deck)
    placed = chart_rows_pt({"deck.pptx": deck.read_bytes()})
    print(f"\n{len(pages)} slides; (text pt, row height pt) as placed: {[(round(t, 1), round(r, 1)) for *_x, t, r in placed]}")
    assert len(placed) == len(pages)
    for _deck, _slide, text, row in placed:
        assert text >= MIN_CHART_PT and row is not None and row >= 1.2 * text  # rows apart, not on top of one another


def test_a_chart_drawn_again_with_fewer_rows_leaves_no_page_of_its_longer_drawing(tmp_path: Path):
    _many_rows(35).save(tmp_path)
    assert sorted(tmp_path.glob("many-rows.slide-*.png")), "the long drawing has further slide pages"
    _many_rows(4).save(tmp_path)
    assert sorted(tmp_path.glob("many-rows.slide-*.png")) == []
    assert (tmp_path / "many-rows.slide.png").is_file()


def test_a_slide_chart_keeps_every_label_inside_its_image(tmp_path: Path):
    """Laid out at the resolution it is saved at: laid out at the page's 160 dpi and saved at 110, a
    long row label ran past the image's left edge ("rt. 8 Computer-related...")."""
    for path in [_many_rows().save(tmp_path)["slide"], *sorted(tmp_path.glob("many-rows.slide-*.png"))]:
        image = Image.open(path).convert("L")
        edge = [image.getpixel((x, y)) for y in range(image.height) for x in (0, 1, image.width - 2, image.width - 1)]
        assert min(edge) > 200, f"{path.name}: ink at the image's left or right edge"


def _inked_edges(path: Path) -> dict[str, int]:
    grey = Image.open(path).convert("L")
    edge = 3
    strips = {"left": (0, 0, edge, grey.height), "right": (grey.width - edge, 0, grey.width, grey.height),
              "top": (0, 0, grey.width, edge), "bottom": (0, grey.height - edge, grey.width, grey.height)}
    return {side: grey.crop(box).getextrema()[0] for side, box in strips.items() if grey.crop(box).getextrema()[0] <= 200}


def test_the_shipped_disrupting_harm_and_coverage_charts_keep_every_label_inside_page_and_slide(
        tmp_path: Path, monkeypatch):
    """The Disrupting Harm chart's slide drawing lost the left of its axis label, the coverage grids the
    first letters of their rows; on the slide the grids' rows stood on top of one another."""
    monkeypatch.setenv("COURSE_ROOT", str(REPO))
    made = [figures.dh_chart(), coverage.chart("budapest").charts[0]]
    for chart in made:
        saved = chart.save(tmp_path)
        files = [saved["png"], *slide_images(tmp_path, chart.name)]
        assert {p.name: _inked_edges(p) for p in files} == {p.name: {} for p in files}
        for page in files[1:]:
            info = Image.open(page).info
            row = info.get("Course-Row-Pitch-Pt")
            assert row is None or float(row) >= 1.2 * float(info["Course-Min-Font-Pt"]), (page.name, row)
