"""What has been done since a challenge was reported: the country page's "reported, then done since"
table and the regional page's count of open and answered challenges by category.

The workshop's country updates covered "challenges faced" and "steps taken"; the data links them
(``addressed_by`` in ``challenges.csv`` names a step of ``data/country-updates/<code>.yaml``, with the
date, what changed and its source). A challenge with such a link is *answered*: a step has been taken
since, which is not to say the problem is solved. Every other challenge is *open*.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..model import challenges, evidence
from ..model.text import myst_inline
from . import data
from .i18n import N_, _
from .regional_overview import source_caption
from .tables import Table


def _answered(df: pd.DataFrame) -> pd.Series:
    return df["addressed_at"].fillna("").astype(bool)


@dataclass(frozen=True)
class NothingSince:
    """Said plainly when no step is recorded since any of the country's reported challenges."""

    country_name: str
    reported: int

    def _repr_markdown_(self) -> str:
        return _("No step taken since is recorded for the {count} challenge(s) reported for {country}: all are "
                 "open. This is what the course's sources show, not a statement that nothing was done.").format(
                     count=self.reported, country=myst_inline(self.country_name)) + "\n"


def since_table(iso2: str) -> Table | NothingSince:
    """Reported, then done since: each challenge of the country that a later step answered."""
    df = challenges.frame()
    rows = df[df["country"] == iso2]
    name = data.country_names().get(iso2, iso2)
    done = rows[_answered(rows)].sort_values("reported_at", kind="stable")
    if done.empty:
        return NothingSince(name, len(rows))
    frame = pd.DataFrame({
        "Reported": [challenges.date_phrase(v) for v in done["reported_at"]],
        N_("Challenge"): done["description"],
        N_("Done since"): done["addressed_note"],
        N_("When"): [challenges.date_phrase(v) for v in done["addressed_at"]],
        N_("Evidence of the report"): [evidence.phrase(v) for v in done["evidence"]],
        N_("Source of the step"): data.source_titles(list(done["addressed_source"])),
    })
    caption = _("Reported, then done since: {done} of the {reported} challenges reported for {country} have a "
                "step taken since; {open} are open").format(done=len(done), reported=len(rows), country=name,
                                                            open=len(rows) - len(done))
    # folded on a phone under its count (the caption), open on a wider screen and on paper
    return Table(frame, caption, source_caption(list(done["source"]) + list(done["addressed_source"])),
                 phone_fold=True, repeats="elsewhere")  # the country's list says "since then" on each row too


def counts_frame() -> pd.DataFrame:
    """Open and answered challenges by category, for the countries (region-wide rows are not counted)."""
    df = challenges.frame()
    df = df[df["country"].isin(list(data.country_names()))]
    answered = _answered(df)
    out = pd.DataFrame({
        "Category": [challenges.label(c) for c in challenges.CATEGORIES],
        N_("Open"): [int(((df["category"] == c) & ~answered).sum()) for c in challenges.CATEGORIES],
        N_("Answered by a step since"): [int(((df["category"] == c) & answered).sum()) for c in challenges.CATEGORIES],
    })
    out["Reported"] = out["Open"] + out["Answered by a step since"]
    total = pd.DataFrame([{"Category": N_("All categories"), "Open": int(out["Open"].sum()),
                           "Answered by a step since": int(out["Answered by a step since"].sum()),
                           "Reported": int(out["Reported"].sum())}])
    return pd.concat([out, total], ignore_index=True)


def counts_table() -> Table:
    """The regional count: how many reported challenges are open, and how many a later step answered."""
    df = challenges.frame()
    df = df[df["country"].isin(list(data.country_names()))]
    frame = counts_frame()
    total = frame.iloc[-1]
    caption = _("Open and answered challenges by category: {open} open and {answered} answered of {reported} "
                "(answered: a step was taken since the report, which does not mean the problem is solved; "
                "region-wide reports are not counted)").format(open=total["Open"],
                                                               answered=total["Answered by a step since"],
                                                               reported=total["Reported"])
    # folded on a phone under its totals (the caption), open on a wider screen and on paper
    return Table(frame, caption, source_caption(list(df["source"]) + list(df["addressed_source"].dropna())),
                 phone_fold=True)
