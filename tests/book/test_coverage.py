"""The coverage matrix of a small course, its chart, and the STANDARD-UNKNOWN finding."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES, REPO
from coursekit.book import coverage
from coursekit.checks.validate import validate
from coursekit.model import data
from coursekit.model.curriculum import load

UNIT_STANDARDS = {"unit-a": ["demo:1", "demo:2"], "unit-b": ["demo:2"]}


def _unit(path: Path, uid: str, refs: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# Unit {uid[-1].upper()}\n\nTeaches {', '.join(refs)}.")]
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["course"] = {"version": 1, "id": uid, "kind": "standard", "teaching": 40, "exercises": 20,
                             "objectives": ["Explain the demo articles"], "keypoints": ["Demo articles exist"],
                             "audience": ["all"], "sources": ["src-one"], "standards": refs,
                             "law_as_of": "2026-11-01", "review_by": "2027-11-01"}
    nbformat.write(nb, path)


@pytest.fixture
def two_units_three_articles(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A course whose two units teach articles 1 and 2 of the demo instrument, leaving article 3 untaught."""
    folder = mini_course / "data" / "instruments"
    folder.mkdir()
    shutil.copy(FIXTURES / "standards" / "demo.yaml", folder / "demo.yaml")
    for uid, refs in UNIT_STANDARDS.items():
        _unit(mini_course / "book" / f"{uid}.ipynb", uid, refs)
    toc = mini_course / "_toc.yml"
    toc.write_text(toc.read_text() + "".join(f"      - file: book/{uid}\n" for uid in UNIT_STANDARDS))
    monkeypatch.setenv("COURSE_ROOT", str(mini_course))
    return mini_course


def test_fixture_course_is_valid(two_units_three_articles: Path):
    report = validate(two_units_three_articles)
    assert report.ok, [f.format() for f in report.errors]


def test_matrix_has_every_article_and_a_column_per_unit(two_units_three_articles: Path):
    frame, units, _ = coverage.current()
    assert [u.id for u in units] == ["unit-a", "unit-b"]  # table-of-contents order
    assert list(frame["number"]) == ["1", "2", "3"]
    assert list(frame["unit-a"]) == [True, True, False]
    assert list(frame["unit-b"]) == [False, True, False]
    assert list(coverage.untaught(frame)["number"]) == ["3"]


def test_units_without_standards_are_not_columns(two_units_three_articles: Path):
    frame, units, _ = coverage.current()
    assert "unit" not in [u.id for u in units]  # the mini course's own unit names no standards
    assert coverage.unit_columns(frame) == ["unit-a", "unit-b"]


def test_chart_shows_the_gap_in_words_and_labels(two_units_three_articles: Path):
    chart = coverage.chart("demo")
    assert chart.title == "Demo Convention: which unit teaches which article"
    assert "Taught: 2. Not taught: 1 article, number 3." in chart.alt
    assert "Unit A teaches articles 1-2" in chart.alt and "Unit B teaches articles 2" in chart.alt
    ax = chart.figure.axes[0]
    gap_words = [t for t in ax.texts if t.get_text() == "not taught"]
    assert len(gap_words) == 1 and gap_words[0].get_position()[1] == 2  # on the row of article 3 only
    assert ax.get_xlabel() and all(t.get_text().startswith("Art. ") for t in ax.get_yticklabels())  # rows say what they are
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2"]
    assert "Units: 1 Unit A; 2 Unit B." in chart.caption  # the numbered columns' key
    assert "as of November 2026" in chart.caption
    assert "First source" in chart.caption
    assert "metadata" not in chart.caption  # no build wording on a reader's page


def test_chart_carries_its_data_as_a_table(two_units_three_articles: Path):
    chart = coverage.chart("demo")
    assert chart.table is not None
    assert list(chart.table.frame["Taught in"]) == ["Unit A", "Unit A; Unit B", "not taught"]
    assert '<details class="course-collapse course-chart-data course-on-paper">' in chart.markdown()


def test_on_paper_the_grid_gives_way_to_its_table(two_units_three_articles: Path):
    """A grid of many rows at a phone's width printed with 3.5 pt labels: on paper its table prints."""
    chart = coverage.chart("demo")
    assert chart.on_paper == "table"
    assert ":figclass: course-screen-only" in chart.markdown().split(":::", 2)[1]


def test_summary_table_lists_untaught_articles(two_units_three_articles: Path):
    table = coverage.summary_table()
    row = table.frame.iloc[0]
    assert (row["Articles in the data"], row["Taught"], row["Not taught"]) == (3, 2, "3")
    assert row["Units"] == "Unit A; Unit B"


def test_coverage_page_records_the_notebooks_it_read(two_units_three_articles: Path):
    data.reset_reads()
    coverage.current()
    read = {p.name for p in data.files_read()}
    assert {"unit-a.ipynb", "unit-b.ipynb", "_toc.yml", "demo.yaml"} <= read


def test_an_instrument_no_unit_teaches_gets_an_empty_grid(two_units_three_articles: Path):
    frame, units, insts = coverage.current()
    frame[["unit-a", "unit-b"]] = False
    chart = coverage.coverage_chart(frame, insts["demo"], {u.id: u.title for u in units}, caption="c")
    assert "against the 0 units" in chart.alt and "Not taught: 3 articles, number 1-3." in chart.alt


# ---- STANDARD-UNKNOWN ------------------------------------------------------------------------

def _set_standards(course: Path, uid: str, refs: list[str]) -> Path:
    path = course / "book" / f"{uid}.ipynb"
    nb = json.loads(path.read_text())
    nb["metadata"]["course"]["standards"] = refs
    path.write_text(json.dumps(nb, indent=1))
    return path


def test_unknown_article_names_notebook_line_and_reference(two_units_three_articles: Path):
    path = _set_standards(two_units_three_articles, "unit-b", ["demo:2", "demo:9"])
    findings = [f for f in validate(two_units_three_articles).findings if f.code == "STANDARD-UNKNOWN"]
    assert len(findings) == 1
    f = findings[0]
    assert f.path == "book/unit-b.ipynb"
    assert path.read_text().splitlines()[f.line - 1].strip().startswith('"demo:9"')
    assert "'demo:9'" in f.message and "article 9 of the Demo Convention" in f.message
    assert "known: 1-3" in f.fix


def test_unknown_instrument_is_reported(two_units_three_articles: Path):
    _set_standards(two_units_three_articles, "unit-a", ["budapest:9"])
    findings = [f for f in validate(two_units_three_articles).findings if f.code == "STANDARD-UNKNOWN"]
    assert [(f.path, "instrument 'budapest'" in f.message) for f in findings] == [("book/unit-a.ipynb", True)]
    assert "use one of: demo" in findings[0].fix


def test_unknown_reference_does_not_break_the_matrix(two_units_three_articles: Path):
    _set_standards(two_units_three_articles, "unit-a", ["demo:1", "demo:9", "other:1"])
    frame, _, _ = coverage.current()
    assert list(frame["unit-a"]) == [True, False, False]


def test_shipped_course_names_only_known_articles():
    codes = {f.code for f in validate(REPO).findings}
    assert not codes & {"STANDARD-UNKNOWN", "INSTRUMENT-FIELD", "INSTRUMENT-ID", "INSTRUMENT-DUPLICATE-ARTICLE"}


def test_shipped_units_cover_the_articles_the_issue_names():
    course = load(REPO)
    refs = {r for u in coverage.course_units(course) for r in u.refs}
    wanted = ([f"budapest:{n}" for n in (9, 11, 12, 13, 22, *range(14, 22), *range(23, 36))]
              + [f"lanzarote:{n}" for n in (*range(18, 25), *range(30, 37))]
              + ["un_cybercrime:14", "un_cybercrime:15", "budapest_p2:6", "budapest_p2:12", "budapest_p2:14"])
    assert [w for w in wanted if w not in refs] == []
