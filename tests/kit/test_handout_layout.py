"""Handouts laid out for paper, without a browser: figures numbered per handout, each source once in a
handbook, web addresses as endnotes, screen-only links left out."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from coursekit.kit.handouts import Handout, Part, document, number_figures, shared_sources

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
