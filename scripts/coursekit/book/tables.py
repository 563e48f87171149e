"""Tables for the page: escaped HTML with a caption and a source line, readable on a phone.

Every value is HTML-escaped, so text from data (a law's name, a survey answer) can never inject
markup or script into the book.

On a 390 px phone most tables are wider than the column. Two layouts serve them (course.css):

- ``cards``: a narrative table (sentences in its cells) becomes one card per row below about
  600 px, each cell under its column's name (the ``data-label`` of the cell);
- ``scroll``: a table of short values (codes, numbers, dates) keeps its grid and scrolls sideways
  in its own box, with a visible cue (course.js) where it does.

``layout="auto"`` picks ``cards`` when a column holds sentences. ``collapsed`` puts a long table
(the regional evidence tables) under a closed toggle whose summary says what it holds; printing
opens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from ..model.text import html_attr, html_text
from . import i18n

Layout = Literal["auto", "cards", "scroll"]
NARRATIVE_CHARS = 40  # a column whose values average this many characters holds sentences
WIDE_COLUMNS = 7      # a table this wide prints on a landscape page (course.css: .course-wide)


@dataclass
class Table:
    """A DataFrame with its caption and source line, shown as an accessible HTML table."""

    frame: pd.DataFrame
    caption: str
    source: str
    layout: Layout = "auto"
    collapsed: str | None = None  # the toggle's summary ("Evidence for Indonesia: 12 rows"); None: shown

    def narrative_columns(self) -> list[str]:
        """The columns that hold sentences (they get room to read, and make the table cards)."""
        out = []
        for col in self.frame.columns:
            values = [str(v) for v in self.frame[col] if not _blank(v)]
            if values and sum(map(len, values)) / len(values) >= NARRATIVE_CHARS:
                out.append(str(col))
        return out

    def as_cards(self) -> bool:
        if self.layout != "auto":
            return self.layout == "cards"
        return bool(self.narrative_columns()) and len(self.frame.columns) >= 2

    def _repr_html_(self) -> str:
        return (self if i18n.language() == i18n.SOURCE else translated(self))._render()

    def _render(self) -> str:
        narrative = set(self.narrative_columns())
        columns = [str(c) for c in self.frame.columns]
        classes = "dataframe course-table" + (" course-cards" if self.as_cards() else "")
        head = "\n".join(f'<th scope="col">{html_text(c)}</th>' for c in columns)
        opening = {c: f'<td data-label="{html_attr(c)}"' + (' class="course-text">' if c in narrative else ">")
                   for c in columns}
        rows = []
        for values in self.frame.itertuples(index=False, name=None):
            # one cell a line: Sphinx's search strips the tags of raw HTML without adding spaces,
            # so "<td>data</td><td>Set" would index the word "dataset"
            cells = "\n".join(f"{opening[c]}{'' if _blank(v) else html_text(v)}</td>"
                               for c, v in zip(columns, values, strict=True))
            rows.append(f"<tr>\n{cells}\n</tr>")
        body = "\n".join(rows)
        table = (f'<table class="{classes}">\n<caption>{html_text(self.caption)}</caption>\n'
                 f"<thead><tr>\n{head}\n</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")
        source = f'<p class="course-source">{html_text(self.source)}</p>' if self.source else ""
        wide = " course-wide" if len(columns) >= WIDE_COLUMNS else ""
        block = f'<div class="course-table-wrap{wide}">{table}{source}</div>'
        if self.collapsed is None:
            return block
        return (f'<details class="course-collapse"><summary>{html_text(self.collapsed)}</summary>\n'
                f"{block}\n</details>")


# Columns whose text is a law's or a treaty's own words or title: the original stays, the translation
# is put beside it in brackets (a reader may need to quote the original in court).
KEEP_ORIGINAL = ("Law", "Title", "Quotation", "Act")


def translated(table: Table) -> Table:
    """The table in the page's language: headers, caption, source line and data text through the
    catalogues; titles and quotations keep their original with the translation beside them."""
    frame = table.frame.copy()
    for col in frame.columns:
        keep = str(col).startswith(KEEP_ORIGINAL)
        frame[col] = [v if not isinstance(v, str) else (i18n.beside(v) if keep else i18n._(v)) for v in frame[col]]
    frame.columns = [i18n._(str(c)) for c in frame.columns]
    return Table(frame, i18n._(table.caption), i18n.caption(table.source), table.layout,
                 i18n._(table.collapsed) if table.collapsed else None)


def _blank(value: object) -> bool:
    """An empty cell: None, NaN/NA, or an empty string (shown as nothing, like pandas' na_rep="")."""
    if value is None or (isinstance(value, str) and not value):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
