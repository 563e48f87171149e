"""data/legislation.csv: the shipped rows, the provision vocabulary, and what validate says about bad rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import REPO
from coursekit.checks import legislation as legislation_check
from coursekit.model import legislation
from coursekit.model.curriculum import load

FACTS = REPO.parent / "shared" / "reference" / "facts.yaml"
HEADER = ",".join(legislation.COLUMNS)


def shipped_rows() -> list[dict[str, str]]:
    with (REPO / "data" / "legislation.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def findings_for(root: Path, text: str) -> list:
    (root / "data" / "legislation.csv").write_text(text, encoding="utf-8")
    return list(legislation_check.check(load(root)))


def test_every_country_and_provision_has_exactly_one_row():
    rows = shipped_rows()
    codes = {r["iso2"] for r in csv.DictReader((REPO / "data" / "countries.csv").open(encoding="utf-8"))}
    pairs = [(r["country"], r["provision"]) for r in rows]
    assert len(pairs) == len(set(pairs))
    assert set(pairs) == {(c, p) for c in codes for p in legislation.PROVISIONS}


def test_every_status_other_than_unknown_cites_a_source_that_resolves():
    known = {s["id"] for s in yaml.safe_load((REPO / "data" / "sources.yaml").read_text())["sources"]}
    claims = [r for r in shipped_rows() if r["status"] != "unknown"]
    assert claims, "the shipped data should hold some checked statuses"
    for r in claims:
        assert r["source"] in known, f"{r['country']} {r['provision']} cites '{r['source']}'"


def test_national_provisions_marked_yes_or_partial_name_the_law():
    for r in shipped_rows():
        if legislation.PROVISIONS[r["provision"]].kind == "law" and r["status"] in ("yes", "partial"):
            assert r["law"].strip(), f"{r['country']} {r['provision']}"


@pytest.mark.skipif(not FACTS.exists(), reason="the reference facts live outside the repository")
def test_recalled_unverified_treaty_facts_stay_unknown():
    facts = yaml.safe_load(FACTS.read_text(encoding="utf-8"))["countries"]
    fact_key = {"budapest_party": "budapest", "budapest_p2_party": "budapest_second_protocol",
                "lanzarote_party": "lanzarote", "opsc_party": "opsc", "un_cybercrime_party": "un_cybercrime"}
    checked = 0
    for r in shipped_rows():
        key = fact_key.get(r["provision"])
        if key and facts[r["country"]][key]["confidence"] == "recalled-unverified":
            assert r["status"] == "unknown", f"{r['country']} {r['provision']} rests on a recalled fact"
            assert "not verified" in r["note"].lower()
            checked += 1
    assert checked >= 5  # BN, MV and VN Budapest; ID and SG UN Convention; PH Second Protocol


def test_shipped_data_passes_its_check():
    assert [f for f in legislation_check.check(load(REPO)) if f.severity == "error"] == []


def test_the_provision_vocabulary_is_documented_in_the_data_readme():
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    for pid in legislation.PROVISIONS:
        assert f"`{pid}`" in readme


def test_check_names_each_bad_row_by_line(repo_course):
    text = "\n".join([
        HEADER,
        "PH,budapest_party,yes,,2018,philippines-country-profile,2026-11-01,",  # line 2: fine
        "PH,csam_possesion,yes,RA 11930,,republic-act-11930-anti-osaec,2026-11-01,",  # 3: unknown provision
        "XX,opsc_party,yes,,2002,hr-status-op-crc-sc,2026-11-01,",  # 4: unknown country
        "LK,opsc_party,yes,,2006,,2026-11-01,",  # 5: claim without a source
        "TH,opsc_party,yes,,2006,no-such-source,2026-11-01,",  # 6: source that does not resolve
        "PH,budapest_party,no,,,philippines-country-profile,2026-11-01,",  # 7: same pair again
        "MY,online_solicitation,yes,,,sexual-offences-against-children-act,2026-11-01,",  # 8: law missing
        "MV,opsc_party,maybe,,,hr-status-op-crc-sc,2026-11-01,",  # 9: status outside the vocabulary
    ]) + "\n"
    by_line = {(f.line, f.code) for f in findings_for(repo_course, text) if f.severity == "error"}
    assert (3, "LEGISLATION-PROVISION-UNKNOWN") in by_line
    assert (4, "COUNTRY-UNKNOWN") in by_line
    assert (5, "LEGISLATION-NO-SOURCE") in by_line
    assert (6, "SOURCE-UNKNOWN") in by_line
    assert (7, "LEGISLATION-DUPLICATE") in by_line
    assert (8, "LEGISLATION-NO-LAW") in by_line
    assert (9, "CSV-ROW") in by_line
    assert not any(line == 2 for line, _ in by_line)


def test_unknown_rows_need_no_source_but_missing_pairs_are_warned_about(repo_course):
    findings = findings_for(repo_course, HEADER + "\nVN,budapest_party,unknown,,,,2026-11-01,Recalled; not verified.\n")
    assert not [f for f in findings if f.severity == "error"]
    missing = [f for f in findings if f.code == "LEGISLATION-MISSING-ROW"]
    assert missing and all(f.severity == "warning" for f in missing)


def test_status_matrix_shows_a_missing_pair_as_unknown():
    rows = pd.DataFrame([{"country": "PH", "provision": "budapest_party", "status": "yes"}])
    grid = legislation.status_matrix(rows, ["PH", "LK"], ["budapest_party", "opsc_party"])
    assert grid.loc["PH", "budapest_party"] == "yes"
    assert set(grid.loc["LK"]) == {"unknown"} and grid.loc["PH", "opsc_party"] == "unknown"


def test_treaty_events_are_the_dated_signatures_and_ratifications_only():
    rows = pd.DataFrame([
        {"country": "LK", "provision": "budapest_party", "status": "yes", "since": "2015-09-01", "source": "a"},
        {"country": "LK", "provision": "budapest_p2_party", "status": "partial", "since": "2022-11-30", "source": "b"},
        {"country": "PH", "provision": "budapest_party", "status": "yes", "since": None, "source": "c"},
        {"country": "TH", "provision": "lanzarote_party", "status": "no", "since": None, "source": "d"},
        {"country": "MY", "provision": "csam_possession", "status": "yes", "since": "2017", "source": "e"},
    ])
    events = legislation.treaty_events(rows)
    assert list(zip(events["country"], events["event"], events["year"], strict=True)) == [
        ("LK", "became a Party", 2015), ("LK", "signed", 2022)]


def test_statuses_read_as_words_for_treaties_and_for_law():
    assert legislation.status_text("opsc_party", "partial") == "Signed, not ratified"
    assert legislation.status_text("opsc_party", "partial", short=True) == "Signed"
    assert legislation.status_text("csam_possession", "partial") == "Partly"
    assert legislation.status_text("csam_possession", "unknown") == "Unknown"
