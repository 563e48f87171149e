"""Create a new unit from a template's Scaffold: its files and its table-of-contents entry, or nothing.

``course.py new`` promises a trainer two things: it never overwrites work that exists, and it never
leaves a half-made unit behind. So everything is checked before the first write (no file exists, the
toc does not list the unit yet, the toc can be read), the new files are written all-or-nothing, and
the toc is rewritten last, atomically, with its comments kept; if that fails the new files go again.

Template text the author must still write is marked ``[[fill: what to write]]``; ``validate`` names
each one left (SCAFFOLD-UNFILLED), so a fresh unit is valid except for exactly those.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from ..model import atomic
from ..model.courselock import EDIT_WAIT, course_lock
from ..model.findings import Finding, InputError, relpath
from .templates import Scaffold

# The parts of the book, in teaching order: a part that `new` has to create goes in its place.
PART_ORDER = ("Getting started", "International standards", "Case studies", "Regional country updates",
              "Regional challenges", "Trainer's guide")

FILL = re.compile(r"\[\[fill:\s*(.*?)\s*\]\]", re.S)


def fill(what: str) -> str:
    """Template text for the author to replace: ``[[fill: what]]``."""
    return f"[[fill: {what}]]"


def unfilled(text: str) -> list[str]:
    """What each ``[[fill: ...]]`` in ``text`` still asks for, in order."""
    return [m.group(1) for m in FILL.finditer(text)]


class Refused(Exception):
    """``new`` would overwrite something that exists; nothing was changed."""

    def __init__(self, existing: list[str]):
        super().__init__(", ".join(existing))
        self.existing = existing


@dataclass(frozen=True)
class Created:
    """What ``create`` made: files (as shown to the trainer) and where the toc entry went."""

    files: list[str]
    part: str
    part_created: bool


def _all_files(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [str(node["file"])] if "file" in node else []
        return own + [f for v in node.values() for f in _all_files(v)]
    if isinstance(node, list):
        return [f for v in node for f in _all_files(v)]
    return []


def _toc_yaml(text: str) -> YAML:
    """A round-trip YAML that writes lists indented the way this file already does."""
    _, sequence, offset = load_yaml_guess_indent(text)
    sequence = sequence or 2
    offset = offset if offset is not None else 0
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=max(sequence - offset, 2), sequence=sequence, offset=offset)
    return yaml


toc_yaml = _toc_yaml  # for other writers of _toc.yml (the delivery pages)


def toc_with_entry(text: str, part: str, file: str) -> tuple[str, bool]:
    """``_toc.yml`` text with ``- file: <file>`` added at the end of ``part`` (made if missing).

    Returns the new text and whether the part was created. Raises Refused if the toc lists ``file``
    already, InputError if the toc cannot be read.
    """
    try:
        yaml = _toc_yaml(text)
        doc = yaml.load(text)
    except YAMLError as exc:
        raise InputError([Finding("_toc.yml", None, "TOC-SYNTAX", f"cannot read the table of contents: "
                                  f"{str(exc).splitlines()[0]}", "run validate and fix _toc.yml first")]) from None
    if not isinstance(doc, dict) or ("chapters" in doc and "parts" not in doc):
        raise InputError([Finding("_toc.yml", None, "TOC-FORMAT", "the table of contents has no 'parts:' list",
                                  "restore _toc.yml from git; the book is organised in parts")])
    if file in _all_files(doc):
        raise Refused([f"_toc.yml (already lists '{file}')"])
    parts = doc.get("parts")
    if parts is None:
        parts = doc["parts"] = CommentedSeq()
    target = next((p for p in parts if isinstance(p, dict) and str(p.get("caption")) == part), None)
    created = target is None
    if created:
        target = CommentedMap(caption=part, chapters=CommentedSeq())
        parts.insert(_part_position(parts, part), target)
    chapters = target.get("chapters")
    if chapters is None:
        chapters = target["chapters"] = CommentedSeq()
    chapters.insert(_entry_position(chapters), CommentedMap(file=file))
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue(), created


def _entry_position(chapters: list) -> int:
    """New units go at the end of their part, but before its self-check page, which closes the part."""
    for i, ch in enumerate(chapters):
        if isinstance(ch, dict) and str(ch.get("file", "")).startswith("book/self-checks/"):
            return i
    return len(chapters)


def _part_position(parts: list, part: str) -> int:
    """Where a missing part goes: before the first existing part that comes after it in PART_ORDER."""
    rank = PART_ORDER.index(part) if part in PART_ORDER else len(PART_ORDER)
    for i, p in enumerate(parts):
        caption = str(p.get("caption")) if isinstance(p, dict) else ""
        if caption in PART_ORDER and PART_ORDER.index(caption) > rank:
            return i
    return len(parts)


def planned_files(root: Path, scaffold: Scaffold) -> dict[Path, str]:
    """Every file the scaffold creates, with its text: the notebook first, then its data files."""
    files = {root / f"{scaffold.unit_file}.ipynb": nbformat.writes(scaffold.notebook) + "\n"}
    for rel, text in scaffold.data_files.items():
        files[root / rel] = text
    return files


def create(root: Path, scaffold: Scaffold, *, part: str) -> Created:
    """Write the scaffold's files and add its toc entry under ``part``: all of it, or nothing.

    Raises Refused (naming what exists) before anything is written if a file exists or the toc lists
    the unit already. The toc is read and written back under the course lock, so two units created
    at the same time are both listed.
    """
    with course_lock(root, wait=EDIT_WAIT, doing="new"):
        return _create(root, scaffold, part=part)


def _create(root: Path, scaffold: Scaffold, *, part: str) -> Created:
    files = planned_files(root, scaffold)
    outside = [p for p in files if not p.resolve().is_relative_to(root.resolve())]
    if outside:
        raise InputError([Finding(relpath(p, root), None, "SCAFFOLD-PATH", "the template would write outside the course",
                                  "report this to the maintainers") for p in outside])
    existing = [relpath(p, root) for p in files if p.exists()]
    toc_path = root / "_toc.yml"
    toc_text = toc_path.read_text(encoding="utf-8") if toc_path.is_file() else "format: jb-book\nroot: book/index\n"
    try:
        new_toc, part_created = toc_with_entry(toc_text, part, scaffold.unit_file)
    except Refused as exc:
        raise Refused(existing + exc.existing) from None
    if existing:
        raise Refused(existing)
    new_dirs = sorted({d for p in files for d in [p.parent, *p.parent.parents] if not d.exists()}, reverse=True)
    try:
        atomic.write_all(files)  # removes what it wrote if one file fails
    except atomic.WouldOverwrite as exc:  # a file appeared since the check above: not ours to remove
        _remove_empty(new_dirs)
        raise Refused([relpath(Path(p), root) for p in str(exc).split(", ")]) from None
    except BaseException:
        _remove_empty(new_dirs)
        raise
    try:
        atomic.write_text(toc_path, new_toc, overwrite=True)
    except BaseException:
        for p in files:
            p.unlink(missing_ok=True)
        _remove_empty(new_dirs)
        raise
    return Created([relpath(p, root) for p in files] + ["_toc.yml"], part, part_created)


def _remove_empty(dirs: list[Path]) -> None:
    """Remove folders this call made (deepest first), if they are still empty."""
    for d in dirs:
        if d.is_dir() and not any(d.iterdir()):
            d.rmdir()
