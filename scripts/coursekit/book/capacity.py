"""The capacity-building unit's tables and chart: the programmes, what each offers, and who used them.

Everything is drawn from ``data/capacity-programmes.csv`` and ``data/capacity-use.csv``. A country with
no recorded use of a programme reads "not shown": the sources read for the course do not name it, which
does not mean the country never took part.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from ..model import evidence
from ..model.capacity import OFFERS, Programme, Use, programmes, uses
from . import data
from .charts import Chart, horizontal_bars
from .i18n import N_, _
from .instruments import _source_key
from .style import caption
from .tables import Table

NOT_SHOWN = N_("Not shown")
NOT_STATED = N_("Not stated")


def programmes_frame(rows: list[Programme], numbered: dict[str, int]) -> pd.DataFrame:
    """One row per programme: who runs it, when, what it offers, how to ask (pure, for tests)."""
    return pd.DataFrame([{
        N_("Programme"): p.name, N_("Run by"): p.organisation, N_("Period"): p.period,
        N_("What it offers"): evidence.marked("; ".join(_(OFFERS[o]) for o in p.offer_ids()), p.evidence),
        N_("How to ask"): p.how_to_ask, N_("What the sources say"): p.note, "Evidence": evidence.phrase(p.evidence),
        "Source": ", ".join(f"[{numbered[s]}]" for s in p.source_ids())} for p in rows])


def programmes_table() -> Table:
    rows = programmes()
    numbered, listing = _source_key([s for p in rows for s in p.source_ids()])
    return Table(programmes_frame(rows, numbered), N_("Capacity-building programmes on cybercrime and electronic evidence"),
                 listing + " " + _("An asterisk ({mark}) marks a row seen only in a secondary source.").format(
                     mark=evidence.MARK), layout="cards")


def offers_frame(rows: list[Programme]) -> pd.DataFrame:
    """Offers down, programmes across: 'Yes' where the sources name the offer, 'Not stated' elsewhere."""
    out = pd.DataFrame({"Offer": list(OFFERS.values())})
    for p in rows:
        given = set(p.offer_ids())
        out[p.short] = [evidence.marked("Yes", p.evidence) if o in given else NOT_STATED for o in OFFERS]
    return out


def offers_table() -> Table:
    rows = programmes()
    numbered, listing = _source_key([s for p in rows for s in p.source_ids()])
    return Table(offers_frame(rows), N_("What each programme offers, as its sources describe it"),
                 listing + " " + _("'{word}' means the sources read do not mention it.").format(word=_(NOT_STATED)),
                 layout="scroll")


def use_frame(rows: list[Use], programme_rows: list[Programme], names: dict[str, str]) -> pd.DataFrame:
    """Countries down, programmes across: the year (or 'Yes') of each reported use, marked when secondary."""
    out = pd.DataFrame({"Country": list(names.values())})
    for p in programme_rows:
        cells = {}
        for u in rows:
            if u.programme == p.id:
                word = str(u.year) if u.year else "Yes"
                cells[u.country] = evidence.marked(word, u.evidence)
        out[p.short] = [cells.get(iso2, NOT_SHOWN) for iso2 in names]
    return out


def use_table() -> Table:
    rows = uses()
    numbered, listing = _source_key([u.source for u in rows])
    return Table(use_frame(rows, programmes(), data.country_names()),
                 N_("Which participating countries the sources show taking part in each programme"),
                 listing + " " + _("A cell gives the year the source reports (or 'Yes' when it gives none). '{word}' "
                                   "means the sources read do not name the country, not that it never took part. An "
                                   "asterisk ({mark}) marks a secondary source.").format(word=_(NOT_SHOWN),
                                                                                        mark=evidence.MARK),
                 layout="scroll")


def programmes_per_country() -> Chart:
    """How many programmes the sources show each country taking part in (a chart of the use table)."""
    rows = uses()
    names = data.country_names()
    # long names wrap onto two lines, or the bars get no room on a phone-width chart
    counts = pd.Series({textwrap.fill(names[c], 18): len({u.programme for u in rows if u.country == c}) for c in names})
    chart = horizontal_bars(counts, name="capacity-programmes-per-country",
                           title=_("Programmes per country, as the sources show"),
                           xlabel=_("Number of programmes (from the sources read)"),
                           caption=caption(data.source_titles(sorted({u.source for u in rows})), None)
                           + " " + _("A low count can mean the sources are silent, not that the country took no part."))
    chart.alt = chart.alt.replace("\n", " ")
    return chart


def cited_sources() -> list[str]:
    return list(dict.fromkeys([s for p in programmes() for s in p.source_ids()] + [u.source for u in uses()]))
