"""What a reader's browser sees on each page of a built site, and what is wrong with it.

Plain functions shared by the tests of the real course and of the deliberately broken fixture book,
so the checks that pass on the course are the very ones shown to fail on a broken page.

A page is visited once (:func:`visit_pages`): console errors, failed and off-site requests, images, links,
element ids and axe-core violations are recorded in a :class:`PageVisit`. :func:`crawl` visits every
page of a site and also asks the server for internal link targets that are not pages (downloads).
:func:`find_problems` then turns a :class:`Crawl` into :class:`Problem` records, pure data that each
test filters by kind.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route

LOCAL_HOST = "127.0.0.1"
BLOCKING_IMPACTS = ("serious", "critical")
# axe's CSSOM preload re-fetches stylesheets and resolves their @import rules against the page, not
# the stylesheet (sphinx's theme.css imports "../basic.css"), which makes spurious 404s; the only
# rule that needs it (css-orientation-lock) is not worth a false failed request on every page.
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}
PAGE_TIMEOUT_MS = 60_000
PARALLEL_PAGES = max(2, min(4, os.cpu_count() or 2))  # pages whose axe-core runs overlap
AXE = Axe()  # axe-core, as bundled by axe-playwright-python

# Problem kinds, one per check.
CONSOLE_ERROR = "console-error"
FAILED_REQUEST = "failed-request"
OFFSITE_REQUEST = "offsite-request"
BROKEN_IMAGE = "broken-image"
MISSING_ALT = "missing-alt"
BROKEN_LINK = "broken-link"
BROKEN_ANCHOR = "broken-anchor"
ACCESSIBILITY = "accessibility"

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
class Image:
    src: str
    natural_width: int
    alt: str | None
    decorative: bool  # marked so explicitly (role="presentation"/"none", aria-hidden)
    in_content: bool  # inside the page's main content, where every image carries meaning
    html: str

    @property
    def lacks_alt(self) -> bool:
        """No alt text: no alt attribute at all, or an empty one on a content image (a chart
        with alt="" is silent for a screen-reader user; theme decoration may use alt="")."""
        if self.decorative:
            return False
        return self.alt is None or (self.in_content and not self.alt.strip())


@dataclass(frozen=True)
class Link:
    url: str  # as the browser resolved it
    raw: str  # as written in the page
    html: str


@dataclass(frozen=True)
class Violation:
    """One axe-core rule broken on a page, with the elements that break it."""

    rule: str
    impact: str | None
    help: str
    targets: tuple[str, ...]


@dataclass
class PageVisit:
    """Everything recorded while one page loaded in the browser."""

    path: str  # relative to the site's base URL
    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    offsite_requests: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    violations: list[Violation] = field(default_factory=list)


@dataclass
class Crawl:
    """A whole site as the browser saw it: every page, and the status of non-page link targets."""

    base_url: str
    visits: dict[str, PageVisit]
    resource_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Site:
    """A built site and the local URL it is served at."""

    html_dir: Path
    base_url: str

    def url(self, page: str) -> str:
        return self.base_url + page


@dataclass(frozen=True)
class Problem:
    page: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.page}: {self.kind}: {self.detail}"


def is_local(url: str) -> bool:
    """Requests a page may make: to the local test server, or data that never leaves the browser."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == LOCAL_HOST


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port) and yield its base URL."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
            pass

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
    """Every HTML page of a built site, relative to its top (Sphinx's own ``_static`` etc. left out)."""
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not any(part.startswith("_") for part in p.relative_to(html_dir).parts))


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
        # Chromium asks every new site for /favicon.ico by itself; the pages never reference it
        if msg.type == "error" and msg.location.get("url") != base_url + "favicon.ico":
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


def _load(page: Page, visit: PageVisit, base_url: str) -> None:
    """Load the page as a reader would and record its images, links and element ids."""
    response = page.goto(base_url + visit.path, wait_until="load")
    visit.status = response.status if response else None
    page.wait_for_load_state("networkidle")
    seen = page.evaluate(_COLLECT_JS)
    visit.images = [Image(i["src"], i["width"], i["alt"], i["decorative"], i["in_content"], i["html"])
                    for i in seen["images"]]
    visit.links = [Link(a["url"], a["raw"], a["html"]) for a in seen["links"]]
    visit.ids = {i for i in seen["ids"] if i}


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
                parallel: int = PARALLEL_PAGES) -> dict[str, PageVisit]:
    """Visit each page once and record everything the checks need.

    axe-core takes most of the time, so it runs in up to ``parallel`` pages at once (each page has
    its own renderer process) while the next pages load; pages are closed as their results arrive.
    """
    visits: dict[str, PageVisit] = {}
    running: deque[tuple[PageVisit, Page]] = deque()

    def finish_oldest() -> None:
        record, page = running.popleft()
        try:
            if accessibility:
                record.violations = _axe_violations(page)
        finally:
            page.close()

    try:
        for path in paths:
            record = visits[path] = PageVisit(path)
            page = open_recorded_page(context, record, base_url)
            running.append((record, page))
            _load(page, record, base_url)
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
  const summary = document.querySelector('#search-results .search-summary');
  return summary !== null && /found|did not match/i.test(summary.innerText);
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


def page_key(base_url: str, url: str) -> str | None:
    """The site-relative file a URL of this site points to (``dir/`` means ``dir/index.html``),
    or None when the URL is not on this site."""
    url = urldefrag(url).url.split("?", 1)[0]
    if not url.startswith(base_url):
        return None
    rel = unquote(url[len(base_url):])
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def crawl(context: BrowserContext, base_url: str, pages: list[str], *, accessibility: bool = True) -> Crawl:
    """Visit every page once, then ask the server about link targets that are not pages."""
    result = Crawl(base_url, visit_pages(context, base_url, pages, accessibility=accessibility))
    for v in result.visits.values():
        for link in v.links:
            key = page_key(base_url, link.url)
            if key is not None and key not in result.visits and key not in result.resource_status:
                result.resource_status[key] = context.request.get(base_url + key).status
    return result


def find_problems(site: Crawl) -> list[Problem]:
    """Every problem a reader would meet on the site, one record per page, kind and element."""
    problems: list[Problem] = []
    for path, v in site.visits.items():
        add = functools.partial(_add, problems, path)
        for text in v.console_errors:
            add(CONSOLE_ERROR, text)
        for text in v.failed_requests:
            add(FAILED_REQUEST, text)
        for url in v.offsite_requests:
            add(OFFSITE_REQUEST, f"{url} (blocked: the site must work offline)")
        for img in v.images:
            if img.natural_width <= 0:
                add(BROKEN_IMAGE, f"{img.src} did not load: {img.html}")
            if img.lacks_alt:
                add(MISSING_ALT, f"{img.src} has no alt text: {img.html}")
        for link in v.links:
            problem = _link_problem(site, link)
            if problem:
                add(*problem)
        for viol in v.violations:
            if viol.impact in BLOCKING_IMPACTS:
                add(ACCESSIBILITY, f"{viol.rule} ({viol.impact}): {viol.help}; elements: {', '.join(viol.targets[:5])}")
    return problems


def _add(problems: list[Problem], page: str, kind: str, detail: str) -> None:
    problems.append(Problem(page, kind, detail))


def _link_problem(site: Crawl, link: Link) -> tuple[str, str] | None:
    """Why an internal link does not lead where it says (None when it does, or is not internal)."""
    key = page_key(site.base_url, link.url)
    if key is None:
        return None  # another site: not followed (the book is tested offline)
    target = site.visits.get(key)
    if target is None:
        status = site.resource_status.get(key)
        if status is None or status >= 400:
            return BROKEN_LINK, f"{link.raw} -> {key} answers {status}: {link.html}"
        return None
    if target.status is None or target.status >= 400:
        return BROKEN_LINK, f"{link.raw} -> {key} answers {target.status}: {link.html}"
    fragment = unquote(urldefrag(link.url).fragment)
    if fragment and fragment not in target.ids:
        return BROKEN_ANCHOR, f"{link.raw}: no element with id '{fragment}' in {key}: {link.html}"
    return None


def of_kind(problems: list[Problem], kind: str) -> list[Problem]:
    return [p for p in problems if p.kind == kind]


def assert_none_of_kind(problems: list[Problem], kind: str) -> None:
    """The assertion the site tests make for each kind of problem (shared with the broken-book test)."""
    found = of_kind(problems, kind)
    assert not found, describe(found)


def describe(problems: list[Problem]) -> str:
    """A readable list for an assertion message."""
    return f"{len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in problems)
