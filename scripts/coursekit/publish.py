"""Publish a built site atomically: readers see the old site or the new one, never half of each.

``_build/<edition>/html`` is a symbolic link to a complete site folder; publishing points a new
link at the new folder and renames it over the old link in one step (``os.replace``), then removes
the previous site. A build that fails or is interrupted before this step changes nothing.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path


def publish(built: Path, edition_dir: Path) -> Path:
    """Move ``built`` into ``edition_dir/sites/`` and make ``edition_dir/html`` point to it."""
    sites = edition_dir / "sites"
    sites.mkdir(parents=True, exist_ok=True)
    target = sites / f"site-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    shutil.move(str(built), target)
    link = edition_dir / "html"
    previous = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # a plain folder from an older layout
    tmp_link = edition_dir / f".html-{os.getpid()}"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    tmp_link.symlink_to(target.relative_to(edition_dir), target_is_directory=True)
    os.replace(tmp_link, link)
    if previous and previous != target.resolve() and previous.exists():
        shutil.rmtree(previous, ignore_errors=True)
    return link
