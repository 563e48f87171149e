"""The preview's render: Sphinx's sources, environment and pages kept between the builds of one ``serve``,
so a save renders again only the pages whose staged source changed (Sphinx's own incremental build).

``build`` renders from scratch every time (``render.render``) and stays so. ``serve`` builds again on every
save, and its stage is written anew each time (``stage.py``): handed to Sphinx as it is, every file would look
new and every page would be read and written again (most of a preview's wait). Here the new stage is laid
over a kept copy file by file, and only a file whose bytes changed is written, so only its time changes:
Sphinx reads again the documents that changed (and those whose images or includes changed, which it tracks)
and keeps the others' doctrees and pages.

Sphinx does not write again a page whose own source is unchanged, even when what it shows of other pages
changed: every page's navigation lists every title, and previous/next links and references show other
pages' titles and sections. So the render is full, from scratch, when
- nothing is kept yet, or the last render through the kept copy failed or was stopped (a warning of a page
  that is not read again would not be said again);
- a file was added or removed, or a file changed that is no page's own (top-level files such as the
  configuration and the table of contents, and ``_``-folders such as templates, static files and the guard);
- a page has other headings (its title, its sections) after the incremental render than before.
The pages Sphinx keeps are never edited: the site handed on is a copy, lightened as a full render's is,
so what is published is what a full render of the same stage gives.
"""

from __future__ import annotations

import filecmp
import json
import re
import shutil
from pathlib import Path

from .render import RenderResult, finish, run_jupyter_book

SOURCES = "src"  # the kept copy of the stage: Sphinx's source folder
OUTPUT = "out"  # Sphinx's output and environment (_build/html, _build/.doctrees)
CLEAN = "clean"  # present only after a render through the kept copy that succeeded without a warning
PAGE_SUFFIXES = (".ipynb", ".md")
FIGURES = "_figures"  # a unit's charts, beside its notebook (run_units.FIGURES)
SEARCH_INDEX = "searchindex.js"
INDEX_PREFIX, INDEX_SUFFIX = "Search.setIndex(", ")"  # as Sphinx writes it (sphinx.search._JavaScriptIndex)
_HEADING = re.compile(rb"<(title|h[1-6])\b[^>]*>(.*?)</\1>", re.S)


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def _page_owned(rel: str) -> bool:
    """A page's own file or one of its charts (Sphinx knows which documents use it), not the whole book's:
    not at the top but for a page, and in no ``_`` or ``.`` folder but a unit's charts."""
    *folders, name = rel.split("/")
    if any(f.startswith(("_", ".")) and f != FIGURES for f in folders):
        return False
    return bool(folders) or name.endswith(PAGE_SUFFIXES)


def lay_over(stage_dir: Path, kept: Path) -> list[str] | None:
    """Copy the files of ``stage_dir`` that differ into ``kept``; return them, or None when the render must be
    full: a file added or removed, or a changed file that is no page's own (the ``kept`` copy is then left
    as it was)."""
    new, old = _files(stage_dir), _files(kept)
    if new != old:
        return None
    changed = [rel for rel in sorted(new) if not filecmp.cmp(stage_dir / rel, kept / rel, shallow=False)]
    if not all(_page_owned(rel) for rel in changed):
        return None
    for rel in changed:
        shutil.copyfile(stage_dir / rel, kept / rel)  # a new time: Sphinx reads it (and its readers) again
    return changed


def headings(html: Path) -> dict[str, list[bytes]]:
    """Each page's title and headings: what other pages show of it (navigation, links, references)."""
    return {p.relative_to(html).as_posix(): [m.group(0) for m in _HEADING.finditer(p.read_bytes())]
            for p in sorted(html.rglob("*.html")) if not p.relative_to(html).as_posix().startswith("_")}


def drop_pruned_terms(index: Path) -> None:
    """The search index without the words that no page holds any more: Sphinx 7 keeps them, with no page,
    after an incremental build (it prunes the pages of a word, never the word), where a full render has none."""
    text = index.read_text(encoding="utf-8")
    if not (text.startswith(INDEX_PREFIX) and text.endswith(INDEX_SUFFIX)):
        return
    data = json.loads(text[len(INDEX_PREFIX):-len(INDEX_SUFFIX)])
    for key in ("terms", "titleterms"):
        data[key] = {word: pages for word, pages in (data.get(key) or {}).items() if pages != []}
    index.write_text(INDEX_PREFIX + json.dumps(data, sort_keys=True) + INDEX_SUFFIX, encoding="utf-8")


def ready(kept: Path) -> bool:
    """Whether a render through ``kept`` would be incremental: the last one succeeded and left its pages."""
    return (kept / CLEAN).is_file() and (kept / OUTPUT / "_build" / "html" / "index.html").is_file()


def render_kept(stage_dir: Path, kept: Path, out_dir: Path, log: Path, *,
                abbreviations: dict[str, str] | None = None) -> RenderResult:
    """Render ``stage_dir`` through the copy kept in ``kept`` (incrementally where that is safe, see the module
    docstring); the site, lightened, lands in ``out_dir/_build/html`` as ``render.render`` puts it."""
    sources, output = kept / SOURCES, kept / OUTPUT
    changed = lay_over(stage_dir, sources) if ready(kept) else None
    built = _incremental(kept, log) if changed is not None else None
    if built is None:  # a full render is needed (or the incremental one showed other headings)
        changed = None
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(stage_dir, sources, symlinks=True)
        built = run_jupyter_book(sources, output, log)
    return _hand_on(built, kept, out_dir, log, abbreviations, pruned=changed is not None)


def render_pages(stage_dir: Path, kept: Path, files: list[str], out_dir: Path, log: Path, *,
                 abbreviations: dict[str, str] | None = None) -> RenderResult | None:
    """The kept render with only ``files`` of the new stage laid over the kept copy (a page and its charts;
    the other pages stay as the last render showed them): ``serve`` publishes the page open in the browser
    so, before the other units are done. None when that render cannot be incremental (nothing kept, a file
    that is new or not a page's own, headings that change), or when none of ``files`` changed: the full
    render that follows then does it all."""
    sources = kept / SOURCES
    if not ready(kept) or not all(_page_owned(f) and (sources / f).is_file() for f in files):
        return None
    changed = [f for f in files if not filecmp.cmp(stage_dir / f, sources / f, shallow=False)]
    if not changed:
        return None
    for rel in changed:
        shutil.copyfile(stage_dir / rel, sources / rel)
    built = _incremental(kept, log)
    if built is None or not built.ok:
        return None  # the kept copy is not clean any more: the next render through it is full
    return _hand_on(built, kept, out_dir, log, abbreviations, pruned=True)


def _incremental(kept: Path, log: Path) -> RenderResult | None:
    """Sphinx's incremental build of the kept sources as laid over; None when a page shows other headings
    than before (other pages show its old ones: only a full render is right)."""
    output = kept / OUTPUT
    html = output / "_build" / "html"
    before = headings(html)
    (kept / CLEAN).unlink(missing_ok=True)
    # as a full render finds it: no static file yet, so none that an extension writes after the pages
    # (myst-nb's stylesheet) gets a ``?v=`` checksum on them; Sphinx copies its own before the pages
    shutil.rmtree(html / "_static", ignore_errors=True)
    built = run_jupyter_book(kept / SOURCES, output, log)
    return None if built.ok and headings(html) != before else built


def _hand_on(built: RenderResult, kept: Path, out_dir: Path, log: Path, abbreviations: dict[str, str] | None,
             pruned: bool) -> RenderResult:
    """A copy of the kept pages in ``out_dir/_build/html``, lightened (``render.finish``); the kept copy is
    marked clean when that succeeded. ``pruned``: an incremental render's search index, made as a full one's."""
    if not built.ok:
        return built
    site = out_dir / "_build" / "html"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(built.html, site, symlinks=True)
    if pruned:
        drop_pruned_terms(site / SEARCH_INDEX)
    result = finish(site, log, kept / SOURCES, abbreviations=abbreviations)
    if result.ok:
        (kept / CLEAN).touch()
    return result
