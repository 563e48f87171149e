"""import-challenges keeps the course buildable and loses nothing (issue 21): an import that would take
data/challenges.csv past validate's file limit is refused and says how much still fits; a message quotes
at most a short excerpt of the export (an unknown header of megabytes is never echoed); two imports at
the same time both land, because each reads and writes the file under the course lock."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_course
from coursekit.authoring import importing
from coursekit.model.challenges import ChallengeRow
from coursekit.model.findings import InputError
from coursekit.model.text import EXCERPT

IMPORT = FIXTURES / "import"
SURVEY = "delivery-survey-2024"
COUNTRIES = {"VN": "Viet Nam", "LA": "Lao People's Democratic Republic", "LK": "Sri Lanka", "TH": "Thailand"}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = copy_course(FIXTURES / "mini-course", tmp_path / "course")
    countries = root / "data" / "countries.csv"
    countries.write_text(countries.read_text() + "VN,Viet Nam,Asia/Ho_Chi_Minh,South-East Asia,src-one\n"
                         "LA,Lao People's Democratic Republic,Asia/Vientiane,South-East Asia,src-one\n")
    shutil.copy(IMPORT / "existing-challenges.csv", root / "data" / "challenges.csv")
    with (root / "data" / "sources.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"  - id: {SURVEY}\n    title: Delivery survey of reported challenges\n    publisher: Course trainers\n"
                 "    year: 2024\n    url: null\n    accessed: 2026-11-01\n")
    return root


def plan(path: Path, existing: list[ChallengeRow] | None = None) -> importing.ImportPlan:
    return importing.plan_import(path, path.name, existing=existing or [], countries=COUNTRIES, sources={SURVEY},
                                 default_source=SURVEY)


def test_an_import_past_the_file_limit_is_refused_and_nothing_is_written(tmp_path: Path, monkeypatch):
    target = tmp_path / "challenges.csv"
    shutil.copy(IMPORT / "existing-challenges.csv", target)
    before = target.read_bytes()
    p = plan(IMPORT / "survey-export.csv")
    assert p.new
    monkeypatch.setattr(importing, "MAX_BYTES", len(before) + 150)  # room for about one row
    with pytest.raises(InputError) as exc:
        importing.write(target, p)
    [finding] = exc.value.findings
    assert finding.code == "IMPORT-TOO-LARGE" and "validate allows" in finding.message
    assert "row(s) still fit" in finding.fix
    assert target.read_bytes() == before


def test_the_file_limit_is_validates_own(tmp_path: Path):
    from coursekit.model import sourcefiles

    assert importing.MAX_BYTES == sourcefiles.MAX_BYTES


def test_an_unknown_header_of_megabytes_is_quoted_as_an_excerpt(tmp_path: Path):
    export = tmp_path / "huge-header.csv"
    header = ",".join(f"Unknown question number {n} about something else" for n in range(60_000))
    export.write_text(header + "\n" + ",".join("x" for _ in range(60_000)) + "\n", encoding="utf-8")
    assert export.stat().st_size > 2_000_000
    with pytest.raises(InputError) as exc:
        plan(export)
    [finding] = exc.value.findings
    assert finding.code == "IMPORT-COLUMNS"
    assert len(finding.message) + len(finding.fix) < 20 * EXCERPT, len(finding.message)
    assert "and 59988 more" in finding.message


def test_a_long_cell_is_quoted_as_an_excerpt(tmp_path: Path):
    export = tmp_path / "long-cell.csv"
    export.write_text("Country,Challenge category,Describe the challenge,Timestamp\n"
                      f"{'Atlantis ' * 5000},Capacity,Few investigators are trained.,2024-03-05\n", encoding="utf-8")
    p = plan(export)
    [bad] = p.rejected
    assert "Atlantis" in bad.reason and len(bad.reason) < 4 * EXCERPT


# ---- two imports at once -------------------------------------------------------------------

def _import(root: Path, export: Path, read: multiprocessing.Event, go: multiprocessing.Event) -> None:
    """One import-challenges run in its own process; it signals ``read`` once it has read the file,
    and waits for ``go`` before it goes on to write."""
    import course as cli

    original = importing.existing_rows

    def reading(target: Path, root_: Path) -> list[ChallengeRow]:
        rows = original(target, root_)
        read.set()
        go.wait(60)
        return rows

    importing.existing_rows = reading
    code = cli.main(["--root", str(root), "import-challenges", str(export), "--source", SURVEY])
    os._exit(code)


def test_two_imports_at_once_both_land(course: Path, tmp_path: Path):
    first = tmp_path / "first.csv"
    first.write_text("Country,Challenge category,Describe the challenge,Timestamp\n"
                     "Viet Nam,Capacity,First survey: few investigators are trained.,2024-03-05\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text("Country,Challenge category,Describe the challenge,Timestamp\n"
                      "Lao PDR,Capacity,Second survey: no forensic laboratory nearby.,2024-03-06\n", encoding="utf-8")
    ctx = multiprocessing.get_context("fork")
    read_a, read_b, go = ctx.Event(), ctx.Event(), ctx.Event()
    a = ctx.Process(target=_import, args=(course, first, read_a, go))
    b = ctx.Process(target=_import, args=(course, second, read_b, go))
    a.start()
    assert read_a.wait(60), "the first import never read the file"
    b.start()
    # Without the lock the second import reads the file now, before the first has written: it would
    # then write the file without the first one's row. With the lock it cannot read until A is done.
    second_read_early = read_b.wait(5)
    go.set()
    a.join(60)
    b.join(60)
    assert (a.exitcode, b.exitcode) == (0, 0)
    text = (course / "data" / "challenges.csv").read_text(encoding="utf-8")
    assert "First survey" in text and "Second survey" in text, (second_read_early, text)
    assert not second_read_early


def test_no_finding_prints_a_whole_huge_value(capsys):
    """The net under every check: a finding that quotes a 3 MB value still prints a bounded line."""
    from coursekit.commands.ui import MAX_FINDING, show_findings
    from coursekit.model.findings import Finding

    show_findings([Finding("data/x.csv", 2, "X-CODE", "got '" + "y" * 3_000_000 + "'", "fix it")])
    out = capsys.readouterr().out
    assert len(out) < MAX_FINDING + 200 and "characters cut" in out
