"""The glossary (``data/glossary.yaml``): the Luxembourg Guidelines' terms and the book's acronyms.

The same list serves the Glossary page and the build's expansion of each acronym's first use on a
page (``engine/abbreviations.py``), so a page never expands an acronym the glossary does not define.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, Field, field_validator

from . import data
from .findings import InputError
from .records import SOURCE_ID, Strict
from .sourcefiles import read_yaml, typed_items

M = TypeVar("M", bound=BaseModel)

FILE = "glossary.yaml"
ACRONYM = r"^[A-Z][A-Za-z0-9&-]*[A-Z0-9]$"


class Term(Strict):
    """A term the book uses as the Luxembourg Terminology Guidelines advise."""

    term: str = Field(min_length=3)
    short: str | None = Field(default=None, pattern=ACRONYM)
    meaning: str = Field(min_length=10)
    instead_of: str | None = None
    source: str | None = Field(default=None, pattern=SOURCE_ID)
    checked: bool


class Acronym(Strict):
    """An acronym as the pages write it and the words it stands for."""

    short: str = Field(pattern=ACRONYM)
    long: str = Field(min_length=3)
    source: str | None = Field(default=None, pattern=SOURCE_ID)
    seen_in: str | None = Field(default=None, pattern=r"^[a-z0-9_/.-]+\.(yaml|csv)$")
    checked: bool

    @field_validator("long")
    @classmethod
    def _not_the_acronym(cls, v: str) -> str:
        if re.fullmatch(ACRONYM, v):
            raise ValueError("long must spell the acronym out in words")
        return v


def _items(path: Path, key: str, model: type[M]) -> list[M]:
    """Typed items of one list of the glossary; bad data raises InputError (file, line, fix)."""
    shown = f"data/{FILE}"
    doc, findings = read_yaml(path, shown)
    out, problems = typed_items(doc if isinstance(doc, dict) else None, key, model, shown)
    findings = findings + problems
    if findings:
        raise InputError(findings)
    return out


def terms(root: Path | None = None) -> list[Term]:
    """The Guidelines' terms, for the Glossary page (of the course at ``root``, else the current one)."""
    return _items(root / "data" / FILE if root else data.path(FILE), "terms", Term)


def acronym_entries(root: Path | None = None) -> list[Acronym]:
    """Every acronym entry as written, repeats included (for the check)."""
    return _items(root / "data" / FILE if root else data.path(FILE), "acronyms", Acronym)


def acronyms(root: Path | None = None) -> list[Acronym]:
    """The acronyms in alphabetical order, each once (the first entry of a repeated one wins)."""
    seen: dict[str, Acronym] = {}
    for a in acronym_entries(root):
        seen.setdefault(a.short, a)
    return sorted(seen.values(), key=lambda a: a.short.lower())


def expansions(root: Path) -> dict[str, str]:
    """``{"NCMEC": "National Center for Missing & Exploited Children (United States)", ...}`` for the
    build's expansion pass; {} for a course without a glossary."""
    if not (root / "data" / FILE).is_file():
        return {}
    return {a.short: a.long for a in acronyms(root)}
