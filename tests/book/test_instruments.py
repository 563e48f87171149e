"""Instrument files: the shipped ones load and are sourced, a broken one gets file:line findings, and
the tables the units show carry a source per row and mark unverified rows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES, REPO
from coursekit.book import instruments as instrument_tables
from coursekit.checks.validate import validate
from coursekit.engine.transforms.add_unit_points import add_unit_points
from coursekit.model import data, instruments
from coursekit.model.curriculum import load
from coursekit.model.findings import InputError

STANDARDS = FIXTURES / "standards"
SHIPPED = sorted((REPO / "data" / "instruments").glob("*.yaml"))
CONVENTION_IDS = {"budapest", "budapest_p2", "lanzarote", "un_cybercrime", "opsc", "mnr"}


@pytest.fixture
def demo_course(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini course with the three-article demo instrument, as the notebooks' data root."""
    folder = mini_course / "data" / "instruments"
    folder.mkdir()
    shutil.copy(STANDARDS / "demo.yaml", folder / "demo.yaml")
    monkeypatch.setenv("COURSE_ROOT", str(mini_course))
    return mini_course


# ---- the shipped data ------------------------------------------------------------------------

def test_every_convention_has_an_instrument_file():
    assert {p.stem for p in SHIPPED} == CONVENTION_IDS


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_instrument_loads_and_every_source_resolves(path: Path):
    inst, findings = instruments.read_instrument(path, path.name)
    assert findings == [] and inst is not None
    assert inst.id == path.stem
    known = load(REPO).sources
    cited = instruments.source_lines(path, path.name)
    assert cited, "an instrument file must cite sources"
    assert [sid for sid, _ in cited if sid not in known] == []


def test_articles_the_units_teach_are_in_the_data():
    b = instruments.read_instrument(REPO / "data/instruments/budapest.yaml", "b")[0]
    assert [str(n) for n in range(1, 36)] == b.numbers()
    lz = instruments.read_instrument(REPO / "data/instruments/lanzarote.yaml", "l")[0]
    assert {str(n) for n in [*range(18, 25), *range(30, 39)]} <= set(lz.numbers())
    un = instruments.read_instrument(REPO / "data/instruments/un_cybercrime.yaml", "u")[0]
    assert {"14", "15"} <= set(un.numbers())


def test_recalled_titles_are_marked_unverified():
    """facts.yaml has the Second Protocol's Arts 7-14 and Lanzarote Arts 22 and 32 as recalled only; Arts 1-5
    were read in the draft (T-CY(2020)7, a copy), so they are not verified either."""
    p2 = instruments.read_instrument(REPO / "data/instruments/budapest_p2.yaml", "p")[0]
    assert [a.number for a in p2.articles if not a.verified] == [str(n) for n in [*range(1, 6), *range(7, 15)]]
    lz = instruments.read_instrument(REPO / "data/instruments/lanzarote.yaml", "l")[0]
    assert not lz.article("22").verified and not lz.article("32").verified
    assert lz.article("23").verified


def test_summaries_say_child_sexual_abuse_material():
    """Luxembourg Terminology Guidelines: the older term appears only inside quoted legal titles."""
    for path in SHIPPED:
        inst = instruments.read_instrument(path, path.name)[0]
        assert [a.number for a in inst.articles if "child pornography" in a.summary.lower()] == [], path.name


def test_status_facts_always_carry_a_date():
    for path in SHIPPED:
        inst = instruments.read_instrument(path, path.name)[0]
        for fact in inst.facts:
            if fact.kind == "status":
                assert fact.as_of or fact.date_note, f"{path.name}: {fact.label}"


# ---- broken files: findings with file and line ---------------------------------------------

def test_missing_field_and_unknown_tag_are_reported_on_their_lines():
    path = STANDARDS / "article_without_summary_and_bad_tag.yaml"
    inst, findings = instruments.read_instrument(path, "data/instruments/x.yaml")
    assert inst is None
    where = {(f.line, f.code) for f in findings}
    assert (13, "INSTRUMENT-FIELD") in where  # the list item of article 2, which has no summary
    assert (21, "INSTRUMENT-FIELD") in where  # the 'offense' tag of article 3
    assert all(f.path == "data/instruments/x.yaml" for f in findings)
    assert len(findings) == 2
    assert any("articles.1.summary" in f.message for f in findings)


def test_duplicate_article_number_names_both_lines():
    path = STANDARDS / "duplicate_article_number.yaml"
    _, findings = instruments.read_instrument(path, path.name)
    dup = [f for f in findings if f.code == "INSTRUMENT-DUPLICATE-ARTICLE"]
    assert len(dup) == 1 and dup[0].line == 13 and "line 7" in dup[0].message


def test_yaml_syntax_error_names_the_line():
    path = STANDARDS / "yaml_syntax_error.yaml"
    _, findings = instruments.read_instrument(path, path.name)
    assert [(f.code, f.line) for f in findings] == [("YAML-SYNTAX", 6)]


def test_status_without_a_date_is_rejected(tmp_path: Path):
    text = (STANDARDS / "demo.yaml").read_text().replace("    as_of: 2024-06\n", "")
    (tmp_path / "demo.yaml").write_text(text)
    _, findings = instruments.read_instrument(tmp_path / "demo.yaml", "demo.yaml")
    assert [f.line for f in findings] == [13]  # the status entry
    assert "as_of" in findings[0].message


def test_validate_reports_a_broken_instrument_file_in_a_course(mini_course: Path):
    folder = mini_course / "data" / "instruments"
    folder.mkdir()
    shutil.copy(STANDARDS / "article_without_summary_and_bad_tag.yaml", folder)
    text = (STANDARDS / "demo.yaml").read_text().replace("[src-two]", "[no-such-source]")
    (folder / "demo.yaml").write_text(text)
    found = {(f.path, f.line, f.code) for f in validate(mini_course).findings}
    assert ("data/instruments/article_without_summary_and_bad_tag.yaml", 13, "INSTRUMENT-FIELD") in found
    assert ("data/instruments/demo.yaml", 17, "SOURCE-UNKNOWN") in found


def test_id_must_match_the_file_name(tmp_path: Path):
    shutil.copy(STANDARDS / "demo.yaml", tmp_path / "other.yaml")
    _, findings = instruments.read_instrument(tmp_path / "other.yaml", "other.yaml")
    assert [(f.code, f.line) for f in findings] == [("INSTRUMENT-ID", 2)]


# ---- what the units show ---------------------------------------------------------------------

def test_article_table_shows_a_source_per_row_and_marks_unverified(demo_course: Path):
    table = instrument_tables.article_table("demo")
    frame = table.frame
    assert list(frame["Article"]) == ["1", "2", "3"]
    assert list(frame["Source"]) == ["[1]", "[1], [2]", "[2]"]
    assert frame.loc[2, "Checked"].startswith("not verified")
    assert frame.loc[0, "Checked"] == "yes"
    assert "[1] First source (Test publisher)" in table.source
    assert "1 of 3 rows are marked 'not verified'" in table.source
    html = table._repr_html_()
    assert "<caption>Demo Convention: articles 1-3</caption>" in html


def test_article_table_records_the_read_for_the_cache(demo_course: Path):
    data.reset_reads()
    instrument_tables.article_table("demo", "2")
    assert demo_course.resolve() / "data/instruments/demo.yaml" in data.files_read()


def test_asking_for_an_article_that_is_not_in_the_data_fails(demo_course: Path):
    with pytest.raises(InputError) as err:
        instrument_tables.article_table("demo", "2-4")
    assert "articles 4 of demo" in str(err.value)


def test_facts_table_shows_dates_and_as_of(demo_course: Path):
    frame = instrument_tables.facts_table("demo").frame
    assert list(frame["Date"]) == ["2 January 2020", "as of June 2024"]


def test_select_reads_ranges_and_lists(demo_course: Path):
    inst = instruments.load("demo")
    assert [a.number for a in instruments.select(inst, "1, 2-3")] == ["1", "2", "3"]
    assert [a.number for a in instruments.select(inst, ["3", "1"])] == ["1", "3"]


def test_compact_and_parse_reference():
    assert instruments.compact(["1", "2", "3", "9", "11", "12"]) == "1-3, 9, 11-12"
    assert instruments.parse_reference("budapest_p2:6") == ("budapest_p2", "6")


# ---- the shipped standards units follow the unit contract ------------------------------------

UNITS = ["budapest-offences", "budapest-procedural", "budapest-cooperation", "lanzarote", "un-cybercrime",
         "opsc-mnr"]
SECTIONS = ["What this means for investigators, prosecutors and judges", "Discussion questions", "Key points",
            "Sources"]


@pytest.mark.parametrize("name", UNITS)
def test_standards_unit_has_what_a_session_needs(name: str):
    nb = add_unit_points(nbformat.read(REPO / "book" / "standards" / f"{name}.ipynb", as_version=4))
    meta = nb.metadata["course"]
    assert 45 <= meta["teaching"] + meta["exercises"] <= 90
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for heading in SECTIONS:
        assert re.search(rf"^## {re.escape(heading)}$", text, re.M), heading
    tagged = {t: [c for c in nb.cells if t in c.metadata.get("tags", [])] for t in ("exercise", "solution", "trainer")}
    assert all(tagged.values()), {t: len(c) for t, c in tagged.items()}
    for cell in tagged["exercise"]:
        named = cell.metadata["course"]["objectives"]
        assert named and all(1 <= n <= len(meta["objectives"]) for n in named)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "instruments.article_table(" in code and "sources_section.for_unit(" in code
    assert "child pornography" not in _without_quoted_titles(text), "say child sexual abuse material"


def _without_quoted_titles(text: str) -> str:
    """The text with the instruments' own titles removed: 'child pornography' may appear only there."""
    text = re.sub(r"\s+", " ", text)
    for path in SHIPPED:
        inst = instruments.read_instrument(path, path.name)[0]
        for title in [inst.full_title, *(a.title for a in inst.articles)]:
            text = text.replace(title, "")
    return text


def test_lanzarote_unit_says_it_is_open_beyond_europe_with_a_source():
    nb = nbformat.read(REPO / "book" / "standards" / "lanzarote.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "open to States outside the" in text and "Lanzarote Committee" in text
    assert "mapping-out-lanzarote-convention" in nb.metadata["course"]["sources"]


def test_regional_status_names_status_date_source_and_unknowns(demo_course: Path):
    (demo_course / "data" / "legislation.csv").write_text(
        "country,provision,status,law,since,source,as_of,note\n"
        "PH,budapest_party,yes,,2018,src-one,2026-11-01,\n"
        "LK,budapest_party,partial,,2015-09-01,src-two,2026-10-01,\n"
        "PH,expedited_preservation,yes,Some Act s.1,2012,src-two,2025-10-26,\n")
    table = instrument_tables.regional_status(["budapest_party", "expedited_preservation"])
    rows = table.frame.set_index("Country")
    assert rows.loc["Philippines", "Budapest Convention"] == "Party since 2018 [1]"
    assert rows.loc["Sri Lanka", "Budapest Convention"] == "Signed, not ratified (1 September 2015) [2]"
    assert rows.loc["Philippines", "Expedited preservation"] == "Yes (2012) [2]"
    assert rows.loc["Maldives", "Budapest Convention"] == "Unknown"  # no row is never a blank
    assert rows.loc["Sri Lanka", "As of"] == "1 October 2026"
    assert rows.loc["Philippines", "As of"] == "26 October 2025"  # the oldest cell, so none looks fresher
    assert table.caption == "The participating countries: Budapest Convention and Expedited preservation"
