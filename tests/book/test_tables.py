"""Tables that read on a phone: cards for narrative tables, labels on every cell, collapsed long tables."""

from __future__ import annotations

import re

import pandas as pd
from coursekit.book.tables import Table

SENTENCE = "Internet service providers did not share traffic data, which slowed the investigations down."


def test_a_narrative_table_becomes_cards_and_every_cell_names_its_column():
    html = Table(pd.DataFrame({"Country": ["MV"], "What was reported": [SENTENCE]}), "c", "s")._repr_html_()
    assert 'class="dataframe course-table course-cards course-pairs"' in html  # two columns: item and detail
    assert '<td data-label="Country">MV</td>' in html
    assert f'<td data-label="What was reported" class="course-text">{SENTENCE}</td>' in html


def test_a_table_of_short_values_keeps_its_grid_and_a_wide_one_prints_landscape():
    short = Table(pd.DataFrame({"Code": ["MV", "PH"], "Offset": ["+5", "+8"]}), "c", "s")._repr_html_()
    assert "course-cards" not in short and "course-wide" not in short
    wide = Table(pd.DataFrame({f"C{i}": ["x"] for i in range(8)}), "c", "s")._repr_html_()
    assert 'class="course-table-wrap course-wide"' in wide


def test_column_names_are_escaped_in_the_label_attribute():
    html = Table(pd.DataFrame({'A "quoted" <b>': ["x"]}), "c", "s")._repr_html_()
    assert 'data-label="A &quot;quoted&quot; &lt;b&gt;"' in html and "<b>" not in html


def test_a_long_table_can_be_collapsed_under_a_summary():
    html = Table(pd.DataFrame({"a": [1]}), "c", "s", collapsed="Evidence for Indonesia: 1 row")._repr_html_()
    assert html.startswith('<details class="course-collapse"><summary>Evidence for Indonesia: 1 row</summary>')
    assert html.rstrip().endswith("</details>")


def test_neighbouring_cells_never_run_together_in_the_search_index():
    """Sphinx strips the tags of raw HTML without adding spaces: cells must be apart in the source."""
    html = Table(pd.DataFrame({"a": ["data"], "b": ["set"]}), "c", "s")._repr_html_()
    assert "dataset" not in re.sub(r"<[^<]+?>", "", html)


def test_a_long_evidence_list_folds_into_one_group_per_country_with_its_count():
    frame = pd.DataFrame({"Country": ["Indonesia", "Indonesia", "Maldives"], "Challenge": [SENTENCE, "b", "c"],
                          "Evidence": ["Secondary", "Verified", "Secondary"]})
    html = Table(frame, "Reports", "s", group_by="Country")._repr_html_()
    groups = re.findall(r'<details class="course-group" data-group="([^"]+)"><summary>([^<]+) '
                        r'<span class="course-count">\((\d+)\)</span>', html)
    assert groups == [("Indonesia", "Indonesia", "2"), ("Maldives", "Maldives", "1")]
    assert 'data-label="Country"' not in html  # the group says the country once


def test_what_every_row_says_alike_is_said_once_and_empty_columns_are_left_out():
    frame = pd.DataFrame({"Year": ["2020", "2021", "2022"], "Step": [SENTENCE, "b", "c"],
                          "Evidence": ["Secondary source"] * 3, "Since then": ["", None, ""]})
    html = Table(frame, "Steps", "s")._repr_html_()
    assert html.count("Secondary source") == 1
    assert '<p class="course-shared"><strong>Evidence:</strong> Secondary source</p>' in html
    assert "Since then" not in html
    assert 'data-label="Year">2021</td>' in html  # what differs stays on each row


def test_a_one_row_table_keeps_its_own_values_on_its_row():
    html = Table(pd.DataFrame({"a": ["x"], "b": ["y"], "c": ["z"]}), "c", "s")._repr_html_()
    assert "course-shared" not in html and 'data-label="c">z</td>' in html


def test_a_list_that_repeats_the_country_lists_says_so_for_the_handbook():
    frame = pd.DataFrame({"Country": ["Indonesia", "Maldives"], "Challenge": [SENTENCE, "b"]})
    grouped = Table(frame, "Reports", "s", group_by="Country", repeats="elsewhere")._repr_html_()
    plain = Table(frame, "Reports", "s", repeats="country")._repr_html_()
    assert 'class="course-table-wrap course-grouped course-repeats-elsewhere"' in grouped
    assert 'class="course-table-wrap course-repeats-country"' in plain
    assert "course-repeats" not in Table(frame, "Reports", "s")._repr_html_()
