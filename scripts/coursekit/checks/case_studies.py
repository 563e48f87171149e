"""Case studies: each unit has a valid data file that agrees with its metadata; no template text left.

SCAFFOLD-UNFILLED covers every page and data file, not only case studies: the ``[[fill: ...]]``
marker is how every ``new`` template (case study, country update, ...) marks what an author still
has to write, and a fresh unit must be valid except for exactly those findings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from ..authoring.scaffold import FILL
from ..model import casestudies
from ..model.curriculum import Course, Unit
from ..model.findings import Finding
from ..model.references import unknown_countries, unknown_sources
from ..model.sourcefiles import MAX_BYTES, line_of, read_yaml

FIX_DATA = "edit data/case-studies/<id>.yaml or the notebook metadata so they agree"


def is_case_study(unit: Unit) -> bool:
    """A unit of kind case-study, or any notebook under book/case-studies/."""
    meta = unit.meta if isinstance(unit.meta, dict) else {}
    return meta.get("kind") == "case-study" or unit.shown.startswith("book/case-studies/")


def cell_text(cell: dict) -> str:
    """A cell's source as one string (stored notebooks keep it as a list of lines)."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def cell_line(unit: Unit, index: int, needle: str) -> int | None:
    """The line of the stored notebook where ``needle`` appears in cell ``index`` (0-based), for findings."""
    cell = unit.notebook.cells[index]
    start = unit.text.find(f'"id": "{cell.get("id")}"') if cell.get("id") else -1
    escaped = json.dumps(needle.split("\n")[0], ensure_ascii=False)[1:-1]
    at = unit.text.find(escaped, max(start, 0))
    if at < 0:
        return unit.line_of(escaped)
    return unit.text.count("\n", 0, at) + 1


def data_path(course: Course, case_id: str) -> Path:
    return course.root / "data" / casestudies.FOLDER / f"{case_id}.yaml"


def check(course: Course) -> Iterable[Finding]:
    used: set[Path] = set()
    for unit in course.units:
        if unit.notebook is None or not is_case_study(unit):
            continue
        meta = unit.meta if isinstance(unit.meta, dict) else {}
        uid = meta.get("id") or unit.path.stem
        p = data_path(course, uid)
        used.add(p.resolve())
        shown = course.shown(p)
        if not p.is_file():
            yield Finding(unit.shown, unit.line_of('"course"'), "CASE-DATA-MISSING",
                          f"case study '{uid}' has no data file {shown}",
                          "create the unit with 'python3 scripts/course.py new case-study', or add the data file")
            continue
        yield from _check_data_file(course, p, unit, meta)
    folder = course.root / "data" / casestudies.FOLDER
    for p in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if p.resolve() not in used:
            yield from _check_data_file(course, p, None, {})
            yield Finding(course.shown(p), None, "CASE-DATA-ORPHAN", "no case-study unit uses this data file",
                          "name the unit's metadata.course.id after this file, or delete the file", "warning")
    yield from unfilled_findings(course)


def _check_data_file(course: Course, p: Path, unit: Unit | None, meta: dict) -> Iterable[Finding]:
    shown = course.shown(p)
    doc, findings = read_yaml(p, shown)
    if findings:
        yield from findings
        return
    case, findings = casestudies.parse(doc, shown)
    yield from findings
    if case is None:
        return
    yield from unknown_countries(course, [case.country], shown, line_of(doc, "country"))
    for key, ids in _source_fields(doc):
        yield from unknown_sources(course, ids, shown, key)
    if unit is None:
        return
    line = unit.line_of('"course"')
    wrong = []
    if case.id != meta.get("id"):
        wrong.append(f"id is '{case.id}' in the data but '{meta.get('id')}' in the notebook")
    if case.country not in (meta.get("countries") or []):
        wrong.append(f"country {case.country} is not in the notebook's countries")
    if case.basis != meta.get("basis"):
        wrong.append(f"basis is '{case.basis}' in the data but '{meta.get('basis')}' in the notebook")
    if case.law_as_of.isoformat() != meta.get("law_as_of"):
        wrong.append(f"law_as_of is {case.law_as_of} in the data but {meta.get('law_as_of')} in the notebook")
    missing = [s for s in case.standards() if s not in (meta.get("standards") or [])]
    if missing:
        wrong.append(f"metadata.course.standards lacks {', '.join(missing)}, used in the data")
    missing = [s for s in case.source_ids() if s not in (meta.get("sources") or [])]
    if missing:
        wrong.append(f"metadata.course.sources lacks {', '.join(missing)}, cited in the data")
    for w in wrong:
        yield Finding(unit.shown, line, "CASE-META-MISMATCH", w, FIX_DATA)


def _source_fields(doc: dict) -> Iterable[tuple[int | None, list[str]]]:
    """(line, ids) for every source reference in a case-study document."""
    yield line_of(doc, "sources"), [str(s) for s in doc.get("sources") or []]
    for key in ("provisions", "partners"):
        items = doc.get(key) or []
        for i, item in enumerate(items):
            if isinstance(item, dict) and item.get("source"):
                yield line_of(item, "source") or line_of(items, i), [str(item["source"])]


# ---- [[fill: ...]] left in any page or data file --------------------------------------------

FIX_FILL = "replace the [[fill: ...]] with your text"


def unfilled_findings(course: Course) -> Iterable[Finding]:
    """SCAFFOLD-UNFILLED for each template marker left, naming the field or cell it is in."""
    for unit in course.units:
        if unit.notebook is not None:
            yield from _unfilled_in_notebook(unit)
    data = course.root / "data"
    texts = [p for p in course.pages() if p.suffix == ".md"]
    texts += sorted(p for p in data.rglob("*") if p.suffix in (".yaml", ".yml", ".csv")) if data.is_dir() else []
    for p in texts:
        try:
            if p.stat().st_size > MAX_BYTES:
                continue  # too large to be a data file: its reader says so, and it is never loaded
            lines = p.read_text(encoding="utf-8-sig").splitlines()
        except (UnicodeDecodeError, OSError):
            continue  # reported by the loader
        for n, line in enumerate(lines, start=1):
            if p.suffix != ".csv" and line.lstrip().startswith("#"):
                continue  # a comment may explain the marker
            key = re.match(r"\s*(?:-\s+)?([A-Za-z_]+):", line)
            where = f"field '{key.group(1)}'" if key and p.suffix != ".csv" else "this line"
            for what in FILL.findall(line):
                yield Finding(course.shown(p), n, "SCAFFOLD-UNFILLED", f"{where} still to write: {what}", FIX_FILL)


def _unfilled_in_notebook(unit: Unit) -> Iterable[Finding]:
    nb = unit.notebook
    course_meta = nb.metadata.get("course")
    if isinstance(course_meta, dict):
        for field, value in course_meta.items():
            for what in FILL.findall(json.dumps(value, ensure_ascii=False)):
                yield Finding(unit.shown, unit.line_of(f'"{field}"'), "SCAFFOLD-UNFILLED",
                              f"metadata.course.{field} still to write: {what}",
                              "edit the notebook metadata (Edit > Notebook metadata)")
    for i, cell in enumerate(nb.cells):
        text = cell_text(cell)
        heading = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), "")
        label = f"cell {i + 1}" + (f" ('{heading}')" if heading else "")
        for m in FILL.finditer(text):
            yield Finding(unit.shown, cell_line(unit, i, m.group(0)), "SCAFFOLD-UNFILLED",
                          f"{label} still to write: {m.group(1)}", FIX_FILL)
