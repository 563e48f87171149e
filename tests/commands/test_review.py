"""review: a copy of the course with an overdue unit lists it (exit 0), its page shows a dated notice in
both editions, and the CI rule fails only for a published unit more than a year past its review date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import course
import nbformat
from coursekit.checks import currency
from coursekit.engine.editions import EDITIONS
from coursekit.engine.transforms.add_review_notice import NOTICE_ID, add_review_notice
from coursekit.model.curriculum import load

UNIT = "book/countries/ph.ipynb"
TODAY = dt.date(2026, 12, 1)


def cli(capsys, root: Path, *args: str) -> tuple[int, str]:
    rc = course.main(["--root", str(root), *args])
    return rc, capsys.readouterr().out


def set_review_by(root: Path, unit: str, review_by: str) -> None:
    path = root / unit
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["course"]["review_by"] = review_by
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_an_overdue_unit_is_listed_with_what_to_recheck_and_the_command_exits_0(repo_course, capsys):
    set_review_by(repo_course, UNIT, "2026-06-30")
    rc, out = cli(capsys, repo_course, "review", "--today", TODAY.isoformat())
    assert rc == 0
    line = next(ln for ln in out.splitlines() if ln.startswith(UNIT))
    assert "review date 30 June 2026 has passed" in line
    assert "data/country-updates/ph.yaml" in line and "data/legislation.csv" in line
    assert "due for review on 1 December 2026" in out


def test_a_unit_within_its_review_date_is_not_listed(repo_course, capsys):
    rc, out = cli(capsys, repo_course, "review", "--today", TODAY.isoformat())
    assert rc == 0 and UNIT not in out


def test_data_rows_checked_more_than_a_year_ago_are_listed_with_their_line(repo_course):
    items = currency.review_items(load(repo_course), dt.date(2028, 1, 1))
    rows = [i for i in items if i.where.startswith("data/legislation.csv:")]
    assert rows and all(i.reason.startswith("last checked") for i in rows)
    assert any(i.where.startswith("data/instruments/") for i in items)
    assert any(i.where == "data/country-updates/vn.yaml" for i in items)


def staged(root: Path, edition: str, today: dt.date) -> nbformat.NotebookNode:
    """The notebook as the edition stages it, with the review notice run for a fixed day."""
    nb = nbformat.read(root / UNIT, as_version=4)
    steps = EDITIONS[edition].transforms
    assert add_review_notice in steps, f"the {edition} edition does not add the review notice"
    for step in steps:
        nb = step(nb, today) if step is add_review_notice else step(nb)
    return nb


def notice(nb: nbformat.NotebookNode) -> str | None:
    cell = next((c for c in nb.cells if c.get("id") == NOTICE_ID), None)
    return cell.source if cell else None


def test_the_page_of_an_overdue_unit_shows_a_dated_notice_in_both_editions(repo_course):
    set_review_by(repo_course, UNIT, "2026-06-30")
    for edition in ("participant", "trainer"):
        text = notice(staged(repo_course, edition, TODAY))
        assert text is not None, edition
        assert "30 June 2026" in text and "1 December 2026" in text and text.startswith(":::{warning}")
        nb = staged(repo_course, edition, TODAY)
        title = next(i for i, c in enumerate(nb.cells) if c.source.startswith("# "))
        assert NOTICE_ID in [c.get("id") for c in nb.cells[title + 1:title + 3]]  # at the top of the page


def test_a_page_within_its_review_date_has_no_notice(repo_course):
    for edition in ("participant", "trainer"):
        assert notice(staged(repo_course, edition, TODAY)) is None


def test_ci_fails_only_when_a_published_unit_is_more_than_a_year_past_review(repo_course, capsys):
    set_review_by(repo_course, UNIT, "2025-11-01")
    late = currency.ci_failures(load(repo_course), TODAY)
    assert [u.shown for u in late] == [UNIT]
    assert currency.ci_failures(load(repo_course), dt.date(2026, 10, 31)) == []   # exactly within the year
    rc, out = cli(capsys, repo_course, "review", "--ci", "--today", TODAY.isoformat())
    assert rc == 1 and UNIT in out and "more than a year past" in out
    rc, _ = cli(capsys, repo_course, "review", "--today", TODAY.isoformat())
    assert rc == 0  # without --ci the list is information, never a failure


def test_a_unit_not_in_the_table_of_contents_never_fails_ci(repo_course):
    toc = repo_course / "_toc.yml"
    toc.write_text("\n".join(ln for ln in toc.read_text(encoding="utf-8").splitlines() if "countries/ph" not in ln)
                   + "\n", encoding="utf-8")
    set_review_by(repo_course, UNIT, "2020-01-01")
    assert currency.ci_failures(load(repo_course), TODAY) == []


def test_the_shipped_course_passes_the_ci_rule_on_a_fixed_day():
    """A fixed clock: the course's dates pass on TODAY; that they pass on the real day is what
    ``review --ci`` checks in CI, not a test that would start failing on its own."""
    from conftest import REPO

    stale = currency.ci_failures(load(REPO), TODAY)
    assert stale == [], ("units more than a year past their review date on " + TODAY.isoformat() + ": "
                         + ", ".join(u.shown for u in stale) + ". Review each unit, then update its review_by.")


def test_a_standards_unit_without_its_review_dates_is_refused(repo_course):
    from coursekit.checks.validate import validate

    path = repo_course / "book/standards/lanzarote.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    del nb["metadata"]["course"]["review_by"]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    found = [f for f in validate(repo_course).errors if f.path == "book/standards/lanzarote.ipynb"]
    assert found and "review_by" in found[0].message


def test_a_treaty_row_is_rechecked_against_its_depositary_and_a_law_row_against_its_source(repo_course):
    """A treaty status is settled by the depositary, not by the database or copy the row last cited."""
    items = currency.review_items(load(repo_course), dt.date(2028, 1, 1))
    rows = {i.what.split(" (")[0]: i.recheck for i in items if i.where.startswith("data/legislation.csv:")}
    p2 = rows["PH Second Additional Protocol"]
    assert p2.startswith("the status against the depositary: Council of Europe Treaty Office")
    assert "treatynum=224" in p2 and "Netherlands" not in p2.split("(the row now cites")[0]
    assert "mtdsg_no=XVIII-16" in rows["BN UN Convention against Cybercrime"]
    assert "mtdsg_no=IV-11-c" in rows["PH OPSC"]
    law = rows["LK Possession of CSAM"]
    assert "depositary" not in law and law.endswith("; then update as_of")
