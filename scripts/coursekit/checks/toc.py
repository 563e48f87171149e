"""The book's structure: every toc entry has a file, no file twice, every page is listed, and the
Jupyter Book configuration can be read (otherwise the build would fail only at the render step)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..model.curriculum import Course, is_trainer_page
from ..model.findings import Finding
from ..model.sourcefiles import line_at, plain, read_yaml
from ..model.unitmeta import CELL_ROLES, cell_tags


def check(course: Course) -> Iterable[Finding]:
    yield from _config(course)
    yield from _toc(course)
    yield from _structure(course)
    yield from _outside_book(course)
    yield from _trainer_links(course)


def _config(course: Course) -> Iterable[Finding]:
    """``_config.yml`` against Jupyter Book's own schema: a wrong setting stops the build at once,
    not after every notebook has run."""
    doc, findings = read_yaml(course.root / "_config.yml", "_config.yml")
    yield from findings
    if doc is None:
        return
    if not isinstance(doc, dict):
        yield Finding("_config.yml", 1, "CONFIG-FORMAT", "the file is not a mapping of settings",
                      "restore _config.yml from git; each line is 'setting: value'")
        return
    from jupyter_book.config import get_validator  # imported here: only this check needs Sphinx's stack

    for err in sorted(get_validator().iter_errors(plain(doc)), key=lambda e: list(map(str, e.path))):
        key = ".".join(str(p) for p in err.path) or "the file"
        yield Finding("_config.yml", line_at(doc, list(err.path)), "CONFIG-SCHEMA", f"'{key}': {err.message}",
                      "see https://jupyterbook.org/en/stable/customize/config.html for this setting")


def _toc(course: Course) -> Iterable[Finding]:
    if not (course.root / "_toc.yml").is_file():
        yield Finding("_toc.yml", None, "TOC-MISSING", "no _toc.yml", "restore _toc.yml from git")
        return
    seen: dict[str, int | None] = {}
    listed = set()
    for e in course.toc:
        if not e.file:
            yield Finding("_toc.yml", e.line, "TOC-NO-FILE", "entry has no file name",
                          "write the page after 'file:', e.g. 'file: book/overview', or remove the entry")
            continue
        if e.path is None:
            yield Finding("_toc.yml", e.line, "TOC-NO-FILE", f"entry '{e.file}' has no file (.ipynb or .md)",
                          f"create {e.file}.ipynb, or correct or remove this entry")
            continue
        key = course.shown(e.path)
        if key in seen:
            yield Finding("_toc.yml", e.line, "TOC-DUPLICATE", f"'{e.file}' is listed twice (also line {seen[key]})",
                          "remove one of the two entries")
        seen.setdefault(key, e.line)
        listed.add(e.path.resolve())
    if not course.toc:
        return
    for page in course.pages():
        if page.resolve() not in listed:
            yield Finding(course.shown(page), None, "TOC-UNLISTED", "page is not in _toc.yml, so it would not be built",
                          f"add '- file: {course.shown(page).rsplit('.', 1)[0]}' under a part of _toc.yml, or delete the file")


def _structure(course: Course) -> Iterable[Finding]:
    """``_toc.yml`` read by sphinx_external_toc, the parser Jupyter Book itself uses: a table of
    contents it refuses would otherwise pass here and stop the build at the render step, with a
    message about a staged copy the trainer never wrote."""
    doc, findings = read_yaml(course.root / "_toc.yml", "_toc.yml")
    if findings or not isinstance(doc, dict):
        return  # reported by the toc loader
    from sphinx_external_toc.parsing import MalformedError, parse_toc_data  # only this check needs it

    try:
        parse_toc_data(plain(doc))
    except MalformedError as exc:
        problem = str(exc)
        if problem.startswith(("document file used multiple times", "'root' key not found")):
            return  # TOC-DUPLICATE and the missing root are reported with their lines already
        where = STRUCTURE_PATH.search(problem)
        keys = [int(k) if k.isdigit() else k for k in where.group(1).split("/") if k] if where else []
        line = line_at(doc, keys) if keys else 1
        entry = _at(doc, keys)
        yield Finding("_toc.yml", line, "TOC-STRUCTURE",
                      f"Jupyter Book cannot read this entry ({STRUCTURE_PATH.sub('', problem).strip()})",
                      _structure_fix(problem, keys, entry))


STRUCTURE_PATH = re.compile(r"\s*@ '([^']*)'")


def _at(doc: Any, keys: list[Any]) -> Any:
    node = doc
    for k in keys:
        try:
            node = node[k]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _structure_fix(problem: str, keys: list[Any], entry: Any) -> str:
    """What to write instead, for the mistakes Jupyter Book's parser names."""
    page = entry.get("file") if isinstance(entry, dict) else None
    in_parts = bool(keys) and keys[0] == "parts" and len(keys) == 2
    if in_parts and page:
        return (f"a part has no page of its own: write 'chapters:' under its caption and put the page below it, "
                f"indented, as '- file: {page}'")
    if "containing 'chapters' key" in problem or "'chapters' not a non-empty list" in problem:
        return "give the part a 'chapters:' list with at least one '- file: book/...' entry, or remove the part"
    if "Unknown keys found" in problem:
        return "remove or correct the key named here; an entry has 'file:' (and 'title:' or 'sections:' if needed)"
    if "does not contain one of" in problem:
        return "write the entry as '- file: book/<page>' (without .ipynb or .md)"
    if "format" in problem:
        return "write 'format: jb-book' at the top of _toc.yml"
    return "compare the entry with the others in _toc.yml: '- caption:' then 'chapters:' with '- file:' lines"


def _outside_book(course: Course) -> Iterable[Finding]:
    """A toc entry whose file is not under ``book/``: the build stages only ``book/``, so the page
    would silently be missing from both editions."""
    book = (course.root / "book").resolve()
    for e in course.toc:
        if e.path is not None and book not in e.path.resolve().parents:
            yield Finding("_toc.yml", e.line, "TOC-OUTSIDE-BOOK", f"'{e.file}' is not under book/, so it is never built",
                          f"move the page into book/ (e.g. book/{Path(e.file).name}) and list it as such")


_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_DOC_ROLE = re.compile(r"\{doc\}`(?:[^`<]*<([^>`]+)>|([^`]+))`")


def _link_targets(markdown: str) -> Iterator[tuple[int, str]]:
    """(line, target) of every Markdown link and ``{doc}`` role that points at a page of the book."""
    for n, line in enumerate(markdown.splitlines(), start=1):
        for m in _MD_LINK.finditer(line):
            yield n, m.group(1)
        for m in _DOC_ROLE.finditer(line):
            yield n, (m.group(1) or m.group(2)).strip()


def _target_page(course: Course, page: Path, target: str) -> str | None:
    """The page a link target names, as the trainer sees it (``book/trainer/answers``), if local."""
    target = target.split("#", 1)[0]
    if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
        return None  # a web address, mail, or an anchor on the same page
    base = course.root / "book" if target.startswith("/") else page.parent
    resolved = Path(os.path.normpath(base / target.lstrip("/")))
    shown = course.shown(resolved)
    return shown.rsplit(".", 1)[0] if shown.endswith((".md", ".ipynb")) else shown


def _trainer_links(course: Course) -> Iterable[Finding]:
    """A participant page that links a trainer-only page: in the participant edition the link is dead
    (the page is not there) and tells readers the trainer's page exists."""
    units = {u.path: u for u in course.units}
    for page in course.pages():
        shown = course.shown(page)
        if is_trainer_page(shown):
            continue
        unit = units.get(page)
        if unit is None:
            texts = [(None, page.read_text(encoding="utf-8", errors="replace"))]
        else:
            cells = unit.notebook.cells if unit.notebook else []
            texts = [(i, "".join(c.source) if isinstance(c.source, list) else str(c.source))
                     for i, c in enumerate(cells, start=1)
                     if c.cell_type == "markdown" and not cell_tags(c) & set(CELL_ROLES)]  # trainer cells may
        for cell, text in texts:
            for line, target in _link_targets(text):
                linked = _target_page(course, page, target)
                if linked and is_trainer_page(linked):
                    where = f"cell {cell} links" if cell else "links"
                    yield Finding(shown, None if cell else line, "TOC-TRAINER-LINK",
                                  f"{where} the trainer-only page {linked}, which participants do not have",
                                  "remove the link, or link a participant page instead")
