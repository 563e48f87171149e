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
opens it. ``group_by`` folds a long evidence list into one toggle per country or category, each
with its count (``data-group`` lets course.js open the reader's own country).

What every row of a table (or of a group) says alike, a source or an evidence note, is stated once
above its rows instead of on each card, and a column with nothing in it is not shown.
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
    group_by: str | None = None   # one folded group per value of this column, in the rows' order
    phone_fold: bool = False      # on a small screen, folded under its caption and row count (open on wider ones)
    # "elsewhere": every row is also in its country's list of reported challenges (a handbook that
    # prints the country pages gives them there only); "country": that list, where they are
    repeats: Literal["elsewhere", "country"] | None = None

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
        columns = [str(c) for c in self.frame.columns]
        wide = " course-wide" if len(columns) >= WIDE_COLUMNS and self.group_by is None else ""
        source = f'<p class="course-source">{html_text(self.source)}</p>' if self.source else ""
        repeats = f" course-repeats-{self.repeats}" if self.repeats else ""
        if self.group_by is None:
            block = f'<div class="course-table-wrap{wide}{repeats}">{self._grid(self.frame, self.caption)}{source}</div>'
        else:
            block = (f'<div class="course-table-wrap course-grouped{repeats}" data-group-by="{html_attr(self.group_by)}">'
                     f'<p class="course-table-title">'
                     f'{html_text(self.caption)}</p>\n{self._groups()}\n{source}</div>')
        if self.collapsed is None and self.phone_fold and len(self.frame) > 1:
            # course.js opens it on a screen wide enough to read it; printing opens every toggle
            return (f'<details class="course-collapse course-phone-fold"><summary>{html_text(self.caption)} '
                    f'<span class="course-count">({len(self.frame)})</span></summary>\n{block}\n</details>')
        if self.collapsed is None:
            return block
        return (f'<details class="course-collapse"><summary>{html_text(self.collapsed)}</summary>\n'
                f"{block}\n</details>")

    def _groups(self) -> str:
        """One closed toggle per value of ``group_by`` ("Indonesia (12)"), each holding its rows."""
        key = self.group_by
        out = []
        for value in dict.fromkeys(str(v) for v in self.frame[key]):
            rows = self.frame[self.frame[key].astype(str) == value].drop(columns=[key])
            out.append(f'<details class="course-group" data-group="{html_attr(value)}">'
                       f'<summary>{html_text(value)} <span class="course-count">({len(rows)})</span></summary>\n'
                       f'{self._grid(rows, f"{self.caption}: {value}", hidden_caption=True)}\n</details>')
        return "\n".join(out)

    def _grid(self, frame: pd.DataFrame, caption: str, *, hidden_caption: bool = False) -> str:
        """The HTML table of ``frame``: empty columns left out, shared values said once above it."""
        frame, shared = shared_values(frame)
        narrative = set(self.narrative_columns())
        columns = [str(c) for c in frame.columns]
        cards = self.as_cards()
        classes = "dataframe course-table" + (" course-cards" if cards else "")
        if cards and len(columns) == 2:
            classes += " course-pairs"  # item and detail: read on a phone as a definition list
        head = "\n".join(f'<th scope="col">{html_text(c)}</th>' for c in columns)
        opening = {c: f'<td data-label="{html_attr(c)}"' + (' class="course-text">' if c in narrative else ">")
                   for c in columns}
        rows = []
        for values in frame.itertuples(index=False, name=None):
            # one cell a line: Sphinx's search strips the tags of raw HTML without adding spaces,
            # so "<td>data</td><td>Set" would index the word "dataset"
            cells = "\n".join(f"{opening[c]}{'' if _blank(v) else i18n.html(str(v))}</td>"  # stale data: marked
                               for c, v in zip(columns, values, strict=True))
            rows.append(f"<tr>\n{cells}\n</tr>")
        body = "\n".join(rows)
        note = ""
        if shared:
            note = ('<p class="course-shared">' + "<br>\n".join(
                f"<strong>{html_text(c)}:</strong> {html_text(v)}" for c, v in shared) + "</p>\n")
        cap_class = ' class="course-visually-hidden"' if hidden_caption else ""
        return (f'{note}<table class="{classes}">\n<caption{cap_class}>{html_text(caption)}</caption>\n'
                f"<thead><tr>\n{head}\n</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")


def shared_values(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """``frame`` without its empty columns and without the columns whose every row says the same
    (returned as (column, value) to state once). A table keeps at least two columns, and a table
    of one row keeps all of its own."""
    empty = [c for c in frame.columns if all(_blank(v) for v in frame[c])]
    frame = frame.drop(columns=empty) if len(empty) < len(frame.columns) else frame
    if len(frame) < 2:
        return frame, []
    shared = []
    for col in list(frame.columns):
        values = {str(v) for v in frame[col]}
        if len(values) == 1 and not _blank(frame[col].iloc[0]) and len(frame.columns) > 2:
            shared.append((str(col), str(frame[col].iloc[0])))
            frame = frame.drop(columns=[col])
    return frame, shared


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
                 i18n._(table.collapsed) if table.collapsed else None,
                 group_by=i18n._(table.group_by) if table.group_by else None, phone_fold=table.phone_fold,
                 repeats=table.repeats)


def _blank(value: object) -> bool:
    """An empty cell: None, NaN/NA, or an empty string (shown as nothing, like pandas' na_rep="")."""
    if value is None or (isinstance(value, str) and not value):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
