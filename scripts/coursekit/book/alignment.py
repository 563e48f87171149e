"""The legislative alignment matrix as an HTML table: country by provision, with its legend.

An HTML table rather than an image, so that it reflows on a phone (it scrolls sideways inside its
box), a screen reader reads it cell by cell, and a browser test can read a cell and the legend. Each
cell carries three cues, never colour alone: its word ("Yes", "Partly", "Unknown"), an asterisk when
the claim rests on a secondary source, and a pattern (solid for verified, stripes for secondary, dots
for unknown) drawn with inline CSS so no stylesheet is needed. Every value is HTML-escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from ..model import evidence
from ..model.legislation import (
    CHILD_JUSTICE_PROVISIONS,
    PROVISIONS,
    STATUS_LABELS,
    TREATY_PROVISIONS,
    cell_text,
    evidence_matrix,
    status_matrix,
    status_with_evidence,
)
from . import i18n
from .i18n import N_, _
from .style import STATUS_COLOURS

WHITE = "#FFFFFF"
NATIONAL_LAW, TREATIES, READ_MATRIX = N_("National law"), N_("Treaties"), N_("How to read the matrix")
CHILD_JUSTICE_HEADING = N_("Child victims and witnesses in proceedings")


def pattern(status: str, level: str | None) -> str:
    """The inline CSS background of a cell: solid, striped (secondary) or dotted (unknown)."""
    colour = STATUS_COLOURS[status]
    if status == "unknown":
        return f"background-color:#E6E6E6;background-image:radial-gradient({colour} 1.5px, transparent 1.6px);" \
               "background-size:7px 7px"
    if level == "secondary":
        return f"background-color:{WHITE};background-image:repeating-linear-gradient(135deg, {colour} 0 5px, " \
               f"{WHITE} 5px 9px)"
    return f"background-color:{colour}"


CHIP = "background:#FFFFFF;color:#000000;padding:0 0.25em;border-radius:3px;font-weight:600;white-space:nowrap"


@dataclass
class AlignmentMatrix:
    """The matrix (national law, then treaties) with its legend, caption and source line."""

    statuses: pd.DataFrame      # country (index, names) by provision id: status
    levels: pd.DataFrame        # same shape: evidence level or ''
    caption: str
    source: str

    def counts(self, provisions: list[str] | None = None) -> dict[tuple[str, str], int]:
        """How many cells have each (status, evidence level), over the given provisions (all by default)."""
        cols = provisions or list(self.statuses.columns)
        out: dict[tuple[str, str], int] = {}
        for country in self.statuses.index:
            for p in cols:
                key = (self.statuses.loc[country, p], self.levels.loc[country, p])
                out[key] = out.get(key, 0) + 1
        return out

    def _table(self, provisions: list[str], heading: str) -> str:
        head = "".join(f'<th scope="col">{html.escape(_(PROVISIONS[p].label))}</th>' for p in provisions)
        body = []
        for country in self.statuses.index:
            cells = []
            for p in provisions:
                status, level = self.statuses.loc[country, p], self.levels.loc[country, p] or None
                full = _(status_with_evidence(p, status, level))
                label = f"{country}, {_(PROVISIONS[p].label)}: {full}"
                cells.append(
                    f'<td class="status-{status}{" evidence-" + level if level else ""}" data-status="{status}" '
                    f'data-evidence="{level or ""}" title="{html.escape(label, quote=True)}" '
                    f'aria-label="{html.escape(label, quote=True)}" style="{pattern(status, level)};'
                    f'text-align:center;padding:0.35em 0.3em">'
                    f'<span style="{CHIP}">{html.escape(_(cell_text(p, status, level)))}</span></td>')
            body.append(f'<tr><th scope="row">{html.escape(str(country))}</th>{"".join(cells)}</tr>')
        return (f'<table class="course-table alignment-matrix"><caption>{html.escape(_(heading))}</caption>'
                f'<thead><tr><th scope="col">{html.escape(_("Country"))}</th>{head}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table>')

    def legend_items(self) -> list[tuple[str, str, str]]:
        """(status, level, words) for every swatch the legend shows."""
        items = [("yes", "verified", _("Yes or Party: verified ({meaning})").format(
                      meaning=_(evidence.MEANING["verified"]))),
                 ("yes", "secondary", _("Yes{mark} or Party{mark}, striped (on paper: a dashed outline): {meaning}").format(
                      mark=evidence.MARK, meaning=_(evidence.MEANING["secondary"]))),
                 ("partial", "verified", _("Partly (national law) or Signed, not ratified (treaty); striped (on paper: "
                                           "a dashed outline) with {mark} when secondary").format(mark=evidence.MARK)),
                 ("no", "verified", _("No: verified (a 'no' is never taken from a secondary source)")),
                 ("unknown", "", _("Unknown, dotted grey (on paper: a dotted outline): nothing checked was found. "
                                   "Not the same as No"))]
        return items

    def _legend(self) -> str:
        rows = []
        for status, level, words in self.legend_items():
            swatch = (f'<span aria-hidden="true" style="{pattern(status, level or None)};display:inline-block;'
                      f'min-width:3.2em;text-align:center;padding:0.15em 0.2em;margin-right:0.5em;'
                      f'border:1px solid #666"><span style="{CHIP}">'
                      f'{html.escape(_(evidence.marked(STATUS_LABELS[status], level) if status != "unknown" else "Unknown"))}'
                      f'</span></span>')
            rows.append(f'<li style="margin:0.25em 0;list-style:none">{swatch}{html.escape(words)}</li>')
        return (f'<div class="alignment-legend"><p style="margin-bottom:0.2em"><strong>{html.escape(_(READ_MATRIX))}'
                f'</strong></p><ul style="padding-left:0">{"".join(rows)}</ul></div>')

    def _repr_html_(self) -> str:
        law = [p for p in self.statuses.columns if p not in TREATY_PROVISIONS and p not in CHILD_JUSTICE_PROVISIONS]
        child = [p for p in self.statuses.columns if p in CHILD_JUSTICE_PROVISIONS]
        treaties = [p for p in self.statuses.columns if p in TREATY_PROVISIONS]
        parts = [self._legend()]
        if law:
            parts.append(_scrolling(self._table(law, NATIONAL_LAW), _(NATIONAL_LAW)))
        if child:
            parts.append(_scrolling(self._table(child, CHILD_JUSTICE_HEADING), _(CHILD_JUSTICE_HEADING)))
        if treaties:
            parts.append(_scrolling(self._table(treaties, TREATIES), _(TREATIES)))
        caption, source = _(self.caption), i18n.caption(self.source)
        return (f'<div class="alignment" role="group" aria-label="{html.escape(caption, quote=True)}">'
                f'<p><strong>{html.escape(caption)}</strong></p>{"".join(parts)}'
                f'<p class="course-source">{html.escape(source)}</p></div>')


def alignment_matrix(legislation: pd.DataFrame, names: dict[str, str], provisions: list[str], *, caption: str,
                     source: str) -> AlignmentMatrix:
    """The matrix for the given countries (code to name, in order) and provisions."""
    codes = list(names)
    statuses = status_matrix(legislation, codes, provisions)
    levels = evidence_matrix(legislation, codes, provisions)
    statuses.index = levels.index = [names[c] for c in codes]
    return AlignmentMatrix(statuses, levels, caption, source)


def _scrolling(table: str, label: str) -> str:
    """A table that may scroll sideways on a phone, in a region keyboard users can reach and scroll."""
    scrolls = _("{label} (scrolls sideways)").format(label=label)
    return (f'<div class="course-table-wrap" style="overflow-x:auto" tabindex="0" role="region" '
            f'aria-label="{html.escape(scrolls, quote=True)}">{table}</div>')
