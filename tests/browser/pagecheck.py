"""What is wrong with a built site, judged from what the browser recorded on each page.

Plain functions shared by the tests of the real course and of the deliberately broken fixture book,
so the checks that pass on the course are the very ones shown to fail on a broken page.
:func:`browse.crawl` records every page once (console errors, failed and off-site requests,
images, links, element ids, axe-core violations); :func:`find_problems` turns that record into
:class:`Problem` data, which each test filters by kind with :func:`assert_none_of_kind`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag

BLOCKING_IMPACTS = ("serious", "critical")
WEIGHT_BUDGET_BYTES = 350 * 1024  # a page's first load (HTML, CSS, JS, fonts; gzip as served), images apart
MIN_CHART_TEXT_PX = 11.0          # the smallest chart text, as displayed (coursekit.book.style.MIN_TEXT_PX)

# Problem kinds, one per check.
CONSOLE_ERROR = "console-error"
FAILED_REQUEST = "failed-request"
OFFSITE_REQUEST = "offsite-request"
BROKEN_IMAGE = "broken-image"
MISSING_ALT = "missing-alt"
BROKEN_LINK = "broken-link"
BROKEN_ANCHOR = "broken-anchor"
ACCESSIBILITY = "accessibility"
SIDEWAYS_SCROLL = "sideways-scroll"
OVER_BUDGET = "over-weight-budget"
SMALL_CHART_TEXT = "small-chart-text"
CHART_WITHOUT_SVG = "chart-without-svg-link"
DEAD_BUTTON = "dead-navigation-button"


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


@dataclass(frozen=True)
class ChartShown:
    """A chart as a page shows it: the PNG's own record of its smallest text (the chunks
    coursekit.book.charts.Chart.save writes), its natural width and the width it is displayed at."""

    src: str
    natural_width: int
    displayed_width: float
    min_font_pt: float | None  # None: the PNG carries no Course-Min-Font-Pt chunk
    dpi: float | None
    links_to_svg: bool

    @property
    def text_px(self) -> float | None:
        """How high the chart's smallest text is on screen (CSS px); an image is never scaled up."""
        if self.min_font_pt is None or self.dpi is None or self.natural_width <= 0:
            return None
        return self.min_font_pt * self.dpi / 72 * min(1.0, self.displayed_width / self.natural_width)


@dataclass(frozen=True)
class Weight:
    """Bytes a page's first load brought over the wire (as compressed), from Resource Timing."""

    html: int
    assets: int  # CSS, JS, fonts
    images: int
    largest: tuple[tuple[str, int], ...] = ()

    @property
    def first_load(self) -> int:
        return self.html + self.assets

    def __str__(self) -> str:
        return (f"{self.first_load / 1024:6.1f} kB first load (HTML {self.html / 1024:.1f}, CSS/JS/fonts "
                f"{self.assets / 1024:.1f}), images {self.images / 1024:.1f} kB")


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
    viewport_width: int = 0
    scroll_width: int = 0          # the document's; wider than the viewport: the page scrolls sideways
    weight: Weight | None = None
    charts: list[ChartShown] = field(default_factory=list)
    taps: dict[str, bool] = field(default_factory=dict)  # button -> did a tap open its dialog


@dataclass
class Crawl:
    """A whole site as the browser saw it: every page, and the status of non-page link targets."""

    base_url: str
    visits: dict[str, PageVisit]
    resource_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    page: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.page}: {self.kind}: {self.detail}"


def page_key(base_url: str, url: str) -> str | None:
    """The site-relative file a URL of this site points to (``dir/`` means ``dir/index.html``),
    or None when the URL is not on this site."""
    url = urldefrag(url).url.split("?", 1)[0]
    if not url.startswith(base_url):
        return None
    rel = unquote(url[len(base_url):])
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel



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
        for problem in reading_problems(v):
            add(*problem)
    return problems


def reading_problems(v: PageVisit) -> list[tuple[str, str]]:
    """What a phone reader meets on the page: sideways scrolling, weight, small chart text, dead buttons."""
    found: list[tuple[str, str]] = []
    if v.viewport_width and v.scroll_width > v.viewport_width:
        found.append((SIDEWAYS_SCROLL, f"the page is {v.scroll_width} px wide in a {v.viewport_width} px window"))
    if v.weight is not None and v.weight.first_load > WEIGHT_BUDGET_BYTES:
        top = ", ".join(f"{name} {size / 1024:.0f} kB" for name, size in v.weight.largest[:4])
        found.append((OVER_BUDGET, f"{v.weight} > {WEIGHT_BUDGET_BYTES // 1024} kB; largest: {top}"))
    for chart in v.charts:
        px = chart.text_px
        if px is None:
            found.append((SMALL_CHART_TEXT, f"{chart.src} carries no Course-Min-Font-Pt/Course-Dpi PNG chunk "
                                             "(save charts with coursekit.book.charts.Chart)"))
        elif px < MIN_CHART_TEXT_PX:
            found.append((SMALL_CHART_TEXT, f"{chart.src}: smallest text {px:.1f} px at {v.viewport_width} px "
                                             f"({chart.min_font_pt:g} pt, {chart.natural_width} px wide PNG shown "
                                             f"{chart.displayed_width:.0f} px wide)"))
        if not chart.links_to_svg:
            found.append((CHART_WITHOUT_SVG, f"{chart.src} has no link to its full-size SVG"))
    for button, opened in v.taps.items():
        if not opened:
            found.append((DEAD_BUTTON, f"tapping '{button}' at {v.viewport_width} px opened nothing"))
    return found


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
