"""International standards: instrument files are valid and sourced, and every article a unit says it
teaches (``standards: ["budapest:9"]``) exists in ``data/instruments/``.

An article reference that is not in the data would leave a hole in the coverage page and an article
table that cannot be drawn, so it is reported here, naming the notebook and the reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.instruments import FOLDER, Instrument, compact, parse_reference, read_instrument, source_lines
from ..model.references import unknown_sources
from ..model.sourcefiles import line_of, read_yaml
from .source_kinds import only_secondary


def _instruments(course: Course) -> tuple[dict[str, Instrument | None], list[Finding]]:
    """Every instrument file by id (None when it is invalid) and the findings about the files."""
    folder = course.root / "data" / FOLDER
    found: dict[str, Instrument | None] = {}
    findings: list[Finding] = []
    for p in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        shown = course.shown(p)
        inst, problems = read_instrument(p, shown)
        findings += problems
        for sid, line in source_lines(p, shown):
            findings += unknown_sources(course, [sid], shown, line)
        found[p.stem] = inst
        if inst is not None:
            findings += _verified_on_weak_sources(course, inst, p, shown)
    return found, findings


def _verified_on_weak_sources(course: Course, inst: Instrument, path: Path, shown: str) -> list[Finding]:
    """An article marked ``verified`` whose every source is a copy, news or an NGO summary: a title read in a
    copy of a treaty is second-hand, so the page must say "not verified" until the official text is cited."""
    doc, _ = read_yaml(path, shown)
    items = doc.get("articles") if isinstance(doc, dict) else None
    out = []
    for i, a in enumerate(inst.articles):
        if a.verified and only_secondary(course, a.sources):
            line = line_of(items, i) if isinstance(items, list) else None
            kinds = sorted({course.sources[s].kind for s in a.sources if s in course.sources})
            out.append(Finding(shown, line, "EVIDENCE-VERIFIED-ON-WEAK-SOURCE",
                               f"{inst.item_name.lower()} {a.number} of the {inst.short_title} is 'verified' but "
                               f"cites only second-hand sources ({', '.join(kinds)}: {', '.join(a.sources)})",
                               "set 'verified: false' (the page then says \"not verified\"), or cite the official "
                               "text (depositary, the organisation's own publication) from data/sources.yaml"))
    return out


def check(course: Course) -> Iterable[Finding]:
    instruments, findings = _instruments(course)
    yield from findings
    for unit in course.units:
        meta = unit.meta
        refs = meta.get("standards") if isinstance(meta, dict) else None
        for ref in refs if isinstance(refs, list) else []:
            if not isinstance(ref, str) or ":" not in ref:
                continue  # the metadata schema check reports the malformed value
            inst_id, number = parse_reference(ref)
            line = unit.line_of(f'"{ref}"')
            if inst_id not in instruments:
                yield Finding(unit.shown, line, "STANDARD-UNKNOWN",
                              f"standards entry '{ref}' names instrument '{inst_id}', which has no file "
                              f"data/{FOLDER}/{inst_id}.yaml",
                              f"use one of: {', '.join(sorted(instruments)) or '(no instrument files yet)'}")
                continue
            inst = instruments[inst_id]
            if inst is None:
                continue  # the instrument file itself is invalid: reported above
            if inst.article(number) is None:
                yield Finding(unit.shown, line, "STANDARD-UNKNOWN",
                              f"standards entry '{ref}' names {inst.item_name.lower()} {number} of the "
                              f"{inst.short_title}, which is not in data/{FOLDER}/{inst_id}.yaml",
                              f"correct the reference (known: {compact(inst.numbers())}) or add the "
                              f"{inst.item_name.lower()} to the instrument file")
