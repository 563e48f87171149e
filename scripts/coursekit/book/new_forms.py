"""The new-forms unit's tables: what the law and the findings say about sextortion, self-generated and
AI-generated material (``data/new-forms.csv``), and the challenges countries reported that name them
(``data/challenges.csv``), so a fact typed once in the challenges table is shown, not retyped."""

from __future__ import annotations

import pandas as pd

from ..model import challenges, evidence
from ..model.dates import format_date
from ..model.new_forms import FORMS, KINDS, rows
from . import data
from .i18n import N_, _
from .instruments import _source_key
from .tables import Table

WORDS = ("sextortion", "self-generated", "AI-generated", "deepfake")  # a challenge naming one is shown here


def _mentioning(df: pd.DataFrame, words: tuple[str, ...] = WORDS) -> pd.DataFrame:
    return df[df["description"].str.contains("|".join(words), case=False, regex=True)]


def _place(code: str, names: dict[str, str], regions: dict[str, str]) -> str:
    return names.get(code) or regions.get(code) or code


def statements_table() -> Table:
    """Every statement of data/new-forms.csv, by form, with its law, date, evidence and source."""
    found = sorted(rows(), key=lambda r: (list(FORMS).index(r.form), r.country))
    numbered, listing = _source_key([r.source for r in found])
    names, regions = data.country_names(), challenges.regions()
    frame = pd.DataFrame([{"Form": FORMS[r.form], "Where": _place(r.country, names, regions), "Kind": KINDS[r.kind],
                           N_("What the source says"): r.what, "Law": r.law or "", "Date": format_date(r.reported_at),
                           "Evidence": evidence.phrase(r.evidence), "Source": f"[{numbered[r.source]}]"}
                          for r in found])
    return Table(frame, N_("Sextortion, self-generated and AI-generated material: what the sources say"),
                 listing + " " + _("A country not in the table is not shown as lacking a law: the sources read were "
                                   "silent."),
                 layout="cards")


def reported_challenges(words: tuple[str, ...] = WORDS) -> Table:
    """Challenges of data/challenges.csv whose description names one of ``words``."""
    found = _mentioning(challenges.frame(), words)
    numbered, listing = _source_key(list(found["source"]))
    names, regions = data.country_names(), challenges.regions()
    frame = pd.DataFrame([{"Where": _place(r.country, names, regions), N_("What was reported"): r.description,
                           "Reported": format_date(str(r.reported_at)), "Evidence": evidence.phrase(r.evidence),
                           "Source": f"[{numbered[r.source]}]"} for r in found.itertuples()])
    return Table(frame, N_("Challenges reported that name these forms"), listing, layout="cards")


def cited_sources() -> list[str]:
    return list(dict.fromkeys([r.source for r in rows()] + list(_mentioning(challenges.frame())["source"])))
