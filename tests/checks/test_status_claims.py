"""Hand-written status claims against legislation.csv: the eight contradictions the review found (and
three more) are each reported with file and cell when planted in a copy; the shipped book has none."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import REPO
from coursekit.checks import status_claims
from coursekit.checks.validate import validate
from coursekit.model.curriculum import load

# (page, heading of the cell it goes in, sentence an author might write) -> the provision it is about
PLANTED = [
    # the eight the review found in the prose
    ("bn", "## Key laws", "The grooming offence covers offenders aged 21 or over only, so the alignment table "
                          "marks it as partial.", "Online solicitation"),
    ("id", "## Key laws", "Whether possession of child sexual abuse material is an offence is not shown in the "
                          "consulted sources.", "Possession of CSAM"),
    ("id", "## Treaty status", "Indonesia is not a Party to the Budapest Convention.", "Budapest Convention"),
    ("la", "## Key laws", "The alignment table marks a possession offence specific to child sexual abuse material "
                          "as no.", "Possession of CSAM"),
    ("lk", "## Key laws", "Whether the Penal Code covers possession is not shown in the consulted sources.",
     "Possession of CSAM"),
    ("my", "## Discussion questions", "4. What would joining the Budapest Convention add, given the preservation "
                                      "gap?", "Expedited preservation"),
    ("sg", "## Key laws", "Which acts the offences cover, including possession, is not verified in the sources.",
     "Possession of CSAM"),
    ("mv", "## Key laws", "The December 2024 reform made the possession of child sexual abuse material an offence.",
     "Possession of CSAM"),
    # three more: a treaty the data says the country is a Party to, one it is not, and a model answer
    ("ph", "## Treaty status", "The Philippines is not a Party to the Budapest Convention.", "Budapest Convention"),
    ("th", "## Treaty status", "Thailand has been a Party to the Lanzarote Convention since 2020.",
     "Lanzarote Convention"),
    ("vn", "**Model answer.**", "Live-streamed abuse is not criminalised in Viet Nam.", "Live-streamed abuse"),
]


def _plant(root: Path, page: str, heading: str, sentence: str) -> int:
    """Add ``sentence`` as a paragraph of the cell that starts with ``heading``; its 1-based number."""
    path = root / "book" / "countries" / f"{page}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown" and cell.source.startswith(heading):
            cell.source += "\n\n" + sentence
            nbformat.write(nb, path)
            return i
    raise AssertionError(f"no cell starting with {heading!r} in {page}")


def test_the_shipped_book_makes_no_claim_the_data_contradicts():
    assert [f.format() for f in status_claims.check(load(REPO))] == []


def test_each_planted_contradiction_is_reported_with_file_and_cell(repo_course: Path):
    where = [(page, _plant(repo_course, page, heading, sentence), label)
             for page, heading, sentence, label in PLANTED]
    found = [f for f in validate(repo_course).findings if f.code == "STATUS-CLAIM-CONTRADICTS-DATA"]
    for page, cell, label in where:
        hits = [f for f in found if f.path == f"book/countries/{page}.ipynb" and f"cell {cell}, line " in f.message
                and label in f.message]
        assert hits, (page, cell, label, [f.format() for f in found])
        assert hits[0].line and hits[0].severity == "error"
        assert "data/legislation.csv line " in hits[0].message
    assert len(found) == len(PLANTED)  # nothing else in the book is reported


def test_a_claim_in_the_metadata_key_points_is_reported(repo_course: Path):
    path = repo_course / "book" / "countries" / "lk.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.metadata["course"]["keypoints"][0] = "Sri Lanka is not a Party to the Budapest Convention"
    nbformat.write(nb, path)
    found = [f for f in status_claims.check(load(repo_course))]
    assert [("metadata.course.keypoints item 1" in f.message, f.path) for f in found] == [
        (True, "book/countries/lk.ipynb")]


@pytest.mark.parametrize("text", [
    'The old summary said "possession is not an offence" in 2015.',    # a quotation
    "Possession of child sexual abuse material is dealt with below.",  # no status word
    "Compare with Lanzarote Art. 23 and UN Convention Art. 15.",       # articles, not participation
])
def test_quotations_and_mere_mentions_are_not_claims(text: str):
    assert list(status_claims.claims_in(text, "cell 1, line 1")) == []


def test_a_unit_about_several_countries_is_not_checked(repo_course: Path):
    path = repo_course / "book" / "standards" / "lanzarote.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\n\nThe Philippines is not a Party to the Budapest Convention."
    nbformat.write(nb, path)
    assert list(status_claims.check(load(repo_course))) == []


def test_a_rationale_of_a_country_question_is_checked_too(repo_course: Path):
    path = repo_course / "data" / "assessments" / "country-updates.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    rationale: In July 2025 the Home Minister told the Dewan Rakyat that Malaysia is in the process of joining."
    assert old in text
    path.write_text(text.replace(old, "    rationale: Malaysia is not a Party to the Budapest Convention."),
                    encoding="utf-8")
    found = list(status_claims.check(load(repo_course)))
    assert [(f.path, "question q4, rationale" in f.message, bool(f.line)) for f in found] == [
        ("data/assessments/country-updates.yaml", True, True)]
