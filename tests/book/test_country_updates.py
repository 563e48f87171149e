"""Country updates: the template, the ten shipped units, their data files and the dates on the page."""

from __future__ import annotations

import datetime as dt
import json

import nbformat
import pytest
import yaml
from conftest import REPO, course_main, snapshot
from coursekit.authoring.templates import country_update
from coursekit.book import country_updates
from coursekit.checks import country_updates as country_updates_check
from coursekit.engine.transforms.add_unit_points import add_unit_points
from coursekit.model.curriculum import load
from coursekit.model.records import Country
from coursekit.model.unitmeta import metadata_problems

CODES = ["bn", "id", "la", "my", "mv", "ph", "sg", "lk", "th", "vn"]
SECTIONS = ["## Profile", "## Treaty status", "## Key laws", "## Reported challenges", "## Steps taken",
            "## Alignment with the standards", "## Key points", "## Discussion questions", "## Exercise", "## Sources"]
SRI_LANKA = Country(iso2="LK", name="Sri Lanka", time_zone="Asia/Colombo", subregion="South Asia", source="src-one")


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def test_the_template_plans_one_unit_per_country_with_every_section():
    s = country_update.plan(country=SRI_LANKA, title=None, root=REPO, today=dt.date(2026, 11, 30))
    assert s.unit_file == "book/countries/lk" and list(s.data_files) == ["data/country-updates/lk.yaml"]
    text = "\n".join(c.source for c in add_unit_points(s.notebook).cells)  # key points come from metadata
    for heading in SECTIONS:
        assert heading in text
    assert "{doc}`../standards/budapest-procedural`" in text and "{doc}`../challenges`" in text
    assert 'country_updates.dates("LK")' in text
    meta = s.notebook.metadata["course"]
    assert metadata_problems(meta) == []
    assert meta["kind"] == "country-update" and meta["countries"] == ["LK"]
    assert meta["review_by"] == "2027-11-30"
    exercise = [c for c in s.notebook.cells if "exercise" in tags(c)]
    assert exercise and exercise[0].metadata["course"]["objectives"]
    assert any("trainer" in tags(c) for c in s.notebook.cells)
    assert yaml.safe_load(s.data_files["data/country-updates/lk.yaml"])["country"] == "LK"


def test_a_title_with_markup_is_refused():
    from coursekit.model.findings import InputError

    with pytest.raises(InputError):
        country_update.plan(country=SRI_LANKA, title="Sri Lanka {evil}", root=REPO, today=dt.date(2026, 11, 30))


def test_new_country_update_makes_a_unit_valid_except_what_the_author_must_write(mini_course):
    r = course_main("new", "country-update", "--country", "LK", root=mini_course)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (mini_course / "book" / "countries" / "lk.ipynb").is_file()
    assert "book/countries/lk" in (mini_course / "_toc.yml").read_text(encoding="utf-8")
    v = course_main("validate", root=mini_course)
    codes = {line.split()[1] for line in v.stdout.splitlines() if ": " in line and line.split()[1].isupper()}
    assert codes == {"SCAFFOLD-UNFILLED"}, v.stdout


def test_new_country_update_refuses_to_overwrite_a_shipped_unit(repo_course):
    before = snapshot(repo_course)
    r = course_main("new", "country-update", "--country", "LK", root=repo_course)
    assert r.returncode == 1 and "Nothing was created or changed" in r.stdout
    assert snapshot(repo_course) == before


@pytest.mark.parametrize("code", CODES)
def test_each_shipped_unit_is_complete(code):
    nb = add_unit_points(nbformat.read(REPO / "book" / "countries" / f"{code}.ipynb", as_version=4))
    meta = nb.metadata["course"]
    assert metadata_problems(meta) == [] and meta["countries"] == [code.upper()]
    assert meta["law_as_of"] and meta["review_by"] > meta["law_as_of"]
    text = "\n".join(c.source for c in nb.cells)
    assert "[[fill:" not in text and "[[fill:" not in json.dumps(meta)
    for heading in SECTIONS:
        assert heading in text
    assert "child pornography" not in text.replace("Anti-Child Pornography Act", "")
    assert any("exercise" in tags(c) for c in nb.cells) and any("trainer" in tags(c) for c in nb.cells)


def test_the_ten_units_sit_under_their_part_in_the_table_of_contents():
    course = load(REPO)
    listed = {e.file for e in course.toc if e.part == "Regional country updates"}
    assert {f"book/countries/{c}" for c in CODES} <= listed
    assert any(e.file == "book/challenges" and e.part == "Regional challenges" for e in course.toc)


def test_the_page_shows_the_dates_its_metadata_holds(repo_course, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(repo_course))
    path = repo_course / "book" / "countries" / "th.ipynb"
    nb = nbformat.read(path, as_version=4)
    shown = country_updates.dates("TH")._repr_markdown_()
    assert f"**Law as of:** {_long(nb.metadata['course']['law_as_of'])}" in shown
    nb.metadata["course"]["review_by"] = "2028-02-29"
    nbformat.write(nb, path)
    assert "**Review by:** 29 February 2028" in country_updates.dates("TH")._repr_markdown_()


def _long(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


def test_shipped_country_data_passes_its_check_and_every_page_lists_its_sources(monkeypatch):
    assert list(country_updates_check.check(load(REPO))) == []
    monkeypatch.setenv("COURSE_ROOT", str(REPO))
    ids = country_updates.page_sources("LK")
    assert "european-cybercrime-convention-enters-into" in ids  # from legislation.csv and the data file
    assert "online-safety-act-9-2024" in ids


def test_check_names_a_misnamed_file_and_an_unknown_source_by_line(repo_course):
    folder = repo_course / "data" / "country-updates"
    text = (folder / "lk.yaml").read_text(encoding="utf-8").replace("source: sri-lanka-country-profile",
                                                                     "source: no-such-source", 1)
    (folder / "lk.yaml").unlink()
    (folder / "sri-lanka.yaml").write_text(text, encoding="utf-8")
    findings = list(country_updates_check.check(load(repo_course)))
    codes = {f.code for f in findings}
    assert {"COUNTRY-UPDATE-NAME", "SOURCE-UNKNOWN"} <= codes
    unknown = next(f for f in findings if f.code == "SOURCE-UNKNOWN")
    assert unknown.line and "no-such-source" in text.splitlines()[unknown.line]
