"""Drive Chromium over a built site: serve it on 127.0.0.1, visit each page once, search it.

What the browser saw is recorded as data (:class:`pagecheck.PageVisit`, :class:`pagecheck.Crawl`)
for :mod:`pagecheck` to judge. Each page is opened with every request routed: off-site requests are
recorded and aborted before they leave the machine, so the site is tested as a reader without
internet (or behind a filter) would see it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route

from .pagecheck import Crawl, Image, Link, PageVisit, Violation, page_key
from .reading import record_reading

AfterLoad = Callable[[Page, PageVisit], None]
COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".ttf", ".ipynb", ".md")

LOCAL_HOST = "127.0.0.1"
# axe's CSSOM preload re-fetches stylesheets and resolves their @import rules against the page, not
# the stylesheet (sphinx's theme.css imports "../basic.css"), which makes spurious 404s; the only
# rule that needs it (css-orientation-lock) is not worth a false failed request on every page.
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}
PAGE_TIMEOUT_MS = 60_000
PARALLEL_PAGES = max(2, min(4, os.cpu_count() or 2))  # pages whose axe-core runs overlap
AXE = Axe()  # axe-core, as bundled by axe-playwright-python

_COLLECT_JS = """
async () => {
  const images = Array.from(document.images);
  // lazy images below the fold would never load in a headless window: load them all now
  images.forEach(img => { if (img.loading === 'lazy') img.loading = 'eager'; });
  await Promise.all(images.map(img => img.complete ? null : img.decode().catch(() => null)));
  const snippet = el => el.outerHTML.replace(/\\s+/g, ' ').slice(0, 160);
  return {
    images: images.map(img => ({
      src: img.getAttribute('src') || '',
      width: img.naturalWidth,
      alt: img.getAttribute('alt'),
      decorative: ['presentation', 'none'].includes(img.getAttribute('role'))
                  || img.getAttribute('aria-hidden') === 'true',
      in_content: img.closest('main, article, [role=main]') !== null,
      html: snippet(img),
    })),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => ({
      url: a.href, raw: a.getAttribute('href'), html: snippet(a),
    })),
    ids: Array.from(document.querySelectorAll('[id], a[name]')).map(el => el.id || el.getAttribute('name')),
  };
}
"""


@dataclass(frozen=True)
class Site:
    """A built site and the local URL it is served at."""

    html_dir: Path
    base_url: str

    def url(self, page: str) -> str:
        return self.base_url + page


def is_local(url: str) -> bool:
    """Requests a page may make: to the local test server, or data that never leaves the browser."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == LOCAL_HOST


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port) and yield its base URL."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        """Sends text files gzip-compressed to a browser that accepts it, as GitHub Pages does, so
        the sizes the browser records are the ones readers download."""

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
            pass

        def send_head(self):  # type: ignore[no-untyped-def] (the stdlib's signature)
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if (not path.is_file() or path.suffix.lower() not in COMPRESSED_TYPES
                    or "gzip" not in self.headers.get("Accept-Encoding", "")):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return io.BytesIO(body)

    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def site_pages(html_dir: Path) -> list[str]:
    """Every HTML page of a built site, relative to its top (Sphinx's own ``_static`` etc. left out).
    A translated edition nested in the site (``id/``, with its own search index) is a site of its own,
    left out here: test_language_sites.py visits it."""
    nested = {p.parent.relative_to(html_dir).as_posix() for p in html_dir.glob("*/searchindex.js")}
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not any(part.startswith("_") for part in p.relative_to(html_dir).parts)
                  and p.relative_to(html_dir).parts[0] not in nested)


def open_recorded_page(context: BrowserContext, visit: PageVisit, base_url: str) -> Page:
    """A new page whose console errors, failed requests and off-site requests go into ``visit``.

    Every request is routed: off-site ones are recorded and aborted before they leave the machine,
    so the site is tested as a reader without internet (or behind a filter) would see it.
    """
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)

    def on_route(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            visit.offsite_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":  # the book has its own icon (html.favicon), so not even /favicon.ico fails
            visit.console_errors.append(msg.text)

    def on_failed(request: Request) -> None:
        if is_local(request.url):
            visit.failed_requests.append(f"{request.url} ({request.failure})")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            visit.failed_requests.append(f"{response.url} (HTTP {response.status})")

    page.route("**/*", on_route)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: visit.console_errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    return page


@contextmanager
def recorded_page(context: BrowserContext, visit: PageVisit, base_url: str) -> Iterator[Page]:
    """:func:`open_recorded_page`, closed on leaving the block."""
    page = open_recorded_page(context, visit, base_url)
    try:
        yield page
    finally:
        page.close()


def _load(page: Page, visit: PageVisit, base_url: str, png_chunks: dict[str, dict[str, str]]) -> None:
    """Load the page as a reader would and record its images, links, element ids, weight and charts."""
    response = page.goto(base_url + visit.path, wait_until="load")
    visit.status = response.status if response else None
    page.wait_for_load_state("networkidle")
    seen = page.evaluate(_COLLECT_JS)
    visit.images = [Image(i["src"], i["width"], i["alt"], i["decorative"], i["in_content"], i["html"])
                    for i in seen["images"]]
    visit.links = [Link(a["url"], a["raw"], a["html"]) for a in seen["links"]]
    visit.ids = {i for i in seen["ids"] if i}
    record_reading(page, visit, png_chunks)


def _start_axe(page: Page) -> None:
    """Start axe-core in the page without waiting for it (its result is kept in the page)."""
    page.evaluate(AXE.axe_script)
    page.evaluate(f"() => {{ window.__courseAxe = axe.run(document, {json.dumps(AXE_OPTIONS)}); }}")


def _axe_violations(page: Page) -> list[Violation]:
    """Wait for the axe-core run started by :func:`_start_axe` and return its violations."""
    response = AxeResults(page.evaluate("() => window.__courseAxe")).response
    return [Violation(v["id"], v.get("impact"), v["help"], tuple(" ".join(n["target"]) for n in v["nodes"]))
            for v in response["violations"]]


def visit_pages(context: BrowserContext, base_url: str, paths: list[str], *, accessibility: bool = True,
                parallel: int = PARALLEL_PAGES, after: AfterLoad | None = None) -> dict[str, PageVisit]:
    """Visit each page once and record everything the checks need.

    axe-core takes most of the time, so it runs in up to ``parallel`` pages at once (each page has
    its own renderer process) while the next pages load; pages are closed as their results arrive.
    ``after`` acts on each page once axe is done with it (tapping buttons, say).
    """
    visits: dict[str, PageVisit] = {}
    running: deque[tuple[PageVisit, Page]] = deque()
    png_chunks: dict[str, dict[str, str]] = {}

    def finish_oldest() -> None:
        record, page = running.popleft()
        try:
            if accessibility:
                record.violations = _axe_violations(page)
            if after is not None:
                after(page, record)
        finally:
            page.close()

    try:
        for path in paths:
            record = visits[path] = PageVisit(path)
            page = open_recorded_page(context, record, base_url)
            running.append((record, page))
            _load(page, record, base_url, png_chunks)
            if accessibility:
                _start_axe(page)
            while len(running) >= parallel:
                finish_oldest()
        while running:
            finish_oldest()
    finally:
        for _, page in running:
            page.close()
    return visits


_SEARCH_DONE_JS = """
() => {
  // done when Sphinx has written its summary (it starts empty and is written when the search ends, in the
  // page's language, so its words are not matched) or has listed a result (best first): in a translated
  // site Sphinx 7.4 may never write the summary after listing results
  const summary = document.querySelector('#search-results .search-summary');
  return (summary !== null && summary.innerText.trim() !== '')
    || document.querySelectorAll('#search-results ul.search > li').length > 0;
}
"""


def search(context: BrowserContext, base_url: str, query: str) -> tuple[list[str], PageVisit]:
    """Search as a reader does: open the search box on the landing page, type, press Enter.

    Returns the titles of the pages found and the record of the results page (console errors,
    failed or off-site requests), which must be as clean as any other page."""
    record = PageVisit(f"search.html?q={query}")
    with recorded_page(context, record, base_url) as page:
        page.goto(base_url + "index.html", wait_until="load")
        page.locator("button.search-button__button:visible").first.click()
        box = page.locator("#pst-search-dialog input[name=q]")
        box.fill(query)
        box.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        page.wait_for_function(_SEARCH_DONE_JS)
        record.status = 200
        titles = page.locator("#search-results ul.search > li > a:first-child").all_inner_texts()
    return [t.strip() for t in titles], record


def crawl(context: BrowserContext, base_url: str, pages: list[str], *, accessibility: bool = True,
          after: AfterLoad | None = None) -> Crawl:
    """Visit every page once, then ask the server about link targets that are not pages."""
    result = Crawl(base_url, visit_pages(context, base_url, pages, accessibility=accessibility, after=after))
    for v in result.visits.values():
        for link in v.links:
            key = page_key(base_url, link.url)
            if key is not None and key not in result.visits and key not in result.resource_status:
                result.resource_status[key] = context.request.get(base_url + key).status
    return result
