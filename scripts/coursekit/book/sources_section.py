"""The 'Sources' section at the end of each unit, built from its metadata and the bibliography."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.dates import format_date
from ..model.text import html_attr, html_text, url_problem
from . import data

FOLD_OVER = 6  # a unit citing more sources than this lists them under a toggle


@dataclass
class SourceList:
    ids: list[str]

    def _repr_html_(self) -> str:
        known = data.sources()
        items = []
        for i in dict.fromkeys(self.ids):
            s = known.get(i)
            if s is None:
                items.append(f"<li>{html_text(i)} (not in the bibliography)</li>")
                continue
            title = html_text(s.title)
            if s.url and not url_problem(s.url):  # validated already; never a link otherwise
                title = f'<a href="{html_attr(s.url)}">{title}</a>'
            extra = f" {html_text(s.note)}" if s.note else ""
            year = f", {s.year}" if s.year is not None else ""
            items.append(f"<li>{title}. {html_text(s.publisher)}{year}. Accessed {format_date(s.accessed.isoformat())}."
                         f"{extra}</li>")
        listing = '<ol class="course-sources">' + "".join(items) + "</ol>"
        if len(items) <= FOLD_OVER:
            return listing
        # a long list is the bulk of a phone page: its count is shown, the list opens on a tap (and in print)
        return (f'<details class="course-collapse course-sources-fold"><summary>All {len(items)} sources of this '
                f"page</summary>\n{listing}\n</details>")


def for_unit(ids: list[str]) -> SourceList:
    """The sources of a unit, ready to display (``sources_section.for_unit([...])``)."""
    return SourceList(list(ids))
