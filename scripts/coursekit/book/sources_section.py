"""The 'Sources' section at the end of each unit, built from its metadata and the bibliography."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..model import data
from ..model.dates import format_date


@dataclass
class SourceList:
    ids: list[str]

    def _repr_html_(self) -> str:
        known = data.sources()
        items = []
        for i in dict.fromkeys(self.ids):
            s = known.get(i)
            if s is None:
                items.append(f"<li>{html.escape(i)} (not in the bibliography)</li>")
                continue
            title = html.escape(s.title)
            if s.url:
                title = f'<a href="{html.escape(s.url, quote=True)}">{title}</a>'
            extra = f" {html.escape(s.note)}" if s.note else ""
            year = f", {s.year}" if s.year else ""
            items.append(f"<li>{title}. {html.escape(s.publisher)}{year}. Accessed {format_date(s.accessed.isoformat())}.{extra}</li>")
        return '<ol class="course-sources">' + "".join(items) + "</ol>"


def for_unit(ids: list[str]) -> SourceList:
    """The sources of a unit, ready to display (``sources_section.for_unit([...])``)."""
    return SourceList(list(ids))
