"""data/challenges.csv: the shipped rows, the category vocabulary, and what validate says about bad rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from coursekit.checks import challenges as challenges_check
from coursekit.model import challenges
from coursekit.model.curriculum import load
from pydantic import ValidationError

HEADER = ",".join(challenges.COLUMNS)
GOOD = "TH,victim-support,Children felt blamed in the justice process (Disrupting Harm in Thailand).,disrupting-harm-thailand,2022"


def shipped_rows() -> list[dict[str, str]]:
    with (REPO / "data" / "challenges.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def findings_for(root: Path, *lines: str) -> list:
    (root / "data" / "challenges.csv").write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return list(challenges_check.check(load(root)))


def test_shipped_rows_use_the_vocabulary_and_cite_sources_that_resolve():
    known = {s["id"] for s in yaml.safe_load((REPO / "data" / "sources.yaml").read_text())["sources"]}
    rows = shipped_rows()
    assert rows
    for r in rows:
        assert r["category"] in challenges.CATEGORIES
        assert r["source"] in known


def test_countries_with_nothing_sourced_have_no_rows():
    """Disrupting Harm phase 1 did not cover these, and no other sourced report names a challenge."""
    assert {r["country"] for r in shipped_rows()}.isdisjoint({"BN", "LA", "SG", "LK"})


def test_shipped_data_passes_its_check():
    assert list(challenges_check.check(load(REPO))) == []


def test_the_category_vocabulary_is_documented_in_the_data_readme():
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    for c in challenges.CATEGORIES.values():
        assert f"`{c.id}`" in readme and c.label in readme


def test_check_names_each_bad_row_by_line(repo_course):
    findings = findings_for(
        repo_course,
        GOOD,                                                                       # line 2: fine
        GOOD.replace("victim-support", "weather"),                                  # 3: unknown category
        GOOD.replace("TH,", "KH,", 1),                                              # 4: unknown country
        GOOD.replace("disrupting-harm-thailand", "no-such-report"),                 # 5: unresolved source
        GOOD,                                                                       # 6: repeats line 2
        GOOD.replace(",2022", ",2022-02-30"),                                       # 7: no such date
        "TH,victim-support,Too short,disrupting-harm-thailand,2022",                 # 8: description too short
    )
    by_line = {(f.line, f.code) for f in findings}
    assert {(3, "CHALLENGE-CATEGORY-UNKNOWN"), (4, "COUNTRY-UNKNOWN"), (5, "SOURCE-UNKNOWN"),
            (6, "CHALLENGE-DUPLICATE"), (7, "CSV-ROW"), (8, "CSV-ROW")} <= by_line
    assert not any(line == 2 for line, _ in by_line)


def test_a_missing_column_is_one_clear_finding(repo_course):
    (repo_course / "data" / "challenges.csv").write_text("country,category,description\nTH,victim-support,x\n")
    findings = list(challenges_check.check(load(repo_course)))
    assert [f.code for f in findings] == ["CSV-COLUMNS"]
    assert "source" in findings[0].message and "reported_at" in findings[0].message


@pytest.mark.parametrize("value", ["2022", "2023-05", "2022-09-30"])
def test_reported_at_may_be_a_year_a_month_or_a_day(value):
    row = challenges.ChallengeRow(country="TH", category="victim-support", description="A description long enough.",
                                  source="disrupting-harm-thailand", reported_at=value)
    assert row.reported_at == value


@pytest.mark.parametrize("value", ["2022-13", "22-09-30", "30/09/2022", "2022-02-29"])
def test_reported_at_rejects_what_is_not_a_date(value):
    with pytest.raises(ValidationError):
        challenges.ChallengeRow(country="TH", category="victim-support", description="A description long enough.",
                                source="disrupting-harm-thailand", reported_at=value)


def test_period_phrase_spans_the_reports():
    assert challenges.period_phrase(["2023-05", "2022", "2022-09-30"]) == "Reports dated 2022 to May 2023."
    assert challenges.period_phrase(["2022"]) == "Reports dated 2022."
    assert challenges.period_phrase([]) == ""
