"""The evidence level follows the source: 'verified' is refused on a news report, an NGO summary or a
copy, in every table with an evidence column; every shipped source has a kind and a year (or n.d.)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from coursekit.checks import source_kinds
from coursekit.model.curriculum import load

SOURCES = """sources:
  - id: a-news-report
    title: A news report
    publisher: A newspaper
    kind: news
    year: 2023
    accessed: 2026-12-01
  - id: an-ngo-summary
    title: A legal summary
    publisher: An NGO
    kind: ngo
    year: n.d.
    accessed: 2026-12-01
  - id: a-mirror
    title: A copy of a statute
    publisher: A document-sharing site
    kind: copy
    year: 2019
    accessed: 2026-12-01
  - id: the-gazette
    title: The official gazette
    publisher: The government printer
    kind: official
    year: 2019
    accessed: 2026-12-01
  - id: src-one
    title: First source
    publisher: Test publisher
    kind: official
    year: 2020
    accessed: 2026-11-01
  - id: src-two
    title: Second source
    publisher: Test publisher
    kind: government
    year: n.d.
    accessed: 2026-11-01
"""

HEAD = {
    "challenges.csv": "country,category,description,source,reported_at,evidence,addressed_at,addressed_note,addressed_source\n",
    "legislation.csv": "country,provision,status,law,section,since,source,evidence,as_of,note\n",
    "figures.csv": "country,measure,period,value,qualifier,what,source,evidence,note\n",
}


def _row(table: str, source: str, evidence: str) -> str:
    if table == "challenges.csv":
        return f"PH,victim-support,A finding.,{source},2023,{evidence},,,\n"
    if table == "legislation.csv":
        return f"PH,csam_possession,yes,Penal Code,s. 1,2019,{source},{evidence},2026-12-01,\n"
    return f"PH,cybertipline-reports,2021,5,,reports,{source},{evidence},\n"


def _codes(root: Path) -> list[tuple[str, int | None, str, str]]:
    return [(f.path, f.line, f.code, f.severity) for f in source_kinds.check(load(root))]


@pytest.mark.parametrize("table", sorted(HEAD))
@pytest.mark.parametrize("weak", ["a-news-report", "an-ngo-summary", "a-mirror"])
def test_verified_refused_on_news_ngo_or_copy(mini_course: Path, table: str, weak: str):
    (mini_course / "data" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (mini_course / "data" / table).write_text(HEAD[table] + _row(table, weak, "verified"), encoding="utf-8")
    found = _codes(mini_course)
    assert (f"data/{table}", 2, "EVIDENCE-VERIFIED-ON-WEAK-SOURCE", "error") in found


@pytest.mark.parametrize("table", sorted(HEAD))
def test_secondary_on_weak_and_verified_on_official_pass(mini_course: Path, table: str):
    (mini_course / "data" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    rows = _row(table, "a-news-report", "secondary")
    (mini_course / "data" / table).write_text(HEAD[table] + rows, encoding="utf-8")
    assert _codes(mini_course) == []
    (mini_course / "data" / table).write_text(HEAD[table] + _row(table, "the-gazette", "verified"), encoding="utf-8")
    assert _codes(mini_course) == []


def test_source_without_kind_or_year_is_named(mini_course: Path):
    text = SOURCES.replace("    kind: official\n    year: 2019\n", "    year: null\n", 1)
    text = text.replace("kind: news", "kind: blog")
    (mini_course / "data" / "sources.yaml").write_text(text, encoding="utf-8")
    found = {(code, sev) for _, _, code, sev in _codes(mini_course)}
    assert found == {("SOURCE-NO-KIND", "warning"), ("SOURCE-NO-YEAR", "warning"), ("SOURCE-KIND-UNKNOWN", "error")}
    lines = {line for _, line, code, _ in _codes(mini_course) if code == "SOURCE-NO-KIND"}
    assert lines == {20}  # the-gazette's entry


def test_shipped_sources_have_kind_and_year_and_rows_pass():
    """Every shipped source is kinded and dated; no shipped row is verified on a weak source."""
    assert _codes(REPO) == []


def test_a_source_cited_nowhere_is_named(mini_course: Path):
    from coursekit.checks import unused_sources

    path = mini_course / "data" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8") + SOURCES.split("sources:\n", 1)[1].split("  - id: the-gazette")[0],
                    encoding="utf-8")
    found = {(f.code, f.severity, f.message.split("'")[1]) for f in unused_sources.check(load(mini_course))}
    assert found == {("SOURCE-UNUSED", "warning", s) for s in ("a-news-report", "an-ngo-summary", "a-mirror")}
    assert list(unused_sources.check(load(REPO))) == []


INSTRUMENT = """id: treaty
short_title: A Treaty
full_title: A Treaty for tests
data_as_of: "2026-12"
sources: [the-gazette]
articles:
  - number: 1
    title: Definitions
    summary: Defines the words the treaty relies on, for the test.
    tags: [general]
    sources: [{source}]
    verified: {verified}
"""


@pytest.mark.parametrize("weak", ["a-news-report", "an-ngo-summary", "a-mirror"])
def test_an_article_verified_on_a_copy_news_or_summary_is_named_with_its_line(mini_course: Path, weak: str):
    """A treaty title read in a copy of the text is second-hand: 'verified' needs the official text."""
    from coursekit.checks import standards

    (mini_course / "data" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    folder = mini_course / "data" / "instruments"
    folder.mkdir(exist_ok=True)
    path = folder / "treaty.yaml"
    path.write_text(INSTRUMENT.format(source=weak, verified="true"), encoding="utf-8")
    found = [(f.path, f.line, f.code) for f in standards.check(load(mini_course))]
    assert found == [("data/instruments/treaty.yaml", 7, "EVIDENCE-VERIFIED-ON-WEAK-SOURCE")]
    path.write_text(INSTRUMENT.format(source=weak, verified="false"), encoding="utf-8")
    assert list(standards.check(load(mini_course))) == []
    path.write_text(INSTRUMENT.format(source="the-gazette", verified="true"), encoding="utf-8")
    assert list(standards.check(load(mini_course))) == []


def test_no_shipped_article_is_verified_on_second_hand_sources_only():
    from coursekit.checks import standards

    weak = [f"{f.path}:{f.line}" for f in standards.check(load(REPO)) if f.code == "EVIDENCE-VERIFIED-ON-WEAK-SOURCE"]
    assert weak == [], "set 'verified: false' on these articles or cite the official text"
