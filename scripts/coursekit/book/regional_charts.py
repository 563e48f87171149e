"""Regional charts: the challenges countries reported, and how their law lines up with the standards.

Every function takes DataFrames (rows of ``data/challenges.csv`` or ``data/legislation.csv``) and
returns a ``Chart`` whose alt text is written from the same data it draws, so a test can feed any
table and a screen-reader user hears what a sighted reader sees. Status is never shown by colour
alone: every cell of the alignment matrix carries its word, and ``unknown`` is also hatched.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..model.challenges import CATEGORIES, label
from ..model.legislation import PROVISIONS, STATUS_LABELS, TREATY_PROVISIONS, status_matrix, status_text, treaty_events
from .charts import Chart, horizontal_bars, list_phrase
from .style import OKABE_ITO, STATUS_COLOURS, new_figure

UNKNOWN_HATCH = "///"


def category_counts(challenges: pd.DataFrame) -> pd.Series:
    """Reports per category, every category of the vocabulary included (zero where none)."""
    counts = challenges["category"].value_counts() if len(challenges) else pd.Series(dtype=int)
    return pd.Series({c: int(counts.get(c, 0)) for c in CATEGORIES}, dtype=int)


def challenges_by_category(challenges: pd.DataFrame, names: dict[str, str], *, caption: str,
                           name: str = "challenges-by-category",
                           title: str = "Reported challenges by category") -> Chart:
    """Bar chart: how many reported challenges fall in each category, with who reported them."""
    counts = category_counts(challenges)
    shown = pd.Series({label(c): n for c, n in counts.items()})
    chart = horizontal_bars(shown, name=name, title=title, xlabel="Number of reported challenges",
                            caption=caption, colour=OKABE_ITO[0])
    _counts_axis(chart, "Category")
    who = []
    for cat in counts[counts > 0].sort_values(ascending=False, kind="stable").index:
        countries = sorted({names.get(c, c) for c in challenges.loc[challenges["category"] == cat, "country"]})
        who.append(f"{label(cat)}: {list_phrase(countries)}")
    chart.alt += f" Reported by: {'; '.join(who)}." if who else " No challenges are recorded."
    return chart


def country_category_matrix(challenges: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    """Counts by country (rows, in the order given) and category (columns, vocabulary order)."""
    grid = pd.DataFrame(0, index=countries, columns=list(CATEGORIES), dtype=int)
    for r in challenges.itertuples():
        if r.country in grid.index and r.category in grid.columns:
            grid.loc[r.country, r.category] += 1
    return grid


def country_category_heatmap(challenges: pd.DataFrame, names: dict[str, str], *, caption: str,
                             name: str = "challenges-heatmap",
                             title: str = "Reported challenges by country and category") -> Chart:
    """Heatmap of counts, every cell labelled with its number; countries with no reports say so."""
    grid = country_category_matrix(challenges, list(names))
    fig = new_figure(10, 0.5 * len(grid) + 3)
    ax = fig.axes[0]
    ax.grid(False)
    top = max(1, int(grid.to_numpy().max()))
    ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=top * 1.25, aspect="auto")
    for i, code in enumerate(grid.index):
        for j, cat in enumerate(grid.columns):
            n = int(grid.loc[code, cat])
            ax.text(j, i, str(n), ha="center", va="center", fontsize=10,
                    color="white" if n > top * 0.6 else ("black" if n else "#777777"))
    empty = [code for code in grid.index if grid.loc[code].sum() == 0]
    ax.set_yticks(range(len(grid)), [names[c] + (" (none sourced)" if c in empty else "") for c in grid.index])
    ax.set_xticks(range(len(grid.columns)), [label(c) for c in grid.columns], rotation=35, ha="right")
    ax.set_xlabel("Category")
    ax.set_ylabel("Country")
    ax.set_title(title)
    parts = []
    for code in grid.index:
        row = grid.loc[code]
        if row.sum():
            parts.append(f"{names[code]}: " + ", ".join(f"{label(c)} {int(n)}" for c, n in row.items() if n))
    alt = f"Heatmap: {title}, number of reports in each cell. " + ("; ".join(parts) + "." if parts else
                                                                   "No challenges are recorded.")
    if empty:
        alt += f" No sourced reports for {list_phrase([names[c] for c in empty])}."
    return Chart(name, fig, title, alt, caption)


def alignment_matrix(legislation: pd.DataFrame, names: dict[str, str], provisions: list[str], *, caption: str,
                     name: str = "legislative-alignment",
                     title: str = "Legislative alignment with the international standards") -> Chart:
    """Country by provision grid: colour, a word in every cell, and hatching for ``unknown``."""
    grid = status_matrix(legislation, list(names), provisions)
    fig = new_figure(1.0 * len(provisions) + 3.5, 0.5 * len(grid) + 3)
    ax = fig.axes[0]
    ax.grid(False)
    for i, code in enumerate(grid.index):
        for j, prov in enumerate(provisions):
            status = grid.loc[code, prov]
            ax.add_patch(_cell(j, i, status))
            ax.text(j, i, status_text(prov, status, short=True), ha="center", va="center", fontsize=8, color="black",
                    fontweight="bold" if status != "unknown" else "normal",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"} if status == "unknown" else None)
    ax.set_xlim(-0.5, len(provisions) - 0.5)
    ax.set_ylim(len(grid) - 0.5, -0.5)
    ax.set_xticks(range(len(provisions)), [PROVISIONS[p].label for p in provisions], rotation=35, ha="right")
    ax.set_yticks(range(len(grid)), [names[c] for c in grid.index])
    ax.set_xlabel("Provision or treaty")
    ax.set_ylabel("Country")
    ax.set_title(title)
    laws = [k for k, p in enumerate(provisions) if p not in TREATY_PROVISIONS]
    if laws and len(laws) < len(provisions):
        ax.axvline(max(laws) + 0.5, color="black", linewidth=2)  # national law | treaties
    handles = [_cell(0, 0, s) for s in STATUS_LABELS]
    for h, s in zip(handles, STATUS_LABELS, strict=True):
        h.set_label(LEGEND[s])
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False)
    parts = []
    for prov in provisions:
        col = grid[prov]
        bits = [f"{status_text(prov, s, short=True).lower()} for {list_phrase([names[c] for c in col.index[col == s]])}"
                for s in STATUS_LABELS if (col == s).any()]
        parts.append(f"{PROVISIONS[prov].label}: {'; '.join(bits)}")
    counts = grid.stack().value_counts()
    tally = ", ".join(f"{int(counts.get(s, 0))} {TALLY[s]}" for s in STATUS_LABELS)
    alt = (f"Matrix: {title}, {len(grid)} countries by {len(provisions)} provisions ({tally}). "
           + ". ".join(parts) + ".")
    return Chart(name, fig, title, alt, caption)


LEGEND = {"yes": "Yes / Party", "partial": "Partly / Signed, not ratified", "no": "No",
          "unknown": "Unknown (nothing verified)"}
TALLY = {"yes": "yes or Party", "partial": "partly or signed", "no": "no", "unknown": "unknown"}


def _cell(x: float, y: float, status: str) -> Patch:
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.48, y - 0.46), 0.96, 0.92, facecolor=STATUS_COLOURS[status], edgecolor="white",
                     hatch=UNKNOWN_HATCH if status == "unknown" else None, linewidth=1)


TREATY_MARKERS = dict(zip(TREATY_PROVISIONS, ["o", "s", "D", "^", "v"], strict=True))
TREATY_COLOURS = dict(zip(TREATY_PROVISIONS, [OKABE_ITO[0], OKABE_ITO[4], OKABE_ITO[3], OKABE_ITO[2],
                                              OKABE_ITO[5]], strict=True))


def treaty_timeline(legislation: pd.DataFrame, names: dict[str, str], *, caption: str,
                    name: str = "treaty-timeline", title: str = "Treaty participation over time") -> Chart:
    """When each country signed or became a Party to each treaty: filled marker Party, hollow signed."""
    events = treaty_events(legislation)
    events = events[events["country"].isin(list(names))]
    codes = list(names)
    fig = new_figure(10, 0.42 * len(codes) + 2.8)
    ax = fig.axes[0]
    ax.grid(axis="y", visible=False)
    for k in range(len(codes)):
        ax.axhline(k, color="#DDDDDD", linewidth=1, zorder=0)
    for (code, _year), group in events.groupby(["country", "year"], sort=False):
        spread = [(k - (len(group) - 1) / 2) * 0.22 for k in range(len(group))]  # same country and year: stacked
        for dy, e in zip(spread, group.itertuples(), strict=True):
            colour = TREATY_COLOURS[e.provision]
            ax.plot([e.year], [codes.index(code) + dy], marker=TREATY_MARKERS[e.provision], markersize=9,
                    linestyle="none", markeredgecolor=colour, markeredgewidth=2,
                    markerfacecolor=colour if e.event == "became a Party" else "white")
    ax.set_yticks(range(len(codes)), [names[c] for c in codes])
    ax.set_ylim(len(codes) - 0.5, -0.5)
    if len(events):
        ax.set_xlim(events["year"].min() - 1, events["year"].max() + 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("Year")
    ax.set_ylabel("Country")
    ax.set_title(title)
    present = [p for p in TREATY_PROVISIONS if p in set(events["provision"])]
    handles = [Line2D([], [], marker=TREATY_MARKERS[p], color=TREATY_COLOURS[p], linestyle="none", markersize=8,
                      label=PROVISIONS[p].label) for p in present]
    handles += [Line2D([], [], marker="o", color="black", linestyle="none", markersize=8, label="filled: became a Party"),
                Line2D([], [], marker="o", color="black", markerfacecolor="white", linestyle="none", markersize=8,
                       label="hollow: signed")]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False)
    steps = [f"{e.since if len(e.since) == 4 else e.since[:4]}, {names[e.country]} {e.event} ({e.treaty})"
             for e in events.itertuples()]
    missing = [names[c] for c in codes if c not in set(events["country"])]
    alt = f"Timeline: {title}, in date order. " + ("; ".join(steps) + "." if steps else "No dated treaty steps.")
    if missing:
        alt += f" No dated treaty step for {list_phrase(missing)}."
    return Chart(name, fig, title, alt, caption)


def country_challenges(challenges: pd.DataFrame, iso2: str, country_name: str, *, caption: str) -> Chart | None:
    """One country's reported challenges by category (only categories it reported); None if it has none."""
    rows = challenges[challenges["country"] == iso2]
    if rows.empty:
        return None
    counts = rows["category"].value_counts()
    shown = pd.Series({label(c): int(n) for c, n in counts.items()})
    chart = horizontal_bars(shown, name=f"challenges-{iso2.lower()}", title=f"Reported challenges: {country_name}",
                            xlabel="Number of reported challenges", caption=caption, colour=OKABE_ITO[0])
    return _counts_axis(chart, "Category")


def _counts_axis(chart: Chart, ylabel: str) -> Chart:
    """Counts are whole numbers: no 0.5 ticks on the axis."""
    ax = chart.figure.axes[0]
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    return chart
