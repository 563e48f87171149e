"""Session fixtures for the browser tests: one build, two local web servers, one Chromium.

The shipped course is copied and built once per session (never in the checkout, where others
build too); each edition's site is served on 127.0.0.1; Debian's Chromium is driven through the
Python ``playwright`` package (never ``playwright install``). Every page is visited once and the
result is cached for all the assertions about it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from coursekit.engine.render import render
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from .browse import Site, crawl, serve, site_pages
from .pagecheck import Crawl
from .reading import DESKTOP, PHONE, dark_mode, tap_navigation


def _chromium() -> Path:
    """Debian's Chromium (/usr/bin/chromium); $CHROMIUM, or another chromium on PATH, elsewhere."""
    if os.environ.get("CHROMIUM"):
        return Path(os.environ["CHROMIUM"])
    debian = Path("/usr/bin/chromium")
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return debian if debian.is_file() or not found else Path(found)


CHROMIUM = _chromium()
# The fixtures below are package-scoped, not session-scoped: they are torn down when tests/browser/ ends,
# so Playwright's event loop does not outlive it (a later test that prints with Chromium in-process, such as
# the Thai handout's, would otherwise fail with "using Playwright Sync API inside the asyncio loop").
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = REPO / "artifacts" / "screenshots"


@pytest.fixture(scope="package")
def built_course(built_shipped_course: Path) -> Path:
    """The shipped course built once for the whole run (tests/conftest.py), shared with the shipped pack's
    tests; read only."""
    return built_shipped_course


def _served(html_dir: Path) -> Iterator[Site]:
    with serve(html_dir) as base_url:
        yield Site(html_dir, base_url)


@pytest.fixture(scope="package")
def participant_site(built_course: Path) -> Iterator[Site]:
    html = built_course / "_build" / "participant" / "html"
    if not (html / "index.html").is_file():
        pytest.fail(f"the build made no participant site ({html}/index.html is missing)")
    yield from _served(html)


@pytest.fixture(scope="package")
def trainer_site(built_course: Path) -> Iterator[Site]:
    """The trainer edition's site; its absence is a failure (never a skip): the course ships both."""
    html = built_course / "_build" / "trainer" / "html"
    if not (html / "index.html").is_file():
        pytest.fail(f"the build made no trainer site ({html}/index.html is missing): "
                    "`python3 scripts/course.py build` must produce _build/trainer/html")
    yield from _served(html)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, one for the whole session.

    Missing Chromium skips the suite on a developer's machine with the reason shown, but fails it
    in CI (CI=true), where a skipped browser suite would look like a passing one."""
    if not CHROMIUM.is_file():
        message = (f"Chromium not found at {CHROMIUM}: `bash run.sh test` installs Debian's chromium "
                   "(or: sudo apt-get install chromium; set CHROMIUM=/path/to/chromium elsewhere)")
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def context(browser: Browser) -> Iterator[BrowserContext]:
    """One browsing context (a reader with a light colour scheme and a laptop-sized window)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light",
                              service_workers="block")
    yield ctx
    ctx.close()


@pytest.fixture(scope="package")
def participant_crawl(context: BrowserContext, participant_site: Site) -> Crawl:
    """Every page of the participant site, visited once (with axe-core) for all the assertions."""
    return crawl(context, participant_site.base_url, site_pages(participant_site.html_dir))


def _crawl_as(browser: Browser, site: Site, device: dict, *, dark: bool = False, taps: bool = False,
              accessibility: bool = True) -> Crawl:
    """Every page of ``site`` visited once by a reader on ``device`` (reading.PHONE or DESKTOP)."""
    ctx = browser.new_context(**device, color_scheme="dark" if dark else "light", service_workers="block")
    try:
        if dark:
            dark_mode(ctx)
        return crawl(ctx, site.base_url, site_pages(site.html_dir), accessibility=accessibility,
                     after=tap_navigation if taps else None)
    finally:
        ctx.close()


@pytest.fixture(scope="package")
def phone_crawl(browser: Browser, participant_site: Site) -> Crawl:
    """The participant site on a 390x844 touch phone, light mode, with the menu and contents tapped."""
    return _crawl_as(browser, participant_site, PHONE, taps=True)


@pytest.fixture(scope="package")
def dark_phone_crawl(browser: Browser, participant_site: Site) -> Crawl:
    return _crawl_as(browser, participant_site, PHONE, dark=True)


@pytest.fixture(scope="package")
def dark_crawl(browser: Browser, participant_site: Site) -> Crawl:
    """The participant site at 1280x900 in dark mode (the light one is ``participant_crawl``)."""
    return _crawl_as(browser, participant_site, DESKTOP, dark=True)


@pytest.fixture(scope="package")
def trainer_phone_crawl(browser: Browser, trainer_site: Site) -> Crawl:
    """The trainer site on the phone, for its navigation buttons only (no axe-core)."""
    return _crawl_as(browser, trainer_site, PHONE, taps=True, accessibility=False)


@pytest.fixture(scope="package")
def broken_book_crawl(context: BrowserContext, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    """tests/fixtures/broken-book with the course's _config.yml, rendered by the build's own renderer,
    then crawled like the course."""
    work = tmp_path_factory.mktemp("broken-book")
    source = work / "book"
    shutil.copytree(FIXTURES / "broken-book", source)
    shutil.copy2(REPO / "_config.yml", source / "_config.yml")
    rendered = render(source, work / "out", work / "render.log", strict=False)  # its broken links warn, on purpose
    if not rendered.ok:
        pytest.fail(f"the broken fixture book did not render: {rendered.message}")
    with serve(rendered.html) as base_url:
        yield crawl(context, base_url, site_pages(rendered.html))


@pytest.fixture(scope="package")
def screenshots() -> Path:
    """Where CI uploads screenshots from (artifacts/ is uploaded by .github/workflows)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
