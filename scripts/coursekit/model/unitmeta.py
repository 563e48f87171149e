"""The notebook metadata schema (``metadata.course``), in one place, versioned.

A unit's notebook says what it teaches and for how long; the validator, the trainer edition,
the agenda and the coverage page all read these fields, so they are checked strictly here.
"""

from __future__ import annotations

from typing import Any

import jsonschema

SCHEMA_VERSION = 1

KINDS = ("standard", "case-study", "country-update", "overview", "trainer-guide", "self-check", "reference")
AUDIENCES = ("police", "prosecutors", "judges", "all")
TEACHING_KINDS = ("standard", "case-study", "country-update", "overview")
CELL_ROLES = ("trainer", "solution")
# every metadata key a notebook may carry; the participant download keeps only these (checks/notebook_metadata)
KNOWN_NOTEBOOK_KEYS = ("course", "kernelspec", "language_info")
KNOWN_CELL_KEYS = ("tags", "course", "collapsed", "scrolled", "jupyter", "editable", "deletable", "execution", "trusted")
KNOWN_CELL_COURSE_KEYS = ("objectives",)  # a question cell's objectives (templates write them)

_slug = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*[a-z0-9]$"}
_text_list = {"type": "array", "items": {"type": "string", "minLength": 3}}
_date = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "metadata.course",
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "id", "kind"],
    "properties": {
        "version": {"const": SCHEMA_VERSION},
        "id": _slug,
        "kind": {"enum": list(KINDS)},
        "teaching": {"type": "integer", "minimum": 0, "maximum": 480},
        "exercises": {"type": "integer", "minimum": 0, "maximum": 480},
        "objectives": {**_text_list, "minItems": 1},
        "keypoints": {**_text_list, "minItems": 1},
        "audience": {"type": "array", "minItems": 1, "items": {"enum": list(AUDIENCES)}},
        "standards": {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9_]+:[0-9A-Za-z.]+$"}},
        "countries": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}},
        "basis": {"enum": ["public-record", "composite"]},
        "sources": {"type": "array", "items": _slug},
        "law_as_of": _date,
        "review_by": _date,
        "trainer_notes": {"type": "string"},
        "exercise_objectives": {"type": "array", "items": {"type": "integer", "minimum": 1}},
    },
    "allOf": [
        {"if": {"properties": {"kind": {"enum": list(TEACHING_KINDS)}}},
         "then": {"required": ["teaching", "exercises", "objectives", "keypoints", "audience", "sources"]}},
        {"if": {"properties": {"kind": {"const": "case-study"}}},
         "then": {"required": ["basis", "countries", "law_as_of", "review_by"]}},
        {"if": {"properties": {"kind": {"const": "country-update"}}},
         "then": {"required": ["countries", "law_as_of", "review_by"]}},
        {"if": {"properties": {"kind": {"const": "standard"}}},   # the law it teaches changes too
         "then": {"required": ["law_as_of", "review_by"]}},
    ],
}

FIELD_HELP = {
    "version": f"set \"version\": {SCHEMA_VERSION}",
    "teaching": "minutes of teaching, a whole number",
    "exercises": "minutes of exercises and discussion, a whole number",
    "objectives": "a list of learning objectives, each a sentence",
    "keypoints": "a list of key points, each a sentence",
    "audience": "a list from: police, prosecutors, judges, all",
    "sources": "a list of source ids from data/sources.yaml",
    "basis": "public-record or composite",
    "law_as_of": "a date as YYYY-MM-DD",
    "review_by": "a date as YYYY-MM-DD",
}

_validator = jsonschema.Draft202012Validator(SCHEMA)


def metadata_problems(meta: Any) -> list[tuple[str, str]]:
    """``(field, message)`` for each way ``meta`` breaks the schema; empty when it is valid."""
    out = []
    for err in sorted(_validator.iter_errors(meta), key=lambda e: list(e.path)):
        field = ".".join(str(p) for p in err.path) or "course"
        if err.validator == "required":
            missing = err.message.split("'")[1]
            field = missing
            msg = f"missing field '{missing}'"
        elif err.validator == "additionalProperties":
            msg = f"unknown field: {err.message.split('(')[-1].rstrip(')')}"
        else:
            msg = f"'{field}': {err.message}"
        hint = FIELD_HELP.get(field.split(".")[0], "")
        out.append((field, f"{msg}" + (f"; expected {hint}" if hint else "")))
    return out


def cell_tags(cell: Any) -> set[str]:
    """The tags of a cell (``cell.metadata.tags``), where role tags such as ``trainer`` live."""
    tags = cell.get("metadata", {}).get("tags", [])
    return {t for t in tags if isinstance(t, str)} if isinstance(tags, list) else set()
