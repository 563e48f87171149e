"""KeepKnownMetadata: the participant notebook carries only metadata the book knows.

The download button and ``_sources/`` publish the staged notebook as it is, metadata included.
``remove_trainer_metadata`` takes out the one known trainer field; this step drops everything
else the book does not know (an editor's keys, a misplaced ``trainer_notes``, a cell's
``course.trainer_note``), so a key ``validate`` has not seen yet cannot reach participants either.
"""

from __future__ import annotations

from typing import Any

import nbformat

from ...model.unitmeta import KNOWN_CELL_COURSE_KEYS, KNOWN_CELL_KEYS, KNOWN_NOTEBOOK_KEYS, SCHEMA

# inside the known keys, the fields kept (Jupyter's own for the kernel; the schema's for the unit)
KEPT_FIELDS: dict[str, tuple[str, ...]] = {
    "kernelspec": ("name", "display_name", "language"),
    "language_info": ("name", "version", "codemirror_mode", "file_extension", "mimetype", "nbconvert_exporter",
                      "pygments_lexer"),
    "course": tuple(k for k in SCHEMA["properties"] if k != "trainer_notes"),
    "jupyter": ("source_hidden", "outputs_hidden"),
}
CELL_FIELDS = {**KEPT_FIELDS, "course": KNOWN_CELL_COURSE_KEYS}
DROPPED_CELL_KEYS = ("execution", "trusted")  # timings and trust: nothing a reader needs


def _keep(meta: Any, keys: tuple[str, ...], fields: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    if not isinstance(meta, dict):
        return {}
    out = {}
    for key in keys:
        if key not in meta:
            continue
        value = meta[key]
        if key in fields:
            value = {k: v for k, v in value.items() if k in fields[key]} if isinstance(value, dict) else {}
        out[key] = value
    return out


def keep_known_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.metadata = nbformat.from_dict(_keep(nb.metadata, KNOWN_NOTEBOOK_KEYS, KEPT_FIELDS))
    cell_keys = tuple(k for k in KNOWN_CELL_KEYS if k not in DROPPED_CELL_KEYS)
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict(_keep(cell.get("metadata", {}), cell_keys, CELL_FIELDS))
    return nb
