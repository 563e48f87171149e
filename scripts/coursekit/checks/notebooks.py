"""Notebooks: stored without outputs, metadata valid, ids unique, references resolve."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..delivery.agenda_pages import MARK, generated_pages
from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.references import unknown_countries, unknown_sources
from ..model.unitmeta import CELL_ROLES, cell_tags, metadata_problems

# where the stored JSON first holds an output or an execution count (the line a trainer should look at)
_STORED_OUTPUT = re.compile(r'"outputs"\s*:\s*\[\s*[^\s\]]|"execution_count"\s*:\s*\d')


def check(course: Course) -> Iterable[Finding]:
    yield from role_tag_findings(course)
    yield from raw_html_findings(course)
    yield from _units(course)


def _units(course: Course) -> Iterable[Finding]:
    ids: dict[str, str] = {}
    for unit in course.units:
        nb = unit.notebook
        if nb is None:
            continue  # unreadable: already a load finding
        for i, cell in enumerate(nb.cells, start=1):
            if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
                m = _STORED_OUTPUT.search(unit.text)
                yield Finding(unit.shown, unit.text.count("\n", 0, m.start()) + 1 if m else None, "NB-OUTPUTS",
                              f"cell {i} is stored with outputs; notebooks are stored clean",
                              "in Jupyter choose Edit > Clear Outputs of All Cells, then save")
                break
        for i, cell in enumerate(nb.cells, start=1):
            roles = set(cell.get("metadata", {}).get("tags", [])) & set(CELL_ROLES)
            if len(roles) > 1:
                yield Finding(unit.shown, None, "NB-CELL-ROLE", f"cell {i} is tagged both trainer and solution",
                              "keep one role tag")
        meta = unit.meta
        line = unit.line_of('"course"')
        if meta is None:
            yield Finding(unit.shown, None, "META-MISSING", "notebook has no metadata.course",
                          "create units with 'python3 scripts/course.py new', or copy the metadata block of a similar unit")
            continue
        for _field, msg in metadata_problems(meta):
            yield Finding(unit.shown, line, "META-SCHEMA", msg, "edit the notebook metadata (Edit > Notebook metadata)")
        if not isinstance(meta, dict):
            continue
        uid = meta.get("id")
        if isinstance(uid, str):
            if uid in ids:
                yield Finding(unit.shown, line, "META-DUPLICATE-ID", f"unit id '{uid}' is also used by {ids[uid]}",
                              "give each unit its own id")
            ids.setdefault(uid, unit.shown)
        if isinstance(meta.get("sources"), list):
            yield from unknown_sources(course, [s for s in meta["sources"] if isinstance(s, str)], unit.shown, line)
        if isinstance(meta.get("countries"), list):
            yield from unknown_countries(course, [c for c in meta["countries"] if isinstance(c, str)], unit.shown, line)


# ---- role tags that look like a role but are not one -------------------------------------------

ROLE_LOOKALIKES = ("answer", "modelanswer", "teacher", "instructor", "facilitator", "traineronly", "hidden")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (small words only)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def role_lookalike(tag: str) -> str | None:
    """The role a tag was probably meant to be (``Trainer``, ``solutions``, ``trainr``,
    ``model-answer``), or None. Such a tag does nothing, so the cell would reach participants."""
    if tag in CELL_ROLES:
        return None
    word = re.sub(r"[^a-z]", "", tag.lower())
    for role in CELL_ROLES:
        if word in (role, role + "s") or role in word or (len(word) >= 5 and _distance(word, role) <= 2):
            return role
    if word.rstrip("s") in ROLE_LOOKALIKES:
        return "trainer' or 'solution"
    return None


def role_tag_findings(course: Course) -> Iterable[Finding]:
    for unit in course.units:
        for i, cell in enumerate(unit.notebook.cells if unit.notebook else [], start=1):
            for tag in sorted(cell_tags(cell)):
                meant = role_lookalike(tag)
                if meant:
                    yield Finding(unit.shown, None, "NB-ROLE-TAG",
                                  f"cell {i} is tagged '{tag}', which is not a role: the cell is shown to participants",
                                  f"write the tag exactly '{meant}' (lower case, singular) or remove it")


# ---- raw HTML, scripts and raw cells: what a page may show only as text --------------------------

ALLOWED_TAGS = {"br"}  # what the book's own pages need: line breaks inside table cells
GENERATED = MARK.split("{", 1)[0]  # pages written by `course.py agenda` start with this comment
# A fast early warning only: Markdown does not parse the way regular expressions assume, so the
# word on what may run is the Sphinx guard (engine/sphinx_guard.py: raw nodes refused where the page
# is parsed) and the rendered-site check (engine/sitecheck.py). What this catches, it names at once,
# before any build; the bypasses issue 21 found (a handler after a title holding '>', a code span
# ending in a backslash, '~~~' inside a line, '{RAW}' in capitals, an included '.txt', a page that
# only starts like a generated one) are closed below.
_DANGEROUS = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|link|meta|base|form|svg|math)\b"
                        r"|<[A-Za-z][^\n]*?\son\w+\s*="  # a handler, even after a '>' inside a quoted value
                        r"|(?:\]\(|<[^<>]*=|<)\s*[\"']?\s*javascript:", re.I)  # script links
_RAW_DIRECTIVE = re.compile(r"^\s*(?:(?:`{3,}|~{3,}|:{3,})\s*\{(raw|eval-rst)\}|\.\.\s+(raw)::)", re.M | re.I)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.M | re.S)  # at a line's start
_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)  # a code span: no escapes inside (CommonMark)
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")  # a backslash-escaped character is text (model.text.myst_inline)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]*>")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>|<!--")
_INCLUDE = re.compile(r"^\s*(?:(?:`{3,}|~{3,}|:{3,})\s*\{include\}|\.\.\s+include::)[ \t]+(\S+)", re.M | re.I)
_HTML_FIX = ("write it as Markdown (for a table, a list or emphasis) or put it in `code`; "
             "pages may not carry their own HTML or scripts")


def html_problem(markdown: str) -> str | None:
    """Why a Markdown text would put its own HTML (or a script) on the page; None when it would not."""
    m = _RAW_DIRECTIVE.search(markdown)
    if m:
        return f"it holds a '{{{(m.group(1) or m.group(2)).lower()}}}' block, which passes HTML to the page unchecked"
    text = _AUTOLINK.sub(" ", _ESCAPED.sub(" ", _SPAN.sub(" ", _FENCE.sub(" ", markdown))))
    m = _DANGEROUS.search(text)
    if m:
        return f"it holds '{m.group(0).strip()[:60]}', which can run a script"
    for m in _TAG.finditer(text):
        if m.group(0) == "<!--":
            continue  # a comment shows nothing and runs nothing
        if m.group(2).lower() not in ALLOWED_TAGS or (m.group(3) or "").strip("/ "):
            return f"it holds the HTML tag '{m.group(0)[:40]}'"
    return None


def _included(course: Course, page: Path, text: str) -> Iterable[Finding]:
    """The files an ``{include}`` pulls into a page are Markdown of that page, whatever their suffix."""
    for m in _INCLUDE.finditer(text):
        target = page.parent / m.group(1)
        if target.is_file() and target.stat().st_size < 1_000_000:
            why = html_problem(target.read_text(encoding="utf-8", errors="replace"))
            if why:
                yield Finding(course.shown(page), text.count("\n", 0, m.start()) + 1, "PAGE-RAW-HTML",
                              f"includes {m.group(1)}, and {why}", _HTML_FIX)


def raw_html_findings(course: Course) -> Iterable[Finding]:
    units = {u.path: u for u in course.units}
    generated = {page: text for page, text in generated_pages(course).items() if page.is_file()}
    for page in course.pages():
        unit = units.get(page)
        if unit is None:
            text = page.read_text(encoding="utf-8", errors="replace")
            if page in generated:
                continue  # the agenda's pages: checks/deliveries.py compares each with what agenda writes now
            why = html_problem(text)
            if why:
                line = next((n for n, ln in enumerate(text.splitlines(), start=1) if html_problem(ln)), None)
                if text.startswith(GENERATED):
                    why += "; the page is not what `course.py agenda` writes (edited by hand, or stale)"
                yield Finding(course.shown(page), line, "PAGE-RAW-HTML", why, _HTML_FIX)
            yield from _included(course, page, text)
            continue
        for i, cell in enumerate(unit.notebook.cells if unit.notebook else [], start=1):
            source = "".join(cell.source) if isinstance(cell.source, list) else str(cell.source)
            if cell.cell_type == "raw":
                fmt = str(cell.get("metadata", {}).get("format") or cell.get("metadata", {}).get("raw_mimetype") or "")
                if "html" in fmt.lower() or html_problem(source):
                    yield Finding(unit.shown, None, "NB-RAW-HTML", f"cell {i} is a raw {fmt or 'text'} cell, which "
                                  "passes HTML to the page unchecked", "make it a Markdown cell, " + _HTML_FIX)
            elif cell.cell_type == "markdown":
                why = html_problem(source)
                if why:
                    yield Finding(unit.shown, None, "NB-RAW-HTML", f"cell {i}: {why}", _HTML_FIX)
                yield from _included(course, page, source)
