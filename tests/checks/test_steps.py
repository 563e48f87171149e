"""Challenges linked to the steps that answered them: the links hold, steps follow the evidence rules,
and the pages count open and answered challenges from the data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO
from coursekit.book import followup
from coursekit.checks import source_kinds, steps
from coursekit.model import data
from coursekit.model.challenges import ChallengeRow
from coursekit.model.curriculum import load


def _codes(root: Path) -> list[tuple[str, int | None, str]]:
    course = load(root)
    return [(f.path, f.line, f.code) for f in [*steps.check(course), *source_kinds.check(course)]]


def test_the_shipped_links_and_steps_hold():
    assert _codes(REPO) == []
    per_country: dict[str, int] = {}
    for country, _, step, _ in steps.country_steps(load(REPO)):
        assert step.id and step.evidence and step.source
        per_country[country] = per_country.get(country, 0) + 1
    assert len(per_country) == 10 and min(per_country.values()) >= 5, per_country


def _set_link(root: Path, country: str, value: str) -> int:
    """Point the first linked challenge of ``country`` at ``value``; its line."""
    path = root / "data" / "challenges.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    for n, line in enumerate(lines):
        if line.startswith(country + ",") and line.rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyz0123456789")):
            head = line.rsplit(",", 1)[0]
            lines[n] = f"{head},{value}"
            path.write_text("\n".join(lines), encoding="utf-8")
            return n + 1
    raise AssertionError(f"no linked challenge for {country}")


@pytest.mark.parametrize(("value", "code"), [
    ("MV:no-such-step", "CHALLENGE-STEP-UNKNOWN"),
    ("LK:lk-2024-online-safety-act", "CHALLENGE-STEP-OTHER-COUNTRY"),
    ("MV:mv-2009-special-provisions-act", "CHALLENGE-STEP-BEFORE-REPORT"),
])
def test_a_broken_link_is_named_with_its_line(repo_course: Path, value: str, code: str):
    line = _set_link(repo_course, "MV", value)
    assert ("data/challenges.csv", line, code) in _codes(repo_course)


def test_a_step_verified_on_a_news_report_is_refused(repo_course: Path):
    path = repo_course / "data" / "country-updates" / "mv.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "    source: maldives-signs-un-convention-against\n    evidence: secondary"
    assert marker in text
    path.write_text(text.replace(marker, marker.replace("secondary", "verified")), encoding="utf-8")
    found = [c for c in _codes(repo_course) if c[2] == "EVIDENCE-VERIFIED-ON-WEAK-SOURCE"]
    assert [(p, bool(line)) for p, line, _ in found] == [("data/country-updates/mv.yaml", True)]


def test_one_event_is_one_step(repo_course: Path):
    path = repo_course / "data" / "country-updates" / "bn.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    twice = dict(doc["steps"][-1])
    path.write_text(path.read_text(encoding="utf-8") + "  - " + yaml.safe_dump(twice, sort_keys=False).replace(
        "\n", "\n    ").rstrip() + "\n", encoding="utf-8")
    codes = {c for _, _, c in _codes(repo_course)}
    assert {"STEP-DUPLICATE-ID", "STEP-SAME-EVENT"} <= codes


def test_the_pages_count_open_and_answered_from_the_data(monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(REPO))
    data.forget_parsed()
    rows = [r for r in data.table("challenges.csv", ChallengeRow) if r.country in data.country_names()]
    counts = followup.counts_frame().set_index("Category")
    assert counts.loc["All categories", "Reported"] == len(rows)
    assert counts.loc["All categories", "Answered by a step since"] == sum(bool(r.addressed_at) for r in rows) >= 40
    mv = followup.since_table("MV")
    assert len(mv.frame) == sum(bool(r.addressed_at) for r in rows if r.country == "MV")
    assert "are open" in mv.caption
    bn_rows = [r for r in rows if r.country == "BN"]
    bn_done = sum(bool(r.addressed_at) for r in bn_rows)
    assert f"{bn_done} of the {len(bn_rows)} challenges" in followup.since_table("BN").caption
    # A country none of whose challenges has a step since says so plainly (every country has one in the
    # shipped data, so clear Brunei's links in a copy of the table).
    frame = followup.challenges.frame().copy()
    frame.loc[frame["country"] == "BN", "addressed_at"] = ""
    monkeypatch.setattr(followup.challenges, "frame", lambda: frame)
    assert "all are open" in followup.since_table("BN")._repr_markdown_()
