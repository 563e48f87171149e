"""Atomic writes: a file is either its old self or its complete new self, never half-written.

Every write the tool makes into the repository (scaffolds, imports, agendas, the table of
contents) goes through here: write a temporary file in the same folder, flush it to disk, then
rename it over the target in one step.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class WouldOverwrite(Exception):
    """Raised instead of replacing a file the caller said must not exist."""


def write_text(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; refuse to replace an existing file unless ``overwrite``."""
    write_bytes(path, text.encode("utf-8"), overwrite=overwrite)


def write_bytes(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite and path.exists():
        raise WouldOverwrite(str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        if not overwrite:
            # link() fails if the target appeared meanwhile, so a race cannot overwrite either
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise WouldOverwrite(str(path)) from None
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_all(files: dict[Path, str]) -> None:
    """Create several new files, all or none: if one cannot be written, those already made are removed."""
    existing = [p for p in files if p.exists()]
    if existing:
        raise WouldOverwrite(", ".join(str(p) for p in existing))
    done: list[Path] = []
    try:
        for p, text in files.items():
            write_text(p, text)
            done.append(p)
    except BaseException:
        for p in done:
            p.unlink(missing_ok=True)
        raise


def remove_others(folder: Path, pattern: str, kept: list[Path]) -> None:
    """The files of ``folder`` matching ``pattern`` that are not in ``kept``, removed: a series of
    files written again shorter (a chart's slide pages, after it lost rows) leaves no page of the
    longer series behind for a reader of the series to pick up."""
    for old in folder.glob(pattern):
        if old not in kept:
            old.unlink()
