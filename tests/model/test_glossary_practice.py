"""The glossary and the practice questions: typed, sourced, and refused with a clear finding when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from coursekit.checks import glossary as glossary_check
from coursekit.checks import practice as practice_check
from coursekit.model import glossary, practice
from coursekit.model.curriculum import load
from coursekit.model.findings import InputError


def test_the_shipped_glossary_expands_the_acronyms_the_issue_names():
    long = glossary.expansions(REPO)
    for short in ["NBI", "PNP", "NCMEC", "T-CY", "CETS", "CSAM"]:
        assert short in long and not long[short].isupper(), short


def test_a_glossary_entry_without_its_long_form_is_refused_with_file_and_line(mini_course: Path):
    (mini_course / "data" / "glossary.yaml").write_text("terms: []\nacronyms:\n  - short: NBI\n    checked: true\n")
    with pytest.raises(InputError) as exc:
        glossary.acronyms(mini_course)
    finding = exc.value.findings[0]
    assert finding.path == "data/glossary.yaml" and finding.line == 3 and "long" in finding.message


def test_a_repeated_acronym_and_an_unknown_source_are_findings(mini_course: Path):
    (mini_course / "data" / "glossary.yaml").write_text(
        "terms: []\nacronyms:\n  - {short: NBI, long: National Bureau of Investigation, checked: false}\n"
        "  - {short: NBI, long: Another, checked: false, source: no-such-source}\n")
    codes = {f.code for f in glossary_check.check(load(mini_course))}
    assert codes == {"GLOSSARY-DUPLICATE", "GLOSSARY-SOURCE-UNKNOWN"}


def test_the_shipped_practice_questions_are_valid_and_sourced():
    course = load(REPO)
    assert not list(practice_check.check(course))
    parts = practice.parts(REPO)
    assert "case-studies" in parts and len(parts) >= 5
    assert all(q.sources for part in parts for q in practice.load(REPO, part))


def test_an_answer_that_is_not_one_of_the_options_is_a_finding(mini_course: Path):
    folder = mini_course / "data" / "practice"
    folder.mkdir()
    (folder / "demo.yaml").write_text(
        "questions:\n  - id: p1\n    question: Which article covers preservation?\n    options: [A, B]\n"
        "    answer: C\n    explanation: Because the article says so.\n    sources: [src-one]\n")
    _, findings = practice.read(mini_course, "demo")
    assert [f.code for f in findings] == ["PRACTICE-ANSWER-NOT-AN-OPTION"] and findings[0].line == 2
