"""Notebook metadata: only keys the book knows, so nothing rides into the participant download.

The participant notebook (``_sources/*.ipynb``, the download button, the pack) carries its metadata.
Trainer notes filed under a misspelt or misplaced key (``course.trainer_note`` on a cell,
``trainer_notes`` beside ``metadata.course``) would be published with it, because only
``metadata.course.trainer_notes`` is removed. So every key, at notebook and cell level, must be one
the book knows (the participant edition also keeps only those: ``keep_known_metadata``), and a key
anywhere that reads like trainer material (any casing, a near spelling of trainer, solution, notes,
answer) is a finding of its own, however deep it sits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.unitmeta import KNOWN_CELL_COURSE_KEYS, KNOWN_CELL_KEYS, KNOWN_NOTEBOOK_KEYS
from .notebooks import _distance

TRAINER_WORDS = ("trainer", "solution", "solutions", "notes", "note", "answer", "answers", "teacher", "instructor")
# the one place a trainer word is a known key: metadata.course.trainer_notes (removed for participants)
TRAINER_KEY_HOME = ("course", "trainer_notes")
FIX = ("keep trainer notes in metadata.course.trainer_notes (notebook level) or in a cell tagged 'trainer'; "
       "remove other keys (Edit > Notebook metadata in Jupyter, or the cell's metadata)")


def trainer_lookalike(key: str) -> bool:
    """Whether a metadata key reads like trainer material: ``Trainer_Notes``, ``trainerNote``,
    ``solutoin``, ``course_notes``."""
    parts = [p for p in re.split(r"[^a-z]+|(?<=[a-z])(?=[A-Z])", key) if p]
    words = [p.lower() for p in parts] + [re.sub(r"[^a-z]", "", key.lower())]
    return any(w in TRAINER_WORDS or any(t in w for t in TRAINER_WORDS if len(t) >= 6)
               or (len(w) >= 5 and any(_distance(w, t) <= 2 for t in TRAINER_WORDS if len(t) >= 6))
               for w in words)


def _keys(value: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Every key path inside ``value`` (dicts within dicts and lists)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield (*path, str(k))
            yield from _keys(v, (*path, str(k)))
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v, path)


def metadata_findings(shown: str, nb: Any, line_of: Any = None) -> Iterable[Finding]:
    """Unknown or trainer-like metadata keys of one notebook (``line_of(text)``: the line of a key)."""
    def where(key: str) -> int | None:
        return line_of(f'"{key}"') if line_of else None

    meta = nb.get("metadata", {}) if isinstance(nb, dict) else {}
    for key in meta:
        if key not in KNOWN_NOTEBOOK_KEYS:
            yield Finding(shown, where(key), "NB-META-UNKNOWN",
                          f"notebook metadata key '{key}' is not one the book knows: it would be published "
                          "in the participant notebook download", FIX)
    for path in _keys(meta, ()):
        if path != TRAINER_KEY_HOME and len(path) > 1 and trainer_lookalike(path[-1]):
            yield Finding(shown, where(path[-1]), "NB-META-TRAINER",
                          f"notebook metadata '{'.'.join(path)}' looks like trainer material outside "
                          "metadata.course.trainer_notes", FIX)
    for i, cell in enumerate(nb.get("cells", []) if isinstance(nb, dict) else [], start=1):
        cmeta = cell.get("metadata", {}) if isinstance(cell, dict) else {}
        for key in cmeta if isinstance(cmeta, dict) else []:
            if key not in KNOWN_CELL_KEYS:
                yield Finding(shown, where(key), "NB-META-UNKNOWN",
                              f"cell {i} has the metadata key '{key}', which the book does not know: it "
                              "would be published in the participant notebook download", FIX)
        course = cmeta.get("course") if isinstance(cmeta, dict) else None
        if course is not None and not (isinstance(course, dict) and set(course) <= set(KNOWN_CELL_COURSE_KEYS)):
            extra = sorted(set(course) - set(KNOWN_CELL_COURSE_KEYS)) if isinstance(course, dict) else ["(not a mapping)"]
            yield Finding(shown, where("course"), "NB-META-UNKNOWN",
                          f"cell {i} metadata.course holds {', '.join(extra)}; a cell's course metadata may "
                          f"only hold {', '.join(KNOWN_CELL_COURSE_KEYS)}", FIX)
        for path in _keys(cmeta, ()):
            if trainer_lookalike(path[-1]):
                yield Finding(shown, where(path[-1]), "NB-META-TRAINER",
                              f"cell {i} metadata '{'.'.join(path)}' looks like trainer material; "
                              "a cell's metadata is published with the participant notebook", FIX)


def check(course: Course) -> Iterable[Finding]:
    for unit in course.units:
        if unit.notebook is not None:
            yield from metadata_findings(unit.shown, unit.notebook, unit.line_of)
