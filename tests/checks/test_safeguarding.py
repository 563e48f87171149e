"""Safeguarding checks: each code has a planted violation and a clean case that must stay clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_case_study
from coursekit.checks import safeguarding
from coursekit.model.curriculum import load

SHOWN = "book/case-studies/lk-hotline-referral.ipynb"
DATA = "data/case-studies/lk-hotline-referral.yaml"
LESSONS = 13  # index of the 'Outcome and lessons' cell in the template


@pytest.fixture
def case_unit(mini_course: Path) -> Path:
    """A filled-in case study (LK) in the mini course: safe, so every check starts clean."""
    return make_case_study(mini_course)


def _findings(root: Path):
    return list(safeguarding.check(load(root)))


def _edit(nb_path: Path, change) -> None:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    change(nb)
    nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")


def _add_text(nb_path: Path, text: str, cell: int = LESSONS) -> None:
    def add(nb):
        src = nb["cells"][cell]["source"]
        nb["cells"][cell]["source"] = ("".join(src) if isinstance(src, list) else src) + "\n\n" + text
    _edit(nb_path, add)


def _first_cell(nb_path: Path, replace: str, by: str) -> None:
    def change(nb):
        src = "".join(nb["cells"][0]["source"])
        assert replace in src
        nb["cells"][0]["source"] = src.replace(replace, by)
    _edit(nb_path, change)


def test_filled_case_study_is_clean(case_unit: Path):
    assert _findings(case_unit.parents[2]) == []


PLANTED = [
    ("SAFE-EMAIL", "Write to the investigator at officer.name@example.org for the file."),
    ("SAFE-PHONE", "The family's number was +94 11 234 5678."),
    ("SAFE-PHONE", "Call 077 123 4567 after six."),
    ("SAFE-ADDRESS", "The house at No. 12, Temple Road was searched."),
    ("SAFE-ADDRESS", "The suspect lived on 45 Mabini Street."),
    ("SAFE-DOB", "The child was born on 3 March 2012."),
    ("SAFE-DOB", "Date of birth: 2012-03-03."),
    ("SAFE-URL", "The material was at https://files.example.com/abc."),
    ("SAFE-URL", "See www.socialsite.com/profile for the account."),
    ("SAFE-IMAGE-PATH", "![Seized phone](../../tmp/phone.png)"),
    ("SAFE-IMAGE-PATH", '<img src="../../data/phone.png" alt="A phone">'),
    ("SAFE-IMAGE-ALT", "![](../images/timeline.png)"),
    ("SAFE-IMAGE-ALT", ":::{figure} ../images/timeline.png\n:name: fig-x\n\nCaption.\n:::"),
]


@pytest.mark.parametrize(("code", "text"), PLANTED, ids=[f"{c}-{i}" for i, (c, _) in enumerate(PLANTED)])
def test_planted_violation_is_named_with_file_cell_and_line(case_unit: Path, code: str, text: str):
    _add_text(case_unit, text)
    found = _findings(case_unit.parents[2])
    assert [f.code for f in found] == [code], [f.format() for f in found]
    f = found[0]
    assert f.path == SHOWN and f.line and f.message.startswith(f"cell {LESSONS + 1}:")
    stored = case_unit.read_text(encoding="utf-8").splitlines()
    assert text.split("\n")[0][:12] in stored[f.line - 1] or code.startswith("SAFE-IMAGE")


CLEAN = [
    "Republic Act No. 11930 (2022) replaced RA 9775; the DOJ received 1,297,474 reports in 2020.",
    "Figures for 2019-2022 come from A.M. No. 17-11-03-SC and Act No. 24 of 2007, Articles 16 to 21.",
    "Check the child's date of birth against the civil registry; do not print it.",
    "Requests went to https://www.coe.int/en/web/cybercrime and treaties.un.org, both official.",
    "The time 21:40:12 UTC is 03:10:12 in Sri Lanka (UTC+5:30).",
    "![Timeline of the case](../images/timeline.png)",
    ":::{figure} ../images/timeline.png\n:alt: Timeline of the case in eight phases\n\nCaption.\n:::",
    "The code calls casestudies.timeline(case) and data.sources().",
]


@pytest.mark.parametrize("text", CLEAN)
def test_near_misses_stay_clean(case_unit: Path, text: str):
    _add_text(case_unit, text)
    assert _findings(case_unit.parents[2]) == []


def test_missing_content_note(case_unit: Path):
    _first_cell(case_unit, "Content note", "Introduction")
    found = _findings(case_unit.parents[2])
    assert [(f.code, f.path) for f in found] == [("SAFE-CONTENT-NOTE", SHOWN)]


def test_composite_scenario_without_its_visible_note(case_unit: Path):
    _first_cell(case_unit, "Composite teaching scenario", "About this case")
    _first_cell(case_unit, "composite teaching scenario", "case")
    found = _findings(case_unit.parents[2])
    assert [f.code for f in found] == ["SAFE-BASIS"] and "composite" in found[0].message


def test_composite_note_only_in_a_trainer_cell_does_not_count(case_unit: Path):
    def move(nb):
        src = "".join(nb["cells"][0]["source"])
        note = src[src.index(":::{admonition} Composite"):]
        nb["cells"][0]["source"] = src.replace(note, "")
        nb["cells"].insert(1, {"cell_type": "markdown", "id": "trainer-note", "metadata": {"tags": ["trainer"]},
                               "source": note})
    _edit(case_unit, move)
    assert [f.code for f in _findings(case_unit.parents[2])] == ["SAFE-BASIS"]


def test_basis_missing(case_unit: Path):
    _edit(case_unit, lambda nb: nb["metadata"]["course"].pop("basis"))
    found = _findings(case_unit.parents[2])
    assert [f.code for f in found] == ["SAFE-BASIS"] and "does not state its basis" in found[0].message


def test_public_record_case_needs_no_composite_note(case_unit: Path):
    _first_cell(case_unit, "Composite teaching scenario", "About this case")
    _edit(case_unit, lambda nb: nb["metadata"]["course"].update(basis="public-record"))
    assert _findings(case_unit.parents[2]) == []


def test_personal_data_in_the_case_data_file_names_its_line(case_unit: Path):
    data = case_unit.parents[2] / DATA
    lines = data.read_text(encoding="utf-8").splitlines()
    n = next(i for i, ln in enumerate(lines) if ln.strip().startswith("event:"))
    lines[n] = '    event: "The mother called from 0771234567"'
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = _findings(case_unit.parents[2])
    assert [(f.code, f.path, f.line) for f in found] == [("SAFE-PHONE", DATA, n + 1)]
    assert "0771234567" not in found[0].message  # the report does not repeat the number


def test_units_that_are_not_case_studies_are_not_checked(mini_course: Path):
    _add_text(mini_course / "book" / "unit.ipynb", "Write to someone@example.org", cell=0)
    assert _findings(mini_course) == []


def test_allow_list_is_one_tuple_of_official_domains():
    assert {"coe.int", "unodc.org", "un.org", "gov.ph", "gov.lk"} <= set(safeguarding.ALLOWED_DOMAINS)
    assert safeguarding._allowed("www.coe.int") and safeguarding._allowed("treaties.un.org")
    assert not safeguarding._allowed("coe.int.example.com") and not safeguarding._allowed("notun.org")


@pytest.mark.parametrize("role", ["trainer", "solution"])
def test_personal_data_in_a_trainer_or_solution_cell_is_found_too(case_unit: Path, role: str):
    """The trainer edition is shared with trainers and may be printed: its cells are checked as well."""
    def add(nb):
        nb["cells"].insert(LESSONS, {"cell_type": "markdown", "id": f"{role}-cell", "metadata": {"tags": [role]},
                                     "source": "Ask officer.name@example.org; the family's number was +94 11 234 5678."})
    _edit(case_unit, add)
    found = _findings(case_unit.parents[2])
    assert sorted(f.code for f in found) == ["SAFE-EMAIL", "SAFE-PHONE"]
    assert all(f"cell {LESSONS + 1}:" in f.message for f in found)
