"""The shipped book's Indonesian and Thai participant editions (the one end-to-end test of translation):
every Indonesian page says its language, has the menu and the machine-assisted banner; the regional
charts are drawn in Indonesian; a sample of pages loads cleanly; search works in both languages."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from .browse import Site, crawl, search, site_pages
from .pagecheck import Crawl, describe, find_problems
from .reading import PHONE

NOT_CONTENT = ("search.html", "genindex.html")  # Sphinx's own pages: no text of the book on them
SAMPLE = ["id/index.html", "id/challenges.html", "id/glossary.html", "th/glossary.html", "th/overview.html"]


def test_every_indonesian_page_has_its_language_the_menu_and_the_banner(participant_site: Site):
    pages = site_pages(participant_site.html_dir / "id")
    assert len(pages) > 30
    for page in pages:
        html = (participant_site.html_dir / "id" / page).read_text(encoding="utf-8")
        assert '<html lang="id"' in html, page
        assert 'class="course-languages"' in html and 'hreflang="en"' in html, page
        if page not in NOT_CONTENT:
            assert "diterjemahkan dengan bantuan mesin" in html, f"{page}: no machine-assisted banner"
            assert 'lang="id-t-en-t0-und"' in html, f"{page}: machine-assisted text not marked"


def test_every_page_of_every_language_names_its_other_languages_in_the_head(participant_site: Site):
    """<link rel="alternate" hreflang> on each page of each language's site, to the same page in every
    language (x-default: English), each leading to a page that exists."""
    top = participant_site.html_dir
    for folder in ("", "id/", "th/"):
        pages = site_pages(top / folder)  # the English site's pages leave the nested sites out
        assert pages, folder
        for page in pages:
            html = (top / folder / page).read_text(encoding="utf-8")
            head = html[:html.index("</head>")]
            found = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" />', head))
            assert set(found) == {"en", "id", "th", "x-default"}, f"{folder}{page}: {found}"
            assert found["x-default"] == found["en"], f"{folder}{page}"
            for href in found.values():
                target = (top / folder / page).parent / href
                assert target.resolve().is_file() and target.name == Path(page).name, f"{folder}{page}: {href}"


def test_indonesian_regional_charts_have_indonesian_titles_and_labels(participant_site: Site):
    svg = next((participant_site.html_dir / "id" / "_downloads").rglob("challenges-by-category.svg"))
    text = svg.read_text(encoding="utf-8")
    assert "Tantangan yang dilaporkan menurut kategori" in text and "Jumlah laporan" in text
    assert "Bukti elektronik" in text  # a category of the data vocabulary, through data.po
    assert "Reported challenges by category" not in text


def test_a_sample_of_translated_pages_loads_cleanly(context: BrowserContext, participant_site: Site):
    problems = find_problems(crawl(context, participant_site.base_url, SAMPLE))
    assert not problems, describe(problems)


@pytest.mark.parametrize("language, query, title", [
    ("id", "penggeledahan", "Konvensi Budapest II: kewenangan prosedural untuk bukti elektronik"),
    ("th", "สื่อการล่วงละเมิดทางเพศเด็ก", "อภิธานศัพท์"),  # a term of the Thai glossary: no spaces in it
])
def test_search_finds_a_word_of_the_language(context: BrowserContext, participant_site: Site,
                                            language: str, query: str, title: str):
    titles, record = search(context, participant_site.base_url + f"{language}/", query)
    assert any(re.sub(r"\s+", " ", t).startswith(title) for t in titles), titles
    trouble = find_problems(Crawl(participant_site.base_url + f"{language}/", {record.path: record}))
    assert not trouble, describe(trouble)


MENU_BOXES = """() => {
  const links = Array.from(document.querySelectorAll('.course-languages a'));
  return {width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth,
          links: links.map(a => { const r = a.getBoundingClientRect();
            return {name: a.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                    clipped: a.scrollWidth > a.clientWidth + 1}; })};
}"""
TOUCH = 44  # px: the smallest touch target (WCAG 2.5.5, Apple's and Google's guidelines)


@pytest.mark.parametrize("page", ["index.html", "glossary.html", "id/glossary.html", "th/glossary.html",
                                  "th/overview.html"])
def test_the_language_menu_fits_a_phone_and_each_name_is_a_touch_target(browser: Browser, participant_site: Site,
                                                                        page: str):
    """At 390 x 844 every name of the menu (ไทย, the last and shortest, too) lies inside the screen, is
    not cut, is at least 44 px each way and overlaps no other name."""
    ctx = browser.new_context(**PHONE, service_workers="block")
    try:
        tab = ctx.new_page()
        tab.goto(participant_site.base_url + page)
        seen = tab.evaluate(MENU_BOXES)
    finally:
        ctx.close()
    names = [x["name"] for x in seen["links"]]
    assert names == ["English", "Bahasa Indonesia", "ไทย"], f"{page}: {names}"
    assert seen["scroll"] <= seen["width"], f"{page} scrolls sideways ({seen['scroll']} px on {seen['width']})"
    boxes = seen["links"]
    for box in boxes:
        where = f"{page}: {box['name']} at {box['left']:.0f} to {box['right']:.0f} px"
        assert box["left"] >= 0 and box["right"] <= seen["width"], f"{where}: outside the {seen['width']} px screen"
        assert not box["clipped"], f"{where}: its name is cut"
        assert box["right"] - box["left"] >= TOUCH and box["bottom"] - box["top"] >= TOUCH, \
            f"{where}, {box['bottom'] - box['top']:.0f} px high: smaller than a {TOUCH} px touch target"
    for a, b in combinations(boxes, 2):
        apart = a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
        assert apart, f"{page}: {a['name']} and {b['name']} overlap"
