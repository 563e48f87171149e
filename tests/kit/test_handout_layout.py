"""Handouts laid out for paper, without a browser: figures numbered per handout, each source once in a
handbook, web addresses as endnotes, screen-only links left out."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from coursekit.kit.handbook import shared_sources
from coursekit.kit.handouts import Handout, Part, document, number_figures

PAGE = """<html><body><article class="bd-article"><h1>Unit</h1>
<figure><img src="missing.png"><figcaption><span class="caption-number">Fig. 19 </span>
<span class="caption-text"><strong>Chart.</strong> Source: X.
<a class="reference download internal" download="" href="c.svg">Full-size chart (SVG)</a></span></figcaption></figure>
<details class="course-collapse course-chart-data"><summary>The same data as a table</summary><table></table></details>
<p>See <a href="https://example.org/report">the report</a> and <a href="https://example.org/report">again</a>.</p>
<ol class="course-sources"><li><a href="https://example.org/src">Source A</a>. Publisher.</li></ol>
</article></body></html>"""


def _doc(tmp_path: Path) -> BeautifulSoup:
    page = tmp_path / "unit.html"
    page.write_text(PAGE, encoding="utf-8")
    return BeautifulSoup(document(Handout("H", [Part(page, "Unit")])), "lxml")


def test_figures_are_numbered_within_the_handout():
    html = number_figures('<figure><span class="caption-number">Fig. 19 </span></figure>'
                          '<figure><span class="caption-number">Fig. 20 </span></figure>')
    assert [s.get_text() for s in BeautifulSoup(html, "lxml").select(".caption-number")] == ["Fig. 1 ", "Fig. 2 "]


def test_screen_only_links_and_chart_data_are_not_printed(tmp_path: Path):
    soup = _doc(tmp_path)
    assert "Full-size chart" not in soup.get_text() and soup.select("details.course-chart-data") == []
    assert soup.select_one(".caption-number").get_text() == "Fig. 1 "


def test_a_chart_marked_screen_only_prints_as_its_table(tmp_path: Path):
    page = tmp_path / "unit.html"
    page.write_text(PAGE.replace("<figure>", '<figure class="course-screen-only">').replace(
        "course-chart-data", "course-chart-data course-on-paper").replace("<table></table>",
        "<table><tr><td>Art. 9</td><td>Unit A</td></tr></table>"), encoding="utf-8")
    soup = BeautifulSoup(document(Handout("H", [Part(page, "Unit")])), "lxml")
    assert soup.select("figure") == [] and soup.select("img") == []
    assert [td.get_text() for td in soup.select("details.course-chart-data td")] == ["Art. 9", "Unit A"]


def test_web_addresses_become_numbered_endnotes_once_each(tmp_path: Path):
    soup = _doc(tmp_path)
    assert [s.get_text() for s in soup.select("sup.handout-note-ref")] == ["[1]", "[1]"]
    assert [li.get_text() for li in soup.select(".handout-endnotes li")] == ["https://example.org/report"]
    assert "https://example.org/src" in soup.select_one("ol.course-sources").get_text()  # a source, in place


def test_a_handbook_lists_each_source_once_and_each_unit_names_its_numbers():
    unit = '<section><ol class="course-sources"><li>{}</li><li>{}</li></ol></section>'
    html = shared_sources(f"<html><body>{unit.format('A', 'B')}{unit.format('B', 'C')}</body></html>")
    soup = BeautifulSoup(html, "lxml")
    assert [li.get_text() for li in soup.select(".handout-bibliography li")] == ["A", "B", "C"]
    notes = [p.get_text() for p in soup.select(".handout-sources-note")]
    assert notes[0].endswith("numbers 1, 2.") and notes[1].endswith("numbers 2, 3.")


def test_a_printed_address_wraps_only_after_a_slash_or_before_a_dot(tmp_path: Path):
    url = "https://lawphil.net/judjuris/juri2021/nov2021/gr_247348_zalameda.html"
    page = tmp_path / "unit.html"
    page.write_text(f'<html><body><article class="bd-article"><h1>U</h1><ol class="course-sources">'
                    f'<li><a href="{url}">A decision</a>.</li></ol></article></body></html>', encoding="utf-8")
    span = BeautifulSoup(document(Handout("H", [Part(page, "U")])), "lxml").select_one(".handout-url")
    pieces = [str(c) for c in span.children if getattr(c, "name", None) != "wbr"]
    assert "".join(pieces).strip() == url  # the whole address is printed
    assert ".html" in pieces and "zalameda" not in "".join(p for p in pieces if p.startswith(".ht"))
    assert all(len(p) <= 20 for p in pieces)  # no unbreakable run that Chromium would cut anywhere


GROUPED = ('<div class="course-table-wrap course-grouped{cls}" data-group-by="{by}"><p class="course-table-title">{t}</p>'
           '<details class="course-group"><summary>{g} <span class="course-count">(1)</span></summary>'
           '<p class="course-shared"><strong>Evidence:</strong> Secondary source</p>'
           '<table><tr><td>{row}</td></tr></table></details></div>')


def _handbook(tmp_path: Path, *, with_country: bool) -> BeautifulSoup:
    regional = tmp_path / "challenges.html"
    regional.write_text('<html><body><article class="bd-article"><h1>Regional</h1>'
                        + GROUPED.format(cls=" course-repeats-elsewhere", by="Country", t="Challenges by country",
                                         g="Philippines", row="Regional row")
                        + GROUPED.format(cls="", by="Category", t="Region-wide", g="Prevention", row="ASEAN row")
                        + "</article></body></html>", encoding="utf-8")
    country = tmp_path / "ph.html"
    country.write_text('<html><body><article class="bd-article"><h1>Philippines</h1>'
                       + GROUPED.format(cls=" course-repeats-country", by="Category", t="Reported challenges",
                                        g="Prevention", row="Country row")
                       + "</article></body></html>", encoding="utf-8")
    parts = [Part(regional, "Regional")] + ([Part(country, "Philippines")] if with_country else [])
    return BeautifulSoup(document(Handout("Handbook", parts, flowing=True, lists_once=True)), "lxml")


def test_a_handbook_with_the_country_pages_lists_their_challenges_once(tmp_path: Path):
    text = _handbook(tmp_path, with_country=True).get_text(" ")
    assert "Regional row" not in text and "Country row" in text and "ASEAN row" in text
    assert "Challenges by country. In this handbook each of these reports is listed once" in text


def test_without_the_country_pages_the_regional_lists_stay(tmp_path: Path):
    assert "Regional row" in _handbook(tmp_path, with_country=False).get_text(" ")


def test_on_paper_a_group_is_a_title_over_its_rows_not_a_toggle(tmp_path: Path):
    soup = _handbook(tmp_path, with_country=True)
    assert soup.select("details.course-group") == []
    title = soup.select_one("div.course-group > p.course-group-title")
    assert title is not None and title.get_text(" ", strip=True) == "Prevention (1)"


TABLE = ('<div class="course-table-wrap"><table class="course-table course-cards"><caption>{cap}</caption>'
         '<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table><p class="course-source">Source: S.</p></div>')


def _table(caption: str, columns: int, rows: int, cell: str) -> str:
    heads = "".join(f'<th scope="col">H{c}</th>' for c in range(columns))
    body = "".join("<tr>" + "".join(f'<td data-label="H{c}">{cell} {r}.{c}</td>' for c in range(columns)) + "</tr>"
                   for r in range(rows))
    return TABLE.format(cap=caption, heads=heads, rows=body)


def _units(tmp_path: Path, *bodies: tuple[str, str]) -> BeautifulSoup:
    parts = []
    for n, (title, body) in enumerate(bodies):
        page = tmp_path / f"u{n}.html"
        page.write_text(f'<html><body><article class="bd-article"><h1>{title}</h1>{body}</article></body></html>',
                        encoding="utf-8")
        parts.append(Part(page, title))
    return BeautifulSoup(document(Handout("Handbook", parts, flowing=True, lists_once=True)), "lxml")


def test_a_table_two_units_show_is_printed_once_in_a_handbook(tmp_path: Path):
    same = _table("Lanzarote Convention: articles 30-36", 3, 2, "text")
    soup = _units(tmp_path, ("Lanzarote", same), ("Child victims", same + _table("Other", 3, 2, "other")))
    assert len(soup.select("table")) == 2  # the first copy, and the other unit's own table
    first, second = soup.select("section.handout-part")
    assert first.select_one("table caption").get_text() == "Lanzarote Convention: articles 30-36"
    assert "Lanzarote Convention: articles 30-36: the same table as in \u201cLanzarote\u201d" in second.get_text(" ")


def test_a_wide_table_of_paragraphs_prints_as_records_and_a_short_one_as_a_grid(tmp_path: Path):
    long_cell = "A paragraph of what a channel can obtain, with its conditions and delays, as its sources say"
    soup = _units(tmp_path, ("U", _table("Channels", 8, 3, long_cell) + _table("Status", 8, 3, "Yes")
                             + _table("Steps", 5, 3, long_cell)))
    assert [t.caption.get_text() for t in soup.select("table.handout-records")] == ["Channels"]


def test_a_units_folded_sources_print_as_a_plain_list_with_no_box_title(tmp_path: Path):
    page = tmp_path / "unit.html"
    page.write_text('<html><body><article class="bd-article"><h1>U</h1><details class="course-collapse '
                    'course-sources-fold"><summary>All 2 sources of this page</summary><ol class="course-sources">'
                    '<li>A.</li><li>B.</li></ol></details></article></body></html>', encoding="utf-8")
    soup = BeautifulSoup(document(Handout("H", [Part(page, "U")])), "lxml")
    assert soup.select("details") == []  # a details box with no summary prints "Details" as its title
    assert [li.get_text() for li in soup.select("ol.course-sources li")] == ["A.", "B."]
