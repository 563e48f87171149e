"""The leak check finds trainer-only text in every kind of file a site holds, and nothing else.

Sites here are written by hand (no build), one leak path per test, against the trainer material of
the ``tests/fixtures/editions`` book.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
import zlib
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES, copy_course
from coursekit.engine.leakcheck import TrainerText, check_site, scan, trainer_text
from PIL import Image, PngImagePlugin

TRAINER_CELL = "Ask each group to compare the preservation request with the production order"
NOTES = "Remind the group that the deadline differs by country"
PUBLIC = "Some public narrative about electronic evidence."


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> TrainerText:
    return trainer_text(copy_course(FIXTURES / "editions", tmp_path_factory.mktemp("leak") / "course"))


def site_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    site = tmp_path / "site"
    for name, content in {"index.html": f"<html><body><p>{PUBLIC}</p></body></html>", **files}.items():
        p = site / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode())
    return site


def leaks(site: Path, secret: TrainerText) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in scan(site, secret):
        out.setdefault(f.path.removeprefix("participant site/"), set()).add(f.code)
    return out


def png_with_text(key: str, text: str, compressed: bool) -> bytes:
    info = PngImagePlugin.PngInfo()
    if compressed:
        info.add_itxt(key, text, zip=True)
    else:
        info.add_text(key, text)
    buf = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def test_clean_site_has_no_findings(tmp_path: Path, secret: TrainerText):
    site = site_with(tmp_path, {"unit.html": "<p>Exercise. In pairs, list the steps to preserve stored computer data.</p>",
                                "_static/theme.js": "var trainer = 'trainer edition';"})
    assert scan(site, secret) == []


def test_text_split_by_markup_and_entities_is_found(tmp_path: Path, secret: TrainerText):
    html = ("<p>Trainer note: ask each group to <em>compare</em> the preservation&nbsp;request\n"
            "with the <a href='x'>production order</a></p>")
    assert leaks(site_with(tmp_path, {"unit.html": html}), secret) == {"unit.html": {"LEAK-TRAINER-TEXT"}}


def test_text_in_an_html_attribute_is_found(tmp_path: Path, secret: TrainerText):
    html = f'<img src="a.png" alt="{NOTES.upper()}">'
    assert "unit.html" in leaks(site_with(tmp_path, {"unit.html": html}), secret)


def test_notebook_download_with_source_as_lines_is_found(tmp_path: Path, secret: TrainerText):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("")])
    raw = json.loads(nbformat.writes(nb))
    raw["cells"][0]["source"] = ["Trainer note: ask each group to compare\n", "the preservation request with the production order"]
    found = leaks(site_with(tmp_path, {"_sources/unit.ipynb": json.dumps(raw, ensure_ascii=True)}), secret)
    assert found == {"_sources/unit.ipynb": {"LEAK-TRAINER-TEXT"}}


def test_metadata_notes_in_markdown_source_are_found(tmp_path: Path, secret: TrainerText):
    found = leaks(site_with(tmp_path, {"_sources/index.md": f"# Index\n\n{NOTES} qzcanary7351meta.\n"}), secret)
    assert found == {"_sources/index.md": {"LEAK-TRAINER-TEXT"}}


def test_single_trainer_word_in_the_search_index_is_found(tmp_path: Path, secret: TrainerText):
    index = {"docnames": ["index", "unit"], "terms": {"narr": [0], "qzcanary7351cel": 1}, "titles": ["Index", "Unit"],
             "titleterms": {}}
    site = site_with(tmp_path, {"searchindex.js": "Search.setIndex(" + json.dumps(index) + ")"})
    [finding] = scan(site, secret)
    assert finding.path.endswith("searchindex.js") and "qzcanary7351cel" in finding.message
    assert "book/unit.ipynb, cell 4 (trainer)" in finding.message


def test_trainer_page_in_search_index_and_as_file_is_found(tmp_path: Path, secret: TrainerText):
    index = {"docnames": ["index", "trainer/guide"], "terms": {}, "titles": ["Index", "Guide"], "titleterms": {}}
    site = site_with(tmp_path, {"searchindex.js": "Search.setIndex(" + json.dumps(index) + ")",
                                "trainer/guide.html": "<p>nothing</p>"})
    found = leaks(site, secret)
    assert found == {"searchindex.js": {"LEAK-TRAINER-TEXT"}, "trainer/guide.html": {"LEAK-TRAINER-PAGE"}}


def test_compressed_inventory_is_read(tmp_path: Path, secret: TrainerText):
    body = zlib.compress(f"unit std:doc -1 unit.html {TRAINER_CELL}\n".encode())
    inv = b"# Sphinx inventory version 2\n# Project: x\n# Version: \n# The remainder is compressed\n" + body
    assert leaks(site_with(tmp_path, {"objects.inv": inv}), secret) == {"objects.inv": {"LEAK-TRAINER-TEXT"}}


@pytest.mark.parametrize("compressed", [False, True])
def test_image_metadata_is_read(tmp_path: Path, secret: TrainerText, compressed: bool):
    png = png_with_text("Description", "Preserve first, then obtain a production order qzcanary7351solution", compressed)
    assert leaks(site_with(tmp_path, {"_images/chart.png": png}), secret) == {"_images/chart.png": {"LEAK-TRAINER-TEXT"}}
    assert scan(site_with(tmp_path / "clean", {"_images/chart.png": png_with_text("Software", "matplotlib", compressed)}),
                secret) == []


def test_compressed_downloads_are_read(tmp_path: Path, secret: TrainerText):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("notes.md", NOTES)
    found = leaks(site_with(tmp_path, {"_downloads/a/pack.zip": buf.getvalue(),
                                       "_downloads/b/notes.md.gz": gzip.compress(TRAINER_CELL.encode())}), secret)
    assert found == {"_downloads/a/pack.zip": {"LEAK-TRAINER-TEXT"}, "_downloads/b/notes.md.gz": {"LEAK-TRAINER-TEXT"}}


def test_trainer_banner_is_trainer_only(tmp_path: Path, secret: TrainerText):
    html = "<div>Trainer edition: not for distribution. This page includes facilitation notes and model answers; " \
           "give participants the participant edition.</div>"
    assert leaks(site_with(tmp_path, {"index.html": html}), secret) == {"index.html": {"LEAK-TRAINER-TEXT"}}


def test_trainer_text_that_is_also_public_is_not_a_leak(tmp_path: Path):
    root = copy_course(FIXTURES / "editions", tmp_path / "course")
    nb = nbformat.read(root / "book" / "unit.ipynb", as_version=4)
    nb.cells[3].source += f"\n\n{PUBLIC}"  # a trainer cell quoting the public narrative
    nbformat.write(nb, root / "book" / "unit.ipynb")
    site = site_with(tmp_path, {"unit.html": f"<p>{PUBLIC}</p><p>Model answer: preserve first.</p>"})
    assert check_site(root, site) == []
    secret = trainer_text(root)
    assert ("some", "public", "narrative", "about", "electronic", "evidence") not in secret.phrases.phrases()


def test_knowledge_check_rationale_is_trainer_only_and_its_question_public(tmp_path: Path):
    root = copy_course(FIXTURES / "editions", tmp_path / "course")
    (root / "data" / "assessments").mkdir()
    (root / "data" / "assessments" / "check.yaml").write_text(
        "id: check\ntitle: A knowledge check\nquestions:\n"
        "  - id: q1\n    type: true-false\n    text: Stored computer data can be preserved quickly.\n"
        "    answer: true\n    objectives: [editions-unit#1]\n"
        "    rationale: >-\n      Expedited preservation keeps the data\n      until the production order arrives.\n")
    question = site_with(tmp_path / "q", {"self-check.html": "<p>Stored computer data can be preserved quickly.</p>"})
    assert check_site(root, question) == []
    answer = site_with(tmp_path / "a", {"self-check.html": "<p>Expedited preservation keeps the data until the"
                                                           " production order arrives.</p>"})
    [finding] = check_site(root, answer)
    assert "data/assessments/check.yaml, rationale of q1" in finding.message


def test_model_answer_quoting_public_data_does_not_match_pages_showing_that_data(tmp_path: Path):
    root = copy_course(FIXTURES / "editions", tmp_path / "course")
    (root / "data" / "articles.yaml").write_text("- number: '15'\n  title: Solicitation or grooming of children\n")
    nb = nbformat.read(root / "book" / "unit.ipynb", as_version=4)
    nb.cells[4].source = "Article 15 (Solicitation or grooming of children) applies here."
    nbformat.write(nb, root / "book" / "unit.ipynb")
    generated = site_with(tmp_path / "g", {"unit.html": "<td>Article 15</td><td>Solicitation or grooming of children</td>"})
    assert check_site(root, generated) == []
    nb.cells[4].source = "The offender first befriended the child on a gaming platform, Article 15 applies."
    nbformat.write(nb, root / "book" / "unit.ipynb")
    leaked = site_with(tmp_path / "l", {"unit.html": "<p>The offender first befriended the child on a gaming platform</p>"})
    assert [f.code for f in check_site(root, leaked)] == ["LEAK-TRAINER-TEXT"]


def test_evaluation_comments_and_participant_codes_are_trainer_only(tmp_path: Path):
    """Issue 25: what ``course.py evaluation`` keeps never reaches the participant site."""
    root = copy_course(FIXTURES / "editions", tmp_path / "course")
    kept = root / "evaluation" / "workshop-2027"
    kept.mkdir(parents=True)
    (kept / "comments.csv").write_text("response,question,comment\n1,Comments,The breakout room on warrants "
                                       "needed twenty more minutes of practice\n")
    (kept / "attendance.csv").write_text("code,role,agency_type,country,sex,sessions_attended\n"
                                         "zq-ember-91,judge,judiciary,PH,female,3\n")
    assert check_site(root, site_with(tmp_path / "clean", {})) == []
    comment = site_with(tmp_path / "c", {"unit.html": "<p>The breakout room on warrants needed twenty more "
                                                      "minutes of practice</p>"})
    assert any("evaluation/workshop-2027/comments.csv" in f.message for f in check_site(root, comment))
    code = site_with(tmp_path / "k", {"unit.html": "<p>Answers</p>\n<p>zq-ember-91</p>"})
    assert any("evaluation/workshop-2027/attendance.csv" in f.message for f in check_site(root, code))


def test_a_file_repeated_in_a_nested_language_site_is_reported_at_each_of_its_paths(tmp_path: Path,
                                                                                      secret: TrainerText):
    """The check searches a file's bytes once however often a site holds them (the languages' copies of
    the theme's files), but a copy that leaks is named at every path it is published under."""
    page = f"<p>{TRAINER_CELL}</p>".replace(" ", " <b></b>")
    site = site_with(tmp_path, {"_static/notes.html": page, "id/_static/notes.html": page,
                                "th/_static/notes.html": page, "id/clean.html": f"<p>{PUBLIC}</p>"})
    found = leaks(site, secret)
    assert {"_static/notes.html", "id/_static/notes.html", "th/_static/notes.html"} <= set(found), found
    assert "id/clean.html" not in found
