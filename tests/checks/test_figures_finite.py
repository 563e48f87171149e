"""figures.csv holds numbers a page can state (issue 21): 'inf' and 'nan' were published as "inf" and
"about nan"; now each is a finding naming its row."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import course_main

HEADER = "country,measure,period,value,qualifier,what,source,evidence,note\n"


@pytest.mark.parametrize("value", ["inf", "nan", "-Infinity"])
def test_a_value_that_is_not_a_finite_number_is_a_finding(mini_course: Path, value: str):
    (mini_course / "data" / "figures.csv").write_text(
        HEADER + "PH,cybertipline-reports,2017,45645,,Reports received by the country,src-one,secondary,\n"
        f"LK,cybertipline-reports,2017,{value},about,Reports received by the country,src-one,secondary,\n")
    res = course_main("validate", root=mini_course)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "data/figures.csv:3: CSV-ROW value: Input should be a finite number" in res.stdout, res.stdout


def test_a_finite_value_is_fine(mini_course: Path):
    (mini_course / "data" / "figures.csv").write_text(
        HEADER + "PH,cybertipline-reports,2017,45645,,Reports received by the country,src-one,secondary,\n")
    res = course_main("validate", root=mini_course)
    assert res.returncode == 0, res.stdout + res.stderr
