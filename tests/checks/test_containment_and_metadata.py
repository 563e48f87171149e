"""Nothing outside the course reaches a site (checks/containment.py), notebook metadata holds only
known keys (checks/notebook_metadata.py, transforms/keep_known_metadata.py), and Sphinx's warnings
are read from its log (engine/render.py). One rule per test; issue 21."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from conftest import load
from coursekit.checks import containment, notebook_metadata
from coursekit.engine.editions import PARTICIPANT
from coursekit.engine.render import log_problems
from coursekit.engine.stage import stage
from coursekit.engine.transforms.keep_known_metadata import keep_known_metadata


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def edit_unit(root: Path, change) -> None:
    path = root / "book" / "unit.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


# ---- symlinks and paths out of the course ----------------------------------------------------------

@pytest.mark.parametrize("where", ["book/secret.txt", "data/secret.csv", "book/images", "logo.svg"])
def test_a_symlink_out_of_the_course_is_refused(mini_course: Path, tmp_path: Path, where: str):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("the builder's own file")
    target = outside if where == "book/images" else outside / "secret.txt"
    (mini_course / where).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, mini_course / where)
    found = list(containment.check(load(mini_course)))
    assert codes(found) == ["PATH-OUTSIDE"] and found[0].path == where


def test_a_symlink_inside_the_course_is_fine(mini_course: Path):
    os.symlink(mini_course / "book" / "index.md", mini_course / "book" / "again.md")
    assert not list(containment.check(load(mini_course)))


def test_the_stage_copies_no_file_from_outside(mini_course: Path, tmp_path: Path):
    (tmp_path / "secret.txt").write_text("the builder's own file")
    os.symlink(tmp_path / "secret.txt", mini_course / "book" / "secret.txt")
    pages = [e.path for e in load(mini_course).toc if e.path is not None]
    stage(mini_course, tmp_path / "stage", PARTICIPANT, pages)
    assert not (tmp_path / "stage" / "secret.txt").exists()


@pytest.mark.parametrize("text", ["![map](../../../../tmp/x/secret.txt)", "{download}`the key <../../../etc/passwd>`",
                                  "```{include} ../../secret.md\n```", "```{LiteralInclude} /../../x.py\n```",
                                  "```{eval-rst}\n.. image:: ../../../x.png\n```", "{DOWNLOAD}`../../../a.pdf`"])
def test_a_path_out_of_the_course_in_a_notebook_is_refused(mini_course: Path, text: str):
    edit_unit(mini_course, lambda nb: nb["cells"].append(
        {"cell_type": "markdown", "id": "path1", "metadata": {}, "source": f"See this:\n\n{text}\n"}))
    found = list(containment.check(load(mini_course)))
    assert codes(found) == ["PATH-OUTSIDE"] and found[0].path == "book/unit.ipynb", text


def test_a_path_out_of_the_course_in_data_text_is_refused(mini_course: Path):
    (mini_course / "data" / "questions.yaml").write_text(
        "questions:\n  - id: q1\n    text: \"Read {download}`the law <../../../../etc/hosts>` first\"\n")
    found = list(containment.check(load(mini_course)))
    assert [(f.code, f.path, f.line) for f in found] == [("PATH-OUTSIDE", "data/questions.yaml", 3)]


def test_paths_inside_the_course_and_urls_are_fine(mini_course: Path):
    (mini_course / "book" / "index.md").write_text("# Mini\n\n![c](images/c.png) {download}`a <unit.ipynb>` "
                                                   "![w](https://example.org/x.png) {download}`/unit.ipynb`\n")
    assert not list(containment.check(load(mini_course)))


# ---- notebook metadata ----------------------------------------------------------------------------

def test_the_shipped_and_fixture_units_have_only_known_metadata(mini_course: Path):
    assert not list(notebook_metadata.check(load(mini_course)))


@pytest.mark.parametrize("change, code", [
    (lambda nb: nb["metadata"].update(trainer_notes="the answer is B"), "NB-META-UNKNOWN"),
    (lambda nb: nb["metadata"].update(vendor={"x": 1}), "NB-META-UNKNOWN"),
    (lambda nb: nb["cells"][0]["metadata"].update(course={"trainer_note": "the answer is B"}), "NB-META-UNKNOWN"),
    (lambda nb: nb["cells"][0]["metadata"].update(Solution="B"), "NB-META-UNKNOWN"),
    (lambda nb: nb["metadata"]["kernelspec"].update(TrainerNotes="B"), "NB-META-TRAINER"),
    (lambda nb: nb["cells"][0]["metadata"].update(jupyter={"trainr_notes": "B"}), "NB-META-TRAINER"),
])
def test_an_unknown_or_trainer_like_metadata_key_is_a_finding(mini_course: Path, change, code):
    edit_unit(mini_course, change)
    found = list(notebook_metadata.check(load(mini_course)))
    assert code in codes(found) and all(f.path == "book/unit.ipynb" for f in found)


def test_trainer_lookalikes():
    for key in ("trainer_notes", "Trainer", "trainerNote", "solutoin", "course_notes", "NOTES", "answer_key"):
        assert notebook_metadata.trainer_lookalike(key), key
    for key in ("display_name", "objectives", "keypoints", "sources", "source_hidden", "name", "tags"):
        assert not notebook_metadata.trainer_lookalike(key), key


def test_the_participant_notebook_keeps_only_known_metadata():
    nb = nbformat.v4.new_notebook(metadata={"course": {"id": "u", "trainer_notes": "x", "notes2": "y"},
                                            "kernelspec": {"name": "python3", "display_name": "P", "secret": "s"}, "trainer_notes": "t"})
    nb.cells = [nbformat.v4.new_markdown_cell("x", metadata={"course": {"objectives": [1], "trainer_note": "n"},
                                                             "tags": ["a"], "Solution": "B",
                                                             "jupyter": {"source_hidden": True, "note": "n"}})]
    out = keep_known_metadata(nb)
    assert out.metadata == {"course": {"id": "u"}, "kernelspec": {"name": "python3", "display_name": "P"}}
    assert out.cells[0].metadata == {"tags": ["a"], "course": {"objectives": [1]}, "jupyter": {"source_hidden": True}}


# ---- Sphinx's warnings --------------------------------------------------------------------------

def test_the_render_log_warnings_name_the_course_file(tmp_path: Path):
    stage_dir = tmp_path / "stage"
    log = (f"\x1b[91m{stage_dir}/unit.ipynb:30002: WARNING: Unknown directive type: 'nope' [myst.directive_unknown]\x1b[39;49;00m\n"
           f"{stage_dir}/index.md:4: CRITICAL: Problems with \"include\" directive path:\n"
           f"{stage_dir}/x.md: ERROR: Unknown interpreted text role\n"
           "WARNING: html_static_path entry 'trainer/_static' does not exist\n"
           "reading sources... [100%] unit\nbuild succeeded.\n")
    assert log_problems(log, stage_dir) == [
        "book/unit.ipynb:30002: WARNING Unknown directive type: 'nope' [myst.directive_unknown]",
        "book/index.md:4: CRITICAL Problems with \"include\" directive path:",
        "book/x.md: ERROR Unknown interpreted text role",
        "the book: WARNING html_static_path entry 'trainer/_static' does not exist"]
