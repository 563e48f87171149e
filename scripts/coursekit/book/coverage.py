"""The standards coverage matrix: every article in ``data/instruments/`` against the units that teach it.

Built only from each unit's ``standards:`` metadata, so it shows what the course actually claims to
teach; an article no unit names stays in the matrix as a visible gap instead of disappearing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd

from ..model import instruments
from ..model.dates import format_date
from ..model.instruments import Instrument, compact, parse_reference, plural
from ..model.text import slug
from . import data
from .charts import Chart, ChartGroup, list_phrase
from .data import Course
from .i18n import N_, _, dates_in
from .style import CHART_WIDTH_IN, OKABE_ITO, TEXT_PT, caption, new_figure, set_title
from .tables import Table

KEY_COLUMNS = ["instrument", "number", "title", "verified"]


@dataclass(frozen=True)
class UnitStandards:
    """One unit that names standards in its metadata, in table-of-contents order."""

    id: str
    title: str
    refs: tuple[str, ...]
    part: str | None = None  # the toc part the unit belongs to (one coverage grid per part)


def course_units(course: Course) -> list[UnitStandards]:
    """Units of the table of contents with a ``standards:`` list, in teaching order."""
    by_path = {u.path.resolve(): u for u in course.units}
    out: list[UnitStandards] = []
    for entry in course.toc:
        unit = by_path.get(entry.path.resolve()) if entry.path else None
        meta = unit.meta if unit else None
        refs = meta.get("standards") if isinstance(meta, dict) else None
        if unit and unit.id and isinstance(refs, list) and refs:
            out.append(UnitStandards(unit.id, unit.title, tuple(r for r in refs if isinstance(r, str)), entry.part))
    return out


def matrix(units: list[UnitStandards], insts: dict[str, Instrument]) -> pd.DataFrame:
    """One row per article of every instrument, one True/False column per unit (by unit id).

    References to articles that are not in the data are left out here; ``validate`` reports them.
    """
    taught = {u.id: {parse_reference(r) for r in u.refs} for u in units}
    rows = []
    for inst_id, inst in insts.items():
        for art in inst.articles:
            row = {"instrument": inst_id, "number": art.number, "title": art.title, "verified": art.verified}
            row.update({uid: (inst_id, art.number) in refs for uid, refs in taught.items()})
            rows.append(row)
    frame = pd.DataFrame(rows, columns=KEY_COLUMNS + [u.id for u in units])
    frame[[u.id for u in units]] = frame[[u.id for u in units]].astype(bool)
    return frame


def unit_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in KEY_COLUMNS]


def untaught(frame: pd.DataFrame) -> pd.DataFrame:
    """The articles no unit names."""
    cols = unit_columns(frame)
    return frame[~frame[cols].any(axis=1)] if cols else frame


# ---- reading the course (for the coverage page) --------------------------------------------

def current() -> tuple[pd.DataFrame, list[UnitStandards], dict[str, Instrument]]:
    """The matrix of the course being built, its units and instruments (a copy each caller may change)."""
    frame, units, insts = _read()
    return frame.copy(), list(units), dict(insts)


@data.once
def _read() -> tuple[pd.DataFrame, list[UnitStandards], dict[str, Instrument]]:
    """Read once for the whole page: every unit's metadata and every instrument, which each chart needs."""
    units = course_units(data.course())
    insts = instruments.load_all()
    return matrix(units, insts), units, insts


def summary_table() -> Table:
    """Per instrument: articles in the data, how many units teach, and which articles none does."""
    frame, units, insts = current()
    rows = []
    for inst_id, inst in insts.items():
        part = frame[frame["instrument"] == inst_id]
        gaps = untaught(part)
        cols = unit_columns(part)
        teaching = [u.title for u in units if u.id in cols and part[u.id].any()]
        rows.append({N_("Instrument"): inst.short_title, N_("Articles in the data"): len(part),
                     N_("Taught"): len(part) - len(gaps),
                     N_("Not taught"): compact(list(gaps["number"])) or _("none"),
                     N_("Units"): "; ".join(teaching) or _("none")})
    ids = list(dict.fromkeys(s for inst in insts.values() for s in inst.sources))
    return Table(pd.DataFrame(rows), N_("Standards coverage: articles taught per instrument"),
                 caption(data.source_titles(ids), None))


MAX_COLUMNS = 6  # units per grid: more would not fit a phone's width at a readable size


def chart(instrument_id: str) -> Chart | ChartGroup:
    """The coverage grid of one instrument, for the coverage page: one grid per part of the course
    (small multiples) when the units teaching it are too many for one phone-wide grid."""
    frame, units, insts = current()
    inst = insts[instrument_id]
    cap = f"{caption(data.source_titles(inst.sources), None)} " + _("{item} data as of {date}.").format(
        item=_(inst.item_name), date=dates_in(format_date(inst.data_as_of)))
    part = frame[frame["instrument"] == inst.id]
    teaching = [u for u in units if u.id in unit_columns(part) and part[u.id].any()]
    titles = {u.id: u.title for u in units}
    if len(teaching) <= MAX_COLUMNS:
        return coverage_chart(frame, inst, titles, caption=cap)
    groups: dict[str, list[str]] = {}
    for u in teaching:
        groups.setdefault(u.part or _("Other units"), []).append(u.id)
    chunks = []
    for name, ids in groups.items():
        pieces = [ids[i:i + MAX_COLUMNS] for i in range(0, len(ids), MAX_COLUMNS)]
        chunks += [(name if len(pieces) == 1 else _("{part}, {number} of {count}").format(part=name, number=n,
                                                                                          count=len(pieces)), piece)
                   for n, piece in enumerate(pieces, start=1)]
    charts = [coverage_chart(frame, inst, titles, caption=cap, columns=ids, group=name,
                             with_table=n == len(chunks) - 1) for n, (name, ids) in enumerate(chunks)]
    return ChartGroup(charts)


# ---- the chart (pure: takes the matrix, returns a Chart) -----------------------------------

def coverage_chart(frame: pd.DataFrame, inst: Instrument, unit_titles: dict[str, str], *, caption: str,
                   columns: list[str] | None = None, group: str | None = None, with_table: bool = True) -> Chart:
    """A grid narrow enough for a phone: articles down, units across (numbered; the caption names
    them), a filled square where a unit teaches an article, and the same data as a table.

    Untaught articles get a hatched band and the words "not taught", so colour is never the only
    cue. Only units that teach at least one article of the instrument get a column.
    """
    part = frame[frame["instrument"] == inst.id].reset_index(drop=True)
    cols = columns if columns is not None else [c for c in unit_columns(part) if part[c].any()]
    item = inst.item_name.lower()
    gaps = set(untaught(part)["number"])
    labels = [f"{inst.item_name[:3]}. {r.number} {textwrap.shorten(r.title, 20, placeholder='...')}"
              for r in part.itertuples()]
    fig = new_figure(CHART_WIDTH_IN, max(3.0, 0.34 * len(part) + 1.8))
    ax = fig.axes[0]
    taught: list[tuple[int, int]] = []
    for y, row in part.iterrows():
        if row["number"] in gaps:
            ax.axhspan(y - 0.45, y + 0.45, color=OKABE_ITO[1], alpha=0.25, hatch="///", linewidth=0)
            ax.text((len(cols) - 1) / 2 if cols else 0, y, "not taught", ha="center", va="center",
                    style="italic", fontsize=TEXT_PT)
        taught += [(x, y) for x, c in enumerate(cols) if row[c]]
    if taught:  # one collection for every square: each artist costs a layout pass its own time
        ax.scatter([x for x, _ in taught], [y for _, y in taught], marker="s", s=110, color=OKABE_ITO[0], zorder=3)
    ax.set_yticks(range(len(part)), labels)
    ax.set_xticks(range(len(cols)), [str(n) for n in range(1, len(cols) + 1)])
    ax.xaxis.tick_top()
    ax.set_xlim(-0.6, max(len(cols), 1) - 0.4)
    ax.set_ylim(len(part) - 0.5, -0.5)
    ax.grid(visible=False)
    title = _("{instrument}: which unit teaches which {item}").format(instrument=inst.short_title, item=_(item)) + (
        f" ({group})" if group else "")
    set_title(fig, title)
    ax.set_xlabel("Unit (see caption)")  # short: a long label ran past the right edge of a phone-width chart
    # no y label: every tick already starts with the item's name ("Art. 9"), and the label was cut off
    key = "; ".join(f"{n} {unit_titles.get(c, c)}" for n, c in enumerate(cols, start=1))
    every = [c for c in unit_columns(part) if part[c].any()]
    name = f"coverage-{inst.id.replace('_', '-')}" + (f"-{slug(group)}" if group else "")
    return Chart(name, fig, title, coverage_alt(part, inst, cols, unit_titles), f"{caption} " + _("Units: {units}.").format(units=key) if key else caption,
                 table=coverage_table(part, inst, every, unit_titles) if with_table else None,
                 on_paper="table")  # 35 rows at a phone's width print too small to read: the table prints


def coverage_table(part: pd.DataFrame, inst: Instrument, cols: list[str], unit_titles: dict[str, str]) -> Table:
    """The grid as a table: each article and the units that teach it (or "not taught")."""
    rows = [{inst.item_name: f"{r['number']}", N_("Title"): r["title"],
             N_("Taught in"): "; ".join(unit_titles.get(c, c) for c in cols if r[c]) or _("not taught")}
            for _i, r in part.iterrows()]
    return Table(pd.DataFrame(rows, columns=[inst.item_name, "Title", "Taught in"]),
                 _("{instrument}: the units that teach each {item}").format(instrument=inst.short_title,
                                                                            item=_(inst.item_name.lower())), "")


# instruments' item_name, as a title, in a sentence and plural (``model.instruments.plural``)
ITEM_WORDS = (N_("Article"), N_("article"), N_("articles"), N_("Capability"), N_("capability"), N_("capabilities"))


def coverage_alt(part: pd.DataFrame, inst: Instrument, cols: list[str], unit_titles: dict[str, str]) -> str:
    """Alt text from the data: how many are taught, which are not, and what each unit covers."""
    item = inst.item_name.lower()

    def some(n: int) -> str:
        return f"{n} {_(item) if n == 1 else _(plural(item))}"

    gaps = list(untaught(part)["number"]) if cols else list(part["number"])
    units = _("{count} unit") if len(cols) == 1 else _("{count} units")
    text = _("Grid chart of the {items} of the {instrument} in the course data against the {units} that teach "
             "them.").format(items=some(len(part)), instrument=inst.short_title, units=units.format(count=len(cols)))
    text += " " + (_("Taught: {taught}. Not taught: {items}, number {numbers}.").format(
        taught=len(part) - len(gaps), items=some(len(gaps)), numbers=compact(gaps))
        if gaps else _("All {count} are taught.").format(count=len(part)))
    per_unit = [_("{unit} teaches {items} {numbers}").format(unit=unit_titles.get(c, c), items=_(plural(item)),
                                                             numbers=compact(list(part[part[c]]["number"])))
                for c in cols]
    if per_unit:
        text += f" {list_phrase(per_unit)}."
    return text
