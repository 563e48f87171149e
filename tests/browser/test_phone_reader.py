"""The participant edition on a phone and a slow line, in light and dark mode, and on paper.

Each page is visited once per viewport and mode (session crawls in conftest.py); the checks are
pagecheck's, the same functions for every crawl. The weights and the slow-line timings are printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from coursekit.model.curriculum import is_trainer_page, load, staged_name
from playwright.sync_api import Browser, BrowserContext

from .browse import Site
from .pagecheck import (
    ACCESSIBILITY,
    CHART_WITHOUT_SVG,
    DEAD_BUTTON,
    OVER_BUDGET,
    SIDEWAYS_SCROLL,
    SMALL_CHART_TEXT,
    Crawl,
    assert_none_of_kind,
    find_problems,
    page_key,
)
from .reading import PHONE, cells_missing_from_pdf, first_text_seconds

FIRST_TEXT_LIMIT_S = 8.0
ALL_CRAWLS = ["participant_crawl", "dark_crawl", "phone_crawl", "dark_phone_crawl"]


def _units(root: Path) -> list[str]:
    return [staged_name(e.file) + ".html" for e in load(root).toc if e.path and not is_trainer_page(e.file)]


@pytest.mark.parametrize("crawl", ["phone_crawl", "trainer_phone_crawl"])
def test_menu_and_contents_open_by_tap_on_every_page(request: pytest.FixtureRequest, crawl: str):
    site: Crawl = request.getfixturevalue(crawl)
    untapped = [p for p, v in site.visits.items() if "menu" not in v.taps]
    assert not untapped, f"no menu button was tapped on {untapped}"
    assert any("contents" in v.taps for v in site.visits.values()), "no page had a contents button to tap"
    assert_none_of_kind(find_problems(site), DEAD_BUTTON)


def test_every_unit_is_two_taps_from_the_landing_page(built_course: Path, browser: Browser, participant_site: Site):
    """One tap on the landing page's list of parts and units, or two: the menu, then the unit."""
    units = _units(built_course)
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        page.goto(participant_site.url("index.html"), wait_until="networkidle")
        listed = {page_key(participant_site.base_url, href) for href in page.eval_on_selector_all(
            "article a[href]", "links => links.map(a => a.href)")}
        assert not [u for u in units if u not in listed], "units the landing page does not list"
        page.locator(".primary-toggle:visible").first.tap()
        menu = page.locator("#pst-primary-sidebar-modal[open] a:visible")
        menu.first.wait_for()
        in_menu = {page_key(participant_site.base_url, href) for href in menu.evaluate_all(
            "links => links.map(a => a.href)")}
        assert not [u for u in units if u not in in_menu], "units the opened menu does not show"
    finally:
        ctx.close()


@pytest.mark.parametrize("crawl", ALL_CRAWLS)
def test_no_page_scrolls_sideways(request: pytest.FixtureRequest, crawl: str):
    assert_none_of_kind(find_problems(request.getfixturevalue(crawl)), SIDEWAYS_SCROLL)


@pytest.mark.parametrize("crawl", ["dark_crawl", "phone_crawl", "dark_phone_crawl"])  # light 1280: test_participant_site
def test_axe_finds_no_serious_violation(request: pytest.FixtureRequest, crawl: str):
    assert_none_of_kind(find_problems(request.getfixturevalue(crawl)), ACCESSIBILITY)


def test_first_load_weight_within_budget(phone_crawl: Crawl, capsys: pytest.CaptureFixture[str]):
    with capsys.disabled():
        print("\nfirst-load weight per page (gzip as served; images counted apart):")
        for path, v in sorted(phone_crawl.visits.items()):
            print(f"  {v.weight}  {path}")
    assert all(v.weight and v.weight.assets > 0 for v in phone_crawl.visits.values()), "no CSS/JS was measured"
    assert_none_of_kind(find_problems(phone_crawl), OVER_BUDGET)


@pytest.mark.parametrize("crawl", ["phone_crawl", "participant_crawl"])
def test_chart_text_is_readable_where_shown_and_links_to_svg(request: pytest.FixtureRequest, crawl: str):
    site: Crawl = request.getfixturevalue(crawl)
    charts = [c for v in site.visits.values() for c in v.charts]
    assert len(charts) >= 5, "the crawl measured almost no chart"
    problems = find_problems(site)
    assert_none_of_kind(problems, SMALL_CHART_TEXT)
    assert_none_of_kind(problems, CHART_WITHOUT_SVG)


@pytest.mark.parametrize("page", ["index.html", "challenges.html"])
def test_first_text_on_a_slow_line(browser: Browser, participant_site: Site, page: str,
                                   capsys: pytest.CaptureFixture[str]):
    seconds = first_text_seconds(browser, participant_site.url(page))
    with capsys.disabled():
        print(f"\n{page}: first text after {seconds:.1f} s on the slow line (2 s round trip, 50 kB/s)")
    assert seconds <= FIRST_TEXT_LIMIT_S, f"{page}: first text after {seconds:.1f} s (limit {FIRST_TEXT_LIMIT_S} s)"


def test_printing_clips_no_table_text(built_course: Path, context: BrowserContext, participant_site: Site):
    case_study = next(u for u in _units(built_course) if u.startswith("case-studies/"))
    page = context.new_page()
    try:
        for path in ["challenges.html", case_study]:
            cells, missing, pages = cells_missing_from_pdf(page, participant_site.url(path))
            assert cells > 20, f"{path}: only {cells} table cells to check"
            assert not missing, (f"{path}: {len(missing)} of {cells} table cells are not in the printed PDF "
                                 f"({pages} pages), e.g. {missing[:3]}")
    finally:
        page.close()


_FOCUSED_JS = """() => { const el = document.activeElement; if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  return {html: el.outerHTML.slice(0, 120), ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"""


@pytest.mark.parametrize("path", ["index.html", "challenges.html"])
def test_every_control_shows_a_focus_ring(context: BrowserContext, participant_site: Site, path: str):
    """Tab through the page's first controls (header buttons, menu, links): each shows an outline."""
    page = context.new_page()
    try:
        page.goto(participant_site.url(path), wait_until="networkidle")
        seen, without = 0, []
        for _ in range(30):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED_JS)
            if focused is None:
                continue
            seen += 1
            if not focused["ring"]:
                without.append(focused["html"])
        assert seen >= 10, f"only {seen} controls took the keyboard focus"
        assert not without, f"{len(without)} controls show no focus ring: {without[:5]}"
    finally:
        page.close()


def test_the_first_press_of_the_colour_button_changes_the_mode(browser: Browser, participant_site: Site):
    """The theme cycles light, auto, dark: on a light system its first press changed nothing visible."""
    ctx = browser.new_context(**PHONE, color_scheme="light")
    try:
        page = ctx.new_page()
        page.goto(participant_site.url("index.html"), wait_until="networkidle")
        before = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.locator(".theme-switch-button:visible").first.tap()
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != before
        page.locator(".theme-switch-button:visible").first.tap()
        assert page.evaluate("document.documentElement.dataset.theme") == "light"
    finally:
        ctx.close()
