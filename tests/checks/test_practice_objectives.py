"""Practice questions may name the objectives they practise; a name that matches no unit's objective is
found by validate, and a malformed one is refused when the file is read."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, copy_course, load
from coursekit.checks import practice as practice_check

PART = "data/practice/cooperation-and-capacity.yaml"


def _codes(root: Path) -> list[str]:
    return [f.code for f in practice_check.check(load(root))]


def test_shipped_practice_objectives_resolve():
    assert _codes(REPO) == []


def test_an_objective_of_no_unit_is_named(tmp_path: Path):
    root = copy_course(REPO, tmp_path / "course")
    p = root / PART
    p.write_text(p.read_text(encoding="utf-8").replace("[cooperation-without-budapest#1]", "[no-such-unit#1]", 1),
                 encoding="utf-8")
    assert "PRACTICE-OBJECTIVE-UNKNOWN" in _codes(root)


def test_an_objective_number_beyond_the_unit_is_named(tmp_path: Path):
    root = copy_course(REPO, tmp_path / "course")
    p = root / PART
    p.write_text(p.read_text(encoding="utf-8").replace("[cooperation-without-budapest#1]",
                                                       "[cooperation-without-budapest#9]", 1), encoding="utf-8")
    assert "PRACTICE-OBJECTIVE-UNKNOWN" in _codes(root)


def test_a_malformed_objective_reference_is_refused(tmp_path: Path):
    root = copy_course(REPO, tmp_path / "course")
    p = root / PART
    p.write_text(p.read_text(encoding="utf-8").replace("[cooperation-without-budapest#1]", "[objective one]", 1),
                 encoding="utf-8")
    assert _codes(root)  # a row finding with the line: not a silently ignored reference
