"""What a rendered and checked site depends on, so that a change to any of it renders again, and why.

The key of an edition's site (kept beside the published site by ``publish``) is the hash of

- every file of the staged book (notebooks with their outputs and charts, ``_config.yml``, the
  site templates and static files, which ``stage`` copies in) and Jupyter Book's version;
- the source of every ``coursekit`` module the render step runs, found by following imports from the
  modules of the functions ``build`` calls after staging (``render``, the leak check, the execution
  report, the glossary's expansions): post-render, the icon font cut and the abbreviations come in
  through ``render``'s imports, so a change to any of them renders again without a list to keep;
- the long forms of the acronyms the post-render writes into every page (from data/glossary.yaml);
- for a public edition, every course source file, because the leak check compares the site with the
  trainer-only text of the whole course: new trainer-only words must be checked even if the
  participant pages did not change.

The parts are kept by name (``_build/cache/render-<edition>.json``), so the build can say which of them
changed when it renders again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..model import atomic
from ..model.curriculum import COURSE_PARTS, NOT_SOURCES
from .cache import PACKAGE_DIR, coursekit_sources, sha256_bytes

SHOWN_REASONS = 3  # changed parts named in the build's message; the rest are counted


@dataclass(frozen=True)
class RenderKey:
    """The named parts a site depends on (name -> hash) and their digest."""

    parts: dict[str, str]

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.parts, sort_keys=True).encode("utf-8")).hexdigest()

    def reasons(self, previous: dict[str, str] | None) -> list[str]:
        """Why a site rendered for ``previous`` no longer fits: the parts added, removed or changed."""
        if previous is None:
            return ["no site rendered before"]
        names = sorted(set(self.parts) | set(previous))
        changed = [n for n in names if self.parts.get(n) != previous.get(n)]
        shown = [_label(n, self.parts, previous) for n in changed[:SHOWN_REASONS]]
        if len(changed) > SHOWN_REASONS:
            shown.append(f"and {len(changed) - SHOWN_REASONS} more")
        return shown


def _label(name: str, now: dict[str, str], before: dict[str, str]) -> str:
    if name not in before:
        return f"{name} added"
    if name not in now:
        return f"{name} removed"
    return f"{name} changed"


def render_code(modules: list[str], package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The module files of the package that ``modules`` (dotted names) are made of, imports followed,
    and the data files beside them (an allow-list, a style sheet): what those modules can read."""
    code = coursekit_sources([f"import {m}" for m in sorted(set(modules))], package_dir)
    data = {f for folder in {p.parent for p in code} for f in folder.iterdir()
            if f.is_file() and f.suffix not in (".py", ".pyc")}
    return sorted(set(code) | data)


def _files(base: Path, prefix: str, *, sources_only: bool = False) -> dict[str, Path]:
    """Every file under ``base`` by ``prefix`` + its relative name; with ``sources_only``, not the
    generated ones (``_figures``, checkpoints, caches) nor hidden ones."""
    return {f"{prefix}{p.relative_to(base).as_posix()}": p for p in sorted(base.rglob("*")) if p.is_file()
            and not (sources_only and any(part in NOT_SOURCES or part.startswith(".") for part in p.relative_to(base).parts))}


def course_sources(root: Path) -> dict[str, Path]:
    """The course's own files (what a leak check reads), by shown name."""
    out: dict[str, Path] = {}
    for part in COURSE_PARTS:
        p = root / part
        if p.is_dir():
            out |= _files(p, f"course/{part}/", sources_only=True)
        elif p.is_file():
            out[f"course/{part}"] = p
    return out


def stage_parts(stage_dir: Path, prefix: str = "stage/") -> dict[str, str]:
    """The hash of every file of a staged book, by ``prefix`` + its name: the part of the key that
    differs between the languages of one edition (the code and the course sources are the same)."""
    return {name: sha256_bytes(p.read_bytes()) for name, p in _files(stage_dir, prefix).items()}


def render_key(root: Path, stage_dir: Path, edition_name: str, *, public: bool, modules: list[str],
               abbreviations: dict[str, str], package_dir: Path = PACKAGE_DIR) -> RenderKey:
    """The key of the site ``stage_dir`` renders to, with the render step made of ``modules``."""
    parts = {"edition": edition_name, "jupyter-book": metadata.version("jupyter-book"),
             "abbreviations (data/glossary.yaml)": hashlib.sha256(
                 json.dumps(abbreviations, sort_keys=True).encode("utf-8")).hexdigest()}
    parts |= stage_parts(stage_dir)
    named = {f"coursekit/{p.relative_to(package_dir).as_posix()}": p for p in render_code(modules, package_dir)}
    if public:
        named |= course_sources(root)
    parts |= {name: sha256_bytes(p.read_bytes()) for name, p in named.items()}
    return RenderKey(parts)


def _kept(root: Path, edition_name: str) -> Path:
    return root / "_build" / "cache" / f"render-{edition_name}.json"


def last_key(root: Path, edition_name: str) -> dict[str, str] | None:
    """The parts of the key this edition was last rendered with (None before the first render)."""
    try:
        parts = json.loads(_kept(root, edition_name).read_text(encoding="utf-8"))
        return parts if isinstance(parts, dict) else None
    except (OSError, ValueError):
        return None


def keep(root: Path, edition_name: str, key: RenderKey) -> None:
    """Remember the parts of the key a site was rendered with, to say next time what changed."""
    atomic.write_text(_kept(root, edition_name), json.dumps(key.parts, sort_keys=True), overwrite=True)
