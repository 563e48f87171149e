"""The execution cache: a unit runs again exactly when something it depends on has changed.

Jupyter Book's own cache keys a notebook on its code cells only, so a changed data file keeps
showing the old charts. Here the key of a unit is the hash of

- its code cells (in order) and the kernel it runs in (name, Python and library versions);
- the source of every ``coursekit`` module its code imports, directly or through other modules;
- the content of every course file it read during its last execution, and the names in every folder
  it listed, as recorded by ``coursekit.model.data.record()`` (files_read / ``$COURSE_READS_LOG``).
  Notebooks read only through ``coursekit.book.data`` (a contract in scripts/.importlinter keeps
  ``coursekit.book`` away from the readers that do not record), so the record is complete.

The last point needs the previous execution, so lookup has two steps: ``reads/<code key>.json``
says which files the code read last time, their current content completes the key, and
``entries/<key>/`` holds the outputs that execution produced (plus the files it wrote, such as
charts). An entry is used only if everything it records still matches: any mismatch is a miss
and the unit runs again. The cache never decides what is published without that check.

The build also keeps the findings of its last clean validation, keyed on every byte the checks
could read (``validated``): a rebuild with nothing changed does not spend seconds re-checking.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import nbformat

from ..model import atomic, dates
from ..model.data import LISTING, listed
from ..model.findings import Finding, Report

FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the coursekit package
RUNTIME_PACKAGES = ("ipykernel", "matplotlib", "matplotlib-inline", "numpy", "pandas", "pydantic")
MAX_AGE_DAYS = 14  # entries not used for this long are pruned


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest(obj: Any) -> str:
    return sha256_bytes(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def content_hash(path: Path) -> str:
    """The hash of a file's bytes, of a folder's files (names and bytes), of a listing ``<folder>/*``
    (the names of the folder's files only: see ``model.data.listing``), or 'missing'."""
    if path.name == LISTING:
        return _digest(["listing", *(p.relative_to(path.parent).as_posix() for p in listed(path.parent))])
    if path.is_file():
        return sha256_bytes(path.read_bytes())
    if path.is_dir():
        return _digest([(p.relative_to(path).as_posix(), sha256_bytes(p.read_bytes()))
                        for p in sorted(path.rglob("*")) if p.is_file()])
    return "missing"


def code_cells(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def kernel_name(nb: nbformat.NotebookNode) -> str:
    return nb.get("metadata", {}).get("kernelspec", {}).get("name") or "python3"


@cache
def runtime_fingerprint() -> dict[str, str]:
    """What else decides a unit's outputs: the Python and the plotting/data libraries it runs with."""
    versions = {"python": sys.version}
    for name in RUNTIME_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


# --- which coursekit source a notebook depends on ---------------------------------------------

_MAGIC = re.compile(r"^\s*[%!].*$", re.MULTILINE)


def _module_file(package_dir: Path, dotted: str) -> list[Path]:
    """``coursekit.book.charts`` -> [coursekit/__init__.py, coursekit/book/__init__.py, coursekit/book/charts.py] (packages and modules)."""
    parts = dotted.split(".")[1:]
    files = [package_dir / "__init__.py"]
    here = package_dir
    for part in parts:
        if (here / part / "__init__.py").is_file():
            here = here / part
            files.append(here / "__init__.py")
        elif (here / f"{part}.py").is_file():
            files.append(here / f"{part}.py")
            break
        else:
            break
    return [f for f in files if f.is_file()]


def _imports(tree: ast.AST, package: str, current: str | None) -> set[str]:
    """Dotted names of the package's modules that ``tree`` imports (``current``: the module's own name)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name == package or a.name.startswith(package + ".")}
        elif isinstance(node, ast.ImportFrom):
            if node.level and current:
                base = current.split(".")[: -node.level]  # "a.b.c" or "a.b.__init__": the parent is "a.b"
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod == package or mod.startswith(package + "."):
                found.add(mod)
                found |= {f"{mod}.{a.name}" for a in node.names}  # "from coursekit import data"
    return found


def _dotted(package_dir: Path, path: Path) -> str:
    rel = path.relative_to(package_dir.parent).with_suffix("")
    return ".".join(rel.parts)


def coursekit_sources(code: list[str], package_dir: Path = PACKAGE_DIR, known: dict[str, list[Path]] | None = None,
                      closures: dict[frozenset[str], list[Path]] | None = None) -> list[Path]:
    """Every module file of the package that ``code`` imports, followed through the package's own
    imports (function-level imports included). Code that cannot be parsed, or imports by name at
    run time, depends on the whole package: a wider key is only slower, never wrong.

    ``known``: what each module name led to, and ``closures``: the files each set of imports leads to,
    both kept by a caller that sees one state of the files (a build asks for every unit of every
    language, and most units import the same few modules)."""
    package = package_dir.name
    text = _MAGIC.sub("", "\n".join(code))
    if "importlib" in text or "__import__" in text:
        return sorted(package_dir.rglob("*.py"))
    try:
        todo = _imports(ast.parse(text), package, None)
    except SyntaxError:
        return sorted(package_dir.rglob("*.py"))
    imported = frozenset(todo)
    if closures is not None and imported in closures:
        return list(closures[imported])
    files: set[Path] = set()
    seen: set[str] = set()
    known = {} if known is None else known
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name not in known:
            known[name] = _module_file(package_dir, name)
        for f in known[name]:
            if f not in files:
                files.add(f)
                todo |= _file_imports(f, package, _dotted(package_dir, f))
    if closures is not None:
        closures[imported] = sorted(files)
    return sorted(files)


def _file_imports(path: Path, package: str, dotted: str) -> frozenset[str]:
    st = path.stat()
    return _file_imports_of(path, st.st_mtime_ns, st.st_size, package, dotted)


@cache
def _file_imports_of(path: Path, mtime_ns: int, size: int, package: str, dotted: str) -> frozenset[str]:
    """A module's imports of the package (kept per file version: every unit of a build asks)."""
    return frozenset(_imports(ast.parse(path.read_text(encoding="utf-8")), package, dotted))


# --- validation results ------------------------------------------------------------------------

SKIPPED = ("_build", "__pycache__", "node_modules")


def course_digest(root: Path, package_dir: Path = PACKAGE_DIR) -> str:
    """Everything a validation can depend on: every file of the course folder (not _build, not hidden
    folders), the whole course library, the Python version and the date the rules compare with
    (``dates.today()``: ``$COURSE_TODAY`` when set, so a fixed clock is a key of its own)."""
    h = hashlib.sha256(f"{sys.version}\n{dates.today().isoformat()}\n".encode())
    for base in (root, package_dir):
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIPPED)
            for name in sorted(filenames):
                p = Path(dirpath) / name
                h.update(f"{p.relative_to(base).as_posix()}\n{sha256_bytes(p.read_bytes())}\n".encode())
    return h.hexdigest()


def validated(root: Path, check: Callable[[Path], Report], package_dir: Path = PACKAGE_DIR) -> Report:
    """``check(root)``, or the findings of the last clean check if not one byte it could read has
    changed since (a rebuild with no change should not spend seconds re-checking the same files)."""
    record = root / "_build" / "cache" / "validated.json"
    key = course_digest(root, package_dir)
    try:
        stored = json.loads(record.read_text(encoding="utf-8"))
        if stored["key"] == key:
            return Report([Finding(**f) for f in stored["findings"]])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    report = check(root)
    if report.ok:
        doc = {"key": key, "findings": [asdict(f) for f in report.findings]}
        atomic.write_text(record, json.dumps(doc, ensure_ascii=False), overwrite=True)
    return report


# --- the cache itself ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """A stored execution: the outputs of each code cell and the files the unit wrote."""

    key: str
    folder: Path
    record: dict[str, Any]

    @property
    def files(self) -> dict[str, Path]:
        return {rel: self.folder / "files" / rel for rel in self.record["files"]}

    def apply(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
        """``nb`` with this entry's outputs in its code cells (the rest of ``nb`` is kept as is)."""
        cells = iter(self.record["cells"])
        for cell in nb.cells:
            if cell.cell_type == "code":
                stored = next(cells)
                cell.outputs = [nbformat.from_dict(o) for o in stored["outputs"]]
                cell.execution_count = stored["execution_count"]
        if self.record.get("language_info"):
            nb.metadata["language_info"] = nbformat.from_dict(self.record["language_info"])
        return nb


class Cache:
    """The content-addressed store under ``_build/cache/`` of one course."""

    def __init__(self, root: Path, package_dir: Path = PACKAGE_DIR):
        self.root = root
        self.folder = root / "_build" / "cache"
        self.package_dir = package_dir
        self._hashes: dict[Path, str] = {}  # one build sees one state of the files
        self._modules: dict[str, list[Path]] = {}  # module name -> its files (coursekit_sources' known)
        self._closures: dict[frozenset[str], list[Path]] = {}  # a unit's imports -> the files they lead to

    def _hash(self, path: Path) -> str:
        if path not in self._hashes:
            self._hashes[path] = content_hash(path)
        return self._hashes[path]

    def code_key(self, nb: nbformat.NotebookNode) -> str:
        code = code_cells(nb)
        sources = {p.relative_to(self.package_dir.parent).as_posix(): self._hash(p)
                   for p in coursekit_sources(code, self.package_dir, self._modules, self._closures)}
        return _digest({"format": FORMAT, "code": code, "kernel": kernel_name(nb),
                        "runtime": runtime_fingerprint(), "coursekit": sources})

    def _shown(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path.resolve())

    def _path(self, shown: str) -> Path:
        p = Path(shown)
        return p if p.is_absolute() else self.root / p

    def _reads_file(self, code_key: str) -> Path:
        return self.folder / "reads" / f"{code_key}.json"

    def _full_key(self, code_key: str, reads: dict[str, str]) -> str:
        return _digest({"code": code_key, "reads": reads})

    def lookup(self, nb: nbformat.NotebookNode) -> Entry | None:
        """The stored execution of ``nb`` if nothing it depends on has changed, else None."""
        code_key = self.code_key(nb)
        try:
            last_reads = json.loads(self._reads_file(code_key).read_text(encoding="utf-8"))["reads"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        reads = {shown: self._hash(self._path(shown)) for shown in last_reads}
        key = self._full_key(code_key, reads)
        folder = self.folder / "entries" / key
        try:
            record = json.loads((folder / "entry.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        entry = Entry(key, folder, record)
        if not self._matches(entry, code_key, reads, len(code_cells(nb))):
            return None
        os.utime(folder)  # recently used: kept by prune()
        return entry

    def _matches(self, entry: Entry, code_key: str, reads: dict[str, str], n_code: int) -> bool:
        r = entry.record
        if (r.get("format") != FORMAT or r.get("key") != entry.key or r.get("code_key") != code_key
                or r.get("reads") != reads or len(r.get("cells", [])) != n_code):
            return False
        return all(p.is_file() and sha256_bytes(p.read_bytes()) == r["files"][rel] for rel, p in entry.files.items())

    def store(self, unit: str, nb: nbformat.NotebookNode, reads: list[Path], files: dict[str, Path]) -> str:
        """Record an execution of ``nb`` (already executed) that read ``reads`` and wrote ``files``
        (relative name -> file). Returns the key. Concurrent or repeated stores of a key are harmless."""
        code_key = self.code_key(nb)
        read_hashes = {self._shown(p): self._hash(p.resolve()) for p in sorted(set(reads))}
        key = self._full_key(code_key, read_hashes)
        record = {
            "format": FORMAT, "key": key, "code_key": code_key, "unit": unit, "reads": read_hashes,
            "stored": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "cells": [{"outputs": c.outputs, "execution_count": c.execution_count}
                      for c in nb.cells if c.cell_type == "code"],
            "language_info": nb.metadata.get("language_info"),
            "files": {rel: sha256_bytes(p.read_bytes()) for rel, p in sorted(files.items())},
        }
        entries = self.folder / "entries"
        entries.mkdir(parents=True, exist_ok=True)
        tmp = entries / f".tmp-{uuid.uuid4().hex}"
        try:
            for rel, p in files.items():
                (tmp / "files" / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, tmp / "files" / rel)
            atomic.write_text(tmp / "entry.json", json.dumps(record, ensure_ascii=False))
            final = entries / key
            if final.exists():
                shutil.rmtree(final)  # same key, same inputs: the newer execution replaces it
            os.replace(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        atomic.write_text(self._reads_file(code_key), json.dumps({"reads": sorted(read_hashes)}), overwrite=True)
        return key

    def durations(self) -> dict[str, float]:
        """Seconds each unit took when it last ran (to schedule the longest first)."""
        try:
            return {str(k): float(v) for k, v in json.loads((self.folder / "durations.json").read_text()).items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def record_durations(self, seconds: dict[str, float]) -> None:
        if seconds:
            merged = self.durations() | {k: round(v, 2) for k, v in seconds.items()}
            atomic.write_text(self.folder / "durations.json", json.dumps(merged, sort_keys=True), overwrite=True)

    def empty(self) -> bool:
        """No execution stored yet (a clean build: every unit will run)."""
        entries = self.folder / "entries"
        return not entries.is_dir() or not any(entries.iterdir())

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> int:
        """Remove entries not used for ``max_age_days`` (and leftovers of interrupted stores)."""
        entries = self.folder / "entries"
        if not entries.is_dir():
            return 0
        limit = time.time() - max_age_days * 86400
        removed = 0
        for folder in entries.iterdir():
            if folder.name.startswith(".tmp-") or folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed
