"""Status sentences are written from legislation.csv: law, section, source, evidence level and date, and
data text is escaped for the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from coursekit.book import status
from coursekit.model import data


@pytest.fixture
def shipped(monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(REPO))
    data.forget_parsed()


def test_a_national_provision_reads_as_the_row_says(shipped):
    text = status.sentence("LK", "csam_possession").text()
    assert text.startswith("Possession of child sexual abuse material: yes (")
    assert "s. 286A" in text and "secondary source, as of 1 December 2026" in text and "source: " in text


def test_partial_and_treaty_words(shipped):
    mv = status.sentence("MV", "csam_possession").text()
    assert mv.startswith("Possession of child sexual abuse material: partly, since 17 December 2024")
    assert "Law No. 6/2014" not in mv  # the Penal Code's own number is not the amendment's
    assert status.sentence("PH", "budapest_party").text().startswith(
        "Budapest Convention (Convention on Cybercrime): Party since 2018 (")
    assert "not a Party" in status.sentence("SG", "budapest_party").text()
    unknown = status.sentence("ID", "budapest_party").text()
    assert ": unknown (no checked source shows the status" in unknown and "secondary source" not in unknown


def test_a_list_explains_what_secondary_means(shipped):
    md = status.statuses("MY", ["csam_possession", "expedited_preservation"])._repr_markdown_()
    assert md.count("\n- ") + md.startswith("- ") == 2
    assert "*Secondary source:*" in md


def test_data_text_is_escaped_for_the_page(repo_course: Path, monkeypatch):
    path = repo_course / "data" / "legislation.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("SG,csam_possession,"))
    hostile = row.replace("s. 377BK", "s. 377BK <img src=x onerror=alert(1)> *bold* [link](http://x)")
    path.write_text(text.replace(row, hostile), encoding="utf-8")
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    data.forget_parsed()
    md = status.sentence("SG", "csam_possession").markdown()
    assert re.search(r"(?<!\\)[<*\[]", md.split(":** ", 1)[1]) is None  # nothing MyST would read as markup
    assert "\\<img" in md and "\\*bold\\*" in md and "\\[link\\]" in md


def test_an_unknown_provision_is_refused(shipped):
    with pytest.raises(ValueError, match="unknown provision"):
        status.sentence("LK", "possession")
