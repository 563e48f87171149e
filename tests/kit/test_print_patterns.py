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
