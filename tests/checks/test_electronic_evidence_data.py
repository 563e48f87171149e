"""data/electronic-evidence.csv: clean as shipped, all ten countries and three aspects present; each rule
broken alone is named with its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REPO, copy_course, load
from coursekit.book import electronic_evidence as book
from coursekit.checks import electronic_evidence
from coursekit.model.electronic_evidence import ASPECTS, EvidenceRule, rules
from pydantic import ValidationError

SHOWN = "data/electronic-evidence.csv"


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(REPO, tmp_path_factory.mktemp("eev") / "course")


def _with(root: Path, old: str, new: str) -> list[tuple[int | None, str]]:
    p = root / SHOWN
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        return [(f.line, f.code) for f in electronic_evidence.check(load(root))]
    finally:
        p.write_text(text, encoding="utf-8")


def _line(root: Path, start: str) -> int:
    lines = (root / SHOWN).read_text(encoding="utf-8").splitlines()
    return next(n for n, ln in enumerate(lines, start=1) if ln.startswith(start))


def test_shipped_rows_are_clean_and_cover_every_country_and_aspect():
    assert list(electronic_evidence.check(load(REPO))) == []
    found = {(r.country, r.aspect) for r in rules()}
    assert len(found) == 10 * len(ASPECTS)


def test_no_on_a_secondary_source_is_refused(course_copy: Path):
    line = _line(course_copy, "LK,admissibility")
    assert (line, "EVIDENCE-NO-ON-SECONDARY") in _with(course_copy, "LK,admissibility,yes", "LK,admissibility,no")


def test_verified_needs_a_primary_source_and_a_section_seen(course_copy: Path):
    line = _line(course_copy, "VN,admissibility")
    found = _with(course_copy, "cyberleninka-vn-e-evidence-cpc-2015,secondary", "cyberleninka-vn-e-evidence-cpc-2015,verified")
    assert (line, "EVIDENCE-SECTION-NOT-SEEN") in found
    line = _line(course_copy, "MY,admissibility")  # a section that was seen, but only in a copy of the Act
    found = _with(course_copy, "my-evidence-act-s90a-copy,secondary,2026-12-07\nMY,authentication",
                  "my-evidence-act-s90a-copy,verified,2026-12-07\nMY,authentication")
    assert (line, "EVIDENCE-VERIFIED-WITHOUT-PRIMARY") in found


def test_duplicate_and_unknown_aspect(course_copy: Path):
    line = _line(course_copy, "BN,authentication")
    assert (line, "EVIDENCE-DUPLICATE") in _with(course_copy, "BN,authentication,", "BN,admissibility,")
    assert (line, "EVIDENCE-ASPECT-UNKNOWN") in _with(course_copy, "BN,authentication,", "BN,weight,")


def test_a_yes_without_law_section_or_source_is_refused():
    with pytest.raises(ValidationError, match="needs law"):
        EvidenceRule(country="BN", aspect="admissibility", status="yes", what="Something the law says.",
                     as_of=dt.date(2026, 12, 7))


def test_grid_says_unknown_for_a_missing_row_and_stars_secondary():
    row = EvidenceRule(country="MY", aspect="admissibility", status="yes", law="Evidence Act 1950", section="s. 90A(1)",
                       what="A document produced by a computer is admissible.", source="my-evidence-act-s90a-copy",
                       evidence="secondary", as_of=dt.date(2026, 12, 7))
    frame = book.grid_frame([row], {"MY": "Malaysia", "MV": "Maldives"}).set_index("Country")
    assert frame.loc["Malaysia", "Admissibility"] == "Yes*"
    assert frame.loc["Maldives", "Admissibility"] == "Unknown"
    assert frame.loc["Malaysia", "Chain of custody"] == "Unknown"
