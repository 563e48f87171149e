"""Stage an edition: a copy of the book with that edition's pages and transformed notebooks.

The participant stage is written from the sources through the edition's transforms and never
receives trainer pages, so nothing trainer-only can reach its HTML, ``_sources/``, downloads or
search index, whatever Jupyter Book copies later.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml
from nbformat.v4 import nbjson

from ..delivery.agenda_pages import generated_pages
from ..model import atomic
from ..model.curriculum import SITE_FILES, is_trainer_page, load, staged_name
from .cache import course_digest
from .editions import Edition

EXECUTION_OFF = "off"
TRAINER_STATIC = "trainer/_static"  # book/trainer/_static: the trainer marker, boxes and agenda cards (CSS, JS)
SKIPPED_DIRS = (".ipynb_checkpoints", "__pycache__", "_figures")  # _figures: charts of a local run, remade


@dataclass(frozen=True)
class StagedUnit:
    """A notebook in the stage, and the source file it came from."""

    source: Path
    staged: Path


def read_staged(path: Path) -> nbformat.NotebookNode:
    """A notebook this build staged, as ``nbformat.read`` gives it but without checking it against the
    schema again: staging checked the author's notebook and wrote it through nbformat. The check took half
    of a no-change build's time per language (36 notebooks read and written twice each)."""
    return nbjson.reads(path.read_text(encoding="utf-8"))


def write_staged(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write a staged notebook byte for byte as ``nbformat.write`` does, without the schema check: its
    cells are the staged ones and its outputs come from a kernel or the cache, which stored a checked one."""
    text = nbjson.writes(nb)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def _filter_toc(node: Any, keep_trainer: bool) -> Any:
    if isinstance(node, dict):
        if "file" in node and not keep_trainer and is_trainer_page(str(node["file"])):
            return None
        out = {}
        for k in ("file", "root"):
            if k in node:
                node = {**node, k: staged_name(str(node[k]))}
        for k, v in node.items():
            if k in ("parts", "chapters", "sections"):
                kept = [x for x in (_filter_toc(i, keep_trainer) for i in v or []) if x is not None]
                if not kept and k != "parts":
                    if "file" not in node:
                        return None  # a part left with no chapters is dropped
                    continue
                out[k] = kept
            else:
                out[k] = v
        return out
    return node


GUARD = "course_guard"  # engine/sphinx_guard.py, staged as an extension of its own
GUARD_DIR = "_course_ext"
COSMETIC_WARNINGS = ("misc.highlighting_failure",)
GUARD_SOURCE = Path(__file__).resolve().parent / "sphinx_guard.py"
SITE_TEMPLATES = Path(__file__).resolve().parent / "site_templates"
STAGED_TEMPLATES = "_course_templates"


RAW_ALLOWED = Path("_build") / "cache" / "raw_allowed.json"


def raw_allowed(root: Path) -> list[str]:
    """The SHA-256 of each page the agenda would write now: the only pages whose raw HTML the guard lets
    through. Planning every delivery parses data/sources.yaml (a second of a no-change build), so the list
    is kept with ``course_digest`` as its key: every file of the course and the library, and the date the
    rules compare with, as wide as ``validated``'s key, so a kept list is never one the agenda would not
    give now."""
    record = root / RAW_ALLOWED
    key = course_digest(root)
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
        if kept["key"] == key and isinstance(kept["pages"], list):
            return [str(h) for h in kept["pages"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    trusted = sorted(hashlib.sha256(text.encode("utf-8")).hexdigest() for text in generated_pages(load(root)).values())
    atomic.write_text(record, json.dumps({"key": key, "pages": trusted}), overwrite=True)
    return trusted


def _write_config(root: Path, dest: Path, edition: Edition) -> None:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    config.setdefault("execute", {})["execute_notebooks"] = EXECUTION_OFF  # outputs come from our executor
    html = config.setdefault("html", {})
    if edition.announcement:
        html["announcement"] = edition.announcement  # shown on every page, Markdown pages included
    if not edition.public:
        config["title"] = f"{config.get('title', 'Training book')} (trainer edition)"
    # Jupyter Book loads every CSS and JS file of a static path on every page (a course without them: none,
    # as Sphinx warns about a static path that does not exist, and a warning fails the render)
    if edition.include_trainer_pages and (root / "book" / TRAINER_STATIC).is_dir():
        sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
        sphinx["html_static_path"] = [*sphinx.get("html_static_path", []), TRAINER_STATIC]
        (dest / "_static").mkdir(exist_ok=True)  # Jupyter Book looks into static paths only when this exists
    # the theme prints page titles unescaped in one place: our layout escapes them (site_templates/)
    shutil.copytree(SITE_TEMPLATES, dest / STAGED_TEMPLATES)
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["templates_path"] = [STAGED_TEMPLATES, *[p for p in sphinx.get("templates_path") or [] if p != STAGED_TEMPLATES]]
    # no raw HTML where the source is parsed, but the agenda's own pages as the agenda writes them
    guard = dest / GUARD_DIR
    guard.mkdir()
    shutil.copyfile(GUARD_SOURCE, guard / f"{GUARD}.py")
    (guard / "raw_allowed.json").write_text(json.dumps(raw_allowed(root)), encoding="utf-8")
    sphinx_top = config["sphinx"]
    sphinx_top["local_extensions"] = {**(sphinx_top.get("local_extensions") or {}), GUARD: GUARD_DIR}
    # warnings fail the render (render.py), but for one that is only cosmetic: output Pygments cannot
    # colour (a control character a unit printed) is shown uncoloured, every character of it kept
    sphinx["suppress_warnings"] = [*(sphinx.get("suppress_warnings") or []), *COSMETIC_WARNINGS]
    if isinstance(sphinx.get("extensions"), list) and GUARD not in sphinx["extensions"]:
        sphinx["extensions"] = [*sphinx["extensions"], GUARD]
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def stage(root: Path, dest: Path, edition: Edition, pages: list[Path]) -> list[StagedUnit]:
    """Write the edition's stage into ``dest`` (emptied first); return the staged notebooks."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    _write_config(root, dest, edition)
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    toc = _filter_toc(toc, edition.include_trainer_pages)
    (dest / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    units: list[StagedUnit] = []
    book = root / "book"
    for src in sorted(book.rglob("*")):
        if not src.is_file() or any(d in src.parts for d in SKIPPED_DIRS) or not _inside(src, root):
            continue  # a link out of the course is never staged (validate names it: PATH-OUTSIDE)
        rel = src.relative_to(root).as_posix()
        if is_trainer_page(rel) and not edition.include_trainer_pages:
            continue
        out = dest / staged_name(rel)
        out.parent.mkdir(parents=True, exist_ok=True)
        if src.suffix == ".ipynb":
            if src not in pages:
                continue  # not in the toc: never staged
            nb = edition.apply(nbformat.reads(src.read_text(encoding="utf-8-sig"), as_version=4))
            nbformat.write(nb, out)
            units.append(StagedUnit(src, out))
        elif src.suffix == ".md" and src not in pages:
            continue
        else:
            shutil.copy2(src, out)
    for extra in SITE_FILES:
        if (root / extra).is_file() and _inside(root / extra, root):
            shutil.copy2(root / extra, dest / extra)
    return units
