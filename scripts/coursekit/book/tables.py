"""Tables for the page: escaped HTML with a caption and a source line.

Every value is HTML-escaped, so text from data (a law's name, a survey answer) can never inject
markup or script into the book.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..model.text import html_text


@dataclass
class Table:
    """A DataFrame with its caption and source line, shown as an accessible HTML table."""

    frame: pd.DataFrame
    caption: str
    source: str

    def _repr_html_(self) -> str:
        body = self.frame.to_html(index=False, escape=True, border=0, classes="course-table", na_rep="", justify="left")
        head = f"<caption>{html_text(self.caption)}</caption>"
        body = body.replace(">\n  <thead>", f">\n{head}\n  <thead>", 1)
        return f'<div class="course-table-wrap">{body}<p class="course-source">{html_text(self.source)}</p></div>'
