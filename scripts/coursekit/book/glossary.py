"""The Glossary page: the Luxembourg Guidelines' terms the book uses and every acronym it expands.

The same ``data/glossary.yaml`` drives the build's expansion of each acronym's first use on a page,
so this page lists exactly the long forms readers see in the ``<abbr>`` titles.
"""

from __future__ import annotations

import pandas as pd

from ..model import glossary
from . import data
from .i18n import N_, _
from .tables import Table

NOT_VERIFIED = N_("not verified")


def _checked(source: str | None, seen_in: str | None, checked: bool) -> str:
    if source:
        return data.source_titles([source])[0] if checked else f"{data.source_titles([source])[0]} ({_(NOT_VERIFIED)})"
    if seen_in and checked:
        return N_("as given in the course's sourced data")
    return NOT_VERIFIED


def terms_table() -> Table:
    """The terms, with the words the Guidelines advise against and whether the wording was checked."""
    rows = [{N_("Term"): _(t.term) + (f" ({t.short})" if t.short else ""), N_("Meaning in this book"): t.meaning,
             N_("Instead of"): t.instead_of or "",
             N_("Checked against the Guidelines"): _checked(t.source, None, t.checked)}
            for t in glossary.terms()]
    return Table(pd.DataFrame(rows), N_("Terms, as the Luxembourg Terminology Guidelines advise"),
                 N_("Source: Terminology Guidelines for the Protection of Children from Sexual Exploitation and Sexual Abuse (the Luxembourg Guidelines). The meanings are the course authors' plain-words summaries; a row marked 'not verified' has not been checked against the Guidelines' text."))  # noqa: E501 (one literal: the catalogue's key)


def acronyms_table() -> Table:
    """Every acronym the pages expand, in alphabetical order."""
    rows = [{N_("Acronym"): a.short, N_("Stands for"): a.long, N_("Source"): _checked(a.source, a.seen_in, a.checked)}
            for a in glossary.acronyms()]
    return Table(pd.DataFrame(rows), N_("Acronyms used in this book"),
                 N_("Long forms as given in the sources of the course data; 'not verified' marks a long form no source of the course gives."),  # noqa: E501
                 layout="scroll")
