"""The book's structure: every toc entry has a file, no file twice, every page is listed, and the
Jupyter Book configuration can be read (otherwise the build would fail only at the render step)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.sourcefiles import line_at, plain, read_yaml


def check(course: Course) -> Iterable[Finding]:
    yield from _config(course)
    yield from _toc(course)


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
