"""The electronic-evidence unit's tables and chart, from ``data/electronic-evidence.csv``.

A grid (country by aspect) for the overview, a table of the rules found with their law, section and
source, and a chart of how many countries have a sourced rule on each aspect. 'Unknown' cells stay
'Unknown': the chart counts what the sources show, not what the countries have.
"""

from __future__ import annotations

import pandas as pd

from ..model import evidence
from ..model.electronic_evidence import ASPECTS, STATUS_WORDS, EvidenceRule, rules
from . import data
from .charts import Chart, horizontal_bars
from .i18n import N_, _
from .instruments import _source_key
from .style import caption
from .tables import Table


def grid_frame(rows: list[EvidenceRule], names: dict[str, str]) -> pd.DataFrame:
    """Countries down, aspects across; a country or aspect with no row is 'Unknown' (pure, for tests)."""
    cells = {(r.country, r.aspect): evidence.marked(STATUS_WORDS[r.status], r.evidence)
             if r.status != "unknown" else STATUS_WORDS["unknown"] for r in rows}
    out = pd.DataFrame({"Country": list(names.values())})
    for aspect, label in ASPECTS.items():
        out[label] = [cells.get((iso2, aspect), STATUS_WORDS["unknown"]) for iso2 in names]
    return out


def grid_table() -> Table:
    rows = rules()
    numbered, listing = _source_key([r.source for r in rows if r.source])
    return Table(grid_frame(rows, data.country_names()), N_("Rules on electronic evidence found, by country"),
                 listing + " " + _("An asterisk ({mark}) marks a secondary source. 'Unknown' means the sources read "
                                   "did not show a rule, not that there is none.").format(mark=evidence.MARK),
                 layout="scroll")


def rules_table() -> Table:
    """The rules found (every row that is not 'unknown'), with law, section and source."""
    rows = [r for r in rules() if r.status != "unknown"]
    numbered, listing = _source_key([r.source for r in rows if r.source])
    names = data.country_names()
    frame = pd.DataFrame([{"Country": names.get(r.country, r.country), N_("Aspect"): ASPECTS[r.aspect],
                           "Law": r.law, "Section": r.section, N_("What the rule says"): r.what,
                           N_("Evidence"): evidence.phrase(r.evidence), "Source": f"[{numbered[r.source]}]"}
                          for r in rows if r.source])
    return Table(frame, N_("Rules on electronic evidence, with their law and section"), listing, layout="cards",
                 group_by="Country")  # folded by country, with counts: the page stays short on a phone


def aspects_chart() -> Chart:
    rows = rules()
    counts = pd.Series({label: sum(1 for r in rows if r.aspect == aspect and r.status in ("yes", "partial"))
                        for aspect, label in ASPECTS.items()})
    sources = sorted({r.source for r in rows if r.source})
    return horizontal_bars(counts, name="electronic-evidence-aspects",
                           title=_("Countries with a sourced rule, by aspect"),
                           xlabel=_("Number of participating countries (of {count})").format(
                               count=len(data.country_names())),
                           caption=caption(data.source_titles(sources), None)
                           + " " + _("Counts what the sources read show; the other countries are unknown, not 'no'."))


def cited_sources() -> list[str]:
    return list(dict.fromkeys(r.source for r in rules() if r.source))
