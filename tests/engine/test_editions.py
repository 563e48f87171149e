"""Editions: the participant edition never holds trainer material; the trainer edition shows it, marked.

The fixture ``tests/fixtures/editions`` plants a canary word (all start with ``qzcanary7351``) in a
trainer cell, a solution cell, ``trainer_notes`` and a page under ``book/trainer/``.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import FIXTURES, copy_course, run_course
from coursekit.engine.editions import EDITIONS, PARTICIPANT, TRAINER
from coursekit.engine.stage import stage
from coursekit.engine.transforms.add_edition_banner import TRAINER_BANNER
from coursekit.engine.transforms.add_unit_points import KEYPOINTS_ID, OBJECTIVES_ID

CANARY = "qzcanary7351"
PLANTED = {f"{CANARY}cell", f"{CANARY}solution", f"{CANARY}meta", f"{CANARY}page"}


@pytest.fixture
def editions_course(tmp_path: Path) -> Path:
    """A copy of the fixture book with trainer material planted everywhere it can live."""
    return copy_course(FIXTURES / "editions", tmp_path / "course")


def unit(root: Path) -> nbformat.NotebookNode:
    return nbformat.read(root / "book" / "unit.ipynb", as_version=4)


def files_with(folder: Path, needle: str) -> list[str]:
    """Every file under ``folder`` whose bytes contain ``needle`` (any case)."""
    low = needle.lower().encode()
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and low in p.read_bytes().lower())


def toc_files(stage_dir: Path) -> list[str]:
    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    yield node[key]
            for v in node.values():
                yield from walk(v)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v)
    return list(walk(yaml.safe_load((stage_dir / "_toc.yml").read_text())))


# ---- transforms --------------------------------------------------------------------------

def test_participant_transforms_drop_trainer_cells_solutions_and_notes(editions_course: Path):
    nb = unit(editions_course)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="stored output")]
    nb.cells[2].metadata["course"]["trainer_notes"] = f"cell-level note {CANARY}cellmeta"
    out = PARTICIPANT.apply(nb)
    text = json.dumps(out)
    assert CANARY not in text
    # the objectives and key points the build writes from the metadata are checked in test_unit_points
    out.cells = [c for c in out.cells if c.get("id") not in (OBJECTIVES_ID, KEYPOINTS_ID)]
    assert [c.metadata.get("tags", []) for c in out.cells] == [[], [], ["exercise"], ["exercise"]]
    assert out.cells[2].metadata["course"] == {"objectives": [1]}  # what the exercise practises stays
    assert out.metadata["course"]["objectives"]  # public metadata stays
    assert "trainer_notes" not in out.metadata["course"]
    assert out.cells[1].outputs == [] and out.cells[1].execution_count is None


def test_trainer_edition_puts_banner_then_card_right_under_the_title(editions_course: Path):
    out = TRAINER.apply(unit(editions_course))
    assert out.cells[0].source == "# A unit with trainer material"
    assert TRAINER_BANNER in out.cells[1].source
    card = out.cells[2].source
    assert "Trainer card" in card and "45 minutes (30 teaching, 15 exercises" in card
    assert "1. Explain how stored computer data is preserved" in card
    assert "- Preserve first, then seek production" in card
    assert "Trainer only: notes" in out.cells[3].source  # the unit's trainer_notes: a collapsed box under the card
    assert out.cells[4].source.startswith(":::{dropdown} Trainer only: notes") and f"{CANARY}meta" in out.cells[4].source
    assert out.cells[5].source == "Some public narrative about electronic evidence."  # the split title cell
    assert len({c.id for c in out.cells}) == len(out.cells)
    nbformat.validate(out)
    assert any(f"{CANARY}cell" in c.source for c in out.cells)  # trainer cells are kept


def test_trainer_banner_goes_on_top_when_a_notebook_has_no_title(editions_course: Path):
    nb = unit(editions_course)
    nb.cells[0].source = "No heading here."
    out = TRAINER.apply(nb)
    assert TRAINER_BANNER in out.cells[0].source and "Trainer card" in out.cells[1].source
    assert out.cells[4].get("id") == OBJECTIVES_ID  # no title to go under: the objectives open the page
    assert out.cells[5].source == "No heading here."  # after the card, the trainer notes' box and the objectives


# ---- staging -------------------------------------------------------------------------------

def test_participant_stage_never_holds_trainer_material(editions_course: Path, tmp_path: Path):
    pages = [editions_course / "book" / "index.md", editions_course / "book" / "unit.ipynb",
             editions_course / "book" / "trainer" / "guide.md"]
    figures = editions_course / "book" / "_figures"
    figures.mkdir()
    (figures / "chart.svg").write_text(f"<svg><title>{CANARY}figure</title></svg>")  # a local run's leftover
    dest = tmp_path / "stage"
    stage(editions_course, dest, PARTICIPANT, pages)
    assert files_with(dest, CANARY) == []
    assert not (dest / "trainer").exists() and not (dest / "_figures").exists()
    assert toc_files(dest) == ["index", "unit"]
    trainer = tmp_path / "trainer-stage"
    stage(editions_course, trainer, TRAINER, pages)
    assert toc_files(trainer) == ["index", "unit", "trainer/guide"]
    config = yaml.safe_load((trainer / "_config.yml").read_text())
    assert config["html"]["announcement"] == TRAINER_BANNER
    assert "trainer edition" in config["title"]


# ---- the acceptance test: a full build of both editions -------------------------------------

def test_canaries_reach_the_trainer_site_and_no_file_of_the_participant_site(editions_course: Path):
    assert list(EDITIONS) == ["participant", "trainer"]
    res = run_course("build", root=editions_course)
    assert res.returncode == 0, res.stdout + res.stderr
    participant = editions_course / "_build" / "participant" / "html"
    trainer = editions_course / "_build" / "trainer" / "html"
    assert (participant / "searchindex.js").is_file() and (participant / "_sources" / "unit.ipynb").is_file()
    assert files_with(participant, CANARY) == []  # every file: HTML, _sources, search index, downloads
    found = {c for c in PLANTED if files_with(trainer, c)}
    assert found == PLANTED
    assert f"{CANARY}solution" in (trainer / "unit.html").read_text()  # the solution ran and shows
    assert f"{CANARY}page" in (trainer / "trainer" / "guide.html").read_text()
    pages = [p for p in trainer.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) >= 5
    for page in pages:
        assert "not for distribution" in page.read_text(), page  # the banner is on every page
    assert files_with(participant, "not for distribution") == []


def test_participant_cell_printing_trainer_notes_fails_the_build_unpublished(editions_course: Path):
    nb = unit(editions_course)
    leak = ("import json, os\n"
            "nb = json.load(open(os.path.join(os.environ['COURSE_ROOT'], 'book', 'unit.ipynb')))\n"
            "print(nb['metadata']['course']['trainer_notes'])")
    nb.cells.append(nbformat.v4.new_code_cell(leak))
    nbformat.write(nb, editions_course / "book" / "unit.ipynb")
    res = run_course("build", "--edition", "participant", root=editions_course)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "LEAK-TRAINER-TEXT" in out and "unit.html" in out and "trainer_notes" in out
    assert "Traceback" not in out
    assert not (editions_course / "_build" / "participant" / "html").exists()
