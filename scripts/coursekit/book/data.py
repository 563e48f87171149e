"""The one door through which a notebook reads the course: data files, the table of contents, the units
and their metadata, folder listings, the glossary.

Every read is recorded (``model.data.record``), and what a unit read decides when it runs again: a
unit whose page shows a unit's title re-runs when that title changes, one that lists a folder re-runs
when a file is added to it. Pages therefore read only through here, and never open files themselves:
``scripts/.importlinter`` forbids ``coursekit.book`` the readers that do not record, and
tests/book/test_reads.py checks that no other ``book`` module touches the file system.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import assessments as _assessments
from ..model import curriculum as _curriculum
from ..model import practice as _practice
from ..model.curriculum import Course, Unit, is_trainer_page, staged_name
from ..model.data import (
    citations,
    countries,
    country_names,
    course_file,
    files_read,
    frame,
    listing,
    path,
    record_read,
    root,
    source_titles,
    sources,
    table,
    yaml_list,
)

__all__ = ["Course", "Unit", "assessment_files", "citations", "countries", "country_names", "course", "course_file",
           "files_read", "frame", "is_trainer_page", "listing", "notebook_metadata", "path", "practice_questions",
           "record_read", "root", "source_titles", "sources", "staged_name", "table", "text", "yaml_list"]


def course() -> Course:
    """The course being built: its table of contents, units and their metadata (all reads recorded)."""
    return _curriculum.load(root())


def text(p: Path) -> str:
    """A text file of the course (a Markdown page), recorded as read."""
    return course_file(p).read_text(encoding="utf-8")


def notebook_metadata(rel: str) -> dict[str, Any]:
    """``metadata.course`` of the notebook ``rel`` (relative to the course root), recorded as read."""
    meta = json.loads(course_file(rel).read_text(encoding="utf-8")).get("metadata", {}).get("course", {})
    return meta if isinstance(meta, dict) else {}


def assessment_files() -> list[Path]:
    """Every file of ``data/assessments/``, in name order (the folder's listing is recorded)."""
    return _assessments.files(root())


def practice_questions(part: str) -> list[_practice.PracticeQuestion]:
    """The practice questions of a part (none without a file; a file added later is noticed)."""
    return _practice.load(root(), part)
