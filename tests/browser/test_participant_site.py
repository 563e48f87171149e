"""The participant site as a reader sees it in Chromium: every page, offline, with axe-core.

All assertions read one cached crawl (each page visited once); a failure lists every offending
page, check and element, so one run shows everything to fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from coursekit.model.curriculum import is_trainer_page, load, staged_name
from PIL import Image
from playwright.sync_api import BrowserContext

from .browse import Site, search
from .pagecheck import (
    ACCESSIBILITY,
    BROKEN_ANCHOR,
    BROKEN_IMAGE,
    BROKEN_LINK,
    CONSOLE_ERROR,
    FAILED_REQUEST,
    MISSING_ALT,
    OFFSITE_REQUEST,
    Crawl,
    assert_none_of_kind,
    describe,
    find_problems,
    page_key,
)


def toc_pages(root: Path, *, trainer: bool) -> list[str]:
    """The site pages (``x/y.html``) of the curriculum's toc entries, trainer-only ones or the others."""
    return [staged_name(e.file) + ".html" for e in load(root).toc if is_trainer_page(e.file) == trainer]


@pytest.fixture(scope="module")
def problems(participant_crawl: Crawl):
    return find_problems(participant_crawl)


def test_every_curriculum_page_is_built_visited_and_in_the_navigation(built_course: Path, participant_crawl: Crawl):
    pages = toc_pages(built_course, trainer=False)
    assert len(pages) >= 2, pages
    not_built = [p for p in pages if p not in participant_crawl.visits]
    assert not not_built, f"in _toc.yml but not in the participant site: {not_built}"
    landing = participant_crawl.visits["index.html"]
    in_nav = {page_key(participant_crawl.base_url, link.url) for link in landing.links}
    assert not [p for p in pages if p not in in_nav], "not linked from the landing page's navigation"


@pytest.mark.parametrize("kind", [
    pytest.param(CONSOLE_ERROR, id="no-console-errors"),
    pytest.param(FAILED_REQUEST, id="no-failed-requests"),
    pytest.param(BROKEN_IMAGE, id="every-image-loads"),
    pytest.param(MISSING_ALT, id="every-image-has-alt-text"),
    pytest.param(BROKEN_LINK, id="every-internal-link-resolves"),
    pytest.param(BROKEN_ANCHOR, id="every-anchor-resolves"),
    pytest.param(OFFSITE_REQUEST, id="offline-no-request-leaves-127.0.0.1"),
    pytest.param(ACCESSIBILITY, id="axe-no-serious-or-critical-violations"),
])
def test_no_page_has(problems, kind: str):
    assert_none_of_kind(problems, kind)


def test_pages_have_content_to_check(participant_crawl: Crawl):
    """Guards the checks above against passing on nothing: the crawl saw links, ids and axe ran."""
    visits = participant_crawl.visits.values()
    assert all(v.status == 200 for v in visits), {v.path: v.status for v in visits if v.status != 200}
    assert sum(len(v.links) for v in visits) > 10 * len(visits)
    assert all(v.ids for v in visits)


def test_charts_are_images_that_load_with_alt_text(participant_crawl: Crawl):
    """The course draws charts: they reach the reader as loaded images (checked above for all)."""
    content_images = [i for v in participant_crawl.visits.values() for i in v.images if i.in_content]
    assert content_images, "no chart or image in any page's content"


@pytest.mark.parametrize("query", ["Budapest", "preservation"])
def test_search_finds(context: BrowserContext, participant_site: Site, query: str):
    titles, record = search(context, participant_site.base_url, query)
    assert titles, f"searching for {query!r} found no page"
    trouble = find_problems(Crawl(participant_site.base_url, {record.path: record}))
    assert not trouble, describe(trouble)


def test_trainer_pages_are_not_reachable(built_course: Path, participant_site: Site, trainer_site: Site,
                                         participant_crawl: Crawl, context: BrowserContext):
    trainer_pages = toc_pages(built_course, trainer=True)
    assert trainer_pages, "the course lists no trainer-only page (book/trainer/...) in _toc.yml"
    missing_in_trainer = [p for p in trainer_pages if not (trainer_site.html_dir / p).is_file()]
    assert not missing_in_trainer, f"trainer pages missing from the trainer site too: {missing_in_trainer}"
    for page in trainer_pages:
        assert not (participant_site.html_dir / page).exists(), page
        assert context.request.get(participant_site.url(page)).status == 404, page
    linked = {page_key(participant_crawl.base_url, link.url)
              for v in participant_crawl.visits.values() for link in v.links}
    assert not linked & set(trainer_pages), "participant pages link to trainer-only pages"
    index = (participant_site.html_dir / "searchindex.js").read_text(encoding="utf-8")
    indexed = [p for p in trainer_pages if f'"{p.removesuffix(".html")}"' in index]
    assert not indexed, f"trainer pages in the participant search index: {indexed}"


def _screenshot(context: BrowserContext, url: str, dest: Path) -> None:
    page = context.new_page()
    try:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
        page.screenshot(path=str(dest), full_page=True)
    finally:
        page.close()
    assert dest.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("page, name", [("index.html", "landing"), ("challenges.html", "regional-challenges")])
def test_screenshot_saved_for_ci(context: BrowserContext, participant_site: Site, screenshots: Path,
                                 page: str, name: str):
    dest = screenshots / f"participant-{name}.png"
    dest.unlink(missing_ok=True)
    _screenshot(context, participant_site.url(page), dest)
    with Image.open(dest) as shot:  # a whole page at the context's 1280 px, with something drawn on it
        assert shot.width == 1280 and shot.height >= 900, shot.size
        grey = shot.convert("L")
        darkest, lightest = grey.getextrema()
        assert lightest - darkest > 100, f"{dest.name} is blank (one shade from {darkest} to {lightest})"
        ink = sum(grey.histogram()[:128]) / (shot.width * shot.height)  # share of dark pixels: text, headings
        assert ink > 0.002, f"{dest.name} shows almost no text ({ink:.4%} dark pixels)"
