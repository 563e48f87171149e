"""The child-victim measures of legislation.csv are national law: a 'yes' needs its law and section, like
every national provision, and each measure has a row for every country."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, copy_course, load
from coursekit.checks import legislation as legislation_check
from coursekit.model import legislation


def _codes(root: Path) -> list[str]:
    return [f.code for f in legislation_check.check(load(root)) if f.path == "data/legislation.csv"]


def test_a_child_justice_yes_without_its_law_is_refused(tmp_path: Path):
    root = copy_course(REPO, tmp_path / "course")
    p = root / "data" / "legislation.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("BN,recorded_testimony,yes,Criminal Procedure Code,",
                                                       "BN,recorded_testimony,yes,,", 1), encoding="utf-8")
    assert "LEGISLATION-NO-LAW" in _codes(root)


def test_each_measure_has_a_row_for_every_country():
    rows = legislation.frame()
    countries = set(load(REPO).country_codes)
    for p in legislation.CHILD_JUSTICE_PROVISIONS:
        assert set(rows[rows["provision"] == p]["country"]) == countries, p
