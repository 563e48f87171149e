"""Trainer-only boxes: in the trainer edition every model answer and trainer note is in a collapsed,
anchored "Trainer only" box that the unit card links to; the participant edition is untouched."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, build_in_process, copy_course
from coursekit.engine.editions import PARTICIPANT, TRAINER
from coursekit.engine.transforms.add_unit_card import add_unit_card
from coursekit.engine.transforms.box_trainer_material import BOX_CLASS, box_markdown, box_trainer_material
from coursekit.engine.transforms.remove_solutions import remove_solutions
from coursekit.engine.transforms.remove_trainer_cells import remove_trainer_cells
from coursekit.engine.transforms.remove_trainer_metadata import remove_trainer_metadata
from coursekit.model.trainer_boxes import trainer_boxes

CANARY = "qzcanary7351"
BOXED = {f"{CANARY}cell": "notes", f"{CANARY}solution": "answer", f"{CANARY}meta": "notes"}


def unit(root: Path = FIXTURES / "editions") -> nbformat.NotebookNode:
    return nbformat.read(root / "book" / "unit.ipynb", as_version=4)


def test_boxes_have_stable_anchors_in_page_order():
    boxes = trainer_boxes(unit())
    assert [(b.kind, b.label, b.cells) for b in boxes] == [
        ("notes", "editions-unit-trainer-notes", ()),  # the unit's trainer_notes, under the card
        ("notes", "editions-unit-trainer-notes-1", (3,)),
        ("answer", "editions-unit-trainer-answer-1", (4,))]


def test_each_trainer_cell_is_boxed_under_an_anchored_heading():
    out = box_trainer_material(unit())
    sources = [c.source for c in out.cells]
    heading = sources.index("(editions-unit-trainer-notes-1)=\n## Trainer only: notes")
    note = out.cells[heading + 1]
    assert note.source.startswith(":::{dropdown} Trainer only: notes\n") and f"{CANARY}cell" in note.source
    assert f":class-container: {BOX_CLASS} {BOX_CLASS}-notes" in note.source and ":open:" not in note.source
    assert sources[heading + 2] == "(editions-unit-trainer-answer-1)=\n## Trainer only: model answer"
    answer = out.cells[heading + 3]
    assert answer.cell_type == "code" and {"hide-output", "remove-input", BOX_CLASS} <= set(answer.metadata.tags)
    assert answer.metadata.mystnb["code_prompt_show"].startswith("Trainer only: model answer")
    assert len({c.id for c in out.cells}) == len(out.cells)
    nbformat.validate(out)


def test_a_box_is_fenced_deeper_than_the_fences_and_headings_inside_it():
    text = box_markdown("## Answers\n\n:::{note}\ninside\n:::", "answer")
    assert text.startswith("::::{dropdown} Trainer only: model answer") and text.endswith("\n::::")
    assert "**Answers**" in text and "## Answers" not in text  # a heading would end the dropdown


def test_unit_card_links_every_box_and_keeps_the_notes_out_of_sight():
    out = TRAINER.apply(unit())
    card = next(c.source for c in out.cells if "Trainer card" in c.source)
    for label in ("editions-unit-trainer-notes", "editions-unit-trainer-notes-1", "editions-unit-trainer-answer-1"):
        assert f"<{label}>`" in card
    assert f"{CANARY}meta" not in card  # the unit's notes are in their own collapsed box
    meta_box = next(c.source for c in out.cells if f"{CANARY}meta" in c.source)
    assert meta_box.startswith(":::{dropdown} Trainer only: notes")


def test_participant_edition_is_unchanged_by_the_boxes():
    assert [t.__name__ for t in PARTICIPANT.transforms][:3] == [
        remove_trainer_cells.__name__, remove_solutions.__name__, remove_trainer_metadata.__name__]
    text = json.dumps(PARTICIPANT.apply(unit()))
    assert "Trainer only" not in text and BOX_CLASS not in text and CANARY not in text


def test_card_transform_alone_links_nothing_it_cannot_find():
    nb = unit()
    nb.cells = [c for c in nb.cells if not c.metadata.get("tags")]
    del nb.metadata["course"]["trainer_notes"]
    card = next(c.source for c in add_unit_card(nb).cells if "Trainer card" in c.source)
    assert "{ref}" not in card


@pytest.fixture(scope="module")
def trainer_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_course(FIXTURES / "editions", tmp_path_factory.mktemp("boxes") / "course")
    build_in_process(root, ["trainer"])
    return root / "_build" / "trainer" / "html"


def test_built_trainer_page_shows_each_answer_and_note_collapsed_and_linked(trainer_site: Path):
    soup = BeautifulSoup((trainer_site / "unit.html").read_text(), "lxml")
    card = soup.select_one(".trainer-card")
    linked = {a["href"].lstrip("#") for a in card.select("a[href^='#']")}
    for canary, kind in BOXED.items():
        hits = [el for el in soup.find_all(string=lambda s, c=canary: s and c in s)]
        assert hits, canary
        for hit in hits:
            box = hit.find_parent("details")
            assert box is not None and not box.has_attr("open"), f"{canary} is not in a collapsed box"
            holder = box if BOX_CLASS in (box.get("class") or []) else box.find_parent(class_=f"tag_{BOX_CLASS}")
            assert holder is not None and f"{BOX_CLASS}-{kind}" in " ".join(holder.get("class") or []), canary
            section = holder.find_parent("section")
            anchors = {section.get("id")} | {s.get("id") for s in section.find_all("span", recursive=False)}
            assert anchors & linked, f"the box of {canary} is not linked from the unit card"
            assert section.find("h2").get_text().startswith("Trainer only:")
    page_toc = {a.get_text(strip=True) for a in soup.select(".bd-toc a, nav.bd-links a, #bd-toc-nav a")}
    assert {"Trainer only: notes", "Trainer only: model answer"} <= page_toc  # in the page's Contents
