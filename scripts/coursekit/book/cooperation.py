"""The cooperation unit's tables: what each channel can obtain, and which channels reach each country.

Both tables are drawn from ``data/cooperation-channels.csv`` (and, for the treaties the course already
tracks, from ``data/legislation.csv``), so a channel's reach or a treaty status is never typed into the
page. A cell that rests on a secondary source carries the asterisk the alignment matrix uses; a country
a channel's sources do not name reads "not shown", never "no": the sources' silence is not an absence.
"""

from __future__ import annotations

import pandas as pd

from ..model import evidence, legislation
from ..model.cooperation import ALL, DATA_KINDS, KINDS, OBTAINS, Channel, channels
from . import data
from .i18n import N_, _
from .instruments import _source_key
from .tables import Table

NOT_SHOWN = N_("Not shown")
REACHES = "Yes"


def capabilities_frame(rows: list[Channel], numbered: dict[str, int]) -> pd.DataFrame:
    """One row per channel: its kind, the four kinds of data, timing and evidence (pure, for tests)."""
    out = []
    for c in rows:
        row = {N_("Channel"): c.name, "Kind": KINDS[c.kind]}
        for field, label in DATA_KINDS.items():
            row[label] = evidence.marked(OBTAINS[getattr(c, field)], c.evidence)
        row[N_("Timing (as far as sources say)")] = c.timing
        row[N_("What the sources say")] = c.note
        row["Evidence"] = evidence.phrase(c.evidence)
        row["Source"] = ", ".join(f"[{numbered[s]}]" for s in c.source_ids())
        out.append(row)
    return pd.DataFrame(out)


def capabilities_table(kinds: tuple[str, ...] = tuple(KINDS)) -> Table:
    """What each channel can obtain (subscriber information, traffic data, content, preservation)."""
    rows = [c for c in channels() if c.kind in kinds]
    numbered, listing = _source_key([s for c in rows for s in c.source_ids()])
    note = " " + _("An asterisk ({mark}) marks a row seen only in a secondary source, not checked against the official "
                   "text. 'Unknown' means the sources read did not say.").format(mark=evidence.MARK)
    return Table(capabilities_frame(rows, numbered), N_("What each cooperation channel can obtain"), listing + note,
                 layout="cards")


def _treaty_cells(provision: str) -> dict[str, str]:
    """Country code -> the treaty status word of data/legislation.csv, marked when secondary."""
    rows = legislation.frame()
    rows = rows[rows["provision"] == provision]
    cells = {}
    for r in rows.itertuples():
        word = legislation.TREATY_STATUS_LABELS[r.status]
        cells[r.country] = evidence.marked(word, r.evidence if isinstance(r.evidence, str) else None)
    return cells


def reach_frame(rows: list[Channel], names: dict[str, str]) -> pd.DataFrame:
    """Countries down, channels across: whether the sources show the channel reaching the country."""
    table = pd.DataFrame(index=list(names), columns=[c.short for c in rows], dtype=object)
    for c in rows:
        if c.reach_from:
            cells = _treaty_cells(c.reach_from)
            column = [cells.get(iso2, legislation.TREATY_STATUS_LABELS["unknown"]) for iso2 in names]
        elif c.reach == ALL:
            column = [evidence.marked(REACHES, c.evidence)] * len(names)
        else:
            reached = set(c.countries() or [])
            column = [evidence.marked(REACHES, c.evidence) if iso2 in reached else NOT_SHOWN for iso2 in names]
        table[c.short] = column
    table.insert(0, "Country", [names[i] for i in names])
    return table.reset_index(drop=True)


def reach_table() -> Table:
    """The decision table of the unit's exercise: for each of the ten countries, which request channels
    its sources show (the ASEAN Declaration, a commitment, is left out: it moves no evidence)."""
    rows = [c for c in channels() if c.kind != "commitment"]
    numbered, listing = _source_key([s for c in rows for s in c.source_ids()])
    note = " " + _("'Yes' means the channel's sources name the country; '{word}' means they do not (which is not the "
                   "same as 'no'). Treaty columns repeat the status in data/legislation.csv: only a Party can use a "
                   "treaty, and only once it is in force. An asterisk ({mark}) marks a secondary source.").format(
                       word=_(NOT_SHOWN), mark=evidence.MARK)
    return Table(reach_frame(rows, data.country_names()), N_("Which channels reach each participating country"),
                 listing + note, layout="scroll")


def cited_sources() -> list[str]:
    """Every source behind the unit's two tables: the channels' own and the treaty rows they repeat."""
    rows = channels()
    ids = [s for c in rows for s in c.source_ids()]
    provisions = {c.reach_from for c in rows if c.reach_from}
    treaty = legislation.frame()
    ids += [s for s in treaty[treaty["provision"].isin(provisions)]["source"] if isinstance(s, str)]
    return list(dict.fromkeys(ids))
