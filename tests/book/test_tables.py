"""Tables that read on a phone: cards for narrative tables, labels on every cell, collapsed long tables."""

from __future__ import annotations

import re

import pandas as pd
from coursekit.book.tables import Table

SENTENCE = "Internet service providers did not share traffic data, which slowed the investigations down."


def test_a_narrative_table_becomes_cards_and_every_cell_names_its_column():
    html = Table(pd.DataFrame({"Country": ["MV"], "What was reported": [SENTENCE]}), "c", "s")._repr_html_()
    assert 'class="dataframe course-table course-cards"' in html
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
