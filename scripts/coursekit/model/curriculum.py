"""The course model: the table of contents, the units (notebooks) and their metadata.

Loading never raises on bad input: what cannot be read is kept as findings, so ``validate``
can report every problem at once.

Every file a ``Course`` reads (the toc, the listing of ``book/``, each unit, the sources and the
countries) is recorded through ``model.data.record``: a page built from the course (the overview, the
outcomes report, the self-checks) re-runs when a unit's title changes or a unit is added, without the
page's code having to remember it.
"""

from __future__ import annotations

import json
import shutil
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import nbformat

from . import data
from .findings import Finding, relpath
from .records import Country, Source
from .sourcefiles import line_of, plain, read_csv, read_text, read_yaml, validate_yaml_item

PAGE_SUFFIXES = (".ipynb", ".md")
TRAINER_DIR = "book/trainer"  # pages under it exist only in the trainer edition


def is_trainer_page(rel: str) -> bool:
    """Pages under ``book/trainer/`` exist only in the trainer edition."""
    return rel == TRAINER_DIR or rel.startswith(TRAINER_DIR + "/")


def staged_name(rel: str) -> str:
    """Where a source page lands in the stage: ``book/`` is the site's top, so ``index.html`` is the
    landing page itself rather than a redirect."""
    return rel[len("book/"):] if rel.startswith("book/") else rel


MAX_NESTING = 64  # levels of JSON in a notebook (Jupyter writes about five); deeper is refused, not parsed


def nesting(value: object) -> int:
    """How many levels of lists and objects ``value`` holds, counted without recursion (a deep
    value must give a finding, never a RecursionError in every check that reads it)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_NESTING:
                break
            stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


@dataclass(frozen=True)
class TocEntry:
    """One ``file:`` of ``_toc.yml`` with its line, part caption and resolved path."""

    file: str
    line: int | None
    part: str | None
    path: Path | None  # None when no file exists for the entry


@dataclass
class Unit:
    """One notebook of the book and its ``metadata.course`` (None when absent)."""

    path: Path
    shown: str
    notebook: nbformat.NotebookNode | None
    text: str

    @property
    def meta(self) -> dict[str, Any] | None:
        if self.notebook is None:
            return None
        m = self.notebook.metadata.get("course")
        return plain(m) if isinstance(m, dict) else m

    @property
    def id(self) -> str | None:
        m = self.meta
        return m.get("id") if isinstance(m, dict) else None

    @property
    def title(self) -> str:
        """The first Markdown heading, which Jupyter Book also uses as the page title."""
        for cell in (self.notebook.cells if self.notebook else []):
            if cell.cell_type == "markdown":
                for line in cell.source.splitlines():
                    if line.startswith("# "):
                        return line[2:].strip()
        return self.path.stem

    def line_of(self, needle: str) -> int | None:
        """The line of the stored JSON where ``needle`` first appears (for findings)."""
        idx = self.text.find(needle)
        return self.text.count("\n", 0, idx) + 1 if idx >= 0 else None


@dataclass
class Course:
    """A course checkout: everything ``validate`` and ``build`` look at."""

    root: Path
    load_findings: list[Finding] = field(default_factory=list)
    # files that could not be read at all: checks skip cross-references into them, so one broken
    # file gives one finding, not one "unknown id" per reference
    unreadable: set[str] = field(default_factory=set)

    def shown(self, path: Path) -> str:
        return relpath(path, self.root)

    # ---- table of contents -------------------------------------------------
    @cached_property
    def toc(self) -> list[TocEntry]:
        p = data.record(self.root / "_toc.yml")
        doc, findings = read_yaml(p, "_toc.yml")
        self.load_findings += findings
        if findings:
            self.unreadable.add("_toc.yml")
        if not isinstance(doc, dict):
            if doc is not None:
                self._toc_problem(None, "the file is not a mapping", "start with 'format: jb-book' and 'root:'")
            return []
        entries: list[TocEntry] = []
        if "root" in doc:
            entries.append(self._entry(doc["root"], line_of(doc, "root"), None))
        else:
            self._toc_problem(1, "no 'root:' (the landing page)", "add 'root: book/index' near the top")

        def walk(items: Any, part: str | None, owner: Any, key: str) -> None:
            if items is None:
                return
            if not isinstance(items, list):
                self._toc_problem(line_of(owner, key), f"'{key}:' must be a list of '- file:' entries",
                                  f"write each entry on its own line under '{key}:' as '- file: book/...'")
                return
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    self._toc_problem(line_of(items, i), f"entry '{item}' under '{key}:' is not '- file: ...'",
                                      "write the entry as '- file: book/<name>' (without .ipynb)")
                    continue
                if "file" in item:
                    entries.append(self._entry(item["file"], line_of(item, "file"), part))
                for sub in ("chapters", "sections"):
                    walk(item.get(sub), part, item, sub)

        parts = doc.get("parts")
        if parts is not None and not isinstance(parts, list):
            self._toc_problem(line_of(doc, "parts"), "'parts:' must be a list of parts",
                              "write each part as '- caption: ...' followed by 'chapters:'")
            parts = []
        for i, part in enumerate(parts or []):
            if not isinstance(part, dict):
                self._toc_problem(line_of(parts, i), f"part '{part}' is not a mapping",
                                  "write each part as '- caption: ...' followed by 'chapters:'")
                continue
            if "file" in part:  # not a valid part (checks/toc.py says what to write), but the page is listed
                entries.append(self._entry(part["file"], line_of(part, "file"), str(part.get("caption", ""))))
            walk(part.get("chapters"), str(part.get("caption", "")), part, "chapters")
        walk(doc.get("chapters"), None, doc, "chapters")
        return entries

    def _toc_problem(self, line: int | None, message: str, fix: str) -> None:
        self.load_findings.append(Finding("_toc.yml", line, "TOC-FORMAT", message, fix))

    def _entry(self, file: Any, line: int | None, part: str | None) -> TocEntry:
        file = "" if file is None else str(file).strip()
        if not file:
            return TocEntry(file, line, part, None)
        base = self.root / file
        found = None
        for cand in [base] + [base.with_name(base.name + s) for s in PAGE_SUFFIXES]:
            if cand.is_file() and cand.suffix in PAGE_SUFFIXES:
                found = cand
                break
        return TocEntry(file, line, part, found)

    def pages(self) -> list[Path]:
        """Every page file under ``book/`` (notebooks and Markdown)."""
        book = self.root / "book"
        data.record(book / data.LISTING)  # a new or removed page changes what the course is
        return [p for p in data.listed(book) if p.suffix in PAGE_SUFFIXES]

    # ---- units -------------------------------------------------------------
    @cached_property
    def units(self) -> list[Unit]:
        out = []
        for p in self.pages():
            if p.suffix != ".ipynb":
                continue
            shown = self.shown(p)
            text, findings = read_text(data.record(p), shown)
            self.load_findings += findings
            if text is None:
                self.unreadable.add(shown)
                continue
            nb = self._parse_notebook(text, shown)
            if nb is None:
                self.unreadable.add(shown)
            out.append(Unit(p, shown, nb, text))
        return out

    def _parse_notebook(self, text: str, shown: str) -> nbformat.NotebookNode | None:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            self.load_findings.append(Finding(shown, exc.lineno, "NB-JSON", f"not valid notebook JSON: {exc.msg}",
                                              "restore the file from git or re-save it from Jupyter"))
            return None
        except RecursionError:
            raw = None  # nested deeper than Python's parser goes: the finding below
        if raw is None or nesting(raw) > MAX_NESTING:
            self.load_findings.append(Finding(shown, None, "NB-NESTING",
                                              f"the notebook's JSON is nested more than {MAX_NESTING} levels deep; "
                                              "a notebook never needs more than a few, so it is not read",
                                              "restore the file from git or re-save it from Jupyter"))
            return None
        if not isinstance(raw, dict) or raw.get("nbformat") != 4:
            at = text.find('"nbformat"')
            self.load_findings.append(Finding(shown, text.count("\n", 0, at) + 1 if at >= 0 else None, "NB-FORMAT",
                                              f"notebook format {raw.get('nbformat') if isinstance(raw, dict) else '?'} "
                                              "is not supported (need nbformat 4)",
                                              "open and re-save it in a current Jupyter"))
            return None
        try:
            nb = nbformat.reads(json.dumps(raw), as_version=4)  # joins multi-line sources, as nbformat.read does
            with warnings.catch_warnings():  # e.g. cells without ids (nbformat 4.4): valid, not worth a warning
                warnings.simplefilter("ignore")
                nbformat.validate(nb)
        except Exception as exc:  # nbformat raises several exception types for bad structure
            msg = str(exc).splitlines()[0][:200]
            self.load_findings.append(Finding(shown, None, "NB-STRUCTURE", f"notebook structure is invalid: {msg}",
                                              "re-save it from Jupyter"))
            return None
        return nb

    def unit_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units if u.id}

    # ---- shared data ---------------------------------------------------------
    @cached_property
    def sources(self) -> dict[str, Source]:
        p = data.record(self.root / "data" / "sources.yaml")
        doc, findings = data.parsed_yaml(p, "data/sources.yaml")  # the longest file: parsed once per version
        self.load_findings += findings
        items = doc.get("sources") if isinstance(doc, dict) else None
        if doc is None or not isinstance(items, list):
            self.unreadable.add("data/sources.yaml")
        if doc is not None and not isinstance(items, list):
            self.load_findings.append(Finding("data/sources.yaml", 1, "SOURCES-FORMAT",
                                              "expected a list under 'sources:'", "see README, 'Adding a source'"))
            return {}
        out: dict[str, Source] = {}
        for i, item in enumerate(items or []):
            line = line_of(items, i)
            value, errs = validate_yaml_item(item, Source, "data/sources.yaml", line)
            self.load_findings += errs
            if value is None:
                continue
            if value.id in out:
                self.load_findings.append(Finding("data/sources.yaml", line, "SOURCE-DUPLICATE",
                                                  f"source id '{value.id}' is listed twice", "give each source its own id"))
            out[value.id] = value
        return out

    @cached_property
    def country_rows(self):
        rows, findings = read_csv(data.record(self.root / "data" / "countries.csv"), "data/countries.csv", Country)
        self.load_findings += findings
        if not rows and findings:
            self.unreadable.add("data/countries.csv")
        return rows

    @cached_property
    def country_codes(self) -> set[str]:
        return {r.value.iso2 for r in self.country_rows}


def load(root: Path) -> Course:
    return Course(root=root.resolve())


# What a course is made of: its sources. Builds, caches and figures (``_build/``, ``_figures/``) are not.
# Files beside _config.yml that the site itself uses (the bibliography, the logo, the browser's icon).
SITE_FILES = ("references.bib", "logo.svg", "favicon.ico")
COURSE_PARTS = ("_config.yml", "_toc.yml", "book", "data", *SITE_FILES, "languages.yml", "locales")
NOT_SOURCES = ("_figures", ".ipynb_checkpoints", "__pycache__")


def copy_course(src: Path, dest: Path) -> Path:
    """A copy of the course at ``src`` in ``dest``: its sources only, never its ``_build``.

    The benchmark and the tests both work on such copies, so a broken or timed copy never touches the
    course a trainer is editing."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in COURSE_PARTS:
        p = src / part
        if p.is_dir():
            shutil.copytree(p, dest / part, ignore=shutil.ignore_patterns(*NOT_SOURCES))
        elif p.is_file():
            shutil.copy2(p, dest / part)
    return dest
