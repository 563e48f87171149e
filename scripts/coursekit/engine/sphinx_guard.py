"""A Sphinx extension, staged with every edition: no raw HTML where the source is parsed.

Markdown does not parse the way a regular expression assumes (a backslash in a code span, ``~~~``
in a line, ``{RAW}`` in capitals, an ``{include}`` of a ``.txt`` file, an ``{eval-rst}`` block), so
the book does not guess: once docutils, MyST and MyST-NB have parsed a page, every ``raw`` node
(a ``raw`` directive or role in any casing, an HTML block or inline HTML in Markdown, a raw block
inside ``eval-rst``, an included file's HTML) is removed and reported as a warning naming the file
and line. Warnings fail the build (``render.py``), so a page with raw HTML is never published.

Two kinds of raw node are the book's own and stay:

- a code cell's HTML output (tables drawn by ``coursekit.book``, every data field escaped there);
  the rendered-site check (``sitecheck.py``) still reads the HTML it becomes;
- the HTML of a page ``course.py agenda`` wrote, when the page is byte for byte what the agenda
  command writes for its delivery now: the stage lists the SHA-256 of each such page in
  ``raw_allowed.json`` beside this file. A hand edit, a stale page or a hand-written page that
  merely starts with the generated-page comment is not on the list.

This module runs inside Jupyter Book's process, so it imports nothing of coursekit.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

ALLOWED_FILE = Path(__file__).resolve().parent / "raw_allowed.json"
BAD_SCHEMES = ("javascript", "vbscript", "data")
OUTPUT_ELEMENTS = ("cell_code_output",)  # MyST-NB's container of a code cell's outputs
logger = logging.getLogger(__name__)


def _allowed_pages() -> set[str]:
    try:
        return set(json.loads(ALLOWED_FILE.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def _is_output(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and (parent.get("nb_element") in OUTPUT_ELEMENTS
                                                  or "cell_output" in parent.get("classes", [])):
            return True
        parent = parent.parent
    return False


def _where(node: nodes.Node) -> tuple[str | None, int | None]:
    """The source file and line of a node, or of its nearest ancestor that knows them."""
    at: Any = node
    while at is not None:
        if getattr(at, "line", None) or getattr(at, "source", None):
            return getattr(at, "source", None), getattr(at, "line", None)
        at = at.parent
    return None, None


def refuse_raw(app: Any, doctree: nodes.document) -> None:
    """Remove every raw node that is not the book's own, with a warning naming file and line."""
    docname = app.env.docname
    page = Path(app.env.doc2path(docname))
    try:
        trusted = hashlib.sha256(page.read_bytes()).hexdigest() in _allowed_pages()
    except OSError:
        trusted = False
    for node in list(doctree.findall(nodes.raw)):
        if _is_output(node):
            continue
        source, line = _where(node)
        if trusted and (source is None or Path(source).resolve() == page.resolve()):
            continue
        text = " ".join(node.astext().split())
        if isinstance(node.parent, nodes.TextElement):  # inline HTML: show the sentence it sits in
            text = " ".join(node.parent.astext().split())
        place = f"{source}:{line}" if source and line else (source or docname)
        logger.warning("raw %s is not allowed on a page (page %s): '%s' (write it as Markdown or put it in `code`; "
                       "pages may not carry their own HTML or scripts)", node.get("format", "content"), docname,
                       text[:120], location=place, type="course", subtype="raw")
        node.parent.remove(node)


def _scheme(url: str) -> str:
    """A URL's scheme as a browser reads it (spaces and control characters trimmed, tabs and newlines
    removed), lower case; '' for a relative URL."""
    url = re.sub(r"[\t\n\r]", "", url.strip("".join(chr(c) for c in range(0x21))))
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return m.group(1).lower() if m else ""


def _within(path: Path, srcdir: Path) -> bool:
    try:
        path.resolve().relative_to(srcdir.resolve())
    except (ValueError, OSError):
        return False
    return True


def _outside(path: str, srcdir: Path, docdir: Path) -> bool:
    """Whether a file path of a page (``/x``: from the book's top) resolves outside the book."""
    return not _within((srcdir / path.lstrip("/")) if path.startswith("/") else docdir / path, srcdir)


def refuse_paths_and_links(app: Any, doctree: nodes.document) -> None:
    """A link to ``javascript:`` (or ``vbscript:``, ``data:``) that docutils let through (an ``eval-rst``
    link), and an image, download or included file outside the book, are removed with a warning:
    nothing outside the course reaches a site (the build would copy the file into ``_images``)."""
    docname = app.env.docname
    srcdir = Path(app.srcdir)
    page = Path(app.env.doc2path(docname))
    for node in list(doctree.findall(nodes.reference)):
        if _scheme(node.get("refuri", "")) in BAD_SCHEMES:
            _warn(node, docname, f"a link to '{node['refuri'][:80]}' is not allowed on a page")
            node.replace_self(nodes.Text(node.astext()))
    for node in list(doctree.findall(nodes.Element)):
        source = getattr(node, "source", None)
        if (source and node.parent is not None and getattr(node.parent, "source", None) != source
                and not _within(Path(source), srcdir) and not _is_output(node)):
            _warn(node, docname, f"includes '{source}', a file outside the book")
            node.parent.remove(node)
    for node in list(doctree.findall(nodes.image)):
        uri = str(node.get("uri", ""))
        if not _is_output(node) and not _scheme(uri) and not uri.startswith("//") and _outside(uri, srcdir, page.parent):
            _warn(node, docname, f"shows the image '{uri[:120]}', a file outside the book")
            node.parent.remove(node)
    for node in list(doctree.findall(addnodes.download_reference)):
        target = str(node.get("reftarget", ""))
        if not _scheme(target) and _outside(target, srcdir, page.parent):
            _warn(node, docname, f"offers the download '{target[:120]}', a file outside the book")
            node.replace_self(nodes.Text(node.astext()))


def _warn(node: nodes.Node, docname: str, what: str) -> None:
    source, line = _where(node)
    place = f"{source}:{line}" if source and line else (source or docname)
    logger.warning("%s (page %s)", what, docname, location=place, type="course", subtype="path")


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-read", refuse_raw)
    app.connect("doctree-read", refuse_paths_and_links)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
