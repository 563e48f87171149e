"""checks.consistency: a case study resting on an unverified provision (warning), a figure or a treaty
status stated differently in two data files (error). Each test breaks a copy of the shipped course."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coursekit.checks import consistency
from coursekit.model.curriculum import load


def findings(root: Path, code: str) -> list:
    return [f for f in consistency.check(load(root)) if f.code == code]


def set_status(root: Path, country: str, provision: str, status: str) -> None:
    """Rewrite one legislation row as ``status`` (an unknown row carries no law, section or date)."""
    path = root / "data" / "legislation.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if (r["country"], r["provision"]) == (country, provision):
            r["status"] = status
            if status in ("unknown", "no"):
                r["law"] = r["section"] = r["since"] = ""
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def add_profile_fact(root: Path, iso2: str, fact: str, source: str) -> None:
    path = root / "data" / "country-updates" / f"{iso2.lower()}.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "profile:\n", f'profile:\n  - fact: "{fact}"\n    source: {source}\n', 1)
    path.write_text(text, encoding="utf-8")


def test_the_shipped_course_is_consistent():
    from conftest import REPO

    assert list(consistency.check(load(REPO))) == []


def test_a_case_charging_under_a_provision_marked_unknown_is_warned_about(repo_course):
    set_status(repo_course, "PH", "csam_possession", "unknown")
    found = findings(repo_course, "CONSISTENCY-CASE-BASIS")
    assert {f.path for f in found} == {"data/case-studies/ph-tipline-referral-and-cybercrime-warrants.yaml",
                                     "data/case-studies/ph-livestream-payments-from-abroad.yaml"}
    assert all(f.severity == "warning" for f in found)
    assert "PH csam_possession 'unknown'" in found[0].message and found[0].line


def test_a_no_is_warned_about_too_and_other_countries_are_untouched(repo_course):
    set_status(repo_course, "LK", "online_solicitation", "no")
    found = findings(repo_course, "CONSISTENCY-CASE-BASIS")
    assert [f.path for f in found] == ["data/case-studies/lk-platform-report-of-online-grooming.yaml"]


def test_a_figure_stated_differently_from_the_same_source_is_an_error(repo_course):
    add_profile_fact(repo_course, "PH", "The DOJ Office of Cybercrime received 1,300,000 CyberTipline reports in 2020.",
                     "cases-online-sexual-exploitation-children")
    found = findings(repo_course, "CONSISTENCY-FIGURE")
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].path == "data/country-updates/ph.yaml" and found[0].line == 8
    assert "1,300,000" in found[0].message and "1,297,474" in found[0].message


def test_the_same_figure_stated_the_same_way_is_fine(repo_course):
    add_profile_fact(repo_course, "PH", "The DOJ Office of Cybercrime received 1,297,474 CyberTipline reports in 2020.",
                     "cases-online-sexual-exploitation-children")
    assert findings(repo_course, "CONSISTENCY-FIGURE") == []


def test_a_disrupting_harm_share_stated_differently_is_an_error(repo_course):
    add_profile_fact(repo_course, "TH", "Disrupting Harm: 19% of internet-using children aged 12-17 were subjected to "
                     "online sexual exploitation and abuse in the past year.", "disrupting-harm-data-insights")
    found = findings(repo_course, "CONSISTENCY-FIGURE")
    assert [(f.path, "19" in f.message and "9" in f.message) for f in found] == [("data/country-updates/th.yaml", True)]


def test_a_treaty_step_and_the_legislation_table_must_agree(repo_course):
    path = repo_course / "data" / "country-updates" / "vn.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    year: 2025\n    step: \"Hosted the signing",
                                                             "    year: 2024\n    step: \"Hosted the signing"))
    found = findings(repo_course, "CONSISTENCY-STATUS")
    assert len(found) == 1 and "2024" in found[0].message and "2025-10-25" in found[0].message


def test_a_treaty_step_for_a_status_the_table_marks_unknown_is_an_error(repo_course):
    set_status(repo_course, "VN", "un_cybercrime_party", "unknown")
    found = findings(repo_course, "CONSISTENCY-STATUS")
    assert found and all("'unknown'" in f.message for f in found)
