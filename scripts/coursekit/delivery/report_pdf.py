"""The programme manager's page: one A4 page of evaluation figures as a PDF, and its charts.

A programme manager files one page per cohort. The page is drawn with matplotlib on a figure of
exactly A4 (210 x 297 mm), so it is one page by construction; tables are drawn from the same
``Table`` objects as the CSV files, so the page and the CSVs cannot disagree, and nothing reaches
the page that ``evaluation.protect`` has not let through (no group under 5, no code, no comment).
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes  # noqa: E402 (after the backend is chosen)
from matplotlib.figure import Figure  # noqa: E402

from ..book.style import OKABE_ITO  # noqa: E402
from .evaluation import MIN_GROUP, Evaluation, Table  # noqa: E402

A4_IN = (8.27, 11.69)
FONT = 7.0


ROW_IN = 0.17  # the height of a table row


def _block(fig: Figure, t: Table, left: float, top: float, width: float, max_rows: int = 12) -> float:
    """A titled table with its notes (what was merged or suppressed) from ``top`` down; returns the
    top of whatever comes next. Heights are in inches, so rows are the same size everywhere."""
    height_in = fig.get_figheight()
    y = top
    fig.text(left, y, t.title, fontsize=FONT + 1.5, fontweight="bold", va="top")
    y -= 0.2 / height_in
    chars = int(width * fig.get_figwidth() * 17)
    for line in textwrap.wrap(" ".join(t.notes), chars):
        fig.text(left, y, line, fontsize=FONT - 0.5, style="italic", va="top")
        y -= 0.13 / height_in
    if not t.rows:
        if not t.notes:
            fig.text(left, y, "No data imported.", fontsize=FONT, va="top")
        return y - 0.3 / height_in
    rows = t.rows[:max_rows]
    h = (len(rows) + 1) * ROW_IN / height_in
    ax = fig.add_axes((left, y - h, width, h))
    ax.axis("off")
    first = 0.40 if len(t.headers) > 3 else 0.5
    widths = [first] + [(1 - first) / (len(t.headers) - 1)] * (len(t.headers) - 1)
    width_chars = int(first * width * fig.get_figwidth() * 16)
    cells = [[textwrap.shorten(str(c), width_chars if k == 0 else 24, placeholder="…") for k, c in enumerate(r)]
             for r in rows]
    table = ax.table(cellText=cells, colLabels=t.headers, cellLoc="left", colLoc="left", colWidths=widths,
                     bbox=(0, 0, 1, 1))
    table.auto_set_font_size(False)
    table.set_fontsize(FONT)
    for (r, _), cell in table.get_celld().items():
        cell.set_linewidth(0.3)
        if r == 0:
            cell.set_facecolor("#E8EEF4")
            cell.get_text().set_fontweight("bold")
    return y - h - 0.25 / height_in


def satisfaction_chart(ev: Evaluation, ax: Axes) -> None:
    series = ev.satisfaction_series()
    ax.set_title("Satisfaction per session (mean, 1 to 5)", fontsize=FONT + 1.5, fontweight="bold", loc="right")
    if not series:
        ax.axis("off")
        ax.text(0, 0.5, "No ratings (or fewer than 5 per session).", fontsize=FONT)
        return
    labels = [textwrap.shorten(s, 34, placeholder="…") for s, _ in series]
    ax.barh(range(len(series)), [v for _, v in series], color=OKABE_ITO[0], height=0.6)
    ax.set_ylim(max(len(series), 8) - 0.5, -0.5)  # bars keep one size however few sessions there are
    ax.set_yticks(range(len(series)), labels, fontsize=FONT)
    ax.set_xlim(1, 5)
    ax.tick_params(axis="x", labelsize=FONT)
    for i, (_, v) in enumerate(series):
        ax.text(v - 0.05, i, f"{v:.1f}", va="center", ha="right", color="white", fontsize=FONT)


def objective_chart(ev: Evaluation, ax: Axes) -> None:
    series = ev.objective_series()
    ax.set_title("Right answers per objective, % (g = gain)", fontsize=FONT + 1.5, fontweight="bold", loc="right")
    if not series:
        ax.axis("off")
        ax.text(0, 0.5, f"No knowledge checks (or fewer than {MIN_GROUP} participants took both).", fontsize=FONT)
        return
    ys = range(len(series))
    ax.barh([y - 0.2 for y in ys], [b for _, b, _ in series], height=0.4, color=OKABE_ITO[1], label="Before")
    ax.barh([y + 0.2 for y in ys], [a for _, _, a in series], height=0.4, color=OKABE_ITO[2], label="After")
    ax.set_yticks(list(ys), [o for o, _, _ in series], fontsize=FONT - 0.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.tick_params(axis="x", labelsize=FONT)
    ax.legend(fontsize=FONT, loc="upper center", bbox_to_anchor=(0.5, -0.03), ncols=2, frameon=False)
    for y, (_, b, a) in zip(ys, series, strict=True):
        g = "n/a" if b >= 100 else f"{(a - b) / (100 - b):.2f}"
        ax.text(101, y, f"g {g}", va="center", fontsize=FONT - 1)


def page(ev: Evaluation, title: str, subtitle: str) -> Figure:
    """The one-page report, as a matplotlib figure of exactly A4."""
    fig = Figure(figsize=A4_IN)
    fig.text(0.06, 0.975, textwrap.shorten(title, 68, placeholder="…"), fontsize=13, fontweight="bold", va="top")
    fig.text(0.06, 0.952, subtitle, fontsize=FONT + 1, va="top")
    fig.text(0.06, 0.937, f"Pseudonymous data. No group of fewer than {MIN_GROUP} participants is shown apart: "
             "smaller groups are merged into 'Other' or not shown, as each table says.", fontsize=FONT,
             style="italic", va="top")
    t = {x.name: x for x in ev.tables()}
    left = _block(fig, t["participants-by-role"], 0.06, 0.91, 0.42)
    left = _block(fig, t["completion"], 0.06, left, 0.42)
    right = _block(fig, t["participants-by-country"], 0.53, 0.91, 0.41, max_rows=11)
    top = min(left, right)
    top = _block(fig, t["knowledge-by-role"], 0.06, top, 0.88)
    top = _block(fig, t["follow-up"], 0.06, top, 0.88)
    chart_top = top - 0.03
    satisfaction_chart(ev, fig.add_axes((0.30, 0.08, 0.17, chart_top - 0.08)))
    objective_chart(ev, fig.add_axes((0.72, 0.08, 0.22, chart_top - 0.08)))
    fig.text(0.06, 0.025, "Normalised gain g = (after - before) / (100% - before): the share of the possible "
             "improvement achieved. Mastery: at least 80% right after the delivery.", fontsize=FONT - 0.5)
    fig.text(0.06, 0.012, "Made with course.py report from the OCSEA training book, an independent training "
             "resource (not a Council of Europe or UNODC publication).", fontsize=FONT - 0.5)
    return fig


def pdf_bytes(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf", metadata={"Title": "Evaluation report", "Creator": "course.py report"})
    return buf.getvalue()


def chart_files(ev: Evaluation) -> dict[str, bytes]:
    """Each chart alone, as PNG and SVG, for slides and reports."""
    out: dict[str, bytes] = {}
    for name, draw, height in (("satisfaction-by-session", satisfaction_chart, 3.2),
                               ("knowledge-by-objective", objective_chart, 5.5)):
        fig = Figure(figsize=(6.4, height))
        ax = fig.add_axes((0.42, 0.12, 0.54, 0.78))
        draw(ev, ax)
        for fmt in ("png", "svg"):
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=200, metadata={"Date": None} if fmt == "svg" else None)
            out[f"{name}.{fmt}"] = buf.getvalue()
    return out
