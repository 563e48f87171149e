"""The regional page's alignment matrix as a reader sees it in Chromium, on a phone and on a desktop:
the legend explains the marks, and a cell resting on a secondary source is marked by its word, its
pattern and its label, never by colour alone, so it never reads as settled."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .browse import Site

PAGE = "challenges.html"
SIZES = {"phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
         "desktop": {"viewport": {"width": 1280, "height": 900}}}


@pytest.mark.parametrize("size", list(SIZES))
def test_the_legend_and_a_secondary_cell_read_as_secondary(browser: Browser, participant_site: Site, size: str):
    ctx = browser.new_context(**SIZES[size], color_scheme="light", service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(f"{participant_site.base_url}/{PAGE}")
        legend = page.locator(".alignment-legend")
        assert legend.count() == 1
        words = legend.inner_text()
        assert "secondary source" in words and "Not the same as No" in words and "Yes*" in words

        secondary = page.locator('td[data-evidence="secondary"]').first
        secondary.scroll_into_view_if_needed()
        assert secondary.is_visible()
        assert secondary.inner_text().strip().endswith("*")
        assert "secondary source, not checked against the official text" in secondary.get_attribute("aria-label")
        background = secondary.evaluate("td => getComputedStyle(td).backgroundImage")
        assert "repeating-linear-gradient" in background  # the stripes: a pattern, not only a colour

        verified = page.locator('td[data-evidence="verified"]').first
        assert not verified.inner_text().strip().endswith("*")
        assert "gradient" not in verified.evaluate("td => getComputedStyle(td).backgroundImage")

        unknown = page.locator('td[data-status="unknown"]')
        assert unknown.count() >= 24 and unknown.first.inner_text().strip() == "Unknown"

        # the matrix scrolls inside its own box; the page itself never scrolls sideways
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"the page is {overflow}px wider than the {size} screen"
    finally:
        ctx.close()
