"""All data access for notebooks and commands goes through here.

Two reasons: notebooks stay narrative (one call gives a typed table), and every file read is
recorded, so the build cache knows which data each notebook depends on (see ``files_read``).
A third: a YAML file is parsed once per version and the parse is shared by every unit of a kernel
(``parsed_yaml``), since parsing is most of what a unit would otherwise spend its time on.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from pydantic import BaseModel

from . import parsed_files
from .findings import Finding, InputError, relpath
from .parsed_files import FileVersion
from .records import Country, Source
from .sourcefiles import read_csv, read_yaml, typed_items

M = TypeVar("M", bound=BaseModel)

_READS: set[Path] = set()


def root() -> Path:
    """The course root: ``$COURSE_ROOT`` if set, else the folder above ``scripts/``."""
    env = os.environ.get("COURSE_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[3]


# A recorded read ``<folder>/*`` stands for the folder's listing: the names of its files, not their bytes.
# The build cache hashes it with ``listed`` (engine/cache.py), so adding, removing or renaming a file
# re-runs every unit that listed the folder, and editing one re-runs only the units that read it.
LISTING = "*"
UNLISTED = ("_build", "_figures", "__pycache__")  # generated, never sources (hidden names are left out too)


def record(p: Path) -> Path:
    """Record ``p`` (a file, or ``<folder>/*`` for a listing) as read by the current unit; returns ``p``.

    The only place reads are recorded: in a build kernel ``$COURSE_READS_LOG`` names the file the
    executor collects them from after the unit, elsewhere they are kept for ``files_read``."""
    p = p if p.is_absolute() else p.resolve()
    _READS.add(p)
    log = os.environ.get("COURSE_READS_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{p}\n")
    return p


def record_read(p: Path) -> None:
    """Record ``p`` as read by the current notebook (a data file, or a translation catalogue)."""
    record(p.resolve())


def path(name: str) -> Path:
    """A file under ``data/``, recorded as read by the current notebook."""
    return record((root() / "data" / name).resolve())


def course_file(rel: str | Path) -> Path:
    """A file of the course outside ``data/`` (``_toc.yml``, a unit's notebook), recorded as read."""
    return record((root() / rel).resolve())


def listed(folder: Path) -> list[Path]:
    """The files under ``folder``, at any depth, in name order; hidden and generated ones left out."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") or part in UNLISTED for part in p.relative_to(folder).parts))


def listing(folder: str | Path) -> list[Path]:
    """The files under ``folder`` (relative to the course root, or absolute), recorded as a listing:
    a new, removed or renamed file re-runs the unit; the bytes of each file count only if it is read."""
    f = (root() / folder).resolve()
    record(f / LISTING)
    return listed(f)


def files_read() -> list[Path]:
    """Every file (and ``<folder>/*`` listing) read since the last ``reset_reads()``, sorted."""
    return sorted(_READS)


def reset_reads() -> None:
    """Forget recorded reads (the executor calls this between units)."""
    _READS.clear()


# ---- parsed files, shared by the units of a kernel -------------------------------------------------
# Every table caption names its sources, so a unit read and parsed data/sources.yaml a dozen times;
# parsing YAML was most of a unit's time. A parsed document is therefore kept and shared while its file
# is unchanged: the key is the file's size, modification time and SHA-256, so any edit, even one that
# keeps the size and the time, is a new version. The store is ``model.parsed_files``, the one coursekit
# module the kernel reset keeps (its docstring says why that is safe). What it holds is safe to share:
# ruamel's documents, never a coursekit object, and every reader turns them into fresh records
# (``plain``, pydantic); broken files and their findings are never stored. A hit still goes through
# ``path()``, so the record of what a unit read stays exact.


def _shared() -> dict[str, tuple[FileVersion, Any]]:
    return parsed_files.documents


def _version(p: Path) -> FileVersion | None:
    try:
        st = p.stat()
        return st.st_size, st.st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        return None


def parsed_yaml(p: Path, shown: str) -> tuple[Any, list[Finding]]:
    """``sourcefiles.read_yaml``, parsed once per version of the file and shared: a reader must not
    change the document (readers turn it into records; none writes into it)."""
    version = _version(p)
    documents = _shared()
    kept = documents.get(str(p))
    if version is not None and kept is not None and kept[0] == version:
        return kept[1], []
    doc, findings = read_yaml(p, shown)
    if not findings and version is not None and _version(p) == version:  # not edited while it was parsed
        documents[str(p)] = (version, doc)
    return doc, findings


def forget_parsed() -> None:
    """Drop every shared document and the records made from them (for tests, or to start cold)."""
    _shared().clear()
    _RECORDS.clear()


def table(name: str, model: type[M]) -> list[M]:
    """Typed rows of ``data/<name>`` (CSV); bad data raises InputError with findings."""
    p = path(name)
    rows, findings = read_csv(p, relpath(p, root()), model)
    if findings:
        raise InputError(findings)
    return [r.value for r in rows]


# Typed records made from a shared document, for this unit only: a module-level store, so the kernel
# reset drops it with the module (records are coursekit objects). Every caption asks for the sources,
# so a page validated all of data/sources.yaml a dozen times. The entry holds the document it was made
# from and is used only while the shared parse is that very object (a new version is a new document).
_RECORDS: dict[tuple[str, type, str | None], tuple[Any, list[Any]]] = {}


def yaml_list(name: str, model: type[M], key: str | None = None) -> list[M]:
    """Typed items of a YAML list (optionally under ``key``); bad data raises InputError."""
    p = path(name)
    shown = relpath(p, root())
    doc, findings = parsed_yaml(p, shown)
    made = _RECORDS.get((str(p), model, key))
    if made is not None and made[0] is doc and not findings:
        return list(made[1])  # frozen records in a list of the caller's own
    out, problems = typed_items(doc, key, model, shown)
    findings = findings + problems
    if findings:
        raise InputError(findings)
    _RECORDS[(str(p), model, key)] = (doc, out)
    return list(out)


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
