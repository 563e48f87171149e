"""new: a unit from its template, valid except for what the author must fill; never overwrites."""

from __future__ import annotations

from pathlib import Path

import course
import pytest
from conftest import make_case_study, run_course, snapshot
from coursekit.authoring.scaffold import Refused, toc_with_entry
from coursekit.checks.validate import validate
from coursekit.model import atomic
from coursekit.model.curriculum import load

UNIT = "book/case-studies/lk-hotline-referral"
DATA = "data/case-studies/lk-hotline-referral.yaml"


def cli(capsys, root: Path, *args: str) -> tuple[int, str]:
    """The CLI in this process (fast); the refusal test below also runs it as a real subprocess."""
    rc = course.main(["--root", str(root), *args])
    return rc, capsys.readouterr().out


def test_new_case_study_creates_unit_data_and_toc_entry(mini_course: Path, capsys):
    rc, out = cli(capsys, mini_course, "new", "case-study", "--country", "lk", "--title", "Hotline referral")
    assert rc == 0, out
    assert (mini_course / f"{UNIT}.ipynb").is_file() and (mini_course / DATA).is_file()
    assert "[[fill: ...]]" in out and "place(s) to fill" in out
    toc = load(mini_course).toc
    entry = next(e for e in toc if e.file == UNIT)
    assert entry.part == "Case studies" and entry.path == mini_course / f"{UNIT}.ipynb"


def test_fresh_unit_is_valid_except_for_what_to_fill(mini_course: Path, capsys):
    assert cli(capsys, mini_course, "new", "case-study", "--country", "LK", "--title", "Hotline referral")[0] == 0
    report = validate(mini_course)
    assert report.findings, "a fresh unit has fields to fill"
    assert {f.code for f in report.findings} == {"SCAFFOLD-UNFILLED"}
    assert {f.path for f in report.findings} == {f"{UNIT}.ipynb", DATA}
    messages = [f.message for f in report.findings]
    assert any(m.startswith("field 'event' still to write") for m in messages)  # names the data field
    assert any(m.startswith("cell 5 ('Timeline') still to write") for m in messages)  # names the cell
    assert any(m.startswith("metadata.course.objectives still to write") for m in messages)


def test_filled_in_unit_is_valid(mini_course: Path):
    make_case_study(mini_course)
    report = validate(mini_course)
    assert report.findings == [], [f.format() for f in report.findings]


def test_second_run_with_same_title_refuses_and_changes_nothing(mini_course: Path):
    args = ("new", "case-study", "--country", "LK", "--title", "Hotline referral")
    assert run_course(*args, root=mini_course).returncode == 0
    before = snapshot(mini_course)
    res = run_course(*args, root=mini_course)
    assert res.returncode == 1
    assert f"{UNIT}.ipynb" in res.stdout and "Nothing was created or changed" in res.stdout
    assert "Traceback" not in res.stdout + res.stderr
    assert snapshot(mini_course) == before


def test_unknown_country_lists_the_valid_codes_and_changes_nothing(mini_course: Path, capsys):
    before = snapshot(mini_course)
    rc, out = cli(capsys, mini_course, "new", "case-study", "--country", "XX")
    assert rc == 1
    assert "'XX' is not a country code" in out and "LK, MV, PH" in out
    assert snapshot(mini_course) == before


def test_title_without_letters_is_refused(mini_course: Path, capsys):
    before = snapshot(mini_course)
    rc, out = cli(capsys, mini_course, "new", "case-study", "--country", "PH", "--title", "!!!")
    assert rc == 1 and "NEW-TITLE" in out
    assert snapshot(mini_course) == before


def test_help_speaks_to_a_trainer(capsys):
    with pytest.raises(SystemExit) as exc:
        course.main(["new", "--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    assert "never overwrites" in out and "[[fill: what to write]]" in out and "case-study" in out


def test_existing_data_file_alone_blocks_everything(mini_course: Path):
    (mini_course / "data" / "case-studies").mkdir(parents=True)
    (mini_course / DATA).write_text("kept: as is\n")
    before = snapshot(mini_course)
    with pytest.raises(Refused) as exc:
        make_case_study(mini_course)
    assert exc.value.existing == [DATA]
    assert snapshot(mini_course) == before


def test_toc_already_listing_the_unit_blocks_everything(mini_course: Path):
    toc = mini_course / "_toc.yml"
    toc.write_text(toc.read_text() + f"      - file: {UNIT}\n")
    before = snapshot(mini_course)
    with pytest.raises(Refused, match="already lists"):
        make_case_study(mini_course)
    assert snapshot(mini_course) == before


def test_failure_while_writing_the_toc_removes_the_new_files(mini_course: Path, monkeypatch):
    before = snapshot(mini_course)
    real = atomic.write_text

    def fail_on_toc(path: Path, text: str, *, overwrite: bool = False) -> None:
        if path.name == "_toc.yml":
            raise OSError("disk full")
        real(path, text, overwrite=overwrite)

    monkeypatch.setattr(atomic, "write_text", fail_on_toc)
    with pytest.raises(OSError):
        make_case_study(mini_course)
    assert snapshot(mini_course) == before
    assert not (mini_course / "book" / "case-studies").exists()  # folders it made are gone too
    assert not (mini_course / "data" / "case-studies").exists()


TOC = """\
# The curriculum (a comment that must survive)
format: jb-book
root: book/index
parts:
  - caption: Getting started   # first
    chapters:
      - file: book/overview
  - caption: Regional challenges
    chapters:
      - file: book/challenges
"""


def test_missing_part_is_created_in_canonical_order_and_comments_are_kept():
    text, created = toc_with_entry(TOC, "Case studies", "book/case-studies/ph-x")
    assert created
    lines = text.splitlines()
    assert lines[:7] == TOC.splitlines()[:7]  # untouched, comments included
    assert lines[7:10] == ["  - caption: Case studies", "    chapters:", "      - file: book/case-studies/ph-x"]
    assert lines[10:] == TOC.splitlines()[7:]
    again, created = toc_with_entry(text, "Case studies", "book/case-studies/lk-y")
    assert not created and again.splitlines()[10] == "      - file: book/case-studies/lk-y"


def test_part_after_every_existing_part_goes_last():
    text, _ = toc_with_entry(TOC, "Trainer's guide", "book/trainer/guide")
    assert text.splitlines()[-3:] == ["  - caption: Trainer's guide", "    chapters:", "      - file: book/trainer/guide"]


def test_new_on_the_shipped_course_adds_only_what_to_fill(repo_course: Path, capsys):
    before = {f.format() for f in validate(repo_course).findings}
    rc, out = cli(capsys, repo_course, "new", "case-study", "--country", "PH", "--title", "A new case")
    assert rc == 0, out
    added = [f for f in validate(repo_course).findings if f.format() not in before]
    assert added and {f.code for f in added} == {"SCAFFOLD-UNFILLED"}
    toc = (repo_course / "_toc.yml").read_text()
    assert toc.index("book/case-studies/ph-a-new-case") > toc.index("caption: Case studies")


def test_new_unit_goes_before_the_parts_self_check_page():
    from coursekit.authoring.scaffold import toc_with_entry

    toc = ("format: jb-book\nroot: book/index\nparts:\n  - caption: Case studies\n    chapters:\n"
           "      - file: book/case-studies/ph-a\n      - file: book/self-checks/case-studies\n")
    text, created = toc_with_entry(toc, "Case studies", "book/case-studies/lk-b")
    assert not created
    files = [ln.split("file: ")[1] for ln in text.splitlines() if "file: " in ln]
    assert files == ["book/case-studies/ph-a", "book/case-studies/lk-b", "book/self-checks/case-studies"]
