"""One door for a page's reads: what a page reads is recorded, whoever's code does the reading, so the
build re-runs it when any of it changes; book modules never reach the file system past that door.

These run without a kernel or a build (the end-to-end proofs are in tests/engine/test_stale.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import FIXTURES, SCRIPTS, copy_course
from coursekit.book import data, outcomes, overview, self_checks
from coursekit.engine.cache import content_hash
from coursekit.model.data import LISTING, reset_reads

BOOK = SCRIPTS / "coursekit" / "book"
FILE_SYSTEM = {"open", "read_text", "read_bytes", "glob", "rglob", "iterdir", "listdir", "scandir", "walk",
               "is_file", "is_dir", "exists", "stat"}


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_course(FIXTURES / "assessments" / "course", tmp_path / "course")
    monkeypatch.setenv("COURSE_ROOT", str(root))
    reset_reads()  # the recorder is a process-wide set: start each test from empty
    return root.resolve()


@pytest.mark.parametrize("module", sorted(p.name for p in BOOK.glob("*.py") if p.name != "data.py"))
def test_a_page_module_never_touches_the_file_system_nor_names_the_cache(module: str):
    source = (BOOK / module).read_text(encoding="utf-8")
    touched = sorted({node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                      for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
                      and ((isinstance(node.func, ast.Attribute) and node.func.attr in FILE_SYSTEM)
                           or (isinstance(node.func, ast.Name) and node.func.id in FILE_SYSTEM))})
    assert touched == [], f"book/{module} reads the file system itself ({touched}): read through book.data"
    assert "cache" not in source.lower(), f"book/{module} talks about the build cache: reads are book.data's job"


def test_the_course_map_records_every_unit_whose_title_it_shows(course: Path):
    overview.course_map()
    read = set(data.files_read())
    assert {course / "_toc.yml", course / "book" / "law.ipynb", course / "book" / "evidence.ipynb"} <= read
    assert course / "book" / LISTING in read  # a new unit changes the map too


def test_a_self_check_records_the_listing_of_the_checks_folder(course: Path):
    self_checks.self_check("law")
    read = set(data.files_read())
    folder = course / "data" / "assessments"
    assert folder / LISTING in read and folder / "knowledge-check.yaml" in read
    before = content_hash(folder / LISTING)
    (folder / "knowledge-check.yaml").write_text((folder / "knowledge-check.yaml").read_text() + "\n")
    assert content_hash(folder / LISTING) == before  # an edit is the file's own business...
    (folder / "another.yaml").write_text("questions: []\n")
    assert content_hash(folder / LISTING) != before  # ...a new file changes the listing


def test_the_outcomes_report_records_the_checks_and_the_units(course: Path):
    outcomes.summary_table()
    read = set(data.files_read())
    assert {course / "data" / "assessments" / LISTING, course / "data" / "assessments" / "knowledge-check.yaml",
            course / "book" / "law.ipynb", course / "_toc.yml"} <= read


def test_the_recorder_writes_each_read_to_the_kernel_s_log(course: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    log = tmp_path / "reads.log"
    monkeypatch.setenv("COURSE_READS_LOG", str(log))
    data.listing("data/assessments")
    data.notebook_metadata("book/law.ipynb")
    assert log.read_text(encoding="utf-8").splitlines() == [
        str(course / "data" / "assessments" / LISTING), str(course / "book" / "law.ipynb")]
