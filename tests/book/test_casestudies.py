"""Case-study data: the shipped files, the loader's findings, the timeline chart and the tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, make_case_study
from coursekit.book import casestudies
from coursekit.checks import case_studies as check_module
from coursekit.model import casestudies as case_model
from coursekit.model.curriculum import load
from coursekit.model.sourcefiles import read_yaml

SHIPPED = sorted((REPO / "data" / "case-studies").glob("*.yaml"))


def _case(**changes) -> casestudies.CaseStudy:
    """A small valid case, changed as the test needs."""
    base = {
        "id": "lk-test", "title": "A test case", "country": "LK", "basis": "composite",
        "basis_note": "made for a test", "summary": "A report leads to a prosecution.",
        "law_as_of": "2026-11-01", "sources": ["src-one"],
        "timeline": [{"day": 0, "phase": "report", "event": "A hotline refers a report"},
                     {"day": 3, "phase": "preservation", "event": "Data preserved abroad"},
                     {"day": 40, "phase": "search-and-seizure", "event": "Devices seized under a warrant"},
                     {"day": 200, "phase": "outcome", "event": "The court convicts"}],
        "provisions": [{"law": "Penal Code", "provision": "s.286A", "covers": "the offence charged",
                        "standards": ["budapest:9"], "source": "src-one"}],
        "partners": [{"name": "A police unit", "kind": "domestic", "role": "investigates"}],
        "steps": [{"step": "Preserve", "phase": "preservation", "powers": ["budapest:29"],
                   "problems": [{"kind": "preservation", "problem": "data may vanish", "response": "asked early"},
                                {"kind": "cross-border", "problem": "data is abroad", "response": "24/7 network"}]},
                  {"step": "Seize", "phase": "search-and-seizure", "powers": ["budapest:19"]}],
        "outcome": "Conviction.",
    }
    return casestudies.CaseStudy.model_validate({**base, **changes})


def test_every_shipped_case_study_loads_and_has_its_unit():
    assert SHIPPED
    by_country: dict[str, int] = {}
    for p in SHIPPED:
        case, findings = case_model.read(p, p.name)
        assert case is not None, [f.format() for f in findings]
        nb = json.loads((REPO / "book" / "case-studies" / f"{case.id}.ipynb").read_text(encoding="utf-8"))
        meta = nb["metadata"]["course"]
        assert meta["basis"] == case.basis and case.country in meta["countries"]
        assert set(case.standards()) <= set(meta["standards"])
        by_country[case.country] = by_country.get(case.country, 0) + 1
    assert by_country.get("PH", 0) >= 2 and by_country.get("LK", 0) >= 2


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_units_are_labelled_and_link_the_standards(path: Path):
    case, _ = case_model.read(path, path.name)
    text = (REPO / "book" / "case-studies" / f"{path.stem}.ipynb").read_text(encoding="utf-8")
    nb = json.loads(text)
    top = "".join(nb["cells"][0]["source"])
    assert "Content note" in top
    assert case.basis != "composite" or "Composite teaching scenario" in top
    for instrument, unit in {"budapest:9": "budapest-offences", "lanzarote:": "lanzarote"}.items():
        if any(s.startswith(instrument) for s in case.standards()):
            assert f"{{doc}}`../standards/{unit}`" in text


def test_loader_names_the_line_and_field_of_a_bad_value(tmp_path: Path):
    p = tmp_path / "case.yaml"
    text = (REPO / "data" / "case-studies" / "lk-hotline-referral-and-device-seizure.yaml").read_text()
    p.write_text(text.replace("phase: search-and-seizure", "phase: raid", 1))
    case, findings = case_model.read(p, "case.yaml")
    assert case is None
    line = next(n for n, ln in enumerate(p.read_text().splitlines(), 1) if "phase: raid" in ln)
    assert [(f.code, f.line) for f in findings] == [("CASE-FIELD", line)]
    assert findings[0].message.startswith("timeline.") and "report" in findings[0].message


def test_composite_scenario_with_a_calendar_date_is_refused():
    with pytest.raises(ValueError, match="no calendar 'date'"):
        _case(timeline=[{"day": 0, "date": "2021-05-01", "phase": "report", "event": "A report arrives"}])


def test_public_record_case_needs_a_date_for_every_event():
    with pytest.raises(ValueError, match="its 'date'"):
        _case(basis="public-record")


def test_timeline_must_be_in_order():
    with pytest.raises(ValueError, match="in order of 'day'"):
        _case(timeline=[{"day": 5, "phase": "report", "event": "Later"}, {"day": 1, "phase": "report", "event": "Earlier"}])


def test_article_references_must_name_an_instrument_and_article():
    with pytest.raises(ValueError, match="not an article reference"):
        _case(steps=[{"step": "Seize", "phase": "search-and-seizure", "powers": ["Budapest 19"]}])


def _plotted(chart) -> list[tuple[float, float]]:
    return sorted((float(x), float(y)) for coll in chart.figure.axes[0].collections for x, y in coll.get_offsets())


def test_timeline_chart_draws_each_event_on_its_phase_lane():
    case = _case()
    chart = casestudies.timeline_chart(case, caption_text="caption")
    lanes = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert [" ".join(lane.split()) for lane in lanes] == ["Report and referral", "Preservation", "Search and seizure", "Outcome"]
    assert _plotted(chart) == [(0, 0), (3, 1), (40, 2), (200, 3)]
    assert chart.title == "How the case moved: 4 events over 200 days"
    assert "composite teaching scenario" in chart.alt
    for i, e in enumerate(case.timeline, start=1):
        assert f"event {i}, day {e.day}" in chart.alt and e.event in chart.alt


def test_timeline_chart_follows_a_change_in_the_data():
    case = _case()
    changed = case.model_copy(update={"timeline": [*case.timeline[:3],
                                                   casestudies.Event(day=90, phase="prosecution", event="Charges filed"),
                                                   casestudies.Event(day=365, phase="outcome", event="Acquittal")]})
    chart = casestudies.timeline_chart(changed, caption_text="caption")
    assert _plotted(chart) == [(0, 0), (3, 1), (40, 2), (90, 3), (365, 4)]
    assert "5 events over 365 days" in chart.title and "Acquittal" in chart.alt and "convicts" not in chart.alt


def test_events_too_close_to_tell_apart_share_a_label():
    case = _case(timeline=[{"day": 0, "phase": "report", "event": "A report arrives"},
                           {"day": 1, "phase": "report", "event": "It is triaged"},
                           {"day": 300, "phase": "report", "event": "A second report"}])
    chart = casestudies.timeline_chart(case, caption_text="caption")
    labels = sorted(t.get_text() for t in chart.figure.axes[0].texts)
    assert labels == ["1, 2", "3"]


@pytest.fixture
def repo_data(monkeypatch):
    """Notebook-level functions read the shipped course's data."""
    monkeypatch.setenv("COURSE_ROOT", str(REPO))


def test_tables_come_from_the_data(repo_data):
    case = casestudies.load("lk-hotline-referral-and-device-seizure")
    provisions = casestudies.provisions_table(case).frame
    assert list(provisions["National law"]) == [p.law for p in case.provisions]
    assert "Budapest Convention Art. 9 (Offences related to child pornography)" in provisions.iloc[0]["International articles"]
    steps = casestudies.steps_table(case).frame
    assert len(steps) == sum(max(1, len(s.problems)) for s in case.steps)
    partners = casestudies.partners_table(case).frame
    assert set(partners["Who"]) == {p.name for p in case.partners}
    html = casestudies.timeline_table(case)._repr_html_()
    assert "<caption>" in html and case.timeline[0].event.split(";")[0] in html


def test_loading_a_missing_case_names_the_file(repo_data):
    from coursekit.model.findings import InputError

    with pytest.raises(InputError) as exc:
        casestudies.load("xx-no-such-case")
    assert exc.value.findings[0].path == "data/case-studies/xx-no-such-case.yaml"


# ---- the validate check --------------------------------------------------------------------

def _codes(root: Path) -> list[str]:
    return [f.code for f in check_module.check(load(root))]


def test_unit_without_its_data_file(mini_course: Path):
    make_case_study(mini_course)
    (mini_course / "data" / "case-studies" / "lk-hotline-referral.yaml").unlink()
    assert _codes(mini_course) == ["CASE-DATA-MISSING"]


def test_unknown_source_in_the_data_names_its_line(mini_course: Path):
    make_case_study(mini_course)
    data = mini_course / "data" / "case-studies" / "lk-hotline-referral.yaml"
    data.write_text(data.read_text().replace("    source: src-one", "    source: no-such-source", 1))
    found = list(check_module.check(load(mini_course)))
    doc, _ = read_yaml(data, "x")
    unknown = [(f.path, f.line) for f in found if f.code == "SOURCE-UNKNOWN"]
    assert unknown == [("data/case-studies/lk-hotline-referral.yaml", doc["provisions"][0].lc.key("source")[0] + 1)]


def test_data_and_metadata_must_agree(mini_course: Path):
    make_case_study(mini_course)
    data = mini_course / "data" / "case-studies" / "lk-hotline-referral.yaml"
    data.write_text(data.read_text().replace("standards: []", "standards: [budapest:9]", 1))
    found = list(check_module.check(load(mini_course)))
    assert [f.code for f in found] == ["CASE-META-MISMATCH"] and "budapest:9" in found[0].message


def test_data_file_without_a_unit_is_a_warning(mini_course: Path):
    make_case_study(mini_course)
    nb = mini_course / "book" / "case-studies" / "lk-hotline-referral.ipynb"
    nb.unlink()
    found = list(check_module.check(load(mini_course)))
    assert [(f.code, f.severity) for f in found] == [("CASE-DATA-ORPHAN", "warning")]
