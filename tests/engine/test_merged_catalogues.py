"""The merged data catalogues (``engine.languages.merge_data_catalogues``) are made again exactly when
what they are made of changed: a data file, a language's ``data.po``, or the merged file itself (deleted
or edited). Otherwise the build skips reading the English out of the data (seconds of YAML parsing on
every build of every language). No build here: the function is called as the build calls it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, copy_course
from coursekit.engine import languages
from coursekit.model import data_text
from coursekit.model import languages as langs

CODES = ["id", "th"]


@pytest.fixture
def merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[int]]:
    """A copy of the languages course, merged once; the list counts how often the English was read."""
    root = copy_course(FIXTURES / "languages-course", tmp_path / "course")
    reads: list[int] = []
    english = data_text.messages

    def counted(r: Path) -> list[str]:
        reads.append(1)
        return english(r)

    monkeypatch.setattr(data_text, "messages", counted)
    languages.merge_data_catalogues(root, CODES)
    assert len(reads) == 1 and langs.merged_path(root, "id").is_file()
    return root, reads


def _id_merged(root: Path) -> str:
    return langs.merged_path(root, "id").read_text(encoding="utf-8")


def test_nothing_changed_reads_nothing_again(merged: tuple[Path, list[int]]):
    root, reads = merged
    before = _id_merged(root)
    languages.merge_data_catalogues(root, CODES)
    assert len(reads) == 1 and _id_merged(root) == before


def test_a_changed_translation_is_merged_again(merged: tuple[Path, list[int]]):
    root, reads = merged
    po = langs.catalogue_path(root, "id", langs.DATA_DOMAIN)
    po.write_text(po.read_text(encoding="utf-8").replace("Oleh pengadilan", "Oleh hakim"), encoding="utf-8")
    languages.merge_data_catalogues(root, CODES)
    assert len(reads) == 2 and "Oleh hakim" in _id_merged(root) and "Oleh pengadilan" not in _id_merged(root)


def test_changed_english_data_is_merged_again_and_its_old_translation_marked_stale(merged: tuple[Path, list[int]]):
    root, reads = merged
    practice = next((root / "data" / "practice").glob("*.yaml"))
    practice.write_text(practice.read_text(encoding="utf-8").replace("By the court", "By the trial court"),
                        encoding="utf-8")
    languages.merge_data_catalogues(root, CODES)
    assert len(reads) == 2
    stale = _id_merged(root).split("Oleh pengadilan")[0].rsplit("\n\n", 1)[-1]
    assert "#, fuzzy" in stale, stale


@pytest.mark.parametrize("damage", ["delete", "edit"])
def test_a_merged_file_deleted_or_edited_is_made_again(merged: tuple[Path, list[int]], damage: str):
    root, reads = merged
    before = _id_merged(root)
    target = langs.merged_path(root, "id")
    if damage == "delete":
        target.unlink()
    else:
        target.write_text(before.replace("Oleh pengadilan", "Oleh siapa saja"), encoding="utf-8")
    languages.merge_data_catalogues(root, CODES)
    assert len(reads) == 2 and _id_merged(root) == before
