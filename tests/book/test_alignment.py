"""The regional page's evidence on the page: the HTML alignment matrix, the challenge tables through time,
the region apart, and the figures (CyberTipline, Disrupting Harm)."""

from __future__ import annotations

import re

import pandas as pd
from coursekit.book import alignment, figures, regional_overview
from coursekit.model import legislation

NAMES = {"PH": "Philippines", "LK": "Sri Lanka"}


def rows(*cells: tuple[str, str, str, str | None]) -> pd.DataFrame:
    return pd.DataFrame([{"country": c, "provision": p, "status": s, "evidence": e} for c, p, s, e in cells])


def cell(html: str, country: str, label: str) -> str:
    m = re.search(r'<td [^>]*aria-label="' + re.escape(f"{country}, {label}: ") + r'[^"]*"[^>]*>.*?</td>', html)
    assert m, (country, label)
    return m.group(0)


def test_a_secondary_cell_is_marked_by_word_pattern_and_label_and_a_verified_one_is_not():
    m = alignment.alignment_matrix(rows(("PH", "csam_possession", "yes", "secondary"),
                                        ("LK", "csam_possession", "yes", "verified")),
                                   NAMES, ["csam_possession"], caption="Matrix", source="Source: x.")
    html = m._repr_html_()
    secondary, verified = cell(html, "Philippines", "Possession of CSAM"), cell(html, "Sri Lanka", "Possession of CSAM")
    assert ">Yes*</span>" in secondary and "repeating-linear-gradient" in secondary
    assert "secondary source, not checked against the official text" in secondary
    assert 'data-evidence="secondary"' in secondary
    assert ">Yes</span>" in verified and "repeating-linear-gradient" not in verified
    assert "secondary" not in verified


def test_a_missing_row_reads_unknown_with_its_own_pattern_and_the_legend_explains_every_mark():
    m = alignment.alignment_matrix(rows(("PH", "csam_possession", "yes", "verified")), NAMES, ["csam_possession"],
                                   caption="Matrix", source="Source: x.")
    html = m._repr_html_()
    unknown = cell(html, "Sri Lanka", "Possession of CSAM")
    assert ">Unknown</span>" in unknown and "radial-gradient" in unknown
    legend = html[html.index('class="alignment-legend"'):html.index("</ul>")]
    assert "secondary source" in legend and "Unknown" in legend and "Not the same as No" in legend
    assert "Yes*" in legend


def test_national_law_and_treaties_are_two_tables_with_headers_for_screen_readers():
    m = alignment.alignment_matrix(rows(("PH", "budapest_party", "yes", "verified")), NAMES,
                                   ["csam_possession", "budapest_party"], caption="Matrix", source="Source: x.")
    html = m._repr_html_()
    assert html.count("<table") == 2 and "<caption>National law</caption>" in html
    assert '<th scope="row">Philippines</th>' in html and '<th scope="col">Budapest Convention</th>' in html


def test_text_from_data_is_escaped_in_the_matrix():
    m = alignment.alignment_matrix(rows(("PH", "csam_possession", "yes", "verified")),
                                   {"PH": "<b>Philippines</b>", "LK": "Sri Lanka"}, ["csam_possession"],
                                   caption="<script>x</script>", source="Source: <i>x</i>.")
    html = m._repr_html_()
    assert "<b>" not in html and "<script>" not in html and "&lt;b&gt;Philippines" in html


def test_the_shipped_matrix_counts_match_the_data(repo_course, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    m = regional_overview.alignment()
    national = m.counts(legislation.LAW_PROVISIONS)
    assert national.get(("unknown", ""), 0) == 24
    assert sum(n for (s, e), n in national.items() if s != "unknown" and e == "secondary") > 0
    assert all(e in ("verified", "secondary") for (s, e) in national if s != "unknown")


def test_recent_and_older_reports_are_apart_and_the_older_ones_show_their_year(repo_course, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    recent, older = regional_overview.recent_table(), regional_overview.older_table()
    assert all(int(re.search(r"\d{4}", d).group(0)) >= 2019 for d in recent.frame["Reported"])
    assert len(older.frame) > 0 and all(int(y) < 2019 for y in older.frame["Year"])
    assert "ASEAN-wide" not in set(recent.frame["Country"]) | set(older.frame["Country"])
    region = regional_overview.region_table()
    assert set(region.frame["Country"]) == {"ASEAN-wide"}
    assert set(recent.frame["Evidence"]) == {"Verified", "Secondary source, not checked against the official text"}


def test_an_addressed_challenge_shows_both_dates(repo_course, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    table = regional_overview.addressed_table()
    frame = table.frame
    assert frame["Since then"].str.startswith("Addressed ").all()  # every row shows when it was addressed
    row = frame[(frame["Country"] == "Maldives") & (frame["Category"] == "Legislation gaps")].iloc[0]
    assert row["Reported"] == "2024"
    assert row["Since then"].startswith("Addressed 17 December 2024:")
    assert "Muizzu Ratifies" in row["Since then"]


def test_the_region_is_drawn_apart_from_the_countries(repo_course, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    chart = regional_overview.country_chart()
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert labels[-1] == "ASEAN-wide (region)" and "Philippines" in labels
    heat = regional_overview.heatmap()
    assert [t.get_text() for t in heat.figure.axes[0].get_yticklabels()][-1] == "ASEAN-wide (region)"
    category = regional_overview.category_chart()
    assert "ASEAN" not in category.alt  # counted apart, never for a country


def test_figures_reach_the_country_pages_and_the_regional_page(repo_course, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    ph, lk = figures.country_table("PH"), figures.country_table("LK")
    assert "1,297,474" in set(ph.frame["Figure"]) and "152,811" in set(lk.frame["Figure"])
    assert isinstance(figures.country_table("BN"), figures.NoFigures)
    series = figures.country_series("PH")
    assert series is not None and "2021 3,084,566" in series.alt and "The POST" in series.caption
    dh = figures.dh_chart()
    assert "Philippines 20%" in dh.alt and "Malaysia at least 4%" in dh.alt
    region = figures.cybertipline_table()
    assert {"Philippines", "Indonesia", "Thailand", "Sri Lanka", "All countries"} <= set(region.frame["Country"])


def _texts(fig):
    for artist in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text")):
        if artist.get_text().strip() and artist.get_visible():
            yield artist


def test_page_charts_are_narrow_and_their_text_large_enough_for_a_phone(repo_course, monkeypatch):
    """About 4.5 inches wide with text of 10 pt or more: shown 390 px wide, text stays at 11 px or more."""
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    charts = [regional_overview.category_chart(), regional_overview.country_chart(), regional_overview.heatmap(),
              regional_overview.small_multiples(), regional_overview.timeline(), figures.dh_chart(),
              figures.country_series("PH")]
    for chart in charts:
        width = chart.figure.get_size_inches()[0]
        assert width <= 4.5 + 1e-9, (chart.name, width)
        small = [(t.get_text(), t.get_fontsize()) for t in _texts(chart.figure) if t.get_fontsize() < 10]
        assert not small, (chart.name, small[:3])
        assert min(t.get_fontsize() for t in _texts(chart.figure)) * 390 / (72 * width) >= 11, chart.name


def test_child_victim_measures_are_their_own_group_with_every_country(repo_course, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    html = regional_overview.alignment()._repr_html_()
    assert alignment.CHILD_JUSTICE_HEADING in html
    for p in legislation.CHILD_JUSTICE_PROVISIONS:
        assert legislation.PROVISIONS[p].label in html
    rows = legislation.frame()
    child = rows[rows["provision"].isin(legislation.CHILD_JUSTICE_PROVISIONS)]
    # every country has a row for each of the four measures: filled, or 'unknown' where nothing was found
    assert len(child) == 4 * len(set(rows["country"])) == 40
    assert set(child["status"]) <= {"yes", "partial", "no", "unknown"}
