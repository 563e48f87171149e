"""Regional charts draw what the data says: a changed row changes the drawing and the alt text."""

from __future__ import annotations

import csv
import io

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from conftest import REPO
from coursekit.book import country_updates, regional_charts, regional_overview
from coursekit.book.style import OKABE_ITO, STATUS_COLOURS
from coursekit.model import challenges, legislation

NAMES = {"PH": "Philippines", "LK": "Sri Lanka", "TH": "Thailand", "MV": "Maldives"}


def shipped_challenges() -> pd.DataFrame:
    return pd.read_csv(REPO / "data" / "challenges.csv", dtype=str)


def bars(chart) -> dict[str, float]:
    """Bar label -> drawn length (recent and older parts of a stacked bar added up), as matplotlib holds them."""
    ax = chart.figure.axes[0]
    labels = dict(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True))
    out = dict.fromkeys(labels.values(), 0.0)
    for p in ax.patches:
        y = min(labels, key=lambda t: abs(t - (p.get_y() + p.get_height() / 2)))
        out[labels[y]] += p.get_width()
    return out


def cell_texts(chart) -> list[str]:
    return [t.get_text() for t in chart.figure.axes[0].texts]


def test_changing_a_row_changes_the_bars_and_the_alt_text():
    df = shipped_challenges()
    names = {c: c for c in df["country"]}
    before = regional_charts.challenges_by_category(df, names, caption="c")
    moved_from = df.loc[0, "category"]
    df.loc[0, "category"] = "international-cooperation"
    after = regional_charts.challenges_by_category(df, names, caption="c")
    old, new = bars(before), bars(after)
    assert new[challenges.label(moved_from)] == old[challenges.label(moved_from)] - 1
    assert new["International cooperation"] == old["International cooperation"] + 1
    count = int(new["International cooperation"])
    assert before.alt != after.alt and f"International cooperation {count} (" in after.alt


def test_every_category_is_drawn_even_with_no_reports():
    chart = regional_charts.challenges_by_category(shipped_challenges().iloc[:1], {}, caption="c")
    assert set(bars(chart)) == {c.label for c in challenges.CATEGORIES.values()}
    assert sum(bars(chart).values()) == 1


def test_editing_the_data_file_changes_the_chart_the_page_draws(repo_course, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    before = bars(regional_overview.category_chart())
    path = repo_course / "data" / "challenges.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    old_category = rows[1][1]
    rows[1][1] = "electronic-evidence"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    after = bars(regional_overview.category_chart())
    assert after["Electronic evidence"] == before["Electronic evidence"] + 1
    assert after[challenges.label(old_category)] == before[challenges.label(old_category)] - 1


def test_heatmap_counts_each_cell_and_names_countries_without_reports():
    df = pd.DataFrame([
        {"country": "PH", "category": "victim-support", "source": "s", "reported_at": "2022"},
        {"country": "PH", "category": "victim-support", "source": "s", "reported_at": "2023"},
        {"country": "TH", "category": "legislation-gaps", "source": "s", "reported_at": "2022"},
    ])
    chart = regional_charts.country_category_heatmap(df, NAMES, caption="c")
    grid = regional_charts.country_category_matrix(df, list(NAMES))
    assert grid.loc["PH", "victim-support"] == 2 and grid.loc["TH", "legislation-gaps"] == 1
    assert cell_texts(chart).count("2") == 1 and cell_texts(chart).count("1") == 1
    ticks = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert "Sri Lanka (none sourced)" in ticks and "Philippines" in ticks
    assert "Philippines: Victim identification and support 2" in chart.alt
    assert "No sourced reports for Sri Lanka and Maldives" in chart.alt


def test_alignment_matrix_shows_unknown_in_words_and_hatching_not_only_colour():
    rows = pd.DataFrame([
        {"country": "PH", "provision": "budapest_party", "status": "yes"},
        {"country": "LK", "provision": "budapest_party", "status": "yes"},
        {"country": "TH", "provision": "budapest_party", "status": "no"},
        {"country": "PH", "provision": "csam_possession", "status": "unknown"},
        {"country": "TH", "provision": "csam_possession", "status": "partial"},
    ])  # LK and MV csam_possession, MV budapest_party: no row at all
    provisions = ["csam_possession", "budapest_party"]
    chart = regional_charts.alignment_matrix(rows, NAMES, provisions, caption="c")
    ax = chart.figure.axes[0]
    cells = ax.patches
    assert len(cells) == len(NAMES) * len(provisions)
    hatched = [p for p in cells if p.get_hatch()]
    assert len(hatched) == 4  # PH's unknown row plus the three pairs with no row
    assert all(mcolors.to_hex(p.get_facecolor()) == STATUS_COLOURS["unknown"].lower() for p in hatched)
    texts = cell_texts(chart)
    assert texts.count("Unknown") == 4 and texts.count("Party") == 2 and texts.count("Partly") == 1
    assert "Possession of CSAM: partly for Thailand; unknown for Philippines, Sri Lanka and Maldives" in chart.alt
    assert "(2 yes or Party, 1 partly or signed, 1 no, 4 unknown)" in chart.alt


def test_alignment_matrix_changes_when_a_status_changes():
    rows = pd.DataFrame([{"country": "PH", "provision": "opsc_party", "status": "yes"}])
    first = regional_charts.alignment_matrix(rows, {"PH": "Philippines"}, ["opsc_party"], caption="c")
    rows.loc[0, "status"] = "partial"
    second = regional_charts.alignment_matrix(rows, {"PH": "Philippines"}, ["opsc_party"], caption="c")
    assert cell_texts(first) == ["Party"] and cell_texts(second) == ["Signed"]
    assert first.figure.axes[0].patches[0].get_facecolor() != second.figure.axes[0].patches[0].get_facecolor()


def test_treaty_timeline_places_each_dated_step_and_says_so_in_order():
    rows = pd.DataFrame([
        {"country": "LK", "provision": "budapest_party", "status": "yes", "since": "2015-09-01", "source": "a"},
        {"country": "LK", "provision": "budapest_p2_party", "status": "partial", "since": "2022-11-30", "source": "b"},
        {"country": "PH", "provision": "opsc_party", "status": "yes", "since": "2002", "source": "c"},
        {"country": "TH", "provision": "opsc_party", "status": "yes", "since": None, "source": "d"},
    ])
    chart = regional_charts.treaty_timeline(rows, NAMES, caption="c")
    lines = chart.figure.axes[0].get_lines()
    points = [(ln.get_xdata()[0], ln.get_markerfacecolor()) for ln in lines if len(ln.get_xdata()) == 1]
    assert sorted(x for x, _ in points) == [2002, 2015, 2022]
    hollow = [x for x, face in points if face == "white"]
    assert hollow == [2022]
    assert chart.alt.index("2002, Philippines became a Party (OPSC)") < chart.alt.index("2015, Sri Lanka")
    assert "2022, Sri Lanka signed (Second Additional Protocol)" in chart.alt
    assert "No dated treaty step for Thailand and Maldives" in chart.alt


def test_a_country_without_sourced_challenges_gets_a_note_not_an_empty_chart(repo_course, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    path = repo_course / "data" / "challenges.csv"
    path.write_text("".join(ln for ln in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not ln.startswith("LK,")), encoding="utf-8")
    without = pd.read_csv(path, dtype=str)
    assert regional_charts.country_challenges(without, "LK", "Sri Lanka", caption="c") is None
    note = country_updates.challenges_chart("LK")
    assert isinstance(note, country_updates.NoChallenges)
    assert "No challenges for Sri Lanka are recorded from a sourced report" in note._repr_markdown_()
    chart = country_updates.challenges_chart("TH")
    th = without[without["country"] == "TH"]
    assert bars(chart)["Prevention, awareness and reporting"] == (th["category"] == "prevention-awareness").sum()


@pytest.mark.parametrize("make", ["category_chart", "country_chart", "small_multiples", "heatmap", "alignment_chart",
                                  "timeline"])
def test_page_charts_are_titled_labelled_captioned_and_have_alt_text(make, repo_course, monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    chart = getattr(regional_overview, make)()
    ax = chart.figure.axes[-1]
    assert (ax.get_title() or chart.figure.get_suptitle()) and ax.get_xlabel() and ax.get_ylabel()
    assert chart.caption.startswith("Source:")
    assert "as of" in chart.caption or "Reports dated" in chart.caption
    assert len(chart.alt) > 80
    figure = chart.markdown()
    assert f":alt: {chart.alt.split('.')[0]}" in figure
    saved = chart.save(tmp_path)
    assert saved["png"].stat().st_size > 0 and saved["svg"].stat().st_size > 0


def test_bar_colours_come_from_the_colour_blind_safe_palette():
    chart = regional_charts.challenges_by_category(shipped_challenges(), {}, caption="c")
    patches = chart.figure.axes[0].patches
    colours = {mcolors.to_hex(p.get_facecolor()) for p in patches}
    edges = {mcolors.to_hex(p.get_edgecolor()) for p in patches}
    assert colours <= {c.lower() for c in OKABE_ITO} | {"#ffffff"}  # white only under a hatch (older reports)
    assert edges <= {c.lower() for c in OKABE_ITO}
    assert all(p.get_hatch() for p in patches if mcolors.to_hex(p.get_facecolor()) == "#ffffff")


def test_every_shipped_treaty_date_is_placed_on_the_timeline():
    df = pd.read_csv(REPO / "data" / "legislation.csv", dtype=str)
    dated = df[df["provision"].isin(legislation.TREATY_PROVISIONS) & df["status"].isin(["yes", "partial"])
               & df["since"].notna()]
    names = dict(pd.read_csv(REPO / "data" / "countries.csv", dtype=str)[["iso2", "name"]].values)
    chart = regional_charts.treaty_timeline(df, names, caption="c")
    markers = [ln for ln in chart.figure.axes[0].get_lines() if len(ln.get_xdata()) == 1]
    assert len(markers) == len(dated)
