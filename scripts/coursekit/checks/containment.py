"""Nothing outside the course folder reaches a site.

Git stores symbolic links, and Sphinx copies whatever an image, a download, an include or a
literalinclude names: a link under ``book/`` or ``data/``, or a path that climbs out of the course
(``![map](../../../../tmp/x/secret.txt)``), would publish a file of the builder's computer in the
participant site and the pack. This check refuses both, in notebooks, pages and data text alike (a
question's text in data/ is written into a page by ``score --page``). The stage skips such links
too (``engine/stage.py``) and the Sphinx guard refuses such paths where the page is parsed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model.curriculum import SITE_FILES, Course
from ..model.findings import Finding

WATCHED = ("book", "data")
TEXT_SUFFIXES = (".md", ".ipynb", ".yaml", ".yml", ".csv", ".txt", ".rst", ".json")
MAX_TEXT = 20 * 1024 * 1024  # larger files are data limits' business (checks of their own)
_PATH_NAMES = r"include|literalinclude|image|figure|download|raw|csv-table|code|bibliography"
PATTERNS = (
    re.compile(r"!\[[^\]]*\]\(\s*<?(?P<path>[^)\s>]+)"),                     # a Markdown image
    re.compile(r"\{(?:" + _PATH_NAMES + r")\}`(?:[^`<]*<)?(?P<path>[^`>]+)>?`", re.I),  # a role
    re.compile(r"(?:`{3,}|~{3,}|:{3,})\s*\{(?:" + _PATH_NAMES + r")\}[ \t]+(?P<path>[^\s`]+)", re.I),  # a directive
    re.compile(r"\.\.\s+(?:" + _PATH_NAMES + r")::[ \t]+(?P<path>\S+)", re.I),  # reStructuredText (eval-rst)
    re.compile(r":file:[ \t]+(?P<path>\S+)", re.I),                          # a raw or csv-table file option
)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
FIX_LINK = "replace the link by a copy of the file inside the course, or remove it"
FIX_PATH = "copy the file into the course (next to the page) and use a path inside the course"


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, every link resolved, lies in ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _links(root: Path) -> Iterator[Path]:
    """Every symbolic link under the watched folders (links to folders are not followed), and the
    site files at the top (logo, icon, bibliography: the stage copies them)."""
    for name in (*SITE_FILES, "_config.yml", "_toc.yml"):
        if (root / name).is_symlink():
            yield root / name
    for top in WATCHED:
        for folder, dirs, files in os.walk(root / top, followlinks=False):
            for name in sorted(dirs + files):
                p = Path(folder) / name
                if p.is_symlink():
                    yield p


def link_findings(course: Course) -> Iterator[Finding]:
    root = course.root
    for link in _links(root):
        if not inside(link, root):
            yield Finding(link.relative_to(root).as_posix(), None, "PATH-OUTSIDE",
                          f"is a symbolic link to {os.readlink(link)!s:.120}, outside the course folder: "
                          "the file it points to would be published", FIX_LINK)


def paths_in(text: str) -> Iterator[tuple[int, str]]:
    """``(line, path)`` of every file an image, download, include or literalinclude names in ``text``."""
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            path = m.group("path").strip().strip("\"'")
            if path and not _URL.match(path) and not path.startswith("#"):
                yield text.count("\n", 0, m.start()) + 1, path


def _target(path: str, file: Path, root: Path) -> Path:
    """Where Sphinx would look: ``/x`` from the book's top (the stage's), else beside the file."""
    path = path.split("#", 1)[0].split("?", 1)[0]
    return (root / "book" / path.lstrip("/")) if path.startswith("/") else file.parent / path


def _texts(root: Path) -> Iterator[Path]:
    for top in WATCHED:
        for folder, _dirs, files in os.walk(root / top, followlinks=False):
            for name in sorted(files):
                p = Path(folder) / name
                if p.suffix.lower() in TEXT_SUFFIXES and not p.is_symlink() and p.stat().st_size <= MAX_TEXT:
                    yield p


def path_findings(course: Course) -> Iterator[Finding]:
    root = course.root
    for file in _texts(root):
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.suffix == ".ipynb":
            text = text.replace("\\n", "\n").replace('\\"', '"')  # lines of the JSON as Jupyter shows them
        for line, path in paths_in(text):
            if not inside(_target(path, file, root), root):
                yield Finding(course.shown(file), line if file.suffix != ".ipynb" else None, "PATH-OUTSIDE",
                              f"names '{path[:120]}', which lies outside the course folder: the build would "
                              "publish that file", FIX_PATH)


def check(course: Course) -> Iterable[Finding]:
    yield from link_findings(course)
    yield from path_findings(course)
