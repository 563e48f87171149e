"""All data access for notebooks and commands goes through here.

Two reasons: notebooks stay narrative (one call gives a typed table), and every file read is
recorded, so the build cache knows which data each notebook depends on (see ``files_read``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

import pandas as pd
from pydantic import BaseModel

from .findings import InputError, relpath
from .records import Country, Source
from .sourcefiles import line_of, read_csv, read_yaml, validate_yaml_item

M = TypeVar("M", bound=BaseModel)

_READS: set[Path] = set()


def root() -> Path:
    """The course root: ``$COURSE_ROOT`` if set, else the folder above ``scripts/``."""
    env = os.environ.get("COURSE_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[3]


def path(name: str) -> Path:
    """A file under ``data/``, recorded as read by the current notebook."""
    p = (root() / "data" / name).resolve()
    _READS.add(p)
    log = os.environ.get("COURSE_READS_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{p}\n")
    return p


def files_read() -> list[Path]:
    """Every data file read since the last ``reset_reads()``, sorted."""
    return sorted(_READS)


def reset_reads() -> None:
    """Forget recorded reads (the executor calls this between units)."""
    _READS.clear()


def table(name: str, model: type[M]) -> list[M]:
    """Typed rows of ``data/<name>`` (CSV); bad data raises InputError with findings."""
    p = path(name)
    rows, findings = read_csv(p, relpath(p, root()), model)
    if findings:
        raise InputError(findings)
    return [r.value for r in rows]


def yaml_list(name: str, model: type[M], key: str | None = None) -> list[M]:
    """Typed items of a YAML list (optionally under ``key``); bad data raises InputError."""
    p = path(name)
    shown = relpath(p, root())
    doc, findings = read_yaml(p, shown)
    items = doc.get(key) if (key and isinstance(doc, dict)) else doc
    out: list[M] = []
    for i, item in enumerate(items or []):
        value, errs = validate_yaml_item(item, model, shown, line_of(items, i))
        findings += errs
        if value is not None:
            out.append(value)
    if findings:
        raise InputError(findings)
    return out


def frame(records: list[BaseModel]) -> pd.DataFrame:
    """Records as a DataFrame, columns in model order."""
    return pd.DataFrame([r.model_dump() for r in records])


def sources() -> dict[str, Source]:
    """The bibliography, by id."""
    return {s.id: s for s in yaml_list("sources.yaml", Source, key="sources")}


def countries() -> pd.DataFrame:
    """The participating countries: iso2, name, time_zone, subregion, source."""
    return frame(table("countries.csv", Country))


def country_names() -> dict[str, str]:
    """ISO code to country name."""
    return {c.iso2: c.name for c in table("countries.csv", Country)}


def citations(ids: list[str]) -> list[str]:
    """Full citations for source ids, in the order given (unknown ids are named as such)."""
    known = sources()
    return [known[i].citation() if i in known else f"[unknown source '{i}']" for i in ids]


def source_titles(ids: list[str]) -> list[str]:
    """Short 'Title (Publisher)' labels for chart and table captions."""
    known = sources()
    return [f"{known[i].title} ({known[i].publisher})" if i in known else i for i in ids]
