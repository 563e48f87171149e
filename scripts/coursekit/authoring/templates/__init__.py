"""Unit templates for ``course.py new <kind>``: one module per kind, one contract.

Each module (``case_study.py``, ``country_update.py``, ...) defines:

    KIND: str                       # the CLI word, e.g. "case-study"
    PART: str                       # the _toc.yml part caption the unit goes under
    def plan(*, country: Country, title: str | None, root: Path, today: datetime.date) -> Scaffold

``plan`` only describes what to create; ``coursekit.authoring.scaffold`` writes it (atomically, refusing to
overwrite) and adds the toc entry, so every kind is created the same safe way.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

from ...model.unitmeta import SCHEMA_VERSION

REVIEW_AFTER = dt.timedelta(days=365)  # a new unit's law is checked again a year after it was written


@dataclass
class Scaffold:
    """What ``new`` will create for one unit."""

    unit_file: str                      # toc entry, e.g. "book/case-studies/lk-hotline-referral"
    notebook: nbformat.NotebookNode     # written to unit_file + ".ipynb"
    data_files: dict[str, str] = field(default_factory=dict)  # path relative to the root -> text


def kinds() -> dict[str, ModuleType]:
    """Template modules by KIND."""
    out = {}
    for info in pkgutil.iter_modules(__path__):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "KIND") and callable(getattr(mod, "plan", None)):
            out[mod.KIND] = mod
    return out


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar for template data files (a JSON string is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def markdown(text: str, *, tags: list[str] | None = None, objectives: list[int] | None = None) -> nbformat.NotebookNode:
    """A Markdown cell of a template, with its role tags and the objectives an exercise practises."""
    cell = new_markdown_cell(text)
    if tags:
        cell.metadata["tags"] = tags
    if objectives:
        cell.metadata["course"] = {"objectives": objectives}
    return cell


def unit_notebook(cells: list[nbformat.NotebookNode], *, unit_id: str, kind: str, today: dt.date,
                  **fields: object) -> nbformat.NotebookNode:
    """A new unit's notebook with the metadata every template writes: the schema version, id and kind,
    the template's own fields, and the law-as-of date (today) with its review date a year on."""
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["course"] = {"version": SCHEMA_VERSION, "id": unit_id, "kind": kind, **fields,
                             "law_as_of": today.isoformat(), "review_by": (today + REVIEW_AFTER).isoformat()}
    return nb
