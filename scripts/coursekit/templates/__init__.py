"""Unit templates for ``course.py new <kind>``: one module per kind, one contract.

Each module (``case_study.py``, ``country_update.py``, ...) defines:

    KIND: str                       # the CLI word, e.g. "case-study"
    PART: str                       # the _toc.yml part caption the unit goes under
    def plan(*, country: Country, title: str | None, root: Path, today: datetime.date) -> Scaffold

``plan`` only describes what to create; ``coursekit.scaffold`` writes it (atomically, refusing to
overwrite) and adds the toc entry, so every kind is created the same safe way.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType

import nbformat


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
