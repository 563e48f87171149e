"""The score report: what ``course.py score`` writes from a delivery's before-and-after figures.

Two CSV files (per question, per objective), the learning-gain chart (PNG and SVG), a Markdown page for
``reports/<id>/`` and, on request, the same page as MyST for the trainer edition with its toc entry.
The figures come from ``delivery.scoring``; participant codes never reach anything written here.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from ..authoring.scaffold import Refused, toc_with_entry
from ..book.charts import Chart, list_phrase
from ..book.style import OKABE_ITO, caption, new_figure
from ..model import atomic
from ..model.findings import Finding, InputError, relpath
from .scoring import Comparison, Results, gain_text, percent

TRAINER_PART = "Trainer's guide"
SMALL_GROUP = 5   # below this, a question's rate can reveal how one person answered
BEFORE_COLOUR, AFTER_COLOUR = OKABE_ITO[4], OKABE_ITO[0]


# ---- what gets written ---------------------------------------------------------------------------

def _csv(rows: list[list[object]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


FIGURE_COLUMNS = ["pre_correct", "pre_percent", "post_correct", "post_percent", "gain"]


def _figures(c: Comparison) -> list[object]:
    return [c.pre.correct, percent(c.pre.value), c.post.correct, percent(c.post.value), gain_text(c.gain)]


def question_csv(results: Results) -> str:
    """One row per question (and a last row for all questions): counts, percentages, gain."""
    types = {q.id: q.type for q in results.assessment.questions}
    objectives = {q.id: " ".join(q.objectives) for q in results.assessment.questions}
    rows: list[list[object]] = [["question", "type", "objectives", "text", "participants", "answers",
                                 *FIGURE_COLUMNS]]
    for c in [*results.questions, results.overall]:
        rows.append([c.key, types.get(c.key, ""), objectives.get(c.key, ""), c.label, results.participants,
                     c.pre.total, *_figures(c)])
    return _csv(rows)


def objective_csv(results: Results, labels: dict[str, tuple[str, str]]) -> str:
    """One row per objective the check covers: the unit, the objective, counts, percentages, gain."""
    qids: dict[str, list[str]] = {}
    for q in results.assessment.questions:
        for ref in q.objectives:
            qids.setdefault(ref, []).append(q.id)
    rows: list[list[object]] = [["objective", "unit", "objective_text", "questions", "participants", "answers",
                                 *FIGURE_COLUMNS]]
    for c in results.objectives:
        unit, text = labels.get(c.key, ("", ""))
        rows.append([c.key, unit, text, " ".join(qids[c.key]), results.participants, c.pre.total, *_figures(c)])
    return _csv(rows)


def _short(ref: str, labels: dict[str, tuple[str, str]]) -> str:
    unit = labels.get(ref, (ref.split("#")[0], ""))[0]
    return f"{unit}, objective {ref.rsplit('#', 1)[1]}"


def gain_chart(results: Results, labels: dict[str, tuple[str, str]], *, name: str, as_of: dt.date) -> Chart:
    """Before and after bars per objective, the gain under each label; alt text lists every figure."""
    rows = results.objectives
    fig = new_figure(8, max(3.0, 0.85 * len(rows) + 1.6))
    ax = fig.axes[0]
    ys = list(range(len(rows)))[::-1]
    height = 0.38
    before = [float(c.pre.value or 0) * 100 for c in rows]
    after = [float(c.post.value or 0) * 100 for c in rows]
    b1 = ax.barh([y + height / 2 for y in ys], before, height, color=BEFORE_COLOUR, hatch="//",
                 edgecolor="white", label="Before")
    b2 = ax.barh([y - height / 2 for y in ys], after, height, color=AFTER_COLOUR, label="After")
    ax.bar_label(b1, labels=[f"{v:.0f}%" for v in before], padding=3, fontsize=9)
    ax.bar_label(b2, labels=[f"{v:.0f}%" for v in after], padding=3, fontsize=9)
    ax.set_yticks(ys, [textwrap.fill(_short(c.key, labels), 30) + f"\ngain {gain_text(c.gain)}" for c in rows])
    ax.set_xlim(0, 112)
    ax.set_xticks(range(0, 101, 20))
    title = "Correct answers before and after, by learning objective"
    ax.set_title(title)
    ax.set_xlabel("Correct answers (%)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", frameon=False, ncols=2, bbox_to_anchor=(0.5, -0.14))
    parts = [f"{_short(c.key, labels)}: {percent(c.pre.value)}% before, {percent(c.post.value)}% after, "
             f"normalised gain {gain_text(c.gain)}" for c in rows]
    alt = (f"Bar chart: {title}, {results.participants} participants who answered both checks. "
           + "; ".join(parts) + ".")
    source = (f"Knowledge check '{results.assessment.title}' ({results.assessment.id}), answered before and "
              f"after the delivery by {results.participants} participants")
    cap = (caption([source], as_of) + " Normalised gain = (after - before) / (100% - before); "
           "n/a where everyone was already correct before.")
    return Chart(name, fig, title, alt, cap)


def _md(text: str) -> str:
    """Text from data, safe inside a Markdown table cell: no markup, no column breaks."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def report_page(results: Results, labels: dict[str, tuple[str, str]], *, figure: str, when: str,
                csv_note: str) -> str:
    """The report as a Markdown page (for reports/ or, as MyST, for the trainer edition)."""
    a, r = results.assessment, results
    o = r.overall
    lines = [f"# Knowledge check results: {_md(a.title)}", "",
             f"{when} **{r.participants} participants** answered the "
             f"check both before and after; they are the ones counted here.", "",
             "| | Before | After | Normalised gain |", "|---|---:|---:|---:|",
             f"| All {len(a.questions)} questions | {percent(o.pre.value)}% | {percent(o.post.value)}% "
             f"| {gain_text(o.gain)} |", "",
             "## By learning objective", "", figure, "",
             "| Objective | Questions | Before | After | Normalised gain |", "|---|---|---:|---:|---:|"]
    qids: dict[str, list[str]] = {}
    for q in a.questions:
        for ref in q.objectives:
            qids.setdefault(ref, []).append(q.id)
    for c in r.objectives:
        unit, text = labels.get(c.key, (c.key, ""))
        lines.append(f"| {_md(unit)}, objective {c.key.rsplit('#', 1)[1]}: {_md(text)} | {', '.join(qids[c.key])} "
                     f"| {percent(c.pre.value)}% | {percent(c.post.value)}% | {gain_text(c.gain)} |")
    lines += ["", "## By question", "", "| Question | Before | After | Normalised gain |", "|---|---:|---:|---:|"]
    for c in r.questions:
        lines.append(f"| {c.key}: {_md(c.label)} | {percent(c.pre.value)}% | {percent(c.post.value)}% "
                     f"| {gain_text(c.gain)} |")
    left_out = []
    if r.pre_only:
        left_out.append(f"{r.pre_only} answered only before")
    if r.post_only:
        left_out.append(f"{r.post_only} answered only after")
    if r.skipped:
        left_out.append(f"{len(r.skipped)} row(s) could not be scored")
    lines += ["", "## How to read these figures", "",
              "- **Before** and **after** are the share of correct answers: correct answers divided by "
              "participants times questions. A blank answer counts as not correct.",
              "- **Normalised gain** is (after - before) / (100% - before): the share of the possible improvement "
              "that was achieved (1 = everything that could be learned was; 0 = no change; below 0 = fewer correct "
              "answers after). It is *n/a* where everyone was already correct before: there was nothing to gain.",
              "- Only participants who answered both checks are counted"
              + (f" ({list_phrase(left_out)}; they are left out)." if left_out else "."),
              "- Objectives are those of the course's units; a question that checks two objectives counts for both.",
              f"- {csv_note}"]
    if r.participants < SMALL_GROUP:
        lines.append(f"- With fewer than {SMALL_GROUP} participants a figure can reveal how one person answered: "
                     "share this page only with the training team.")
    return "\n".join(lines) + "\n"


def _png_svg(chart: Chart) -> tuple[bytes, bytes]:
    out = []
    for fmt in ("png", "svg"):
        buf = io.BytesIO()
        chart.figure.savefig(buf, format=fmt, metadata={"Title": chart.title} if fmt == "png" else None)
        out.append(buf.getvalue())
    return out[0], out[1]


# ---- writing ---------------------------------------------------------------------------------------

def write_files(files: dict[Path, bytes], root: Path, replace: bool) -> None:
    """All the new files or none; with --replace each file is swapped in atomically."""
    existing = [p for p in files if p.exists()]
    if existing and not replace:
        raise InputError([Finding(relpath(p, root), None, "SCORE-EXISTS", "a report file is already there",
                                  "add --replace to write over the earlier report, or choose another --out folder")
                          for p in existing])
    if replace:
        for p, data in files.items():
            atomic.write_bytes(p, data, overwrite=True)
        return
    done: list[Path] = []
    try:
        for p, data in files.items():
            atomic.write_bytes(p, data)
            done.append(p)
    except BaseException:
        for p in done:
            p.unlink(missing_ok=True)
        raise


def toc_with_page(root: Path, page: str) -> str | None:
    """The toc listing the results page under the trainer's guide; None when it is listed already."""
    try:
        text, _ = toc_with_entry((root / "_toc.yml").read_text(encoding="utf-8"), TRAINER_PART, page)
    except Refused:
        return None
    return text




@dataclass
class Report:
    """Every file of one score report, the toc with its page listed (None: unchanged), the chart."""

    files: dict[Path, bytes]
    toc: str | None
    chart: Chart


def plan(results: Results, labels: dict[str, tuple[str, str]], *, root: Path, out: Path, as_of: dt.date,
         dated: bool, page: bool) -> Report:
    """The report's files (nothing written yet): the CSVs, the chart, the page, and with ``page`` the
    trainer-edition page, its chart and the toc that lists it (an unreadable toc stops here)."""
    when = f"{'Delivery of' if dated else 'Scored on'} {as_of.day} {as_of.strftime('%B %Y')}."
    chart = gain_chart(results, labels, name="learning-gain", as_of=as_of)
    png, svg = _png_svg(chart)
    plain_figure = f"![{chart.alt}](learning-gain.png)\n\n*{chart.title}.* {chart.caption}"
    note = "The figures are also in per-question.csv and per-objective.csv beside this page."
    files = {out / "per-question.csv": question_csv(results).encode(),
             out / "per-objective.csv": objective_csv(results, labels).encode(),
             out / "learning-gain.png": png, out / "learning-gain.svg": svg,
             out / "report.md": report_page(results, labels, figure=plain_figure, when=when, csv_note=note).encode()}
    page_file = f"book/trainer/results-{results.assessment.id}"
    new_toc = toc_with_page(root, page_file) if page else None  # an unreadable toc stops us here
    if page:
        chart.name = f"{results.assessment.id}-learning-gain"
        page_note = f"The figures as CSV files are in {relpath(out, root)}/ (not part of the book)."
        files[root / "book" / "trainer" / "images" / f"{chart.name}.png"] = png
        files[root / "book" / "trainer" / "images" / f"{chart.name}.svg"] = svg
        files[root / f"{page_file}.md"] = report_page(results, labels, figure=chart.markdown("images"), when=when,
                                                      csv_note=page_note).encode()
    return Report(files, new_toc, chart)


def write(report: Report, root: Path, *, replace: bool) -> None:
    """Write the report's files (all or none; with ``replace`` each swapped in atomically), then the toc."""
    write_files(report.files, root, replace)
    if report.toc is not None:
        atomic.write_text(root / "_toc.yml", report.toc, overwrite=True)
