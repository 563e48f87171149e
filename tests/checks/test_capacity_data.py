"""data/capacity-programmes.csv and capacity-use.csv: clean as shipped; each rule broken alone is named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REPO, copy_course, load
from coursekit.book import capacity as book
from coursekit.checks import capacity
from coursekit.model.capacity import Programme, Use


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(REPO, tmp_path_factory.mktemp("cap") / "course")


def _codes(root: Path) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in capacity.check(load(root))]


def _with(root: Path, shown: str, old: str, new: str):
    p = root / shown
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        return _codes(root)
    finally:
        p.write_text(text, encoding="utf-8")


def test_shipped_capacity_data_is_clean():
    assert _codes(REPO) == []


def test_a_use_of_an_unknown_programme_is_named(course_copy: Path):
    found = _with(course_copy, "data/capacity-use.csv", "glacy,LK,", "glacy-x,LK,")
    assert ("data/capacity-use.csv", "CAPACITY-PROGRAMME-UNKNOWN") in found


def test_verified_on_a_copy_is_refused(course_copy: Path):
    found = _with(course_copy, "data/capacity-use.csv", "coe-cybercrime-update-2018-q1,secondary",
                  "coe-cybercrime-update-2018-q1,verified")
    assert ("data/capacity-use.csv", "CAPACITY-VERIFIED-WITHOUT-PRIMARY") in found
    found = _with(course_copy, "data/capacity-programmes.csv", "gfce-unodc-cybercrime-southeast-asia,secondary",
                  "gfce-unodc-cybercrime-southeast-asia,verified")
    assert ("data/capacity-programmes.csv", "CAPACITY-VERIFIED-WITHOUT-PRIMARY") in found


def test_repeated_use_and_unknown_offer_are_named(course_copy: Path):
    line = "glacy,LK,\"Country visit, to prepare a situation report, needs analysis and workplan.\",2014,coe-glacy-activities-2014,verified\n"
    found = _with(course_copy, "data/capacity-use.csv", line, line + line)
    assert ("data/capacity-use.csv", "CAPACITY-USE-DUPLICATE") in found
    found = _with(course_copy, "data/capacity-programmes.csv", "police-training;child-protection,",
                  "police-training;child-care,")
    assert ("data/capacity-programmes.csv", "CSV-ROW") in found


def test_use_grid_says_not_shown_for_silence_and_marks_secondary():
    prog = Programme(id="prog", name="A programme", short="Prog", organisation="Org", period="2020",
                     offers="legislation", how_to_ask="Not stated.", sources="coe-glacy-page", evidence="verified",
                     as_of=dt.date(2026, 12, 7), note="A long enough note.")
    uses = [Use(programme="prog", country="LK", what="Took part in a course.", year=None, source="x-y", evidence="secondary")]
    frame = book.use_frame(uses, [prog], {"LK": "Sri Lanka", "MV": "Maldives"})
    assert list(frame["Prog"]) == ["Yes*", book.NOT_SHOWN]
    offers = book.offers_frame([prog]).set_index("Offer")["Prog"]
    assert offers["Advice on legislation"] == "Yes" and offers["Training of police"] == book.NOT_STATED
