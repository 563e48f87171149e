"""Publish a built site atomically: readers see the old site or the new one, never half of each.

``_build/<edition>/html`` is a symbolic link to a complete site folder in ``_build/<edition>/sites/``;
publishing points a new link at the new folder and renames it over the old link in one step
(``os.replace``), then removes the previous site. A build that fails or is interrupted before this
step changes nothing. Beside each site lies the digest of the staged book it was rendered from, so
a rebuild whose stage is identical can keep the published site instead of rendering it again.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model import atomic


def _versions(link: Path) -> Path:
    return link.parent / "sites"


def published_digest(link: Path) -> str | None:
    """The digest recorded for the site ``link`` points to, if that site is intact."""
    if not link.is_symlink() or not link.is_dir():
        return None
    target = link.resolve()
    try:
        return (target.parent / f"{target.name}.digest").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def publish(built: Path, link: Path, digest: str | None = None) -> Path:
    """Move the folder ``built`` into the versions folder beside ``link`` and point ``link`` at it."""
    versions = _versions(link)
    versions.mkdir(parents=True, exist_ok=True)
    target = versions / f"{link.name}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    shutil.move(str(built), target)
    if digest:
        atomic.write_text(target.parent / f"{target.name}.digest", digest + "\n")
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # a plain folder from an older layout
    tmp_link = link.parent / f".{link.name}-{os.getpid()}"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    tmp_link.symlink_to(target.relative_to(link.parent), target_is_directory=True)
    os.replace(tmp_link, link)
    for old in versions.iterdir():  # the previous site, and leftovers of interrupted publishes
        if old.name not in (target.name, f"{target.name}.digest"):
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
    return link


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block is done, so the editions are published together or not at all."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt
