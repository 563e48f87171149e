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

from ..model import evidence
from ..model.challenges import CATEGORIES, RECENT_SINCE, label, short_label
from ..model.legislation import (
    PROVISIONS,
    STATUS_LABELS,
    TREATY_PROVISIONS,
    cell_text,
    evidence_matrix,
    status_matrix,
    status_text,
    treaty_events,
)
from .charts import Chart, list_phrase
from .i18n import N_, _
from .style import OKABE_ITO, STATUS_COLOURS, new_figure

UNKNOWN_HATCH = "///"
SECONDARY_HATCH = ".."


RECENT_HATCH = ""        # reports since RECENT_SINCE: solid bars
OLDER_HATCH = "///"     # older reports: hatched, white-filled bars, so the split never rests on colour alone
BAR_COLOUR = OKABE_ITO[0]
WIDTH = 4.5             # inches: at 10-11 pt, text stays >= 11 px when a phone shows the chart 390 px wide


def category_counts(challenges: pd.DataFrame) -> pd.Series:
    """Reports per category, every category of the vocabulary included (zero where none)."""
    counts = challenges["category"].value_counts() if len(challenges) else pd.Series(dtype=int)
    return pd.Series({c: int(counts.get(c, 0)) for c in CATEGORIES}, dtype=int)


def _split(challenges: pd.DataFrame, since: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    years = challenges["reported_at"].astype(str).str[:4].astype(int) if len(challenges) else pd.Series(dtype=int)
    return challenges[years >= since], challenges[years < since]


def _stacked_bars(ax, labels: list[str], recent: list[int], older: list[int], positions: list[float]) -> None:
    """Recent reports solid, older ones hatched on a white fill, the total written at the end of each bar."""
    ax.barh(positions, recent, color=BAR_COLOUR, edgecolor=BAR_COLOUR, height=0.7)
    ax.barh(positions, older, left=recent, color="white", edgecolor=BAR_COLOUR, hatch=OLDER_HATCH, height=0.7)
    for y, r, o in zip(positions, recent, older, strict=True):
        ax.text(r + o + 0.15, y, str(r + o), va="center", fontsize=10)
    ax.set_yticks(positions, labels)
    ax.set_ylim(max(positions) + 0.6, min(positions) - 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.12)


def chart_title(fig, title: str) -> None:
    """A narrow chart's title, from the figure's left edge (an axes title would run off the right)."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")


def _time_legend(fig, since: int) -> None:
    handles = [Patch(facecolor=BAR_COLOUR, edgecolor=BAR_COLOUR, label=_("Reported {year} or later").format(year=since)),
               Patch(facecolor="white", edgecolor=BAR_COLOUR, hatch=OLDER_HATCH, label=_("Reported before {year}").format(year=since))]
    fig.legend(handles=handles, loc="outside lower center", ncols=1, frameon=False, fontsize=10)


def _split_phrase(recent: int, older: int, since: int) -> str:
    return _("{total} ({recent} since {year}, {older} before)").format(total=recent + older, recent=recent, year=since,
                                                                        older=older) if older else f"{recent}"


def challenges_by_category(challenges: pd.DataFrame, names: dict[str, str], *, caption: str,
                           name: str = "challenges-by-category", title: str = N_("Reported challenges by category"),
                           since: int = RECENT_SINCE) -> Chart:
    """Bar chart: reports in each category (every category drawn), recent ones solid, older hatched."""
    recent, older = (category_counts(part) for part in _split(challenges, since))
    order = sorted(CATEGORIES, key=lambda c: -(recent[c] + older[c]))
    fig = new_figure(WIDTH, 0.38 * len(order) + 1.9)
    ax = fig.axes[0]
    _stacked_bars(ax, [label(c) for c in order], [int(recent[c]) for c in order], [int(older[c]) for c in order],
                  list(range(len(order))))
    chart_title(fig, title)
    ax.set_xlabel(_("Number of reports"))
    ax.set_ylabel(_("Category"))
    _time_legend(fig, since)
    who = []
    for cat in order:
        rows = challenges[challenges["category"] == cat]
        if len(rows):
            who.append(_("{category} {count}, reported for {countries}").format(
                category=_(label(cat)), count=_split_phrase(int(recent[cat]), int(older[cat]), since),
                countries=list_phrase(sorted({names.get(c, c) for c in rows['country']}))))
    alt = _("Bar chart: {title}, from most to fewest.").format(title=_(title)) + " " + (
        "; ".join(who) + "." if who else _("No challenges are recorded."))
    return Chart(name, fig, title, alt, caption)


def challenges_by_country(challenges: pd.DataFrame, names: dict[str, str], regions: dict[str, str], *,
                          caption: str, name: str = "challenges-by-country",
                          title: str = N_("Reported challenges by country"), since: int = RECENT_SINCE) -> Chart:
    """Bar chart: reports for each country (all countries, zero included), then each region apart, below a
    line and labelled as a region, so a region's reports are never read as a country's."""
    countries = list(names)
    shown_regions = [r for r in regions if (challenges["country"] == r).any()]
    recent, older = _split(challenges, since)
    def n(df: pd.DataFrame, code: str) -> int:
        return int((df["country"] == code).sum())
    positions = list(range(len(countries))) + [len(countries) + 0.6 + k for k in range(len(shown_regions))]
    labels = [chart_name(names[c]) for c in countries] + [f"{regions[r]} (region)" for r in shown_regions]
    codes = countries + shown_regions
    fig = new_figure(WIDTH, 0.36 * len(codes) + 2.0)
    ax = fig.axes[0]
    _stacked_bars(ax, labels, [n(recent, c) for c in codes], [n(older, c) for c in codes], positions)
    if shown_regions:
        ax.axhline(len(countries) - 0.2, color="black", linewidth=1)
    chart_title(fig, title)
    ax.set_xlabel(_("Number of reports"))
    ax.set_ylabel(_("Country"))
    _time_legend(fig, since)
    full = [names[c] for c in countries] + [_("{region} (region)").format(region=regions[r]) for r in shown_regions]
    parts = [f"{lab} {_split_phrase(n(recent, c), n(older, c), since)}" for lab, c in zip(full, codes, strict=True)]
    alt = (_("Bar chart: {title}, countries first, then region-wide reports apart.").format(title=_(title)) + " "
           + "; ".join(parts) + ".")
    return Chart(name, fig, title, alt, caption)


def country_small_multiples(challenges: pd.DataFrame, names: dict[str, str], *, caption: str,
                            name: str = "challenges-per-country",
                            title: str = N_("Reports over time, country by country"),
                            since: int = RECENT_SINCE) -> Chart:
    """One small panel per country, stacked vertically on the same scale: reports per year, verified
    solid and secondary hatched, with a line at ``since`` (older reports describe the situation then)."""
    import matplotlib
    from matplotlib.figure import Figure

    from .style import RC

    codes = [c for c in names if (challenges["country"] == c).any()] or list(names)[:1]
    years = challenges["reported_at"].astype(str).str[:4].astype(int) if len(challenges) else pd.Series([since])
    first, last = int(years.min()), int(years.max())
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH, 0.62 * len(codes) + 1.9), layout="constrained")
        axes = fig.subplots(len(codes), 1, sharex=True, sharey=True, squeeze=False)[:, 0]
    parts = []
    for ax, code in zip(axes, codes, strict=True):
        rows = challenges[challenges["country"] == code]
        ry = rows["reported_at"].astype(str).str[:4].astype(int)
        span = list(range(first, last + 1))
        verified = [int(((ry == y) & (rows["evidence"] == "verified")).sum()) for y in span]
        secondary = [int(((ry == y) & (rows["evidence"] != "verified")).sum()) for y in span]
        v_at = [(y, v) for y, v in zip(span, verified, strict=True) if v]
        s_at = [(y, s_, v) for y, s_, v in zip(span, secondary, verified, strict=True) if s_]
        ax.bar([y for y, _ in v_at], [v for _, v in v_at], color=BAR_COLOUR, edgecolor=BAR_COLOUR, width=0.8)
        ax.bar([y for y, _, _ in s_at], [s_ for _, s_, _ in s_at], bottom=[v for _, _, v in s_at], color="white",
               edgecolor=BAR_COLOUR, hatch=OLDER_HATCH, width=0.8)
        ax.set_xlim(first - 0.7, last + 0.7)
        ax.axvline(since - 0.5, color="black", linewidth=1, linestyle="--")
        ax.set_ylabel(chart_name(names[code]), rotation=0, ha="right", va="center", fontsize=10)
        ax.set_yticks([])
        ax.grid(False)
        ax.spines["left"].set_visible(False)
        counts = [f"{y} {v + s_}" for y, v, s_ in zip(span, verified, secondary, strict=True) if v + s_]
        parts.append(f"{names[code]}: " + (", ".join(counts) if counts else _("none")))
    axes[-1].xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    axes[-1].set_xlabel(_("Year of the report (dashed line: {year})").format(year=since))
    chart_title(fig, title)
    fig.legend(handles=[Patch(facecolor=BAR_COLOUR, edgecolor=BAR_COLOUR, label=_("Verified source")),
                        Patch(facecolor="white", edgecolor=BAR_COLOUR, hatch=OLDER_HATCH, label=_("Secondary source"))],
               loc="outside lower center", ncols=2, frameon=False, fontsize=10)
    alt = (_("Small multiples: {title}, one panel per country on the same scale, reports per year.").format(
        title=_(title)) + " " + "; ".join(parts) + ".")
    return Chart(name, fig, title, alt, caption)


CHART_NAMES = {"Lao People's Democratic Republic": "Lao PDR", "Brunei Darussalam": "Brunei"}


def chart_name(name: str) -> str:
    """The short form a narrow chart's axis uses (alt text and tables keep the full name)."""
    return CHART_NAMES.get(name, name)


def country_category_matrix(challenges: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    """Counts by country (rows, in the order given) and category (columns, vocabulary order)."""
    grid = pd.DataFrame(0, index=countries, columns=list(CATEGORIES), dtype=int)
    for r in challenges.itertuples():
        if r.country in grid.index and r.category in grid.columns:
            grid.loc[r.country, r.category] += 1
    return grid


def country_category_heatmap(challenges: pd.DataFrame, names: dict[str, str], *, caption: str,
                             regions: dict[str, str] | None = None, name: str = "challenges-heatmap",
                             title: str = N_("Reported challenges by country and category")) -> Chart:
    """Country by category counts, every cell labelled with its number (blank cells say 0 in light grey);
    region rows (ASEAN-wide) come last, below a line, named as regions."""
    regions = {r: n for r, n in (regions or {}).items() if (challenges["country"] == r).any()}
    rows = list(names) + list(regions)
    grid = country_category_matrix(challenges, rows)
    fig = new_figure(WIDTH, 0.34 * len(grid) + 2.6)
    ax = fig.axes[0]
    ax.grid(False)
    top = max(1, int(grid.to_numpy().max()))
    ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=top * 1.25, aspect="auto")
    for i, code in enumerate(grid.index):
        for j, cat in enumerate(grid.columns):
            n = int(grid.loc[code, cat])
            ax.text(j, i, str(n), ha="center", va="center", fontsize=10,
                    color="white" if n > top * 0.6 else ("black" if n else "#767676"))
    if regions:
        ax.axhline(len(names) - 0.5, color="black", linewidth=2)
    empty = [code for code in names if grid.loc[code].sum() == 0]
    ylabels = [chart_name(names[c]) + (" (none sourced)" if c in empty else "") for c in names]
    ylabels += [f"{regions[r]} (region)" for r in regions]
    ax.set_yticks(range(len(grid)), ylabels)
    ax.set_xticks(range(len(grid.columns)), [short_label(c) for c in grid.columns], rotation=45, ha="right")
    ax.set_xlabel(_("Category"))
    ax.set_ylabel(_("Country"))
    chart_title(fig, title)
    parts = []
    for code, shown in zip(grid.index, ylabels, strict=True):
        row = grid.loc[code]
        if row.sum():
            parts.append(f"{shown}: " + ", ".join(f"{_(label(c))} {int(n)}" for c, n in row.items() if n))
    alt = _("Heatmap: {title}, number of reports in each cell.").format(title=_(title)) + " " + (
        "; ".join(parts) + "." if parts else _("No challenges are recorded."))
    if empty:
        alt += " " + _("No sourced reports for {countries}.").format(countries=list_phrase([names[c] for c in empty]))
    return Chart(name, fig, title, alt, caption)


def alignment_matrix(legislation: pd.DataFrame, names: dict[str, str], provisions: list[str], *, caption: str,
                     name: str = "legislative-alignment",
                     title: str = N_("Legislative alignment with the international standards")) -> Chart:
    """Country by provision grid: colour, a word in every cell, and hatching for ``unknown``."""
    grid = status_matrix(legislation, list(names), provisions)
    levels = evidence_matrix(legislation, list(names), provisions)
    fig = new_figure(1.0 * len(provisions) + 3.5, 0.5 * len(grid) + 3)
    ax = fig.axes[0]
    ax.grid(False)
    for i, code in enumerate(grid.index):
        for j, prov in enumerate(provisions):
            status, level = grid.loc[code, prov], levels.loc[code, prov]
            ax.add_patch(_cell(j, i, status, level))
            ax.text(j, i, cell_text(prov, status, level), ha="center", va="center", fontsize=10, color="black",
                    fontweight="bold" if status != "unknown" else "normal",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    ax.set_xlim(-0.5, len(provisions) - 0.5)
    ax.set_ylim(len(grid) - 0.5, -0.5)
    ax.set_xticks(range(len(provisions)), [PROVISIONS[p].label for p in provisions], rotation=35, ha="right")
    ax.set_yticks(range(len(grid)), [names[c] for c in grid.index])
    ax.set_xlabel(_("Provision or treaty"))
    ax.set_ylabel(_("Country"))
    ax.set_title(title)
    laws = [k for k, p in enumerate(provisions) if p not in TREATY_PROVISIONS]
    if laws and len(laws) < len(provisions):
        ax.axvline(max(laws) + 0.5, color="black", linewidth=2)  # national law | treaties
    handles = [_cell(0, 0, s) for s in STATUS_LABELS]
    for h, s in zip(handles, STATUS_LABELS, strict=True):
        h.set_label(LEGEND[s])
    secondary = _cell(0, 0, "yes", "secondary")
    secondary.set_label(f"{evidence.MARK} dotted: secondary source, not verified")
    handles.append(secondary)
    fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False)
    parts = []
    for prov in provisions:
        col = grid[prov]
        bits = [f"{status_text(prov, s, short=True).lower()} for {list_phrase([names[c] for c in col.index[col == s]])}"
                for s in STATUS_LABELS if (col == s).any()]
        parts.append(f"{PROVISIONS[prov].label}: {'; '.join(bits)}")
    counts = grid.stack().value_counts()
    tally = ", ".join(f"{int(counts.get(s, 0))} {TALLY[s]}" for s in STATUS_LABELS)
    secondary = int((levels == "secondary").to_numpy().sum())
    alt = (f"Matrix: {title}, {len(grid)} countries by {len(provisions)} provisions ({tally}). "
           + (f"{secondary} of the known cells rest on a secondary source, marked {evidence.MARK}. " if secondary else "")
           + ". ".join(parts) + ".")
    return Chart(name, fig, title, alt, caption)


LEGEND = {"yes": N_("Yes / Party"), "partial": N_("Partly / Signed, not ratified"), "no": N_("No"),
          "unknown": N_("Unknown (nothing verified)")}
TALLY = {"yes": "yes or Party", "partial": "partly or signed", "no": "no", "unknown": "unknown"}


def _cell(x: float, y: float, status: str, level: str | None = None) -> Patch:
    from matplotlib.patches import Rectangle

    hatch = UNKNOWN_HATCH if status == "unknown" else (SECONDARY_HATCH if level == "secondary" else None)
    return Rectangle((x - 0.48, y - 0.46), 0.96, 0.92, facecolor=STATUS_COLOURS[status], edgecolor="white",
                     hatch=hatch, linewidth=1)


TREATY_MARKERS = dict(zip(TREATY_PROVISIONS, ["o", "s", "D", "^", "v"], strict=True))
TREATY_COLOURS = dict(zip(TREATY_PROVISIONS, [OKABE_ITO[0], OKABE_ITO[4], OKABE_ITO[3], OKABE_ITO[2],
                                              OKABE_ITO[5]], strict=True))


def treaty_timeline(legislation: pd.DataFrame, names: dict[str, str], *, caption: str,
                    name: str = "treaty-timeline", title: str = N_("Treaty participation over time")) -> Chart:
    """When each country signed or became a Party to each treaty: filled marker Party, hollow signed."""
    events = treaty_events(legislation)
    events = events[events["country"].isin(list(names))]
    codes = list(names)
    fig = new_figure(WIDTH, 0.42 * len(codes) + 4.2)
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
    ax.set_yticks(range(len(codes)), [chart_name(names[c]) for c in codes])
    ax.set_ylim(len(codes) - 0.5, -0.5)
    if len(events):
        ax.set_xlim(events["year"].min() - 1, events["year"].max() + 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(_("Year"))
    ax.set_ylabel(_("Country"))
    chart_title(fig, title)
    present = [p for p in TREATY_PROVISIONS if p in set(events["provision"])]
    handles = [Line2D([], [], marker=TREATY_MARKERS[p], color=TREATY_COLOURS[p], linestyle="none", markersize=8,
                      label=PROVISIONS[p].label) for p in present]
    handles += [Line2D([], [], marker="o", color="black", linestyle="none", markersize=8, label=_("filled: became a Party")),
                Line2D([], [], marker="o", color="black", markerfacecolor="white", linestyle="none", markersize=8,
                       label=_("hollow: signed"))]
    fig.legend(handles=handles, loc="outside lower center", ncols=1, frameon=False, fontsize=10)
    steps = [f"{e.since if len(e.since) == 4 else e.since[:4]}, {names[e.country]} {e.event} ({e.treaty})"
             for e in events.itertuples()]
    missing = [names[c] for c in codes if c not in set(events["country"])]
    alt = _("Timeline: {title}, in date order.").format(title=_(title)) + " " + (
        "; ".join(steps) + "." if steps else _("No dated treaty steps."))
    if missing:
        alt += " " + _("No dated treaty step for {countries}.").format(countries=list_phrase(missing))
    return Chart(name, fig, title, alt, caption)


def country_challenges(challenges: pd.DataFrame, iso2: str, country_name: str, *, caption: str,
                       since: int = RECENT_SINCE) -> Chart | None:
    """One country's reported challenges by category (only categories it reported), recent ones solid and
    older ones hatched; None if it has none."""
    rows = challenges[challenges["country"] == iso2]
    if rows.empty:
        return None
    recent, older = (category_counts(part) for part in _split(rows, since))
    cats = [c for c in sorted(CATEGORIES, key=lambda c: -(recent[c] + older[c])) if recent[c] + older[c]]
    fig = new_figure(WIDTH, 0.4 * len(cats) + 1.9)
    ax = fig.axes[0]
    _stacked_bars(ax, [label(c) for c in cats], [int(recent[c]) for c in cats], [int(older[c]) for c in cats],
                  list(range(len(cats))))
    title = _("Reported challenges: {country}").format(country=chart_name(country_name))
    chart_title(fig, title)
    ax.set_xlabel(_("Number of reports"))
    ax.set_ylabel(_("Category"))
    _time_legend(fig, since)
    parts = [f"{_(label(c))} {_split_phrase(int(recent[c]), int(older[c]), since)}" for c in cats]
    alt = _("Bar chart: reported challenges for {country} by category, from most to fewest: {items}.").format(
        country=country_name, items="; ".join(parts))
    return Chart(f"challenges-{iso2.lower()}", fig, title, alt, caption)


def _counts_axis(chart: Chart, ylabel: str) -> Chart:
    """Counts are whole numbers: no 0.5 ticks on the axis."""
    ax = chart.figure.axes[0]
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    return chart
