"""The book's structure: every toc entry has a file, no file twice, every page is listed, and the
Jupyter Book configuration can be read (otherwise the build would fail only at the render step)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.sourcefiles import line_at, plain, read_yaml


def check(course: Course) -> Iterable[Finding]:
    yield from _config(course)
    yield from _toc(course)
    yield from _structure(course)


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
