"""The one door through which a notebook reads the course: data files, the table of contents, the units
and their metadata, folder listings, the glossary.

Every read is recorded (``model.data.record``), and what a unit read decides when it runs again: a
unit whose page shows a unit's title re-runs when that title changes, one that lists a folder re-runs
when a file is added to it. Pages therefore read only through here, and never open files themselves:
``scripts/.importlinter`` forbids ``coursekit.book`` the readers that do not record, and
tests/book/test_reads.py checks that no other ``book`` module touches the file system.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..model import assessments as _assessments
from ..model import curriculum as _curriculum
from ..model import languages as _languages
from ..model import practice as _practice
from ..model.curriculum import Course, Unit, is_trainer_page, staged_name
from ..model.data import (
    LISTING,
    citations,
    countries,
    country_names,
    course_file,
    files_read,
    frame,
    listing,
    path,
    record,
    record_read,
    root,
    source_titles,
    sources,
    table,
    yaml_list,
)

__all__ = ["Course", "Unit", "assessment_files", "once", "citations", "countries", "country_names", "course", "course_file",
           "data_catalogue",
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


def data_catalogue(code: str) -> Path:
    """The data catalogue a page in ``code`` reads: the build's merged one (``model.data_text``), else
    the language's own ``data.po`` (outside a build)."""
    merged = _languages.merged_path(root(), code)
    return merged if merged.is_file() else _languages.catalogue_path(root(), code, _languages.DATA_DOMAIN)


def practice_questions(part: str) -> list[_practice.PracticeQuestion]:
    """The practice questions of a part (none without a file; a file added later is noticed)."""
    return _practice.load(root(), part)


T = TypeVar("T")


def _stamp(p: Path) -> tuple[int, int] | None:
    """What tells a read file's version cheaply: size and modification time (a listing: its folder's)."""
    try:
        st = p.parent.stat() if p.name == LISTING else p.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def once(reader: Callable[[], T]) -> Callable[[], T]:
    """``reader`` (a function of the course that takes no argument) run once while none of the files it
    read changes: a page whose every cell starts from the same course-wide table builds it once.

    A kept result still records its reads again, so what the unit read stays exact. In a build each unit
    starts with fresh ``coursekit`` modules (the kernel reset), so nothing is kept from one unit to the
    next; the file stamps serve callers that stay (tests, a notebook opened by hand)."""
    kept: dict[Path, tuple[dict[Path, tuple[int, int] | None], T]] = {}

    @functools.wraps(reader)
    def wrapper() -> T:
        top = root()
        if top in kept:
            reads, value = kept[top]
            if all(_stamp(p) == v for p, v in reads.items()):
                for p in reads:
                    record(p)
                return value
        value = reader()
        kept[top] = ({p: _stamp(p) for p in files_read()}, value)  # read before it too: a safe excess
        return value

    return wrapper
