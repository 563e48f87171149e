"""National law and treaty participation, country by provision (``data/legislation.csv``).

The provision vocabulary lives here and only here: the validator, the charts, the country pages
and ``data/README.md`` all describe the same list. A status other than ``unknown`` is a claim about
a country's law, so it must cite a source; ``unknown`` is the honest answer wherever nothing
checked says otherwise, and it is always shown as "unknown", never as a gap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from pydantic import Field

from . import data, evidence
from .dates import format_date
from .records import SOURCE_ID, Strict

STATUSES = ("yes", "partial", "no", "unknown")

STATUS_LABELS = {"yes": "Yes", "partial": "Partly", "no": "No", "unknown": "Unknown"}

TREATY_STATUS_LABELS = {"yes": "Party", "partial": "Signed, not ratified", "no": "Not a Party",
                        "unknown": "Unknown (not verified)"}

TREATY_CELL_WORDS = {"yes": "Party", "partial": "Signed", "no": "No", "unknown": "Unknown"}


@dataclass(frozen=True)
class Provision:
    """One thing a country's law or treaty record either provides or does not."""

    id: str
    label: str          # short, for chart axes and tables
    meaning: str        # what ``yes`` means, for data/README.md and the pages
    kind: str           # "law" (a national provision), "child-justice" (national law on child victims and
                        # witnesses in proceedings, its own group) or "treaty" (participation in an instrument)
    standards: tuple[str, ...]  # instrument:article references, as in unit metadata
    page: str           # the standards unit that teaches it (book/standards/<page>)


PROVISIONS: dict[str, Provision] = {p.id: p for p in (
    Provision("csam_possession", "Possession of CSAM",
              "possessing child sexual abuse material is a criminal offence",
              "law", ("budapest:9", "lanzarote:20", "un_cybercrime:14"), "budapest-offences"),
    Provision("livestream_offence", "Live-streamed abuse",
              "organising, transmitting or viewing live-streamed child sexual abuse is a criminal offence",
              "law", ("lanzarote:21",), "lanzarote"),
    Provision("online_solicitation", "Online solicitation",
              "soliciting (grooming) a child for sexual purposes is a criminal offence",
              "law", ("lanzarote:23", "un_cybercrime:15"), "lanzarote"),
    Provision("expedited_preservation", "Expedited preservation",
              "the law empowers the authorities to order the expedited preservation of stored computer data",
              "law", ("budapest:16",), "budapest-procedural"),
    Provision("production_orders", "Production orders",
              "the law empowers the authorities to order computer data or subscriber information to be produced",
              "law", ("budapest:18",), "budapest-procedural"),
    Provision("contact_24_7", "24/7 point of contact",
              "a point of contact is available 24 hours a day, 7 days a week, for urgent cooperation",
              "law", ("budapest:35",), "budapest-cooperation"),
    # Child victims and witnesses in proceedings (kind "child-justice"): national law, shown as their own group.
    Provision("child_friendly_interview", "Child-friendly interviews",
              "the law provides for interviewing or questioning a child victim in a way adapted to the child (trained "
              "interviewers, a facilitator or support person, suitable settings)",
              "child-justice", ("lanzarote:35",), "child-victims-witnesses"),
    Provision("recorded_testimony", "Recorded or remote testimony",
              "a child's video-recorded interview or pre-recorded evidence, or testimony by live link, can be used in "
              "court so that the child need not testify in the courtroom",
              "child-justice", ("lanzarote:35", "lanzarote:36"), "child-victims-witnesses"),
    Provision("closed_hearing", "Closed hearings",
              "the court can hear the case, or the child's evidence, without the public present",
              "child-justice", ("lanzarote:36",), "child-victims-witnesses"),
    Provision("victim_compensation", "Compensation",
              "a child victim can obtain compensation or restitution, from the offender or from a State scheme",
              "child-justice", (), "child-victims-witnesses"),
    Provision("budapest_party", "Budapest Convention",
              "Party to the Convention on Cybercrime (ETS 185)",
              "treaty", (), "budapest-offences"),
    Provision("budapest_p2_party", "Second Additional Protocol",
              "Party to the Second Additional Protocol to the Convention on Cybercrime (CETS 224)",
              "treaty", (), "budapest-cooperation"),
    Provision("lanzarote_party", "Lanzarote Convention",
              "Party to the Lanzarote Convention (CETS 201)",
              "treaty", (), "lanzarote"),
    Provision("opsc_party", "OPSC",
              "Party to the Optional Protocol to the Convention on the Rights of the Child on the sale of "
              "children, child prostitution and child pornography (OPSC)",
              "treaty", (), "opsc-mnr"),
    Provision("un_cybercrime_party", "UN Convention against Cybercrime",
              "Party to the United Nations Convention against Cybercrime",
              "treaty", (), "un-cybercrime"),
)}

LAW_PROVISIONS = [p for p in PROVISIONS if PROVISIONS[p].kind == "law"]
CHILD_JUSTICE_PROVISIONS = [p for p in PROVISIONS if PROVISIONS[p].kind == "child-justice"]
TREATY_PROVISIONS = [p for p in PROVISIONS if PROVISIONS[p].kind == "treaty"]

SINCE = r"^\d{4}(-\d{2}-\d{2})?$"


class LegislationRow(Strict):
    """One row of ``data/legislation.csv``: what one country's law says on one provision, how far the
    source behind it may be trusted (``evidence``), and, for a national provision, the law and section."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    provision: str = Field(pattern=r"^[a-z0-9_]+$")
    status: str = Field(pattern=r"^(yes|partial|no|unknown)$")
    law: str | None = None
    section: str | None = None
    since: str | None = Field(default=None, pattern=SINCE)
    source: str | None = Field(default=None, pattern=SOURCE_ID)
    evidence: str | None = Field(default=None, pattern=evidence.PATTERN)
    as_of: dt.date
    note: str | None = None


SECTION_NOT_SEEN = "not seen"  # the section column when the source names the law but not its section


COLUMNS = list(LegislationRow.model_fields)


def frame() -> pd.DataFrame:
    """The whole table as a DataFrame (columns as in the file)."""
    rows = data.table("legislation.csv", LegislationRow)
    return pd.DataFrame([r.model_dump() for r in rows], columns=COLUMNS)


def status_matrix(rows: pd.DataFrame, countries: list[str], provisions: list[str]) -> pd.DataFrame:
    """Country by provision statuses; a pair with no row is ``unknown`` (never silently blank)."""
    grid = pd.DataFrame("unknown", index=countries, columns=provisions)
    for r in rows.itertuples():
        if r.country in grid.index and r.provision in grid.columns:
            grid.loc[r.country, r.provision] = r.status
    return grid


def treaty_events(rows: pd.DataFrame) -> pd.DataFrame:
    """Dated treaty steps (a signature or becoming a Party): country, treaty, event, date, year, source.

    Only rows with a ``since`` date are events; a status without a date is not placed on a timeline.
    """
    out = []
    for r in rows.itertuples():
        if r.provision in TREATY_PROVISIONS and r.status in ("yes", "partial") and isinstance(r.since, str):
            event = "became a Party" if r.status == "yes" else "signed"
            year = int(r.since[:4])
            out.append({"country": r.country, "provision": r.provision, "treaty": PROVISIONS[r.provision].label,
                        "event": event, "since": r.since, "year": year, "source": r.source})
    cols = ["country", "provision", "treaty", "event", "since", "year", "source"]
    return pd.DataFrame(out, columns=cols).sort_values(["year", "since", "country"], kind="stable").reset_index(drop=True)


def since_phrase(since: str | None) -> str:
    """'2018' or '1 September 2015' for a ``since`` value; '' when absent."""
    return format_date(since) if isinstance(since, str) and since else ""


def status_text(provision: str, status: str, *, short: bool = False) -> str:
    """How a status reads on the page: 'Party' or 'Signed, not ratified' for a treaty, 'Yes' or 'Partly'
    for national law; ``short`` gives the one word that fits in a matrix cell."""
    if provision in TREATY_PROVISIONS:
        return (TREATY_CELL_WORDS if short else TREATY_STATUS_LABELS)[status]
    return STATUS_LABELS[status]


def evidence_matrix(rows: pd.DataFrame, countries: list[str], provisions: list[str]) -> pd.DataFrame:
    """Country by provision evidence levels ('verified', 'secondary', or '' where no claim is made)."""
    grid = pd.DataFrame("", index=countries, columns=provisions)
    for r in rows.itertuples():
        level = getattr(r, "evidence", None)
        if r.country in grid.index and r.provision in grid.columns and r.status != "unknown":
            grid.loc[r.country, r.provision] = level if isinstance(level, str) else ""
    return grid


def cell_text(provision: str, status: str, level: str | None) -> str:
    """A matrix cell's word: 'Yes', 'Signed', and 'Yes*' when the claim rests on a secondary source."""
    word = status_text(provision, status, short=True)
    return word if status == "unknown" else evidence.marked(word, level)


def status_with_evidence(provision: str, status: str, level: str | None) -> str:
    """A table's status: 'Party' when verified; 'Yes (secondary source, not checked against the official
    text)' when not, so a secondary claim never reads as settled."""
    text = status_text(provision, status)
    if status != "unknown" and level == "secondary":
        return f"{text} ({evidence.phrase(level)[0].lower()}{evidence.phrase(level)[1:]})"
    return text
