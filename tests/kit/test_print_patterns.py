"""On paper the matrix's patterns are outlines: Chromium prints a CSS-gradient cell as a page-sized image
(the handbook was 43 MB), so kit/handout.css replaces the gradients with outlines, one per status colour."""

from __future__ import annotations

from pathlib import Path

from coursekit.book.alignment import pattern
from coursekit.book.style import STATUS_COLOURS

CSS = Path(__file__).resolve().parents[2] / "scripts" / "coursekit" / "kit" / "handout.css"


def test_every_secondary_colour_has_its_outline_on_paper():
    css = CSS.read_text(encoding="utf-8")
    for status, colour in STATUS_COLOURS.items():
        if status == "unknown":
            continue
        stripes = pattern(status, "secondary").split("background-image:", 1)[1].split(",")[0]  # "...(135deg"
        assert f'[style*="{stripes}, {colour}"] {{ outline-color: {colour}; }}' in css, status


def test_every_gradient_the_matrix_draws_is_removed_on_paper():
    css = CSS.read_text(encoding="utf-8")
    for status in STATUS_COLOURS:
        for level in ("verified", "secondary"):
            style = pattern(status, level)
            if "gradient(" in style:
                kind = style.split("background-image:", 1)[1].split("(", 1)[0]
                block = css.split(f'[style*="{kind}"] {{', 1)[1].split("}", 1)[0]
                assert "background-image: none !important" in block and "outline:" in block, kind


def test_the_legend_says_what_each_pattern_looks_like_on_paper():
    """A handbook reader sees outlines, not stripes or dots: the legend names both."""
    from coursekit.book.alignment import AlignmentMatrix

    for status, level, words in AlignmentMatrix.legend_items(None):  # type: ignore[arg-type]
        if "gradient(" in pattern(status, level or "secondary"):
            assert "on paper: a" in words and "outline" in words, words
