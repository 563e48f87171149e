"""A case-study page: the case at a glance, its timeline chart and table, the legal basis, the steps
and the partners, all drawn from the unit's data file (``model.casestudies``).
"""

from __future__ import annotations

import textwrap

import pandas as pd

from ..model import instruments
from ..model.casestudies import EVIDENCE_PROBLEMS, PARTNER_KINDS, PHASES, CaseStudy, Event, load  # noqa: F401
from ..model.dates import format_date
from . import data, i18n
from .charts import Chart, list_phrase
from .i18n import N_, _, dates_in
from .style import OKABE_ITO, TEXT_PT, caption, new_figure, set_title
from .tables import Table

PHASE_COLOURS = dict(zip(PHASES, OKABE_ITO, strict=True))


# ---- words and tables --------------------------------------------------------------------------

def article_label(ref: str) -> str:
    """'budapest:16' -> 'Budapest Convention Art. 16 (Expedited preservation of stored computer data)'.

    Names and titles come from data/instruments/, so they read the same as in the standards units.
    """
    inst_id, _colon, number = ref.partition(":")
    inst = instruments.load(inst_id)
    art = inst.article(number)
    kind = "Art." if inst.item_name == "Article" else inst.item_name.lower()
    return f"{inst.short_title} {kind} {number}" + (f" ({art.title})" if art else " (not in data/instruments/)")


def _articles(refs: list[str]) -> str:
    return "; ".join(article_label(r) for r in refs) or _("none mapped")


def _short(ids: list[str | None], titles: dict[str, str]) -> str:
    return "; ".join(titles.get(i, i) for i in ids if i) or _("composite scenario")


def _titles(ids: list[str]) -> dict[str, str]:
    return dict(zip(ids, data.source_titles(ids), strict=True))


def _basis_phrase(case: CaseStudy) -> str:
    return _("Composite teaching scenario") if case.basis == "composite" else _("Public record")


def overview_table(case: CaseStudy) -> Table:
    """The case at a glance: country, basis, summary and outcome."""
    country = data.country_names().get(case.country, case.country)
    rows = [(_("Country"), country), (_("Basis"), f"{_basis_phrase(case)}: {_(case.basis_note)}"),
            (_("Summary"), case.summary), (_("Outcome"), case.outcome),
            (_("Law as of"), dates_in(format_date(case.law_as_of.isoformat())))]
    return Table(pd.DataFrame(rows, columns=[N_("Item"), N_("Detail")]), N_("The case at a glance"),
                 caption(data.source_titles(case.sources), case.law_as_of))


def timeline_frame(case: CaseStudy) -> pd.DataFrame:
    """The timeline as rows: event number, day, phase and what happened."""
    rows = [{"#": i, N_("Day"): e.day, N_("Phase"): PHASES[e.phase], N_("What happened"): e.event}
            for i, e in enumerate(case.timeline, start=1)]
    if case.basis == "public-record":
        for row, e in zip(rows, case.timeline, strict=True):
            row[N_("Date")] = dates_in(format_date(e.date.isoformat())) if e.date else ""
    return pd.DataFrame(rows)


def timeline_table(case: CaseStudy) -> Table:
    note = " " + _("Days are illustrative.") if case.basis == "composite" else ""
    return Table(timeline_frame(case), N_("Timeline: days since the first report"),
                 f"{_basis_phrase(case)}.{note} " + _("Numbers match the chart."))


def provisions_table(case: CaseStudy) -> Table:
    """National provisions and the international articles they give effect to, with sources."""
    titles = _titles(case.source_ids())
    rows = [{N_("National law"): p.law, "Provision": p.provision or "", N_("What it covers"): p.covers,
             N_("International articles"): _articles(p.standards),
             "Source": titles.get(p.source, p.source) + (f" ({p.note})" if p.note else "")}
            for p in case.provisions]
    return Table(pd.DataFrame(rows), N_("Legal basis: national provisions and the international articles they implement"),
                 _("Mapping of provisions to articles: the course authors' reading. Law as of {date}.").format(
                     date=dates_in(format_date(case.law_as_of.isoformat()))))


def steps_table(case: CaseStudy) -> Table:
    """Each investigative step with the powers used and the evidence problems met."""
    rows = []
    for n, st in enumerate(case.steps, start=1):
        first = {N_("Step"): f"{n}. {st.step}", N_("Phase"): _(PHASES[st.phase]),
                 N_("Powers (international articles)"): _articles(st.powers)}
        for i, pr in enumerate(st.problems or [None]):
            row = first if i == 0 else {k: "" for k in first}
            rows.append({**row, N_("Evidence problem"): _(EVIDENCE_PROBLEMS[pr.kind]) + ": " + _(pr.problem) if pr else "",
                         N_("How it was handled"): pr.response if pr else ""})
    return Table(pd.DataFrame(rows), N_("Investigative steps and the evidence problems met at each"),
                 f"{_basis_phrase(case)}. " + _("Powers named by the international article they correspond to."))


def partners_table(case: CaseStudy) -> Table:
    """Who cooperated: domestic agencies, foreign counterparts, service providers, NGOs."""
    titles = _titles([a.source for a in case.partners if a.source])
    order = list(PARTNER_KINDS)
    rows = [{N_("Who"): a.name, N_("Kind"): PARTNER_KINDS[a.kind], N_("Role in the case"): a.role,
             "Source": _short([a.source], titles)}
            for a in sorted(case.partners, key=lambda a: order.index(a.kind))]
    return Table(pd.DataFrame(rows), N_("Cooperation: who took part and what each did"),
                 N_("Institutions are named from the sources; roles in the scenario are illustrative.")
                 if case.basis == "composite" else N_("Roles as reported in the sources."))


# ---- the timeline chart -----------------------------------------------------------------------

def timeline_chart(case: CaseStudy, *, caption_text: str) -> Chart:
    """Events on lanes by phase against days since the first report; numbers match the timeline table."""
    lanes = [p for p in PHASES if any(e.phase == p for e in case.timeline)]
    span = case.timeline[-1].day - case.timeline[0].day
    fig = new_figure(height=max(3.2, 0.6 * len(lanes) + 1.9))
    ax = fig.axes[0]
    for lane, phase in enumerate(lanes):
        evs = [(i, e) for i, e in enumerate(case.timeline, start=1) if e.phase == phase]
        ax.scatter([e.day for _, e in evs], [lane] * len(evs), s=90, color=PHASE_COLOURS[phase],
                   edgecolors="black", linewidths=0.6, zorder=3, label=PHASES[phase])
        for numbers, day in _label_groups(evs, close=0.07 * max(span, 1)):
            ax.annotate(numbers, (day, lane), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=TEXT_PT)
    ax.set_yticks(range(len(lanes)), [textwrap.fill(PHASES[p], 14) for p in lanes])
    ax.set_ylim(len(lanes) - 0.5, -0.7)
    ax.set_xlabel("Days since the first report")
    ax.set_ylabel("Phase of the case")
    title = _("How the case moved: {events} events over {days} days").format(events=len(case.timeline), days=span)
    set_title(fig, title)
    ax.margins(x=0.05)
    what = _("a composite teaching scenario") if case.basis == "composite" else _("a case on the public record")
    steps = "; ".join(_("event {number}, day {day}, {phase}: {event}").format(
        number=i, day=e.day, phase=_(PHASES[e.phase]).lower(), event=e.event.rstrip('.'))
        for i, e in enumerate(case.timeline, start=1))
    alt = _("Timeline chart of {what}: {events} events over {days} days, in the phases {phases}. {steps}.").format(
        what=what, events=len(case.timeline), days=span, phases=list_phrase([_(PHASES[p]).lower() for p in lanes]),
        steps=steps)
    return Chart(f"timeline-{case.id}", fig, title, alt, caption_text)


def _label_groups(events: list[tuple[int, Event]], *, close: float) -> list[tuple[str, float]]:
    """Event numbers to print above one lane: events too close to tell apart share one label ("1, 2")."""
    groups: list[list[tuple[int, Event]]] = []
    for i, e in events:
        if groups and e.day - groups[-1][0][1].day <= close:
            groups[-1].append((i, e))
        else:
            groups.append([(i, e)])
    return [(", ".join(str(i) for i, _ in g), sum(e.day for _, e in g) / len(g)) for g in groups]


def timeline(case: CaseStudy) -> Chart:
    """The timeline chart with its caption (basis, sources, law-as-of date) for the notebook."""
    prefix = _("Composite teaching scenario: the days are illustrative.") + " " if case.basis == "composite" else ""
    return timeline_chart(case, caption_text=prefix + i18n.caption(caption(data.source_titles(case.sources),
                                                                           case.law_as_of)))
