"""book.data.once: a course-wide table read once per page, yet its reads recorded every time and a
changed file read again (the coverage page asks for its matrix in every cell)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from coursekit.book import data
from coursekit.model import data as recorder


@pytest.fixture
def course(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COURSE_ROOT", str(mini_course))
    return mini_course


def counted_reader() -> tuple[list[int], object]:
    runs: list[int] = []

    @data.once
    def names() -> list[str]:
        runs.append(1)
        return list(data.countries()["name"])

    return runs, names


def test_a_second_call_reads_nothing_but_records_the_same_reads(course: Path):
    runs, names = counted_reader()
    first = names()
    recorder.reset_reads()  # the next unit of a kernel (or a test) starts with no reads
    assert names() == first and len(runs) == 1
    assert (course / "data" / "countries.csv").resolve() in data.files_read()


def test_an_edited_file_is_read_again(course: Path):
    runs, names = counted_reader()
    names()
    csv = course / "data" / "countries.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("MV,Maldives,", "MV,Maldives (edited),"), encoding="utf-8")
    st = csv.stat()
    os.utime(csv, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a new version even on a coarse clock
    assert "Maldives (edited)" in names() and len(runs) == 2


def test_another_course_is_its_own(course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    runs, names = counted_reader()
    names()
    other = Path(shutil.copytree(course, tmp_path / "other"))
    monkeypatch.setenv("COURSE_ROOT", str(other))
    names()
    assert len(runs) == 2
