"""data/cooperation-channels.csv: the shipped file is clean; each rule, broken alone, is named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, copy_course, load
from coursekit.checks import cooperation

SHOWN = "data/cooperation-channels.csv"


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(REPO, tmp_path_factory.mktemp("coop") / "course")


def _codes(root: Path) -> list[tuple[int | None, str]]:
    return [(f.line, f.code) for f in cooperation.check(load(root)) if f.path == SHOWN]


def _with(root: Path, old: str, new: str):
    """Replace ``old`` once in the file, return the findings, and put the file back."""
    p = root / SHOWN
    text = p.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        return _codes(root)
    finally:
        p.write_text(text, encoding="utf-8")


def _line_of(root: Path, row_id: str) -> int:
    lines = (root / SHOWN).read_text(encoding="utf-8").splitlines()
    return next(n for n, ln in enumerate(lines, start=1) if ln.startswith(row_id + ","))


def test_shipped_channels_are_clean():
    assert _codes(REPO) == []


def test_no_on_a_secondary_row_is_refused(course_copy: Path):
    # the Harare Scheme row is secondary: claiming it cannot obtain content needs the official text
    line = _line_of(course_copy, "harare-scheme")
    found = _with(course_copy, "scheme,no,BN MY MV SG LK,,general,general,general,named",
                  "scheme,no,BN MY MV SG LK,,general,general,no,named")
    assert (line, "COOPERATION-NO-ON-SECONDARY") in found


def test_verified_row_citing_only_copies_and_summaries_is_refused(course_copy: Path):
    line = _line_of(course_copy, "provider-direct")
    found = _with(course_copy, "zwillgen-foreign-requests-mlat,secondary", "zwillgen-foreign-requests-mlat,verified")
    assert (line, "COOPERATION-VERIFIED-WITHOUT-PRIMARY") in found


def test_unknown_source_and_country_are_named(course_copy: Path):
    line = _line_of(course_copy, "asean-mlat")
    found = _with(course_copy, "treaty,yes,BN ID LA MY PH SG TH VN", "treaty,yes,BN ID LA MY PH SG TH XX")
    assert (line, "COUNTRY-UNKNOWN") in found
    found = _with(course_copy, "cil-nus-2004-mlat,verified", "no-such-source,verified")
    assert (line, "SOURCE-UNKNOWN") in found


def test_reach_from_must_be_a_treaty_row_of_legislation(course_copy: Path):
    line = _line_of(course_copy, "budapest")
    found = _with(course_copy, ",budapest_party,", ",livestream_party,")
    assert (line, "COOPERATION-REACH-UNKNOWN") in found


def test_a_value_outside_the_vocabulary_is_a_row_finding(course_copy: Path):
    line = _line_of(course_copy, "saarc-mla")
    found = _with(course_copy, "treaty,unknown,,,unknown,unknown", "treaty,unknown,,,perhaps,unknown")
    assert (line, "CSV-ROW") in found


def test_duplicate_channel_id(course_copy: Path):
    line = _line_of(course_copy, "harare-scheme")
    found = _with(course_copy, "harare-scheme,Commonwealth", "asean-mlat,Commonwealth")
    assert (line, "COOPERATION-DUPLICATE") in found
