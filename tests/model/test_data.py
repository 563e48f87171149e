"""Data access: a YAML file is parsed once per version and shared, and every read is still recorded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from coursekit.model import data


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sources.yaml").write_text(
        "sources:\n  - id: src-one\n    title: First source\n    publisher: Someone\n    accessed: 2026-01-01\n",
        encoding="utf-8")
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    data.forget_parsed()
    data.reset_reads()
    yield tmp_path
    data.forget_parsed()


def test_a_file_is_parsed_once_per_version_and_each_read_is_recorded(course: Path):
    p = course / "data" / "sources.yaml"
    first, _ = data.parsed_yaml(p, "data/sources.yaml")
    again, _ = data.parsed_yaml(p, "data/sources.yaml")
    assert again is first
    data.reset_reads()
    assert data.sources()["src-one"].title == "First source"
    assert data.files_read() == [p.resolve()]  # a shared parse is a recorded read all the same


def test_an_edit_that_keeps_size_and_time_is_a_new_version(course: Path):
    p = course / "data" / "sources.yaml"
    assert data.sources()["src-one"].title == "First source"
    st = p.stat()
    p.write_text(p.read_text(encoding="utf-8").replace("First", "Fixed"), encoding="utf-8")  # same size
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same modification time
    assert p.stat().st_size == st.st_size and p.stat().st_mtime_ns == st.st_mtime_ns
    assert data.sources()["src-one"].title == "Fixed source"


def test_a_broken_file_is_never_kept(course: Path):
    p = course / "data" / "sources.yaml"
    p.write_text("sources: [\n", encoding="utf-8")
    for _ in range(2):
        doc, findings = data.parsed_yaml(p, "data/sources.yaml")
        assert doc is None and findings and findings[0].code == "YAML-SYNTAX"
    p.write_text("sources: []\n", encoding="utf-8")
    assert data.parsed_yaml(p, "data/sources.yaml") == ({"sources": []}, [])


def test_records_are_made_once_per_document_and_each_caller_gets_a_list_of_its_own(course: Path):
    from coursekit.model.records import Source

    first = data.yaml_list("sources.yaml", Source, key="sources")
    first.clear()  # what a caller does with its list stays its own
    again = data.yaml_list("sources.yaml", Source, key="sources")
    assert [s.id for s in again] == ["src-one"]
    assert again[0] is data.yaml_list("sources.yaml", Source, key="sources")[0]  # validated once, shared within a unit
