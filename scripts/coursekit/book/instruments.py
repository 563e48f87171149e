"""The standards units' tables: articles, key facts, treaty status and comparisons, each row sourced.

Units never type an article title or summary by hand: these functions read the instrument files
through ``model.instruments`` (reads recorded, as every read of a page is: see ``book/data.py``) and show every row with its source and, where the reference facts could not confirm
an article's number or title, the words "not verified".
"""

from __future__ import annotations

import pandas as pd

from ..model import legislation
from ..model.dates import format_date
from ..model.instruments import NOT_VERIFIED, Article, compact, load, parse_reference, plural, select
from . import data
from .charts import list_phrase
from .i18n import _, dates_in
from .tables import Table


def _source_key(ids_in_order: list[str]) -> tuple[dict[str, int], str]:
    """Number the distinct sources of a table: '[1]' in each row, the full list under the table."""
    numbered = {sid: n for n, sid in enumerate(dict.fromkeys(ids_in_order), start=1)}
    titles = data.source_titles(list(numbered))
    listing = "; ".join(f"[{n}] {t}" for n, t in zip(numbered.values(), titles, strict=True))
    return numbered, _("Sources: {listing}.").format(listing=listing)


def article_frame(articles: list[Article], numbered: dict[str, int], item_name: str = "Article") -> pd.DataFrame:
    """The rows of an article table (pure, for tests): one row per article, source and check shown."""
    rows = []
    for a in articles:
        title = a.title if a.heading == "official" else f"{a.title} (descriptive label)"
        checked = "yes" if a.verified else NOT_VERIFIED
        if a.note:
            checked += f": {a.note}"
        rows.append({item_name: a.number, "Title": title, "Summary": a.summary, "Tags": ", ".join(a.tags),
                     "Source": ", ".join(f"[{numbered[s]}]" for s in a.sources), "Checked": checked})
    return pd.DataFrame(rows, columns=[item_name, "Title", "Summary", "Tags", "Source", "Checked"])


def article_table(instrument_id: str, numbers: str | list[str] | None = None, caption: str | None = None) -> Table:
    """The articles of an instrument as a sourced table; unverified rows say 'not verified'."""
    inst = load(instrument_id)
    chosen = select(inst, numbers)
    numbered, listing = _source_key([s for a in chosen for s in a.sources])
    frame = article_frame(chosen, numbered, inst.item_name)
    unverified = sum(not a.verified for a in chosen)
    if unverified:
        listing += " " + _("{count} of {rows} rows are marked 'not verified': their number or title comes from "
                           "recollection and has not been checked against the instrument's text.").format(
                               count=unverified, rows=len(chosen))
    item = inst.item_name.lower()
    default = f"{inst.short_title}: {item if len(chosen) == 1 else plural(item)} {compact([a.number for a in chosen])}"
    return Table(frame, caption or default, listing)


def facts_table(instrument_id: str, kinds: tuple[str, ...] = ("event", "status", "rule")) -> Table:
    """Key facts (dates, status with its as-of date, rules), each with its source."""
    inst = load(instrument_id)
    chosen = [f for f in inst.facts if f.kind in kinds]
    numbered, listing = _source_key([s for f in chosen for s in f.sources])
    frame = pd.DataFrame([{"Fact": f.label, "Detail": f.value, "Date": f.when(),
                           "Source": ", ".join(f"[{numbered[s]}]" for s in f.sources)} for f in chosen],
                         columns=["Fact", "Detail", "Date", "Source"])
    title = f"{inst.full_title} ({inst.treaty_number})" if inst.treaty_number else inst.full_title
    return Table(frame, _("Key facts: {title}").format(title=title),
                 listing + " " + _("Counts and status change: check the depositary."))


def cited_sources(refs: dict[str, str | list[str] | None], facts_of: tuple[str, ...] = ()) -> list[str]:
    """Every source id behind a unit's tables: the chosen articles, plus the instrument's own sources
    and key facts for the instruments whose facts table the unit shows (``facts_of``)."""
    out: list[str] = []
    for inst_id in facts_of:
        inst = load(inst_id)
        out += inst.sources + [s for f in inst.facts for s in f.sources]
    for inst_id, numbers in refs.items():
        out += [s for a in select(load(inst_id), numbers) for s in a.sources]
    return list(dict.fromkeys(out))


def regional_status(provisions: list[str]) -> Table:
    """Where the participating countries stand on treaties or provisions (``data/legislation.csv``).

    Every cell names its status, the date it took effect when known, and a numbered source; the
    as-of column gives the oldest check in the row, because treaty status changes.
    """

    rows = legislation.frame()
    names = data.country_names()
    rows = rows[rows["provision"].isin(provisions) & rows["country"].isin(list(names))]
    numbered, listing = _source_key([s for s in rows["source"] if isinstance(s, str)])
    out = []
    for iso2, name in names.items():
        mine = rows[rows["country"] == iso2].set_index("provision")
        row = {"Country": name}
        for p in provisions:
            label = legislation.PROVISIONS[p].label
            if p not in mine.index:
                row[label] = legislation.STATUS_LABELS["unknown"]
                continue
            r = mine.loc[p]
            treaty = legislation.PROVISIONS[p].kind == "treaty"
            since = legislation.since_phrase(r["since"])
            cell = (legislation.TREATY_STATUS_LABELS if treaty else legislation.STATUS_LABELS)[r["status"]]
            if since:
                cell = (_("{status} since {date}").format(status=_(cell), date=dates_in(since))
                        if treaty and r["status"] == "yes" else f"{_(cell)} ({dates_in(since)})")
            row[label] = cell + (f" [{numbered[r['source']]}]" if isinstance(r["source"], str) else "")
        dates = list(mine["as_of"])  # the oldest check: one date for several cells must not flatter any of them
        row["As of"] = dates_in(format_date(min(dates).isoformat())) if dates else ""
        out.append(row)
    labels = list_phrase([_(legislation.PROVISIONS[p].label) for p in provisions])
    return Table(pd.DataFrame(out), _("The participating countries: {provisions}").format(provisions=labels),
                 listing + " " + _("'Signed, not ratified' means signed only; status changes: check the depositary."))


def comparison_table(topics: dict[str, list[str]], caption: str) -> Table:
    """Topics down, instruments across: which article of each instrument deals with the topic.

    ``topics`` maps a topic to unit-style references ('budapest:9'); an instrument with no article
    for a topic shows a dash. Titles, sources and the 'not verified' mark come from the data.
    """
    refs = [parse_reference(r) for rs in topics.values() for r in rs]
    insts = {i: load(i) for i in dict.fromkeys(i for i, _ in refs)}
    arts = {(i, n): select(insts[i], [n])[0] for i, n in refs}
    numbered, listing = _source_key([s for a in arts.values() for s in a.sources])
    rows = []
    for topic, rs in topics.items():
        row = {"Topic": topic} | {inst.short_title: "—" for inst in insts.values()}
        for i, n in map(parse_reference, rs):
            a, inst = arts[(i, n)], insts[i]
            mark = "" if a.verified else f" ({NOT_VERIFIED})"
            cites = ", ".join(f"[{numbered[s]}]" for s in a.sources)
            row[inst.short_title] = f"{inst.item_name} {n}: {a.title}{mark} {cites}"
        rows.append(row)
    return Table(pd.DataFrame(rows), caption, listing)
