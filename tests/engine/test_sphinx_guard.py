"""The Sphinx guard (engine/sphinx_guard.py) on hand-made doctrees: one rule per test.

The browser test (tests/browser/test_raw_html_tricks.py) shows the guard working inside a real
Jupyter Book render; these tests call it directly, so each rule is seen failing on its own.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from coursekit.engine import sphinx_guard
from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = tmp_path / "stage"
    src.mkdir()
    (src / "unit.md").write_text("# Unit\n", encoding="utf-8")
    monkeypatch.setattr(sphinx_guard, "ALLOWED_FILE", tmp_path / "raw_allowed.json")
    return src


def app_for(src: Path, docname: str = "unit") -> SimpleNamespace:
    env = SimpleNamespace(docname=docname, doc2path=lambda d: str(src / f"{d}.md"))
    return SimpleNamespace(env=env, srcdir=str(src))


def doc(src: Path, *children: nodes.Node) -> nodes.document:
    document = new_document(str(src / "unit.md"))
    para = nodes.paragraph("", "", *children)
    para.source, para.line = str(src / "unit.md"), 3
    document += para
    return document


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_raw_html_is_removed_with_a_warning_naming_file_and_line(book, caplog):
    tree = doc(book, nodes.Text("see "), nodes.raw("", "<img src=x onerror=pwned()>", format="html"))
    sphinx_guard.refuse_raw(app_for(book), tree)
    assert not list(tree.findall(nodes.raw))
    assert any("raw html is not allowed" in w and "page unit" in w for w in warnings(caplog))
    assert any(getattr(r, "location", "") == f"{book / 'unit.md'}:3" for r in caplog.records)


def test_a_code_cells_html_output_stays(book, caplog):
    output = nodes.container("", nodes.raw("", "<table></table>", format="html"), nb_element="cell_code_output")
    tree = new_document(str(book / "unit.md"))
    tree += output
    sphinx_guard.refuse_raw(app_for(book), tree)
    assert len(list(tree.findall(nodes.raw))) == 1 and not warnings(caplog)


def test_the_agenda_page_as_the_agenda_writes_it_keeps_its_html(book, caplog):
    text = (book / "unit.md").read_bytes()
    sphinx_guard.ALLOWED_FILE.write_text(json.dumps([hashlib.sha256(text).hexdigest()]))
    tree = doc(book, nodes.raw("", '<div class="agenda-cards"></div>', format="html"))
    sphinx_guard.refuse_raw(app_for(book), tree)
    assert len(list(tree.findall(nodes.raw))) == 1 and not warnings(caplog)
    (book / "unit.md").write_text("# Unit, edited by hand\n")  # no longer what the agenda wrote
    sphinx_guard.refuse_raw(app_for(book), tree)
    assert not list(tree.findall(nodes.raw)) and warnings(caplog)


@pytest.mark.parametrize("url", ["javascript:pwned()", " JavaScript:x", "java\tscript:x", "data:text/html,x", "vbscript:x"])
def test_a_script_link_is_made_text(book, caplog, url):
    tree = doc(book, nodes.reference("", "click", refuri=url))
    sphinx_guard.refuse_paths_and_links(app_for(book), tree)
    assert not list(tree.findall(nodes.reference)) and "click" in tree.astext()
    assert any("is not allowed" in w for w in warnings(caplog))


def test_an_image_or_download_outside_the_book_is_removed(book, caplog):
    tree = doc(book, nodes.image(uri="../../../../tmp/x/secret.txt"), nodes.image(uri="/../secret.png"),
               addnodes.download_reference("", "file", reftarget="../outside.pdf"),
               nodes.image(uri="_images/inside.png"), nodes.image(uri="https://example.org/a.png"))
    sphinx_guard.refuse_paths_and_links(app_for(book), tree)
    assert [n["uri"] for n in tree.findall(nodes.image)] == ["_images/inside.png", "https://example.org/a.png"]
    assert not list(tree.findall(addnodes.download_reference))
    assert len(warnings(caplog)) == 3


def test_text_included_from_outside_the_book_is_removed(book, caplog):
    tree = doc(book, nodes.Text("mine"))
    stranger = nodes.paragraph("", "secret")
    stranger.source, stranger.line = str(book.parent / "secret.txt"), 1
    tree += stranger
    sphinx_guard.refuse_paths_and_links(app_for(book), tree)
    assert "secret" not in tree.astext() and any("outside the book" in w for w in warnings(caplog))
