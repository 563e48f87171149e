"""What a reader on a phone or a slow line meets, recorded in the browser for pagecheck to judge.

Each function reads one loaded page (or loads one itself, for the slow-line and print checks):
the page's first-load weight from Resource Timing (compressed bytes, as the test server sends them
gzip-compressed like GitHub Pages), whether it scrolls sideways, every chart's displayed width and
its PNG's own record of its smallest text, and whether the menu and contents buttons open their
dialogs when tapped.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata

from PIL import Image as PILImage
from playwright.sync_api import Browser, BrowserContext, Page
from pypdf import PdfReader

from .pagecheck import ChartShown, PageVisit, Weight

# Chrome DevTools' "Slow 3G"-like line of the issue: a 2 s round trip and 50 kB/s.
SLOW_LINE = {"offline": False, "latency": 2000, "downloadThroughput": 50 * 1024, "uploadThroughput": 50 * 1024}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

_IMAGE_FILE = re.compile(r"\.(png|svg|jpe?g|gif|webp)(\?|$)", re.IGNORECASE)

_READ_JS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource').map(e => ({
    name: e.name, size: e.encodedBodySize, img: e.initiatorType === 'img'}));
  const charts = Array.from(document.querySelectorAll('article figure img, article .cell_output img')).map(img => {
    const style = getComputedStyle(img);
    const figure = img.closest('figure');
    return {src: img.currentSrc || img.src, natural: img.naturalWidth,
            shown: img.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
            svg: !!(figure && figure.querySelector('a[href$=".svg"]'))};
  });
  return {html: nav ? nav.encodedBodySize : 0, resources, charts,
          scroll: document.documentElement.scrollWidth, viewport: window.innerWidth};
}
"""


def dark_mode(context: BrowserContext) -> None:
    """Make every page of ``context`` open in the theme's dark mode (as a reader's saved choice)."""
    context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")


def record_reading(page: Page, visit: PageVisit, png_chunks: dict[str, dict[str, str]]) -> None:
    """Weight, sideways scrolling and charts of a loaded page into ``visit``.

    ``png_chunks`` caches each chart's PNG text chunks by URL (one fetch per chart per session)."""
    seen = page.evaluate(_READ_JS)
    visit.viewport_width, visit.scroll_width = seen["viewport"], seen["scroll"]
    images = sum(r["size"] for r in seen["resources"] if r["img"] or _IMAGE_FILE.search(r["name"]))
    assets = [(r["name"].rsplit("/", 1)[-1].split("?", 1)[0], r["size"]) for r in seen["resources"]
              if not (r["img"] or _IMAGE_FILE.search(r["name"]))]
    visit.weight = Weight(seen["html"], sum(size for _, size in assets), images,
                          tuple(sorted(assets, key=lambda a: -a[1])[:6]))
    for c in seen["charts"]:
        if not c["src"].lower().split("?", 1)[0].endswith(".png"):
            continue
        chunks = png_chunks.get(c["src"])
        if chunks is None:
            body = page.context.request.get(c["src"]).body()
            chunks = png_chunks[c["src"]] = dict(PILImage.open(io.BytesIO(body)).text)
        visit.charts.append(ChartShown(c["src"], c["natural"], c["shown"], _number(chunks.get("Course-Min-Font-Pt")),
                                       _number(chunks.get("Course-Dpi")), c["svg"]))


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


_DIALOG_OPEN_JS = "id => { const d = document.getElementById(id); return !!(d && d.open && d.querySelector('a')); }"
BUTTONS = {"menu": (".primary-toggle", "pst-primary-sidebar-modal"),
           "contents": (".secondary-toggle", "pst-secondary-sidebar-modal")}


def tap_navigation(page: Page, visit: PageVisit) -> None:
    """Tap the visible menu and contents buttons; record whether each opened its dialog with links.

    A page without a contents button (no headings) records only the menu."""
    for name, (selector, dialog) in BUTTONS.items():
        button = page.locator(f"{selector}:visible").first
        if button.count() == 0:
            if name == "menu":
                visit.taps[name] = False
            continue
        button.tap()
        try:
            page.wait_for_function(_DIALOG_OPEN_JS, arg=dialog, timeout=3000)
            visit.taps[name] = True
        except Exception:  # noqa: BLE001 (Playwright's timeout: the dialog never opened)
            visit.taps[name] = False
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => !document.getElementById('{dialog}').open", timeout=3000)


_FIRST_TEXT_JS = """
() => new Promise(resolve => {
  const look = () => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    if (paint) resolve(paint.startTime); else setTimeout(look, 50);
  };
  look();
})
"""


def first_text_seconds(browser: Browser, url: str) -> float:
    """Seconds until a phone on the slow line shows the page's first text (first contentful paint),
    with an empty cache, as a first-time reader."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_LINE)
        started = time.monotonic()
        page.goto(url, wait_until="commit", timeout=120_000)
        paint_ms = page.evaluate(_FIRST_TEXT_JS)
        assert time.monotonic() - started < 120
        return paint_ms / 1000
    finally:
        context.close()


def _squash(text: str) -> str:
    """Text compared without spacing, line breaks or ligatures (a PDF's text has all three its own way)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def cells_missing_from_pdf(page: Page, url: str) -> tuple[int, list[str], int]:
    """Print ``url`` to PDF as Chromium does; return (cells, the cells whose text the PDF lacks, pages)."""
    page.goto(url, wait_until="networkidle")
    cells = page.evaluate("() => Array.from(document.querySelectorAll('article table td, article table th'))"
                          ".map(c => c.innerText)")  # the text a reader sees in each cell
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = _squash("".join(p.extract_text() or "" for p in pdf.pages))
    missing = [c.strip() for c in cells if _squash(c) and _squash(c) not in text]
    return len(cells), missing, len(pdf.pages)
