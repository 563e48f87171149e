"""Status sentences written from the data, so a page never retells a status by hand.

"Possession of child sexual abuse material: yes (Penal Code s. 286A; secondary source, as of
1 December 2026)". A country page once said "not shown" where ``data/legislation.csv`` said "yes": the
row had been re-checked, the sentence had not. A notebook now calls ``statuses("LK", [...])`` and the
sentence always says what the row says, with its law and section, its source, its evidence level and
the day it was checked. Authors write the discussion around it; ``checks.status_claims`` finds a
status still written by hand that the data contradicts.

Every piece of data text is escaped for MyST (``model.text.myst_inline``): a law's name is never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import evidence, legislation
from ..model.dates import format_date
from ..model.legislation import PROVISIONS, SECTION_NOT_SEEN, LegislationRow
from ..model.text import myst_inline
from . import data
from .i18n import N_, _, dates_in

# How a sentence names a provision: plain words, no acronym a second-language reader must expand.
SUBJECTS = {
    "csam_possession": N_("Possession of child sexual abuse material"),
    "livestream_offence": N_("Live-streamed child sexual abuse (organising, transmitting or viewing)"),
    "online_solicitation": N_("Online solicitation (grooming) of a child"),
    "expedited_preservation": N_("Expedited preservation of stored computer data"),
    "production_orders": N_("Production orders for computer data or subscriber information"),
    "contact_24_7": N_("24/7 point of contact"),
    "budapest_party": N_("Budapest Convention (Convention on Cybercrime)"),
    "budapest_p2_party": N_("Second Additional Protocol to the Budapest Convention"),
    "lanzarote_party": N_("Lanzarote Convention"),
    "opsc_party": N_("Optional Protocol on the sale of children (OPSC)"),
    "un_cybercrime_party": N_("UN Convention against Cybercrime"),
}

LAW_WORDS = {"yes": N_("yes"), "partial": N_("partly"), "no": N_("no"), "unknown": N_("unknown")}
TREATY_WORDS = {"yes": N_("Party"), "partial": N_("signed, not ratified"), "no": N_("not a Party"),
                "unknown": N_("unknown")}


@dataclass(frozen=True)
class StatusSentence:
    """One provision's status for one country, as the data gives it."""

    country: str
    provision: str
    status: str
    law: str | None
    section: str | None
    since: str | None
    source_title: str | None
    evidence: str | None
    as_of: str
    note: str | None

    def text(self) -> str:
        """The sentence as plain text (for tests, slides and handouts)."""
        prov = PROVISIONS[self.provision]
        word = _((TREATY_WORDS if prov.kind == "treaty" else LAW_WORDS)[self.status])
        if self.since and self.status in ("yes", "partial"):
            when = dates_in(format_date(self.since))
            if prov.kind == "treaty":
                word = (_("Party since {date}") if self.status == "yes" else _("signed ({date}), not ratified")).format(
                    date=when)
            else:
                word = _("{status}, since {date}").format(status=word, date=when)
        details = []
        if self.law and self.status != "unknown":
            section = self.section or ""
            if section.strip().lower() == SECTION_NOT_SEEN:
                section = _("section not seen")
            details.append(f"{self.law}, {section}" if section else self.law)
        if self.status == "unknown":
            details.append(_("no checked source shows the status"))
        if self.source_title:
            details.append(_("source: {title}").format(title=self.source_title))
        level = {"verified": N_("verified source"), "secondary": N_("secondary source")}.get(self.evidence or "")
        as_of = dates_in(format_date(self.as_of))
        details.append(_("{level}, as of {date}").format(level=_(level), date=as_of) if level
                       else _("as of {date}").format(date=as_of))
        return f"{_(SUBJECTS[self.provision])}: {word} ({'; '.join(details)})"

    def markdown(self) -> str:
        subject, _colon, rest = self.text().partition(": ")
        return f"**{myst_inline(subject)}:** {myst_inline(rest)}"

    def _repr_markdown_(self) -> str:
        return self.markdown()


@dataclass(frozen=True)
class StatusList:
    """Several status sentences as a list; a secondary one is followed by what that means."""

    sentences: tuple[StatusSentence, ...]

    def _repr_markdown_(self) -> str:
        lines = [f"- {s.markdown()}" for s in self.sentences]
        if any(s.evidence == "secondary" for s in self.sentences):
            lines.append("")
            lines.append(f"*{_('Secondary source')}:* {myst_inline(_(evidence.MEANING['secondary']))}.")
        return "\n".join(lines) + "\n"


def _rows() -> dict[tuple[str, str], LegislationRow]:
    return {(r.country, r.provision): r for r in data.table("legislation.csv", LegislationRow)}


def sentence(country: str, provision: str) -> StatusSentence:
    """The status of one provision for one country; a pair with no row reads 'unknown'."""
    if provision not in PROVISIONS:
        raise ValueError(f"unknown provision '{provision}': use one of {', '.join(PROVISIONS)}")
    row = _rows().get((country, provision))
    if row is None:
        return StatusSentence(country, provision, "unknown", None, None, None, None, None, "", None)
    titles = data.sources()
    src = titles.get(row.source) if row.source else None
    return StatusSentence(country, provision, row.status, row.law, row.section, row.since,
                          src.title if src else None, row.evidence if row.status != "unknown" else None,
                          row.as_of.isoformat(), row.note)


def statuses(country: str, provisions: list[str] | None = None) -> StatusList:
    """Status sentences for a country: the named provisions, or every national provision."""
    wanted = provisions if provisions is not None else legislation.LAW_PROVISIONS
    return StatusList(tuple(sentence(country, p) for p in wanted))
