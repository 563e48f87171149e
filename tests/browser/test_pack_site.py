"""The pack of the shipped course: its participant website works from the files (file://) in Chromium,
and its participant PDFs hold every unit, page numbers and every chart, sharp.

The pack is made once per run from a copy of the session's built course (the build then re-runs only
what reads the delivery) and shared with tests/kit/test_shipped_pack.py.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup
from coursekit.model.curriculum import is_trainer_page, load, staged_name
from pdfcheck import MIN_DPI, PRINTED_CHARTS, image_dpis, page_texts, text
from playwright.sync_api import BrowserContext, Page

DELIVERY = "data/deliveries/regional-workshop-2021.yaml"
TOP = "regional-workshop-2021-pack"
HANDBOOK_MB, HANDOUT_MB = 15, 3  # the largest PDF a participant should have to download


@pytest.fixture(scope="module")
def pack(shipped_pack: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    zip_path, stdout = shipped_pack  # made once per run from a copy of the session's build (tests/conftest.py)
    assert zip_path.name == f"{TOP}.zip", zip_path
    print(stdout)  # the pack's size, for the CI log
    out = tmp_path_factory.mktemp("pack")
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(out)
    return out / TOP, stdout


@pytest.fixture
def offline_page(context: BrowserContext) -> Iterator[tuple[Page, list[str]]]:
    """A page that records console errors and any request that would leave the files."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    page.on("request", lambda r: problems.append(f"request off the files: {r.url}")
            if not r.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    yield page, problems
    page.close()


def test_participant_site_from_the_files_navigates_shows_charts_and_searches(pack, offline_page):
    top, _out = pack
    page, problems = offline_page
    site = top / "participant" / "website"
    page.goto((site / "index.html").as_uri(), wait_until="load")
    link = page.locator("nav.bd-docs-nav a.reference.internal", has_text="Philippines").first
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/countries/ph.html"), page.url
    assert "Philippines" in page.locator("article h1").inner_text()
    charts = page.evaluate("""async () => {
        const imgs = [...document.querySelectorAll('article figure img')];
        imgs.forEach(i => i.loading = 'eager');
        await Promise.all(imgs.map(i => i.complete ? null : i.decode().catch(() => null)));
        return imgs.map(i => i.naturalWidth);
    }""")
    assert charts and all(w > 0 for w in charts), charts
    page.goto((site / "index.html").as_uri(), wait_until="load")
    page.locator("button.search-button__button:visible").first.click()
    box = page.locator("#pst-search-dialog input[name=q]")
    box.fill("Budapest")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_function("() => /found|did not match/i.test("
                           "(document.querySelector('#search-results .search-summary') || {}).innerText || '')")
    titles = page.locator("#search-results ul.search > li > a:first-child").all_inner_texts()
    assert any("Budapest Convention" in t for t in titles), titles
    assert problems == []  # no console error, nothing fetched from outside the files


def _units(root: Path) -> list[tuple[str, str]]:
    """(title, staged html path) of every participant page in the toc, in order."""
    course = load(root)
    units = {u.path: u for u in course.units}
    out = []
    for e in course.toc:
        if e.path is not None and not is_trainer_page(e.file):
            html = staged_name(e.file) + ".html"
            out.append((units[e.path].title if e.path in units else "", html))
    return out


def _charts(html: Path) -> int:
    return len(BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select(PRINTED_CHARTS))


def _first_source(html: Path) -> str | None:
    """The first entry of the page's "Sources" section, if it has one."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
    for h2 in soup.select("article h2"):
        if h2.get_text(strip=True).rstrip("#") == "Sources":
            item = h2.find_parent("section").find("li")
            return " ".join(item.get_text(" ", strip=True).split())[:40] if item else None
    return None


def test_participant_pdfs_hold_every_unit_page_numbers_and_every_chart(built_course: Path, pack):
    top, out = pack
    site = top / "participant" / "website"
    units = _units(built_course)
    handbook = pypdf.PdfReader(top / "participant" / "handouts" / "participant-handbook.pdf")
    read = page_texts(handbook)  # once: pypdf takes about 10 s of CPU for the handbook's 150-odd pages
    words = re.sub(r"\s+", " ", text(read))
    missing = [t for t, _ in units if t and re.sub(r"\s+", " ", t) not in words]
    assert missing == []
    pages = len(handbook.pages)
    assert all(f"Page {n} of {pages}" in t for n, t in enumerate(read, start=1))
    total = sum(_charts(site / html) for _, html in units)
    assert total > 10 and sum(len(p.images) for p in handbook.pages) == total
    handouts = sorted((top / "participant" / "handouts" / "units").glob("*.pdf"))
    assert len(handouts) == len(units)
    # handouts are numbered in the delivery's order (its blocks first), named after their page
    by_name = {html.removesuffix(".html").replace("/", "-"): html for _, html in units}
    assert sorted(re.sub(r"^\d+-", "", p.stem) for p in handouts) == sorted(by_name)
    for pdf in handouts:
        html = by_name[re.sub(r"^\d+-", "", pdf.stem)]
        reader = pypdf.PdfReader(pdf)
        dpis = [d for p in reader.pages for d in image_dpis(p)]
        assert len(dpis) == _charts(site / html), pdf.name
        assert not dpis or min(dpis) >= MIN_DPI, (pdf.name, dpis)
        read = page_texts(reader)
        assert "Page 1 of" in read[0]
        source = _first_source(site / html)
        if source:  # the unit's source list is in its handout
            words = " ".join(text(read).split())
            assert " ".join(source.split()[:3]) in words and "Sources" in words, (pdf.name, source)
    assert re.search(r"Size: \d+\.\d MB of a \d+\.\d MB budget", out), out
    # a participant downloads these on a phone: a printed pattern once made every matrix cell a page-sized image
    # (handbook 43 MB); today's handbook is about 10 MB and the largest unit handout 2 MB
    sizes = {p.relative_to(top).as_posix(): p.stat().st_size / 2**20 for p in (top / "participant").rglob("*.pdf")}
    assert {k: round(v, 1) for k, v in sizes.items() if v > (HANDBOOK_MB if "handbook" in k else HANDOUT_MB)} == {}


def test_pack_holds_each_language_site_in_its_language_and_each_languages_handbook(pack):
    """The delivery names en, id and th: the pack's website holds English at its top and each translated
    site in <code>/, every page in its own language; the handouts hold one handbook per translated
    language, in handouts/<code>/, machine-assisted and saying so in that language."""
    top, _out = pack
    site = top / "participant" / "website"
    assert '<html lang="en"' in (site / "index.html").read_text(encoding="utf-8")
    for code in ("id", "th"):
        pages = [p for p in (site / code).rglob("*.html") if not any(x.startswith("_") for x in p.parts)]
        assert len(pages) > 10, code
        wrong = [p.name for p in pages if f'<html lang="{code}"' not in p.read_text(encoding="utf-8")]
        assert wrong == [], (code, wrong)
        assert (site / code / "searchindex.js").is_file()
    handouts = top / "participant" / "handouts"
    assert sorted(p.name for p in handouts.iterdir() if p.is_dir()) == ["id", "th", "units"]  # no English copy
    # the machine-assisted notice; for Thai two pieces of it, since the PDF's text layer loses stacked marks
    # (the "ื่" of เครื่อง comes out as a space) though the page shows them (tests/engine/test_languages.py)
    banners = {"id": ["diterjemahkan dengan bantuan mesin"], "th": ["แปลโดยใช้", "ช่วยแปล"]}
    for code, pieces in banners.items():
        reader = pypdf.PdfReader(handouts / code / "participant-handbook.pdf")
        words = unicodedata.normalize("NFKC", text(reader))
        squeezed = re.sub(r"\s+", "" if code == "th" else " ", words)
        assert all(unicodedata.normalize("NFKC", piece) in squeezed for piece in pieces), code
        assert len(reader.pages) > 2, code
    thai = unicodedata.normalize("NFKC", text(pypdf.PdfReader(handouts / "th" / "participant-handbook.pdf")))
    assert len(re.findall(r"[\u0E00-\u0E7F]", thai)) > 500  # Thai text, not English left in a Thai handbook
