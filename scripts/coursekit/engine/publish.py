"""Publish built sites atomically and together: readers see the old sites or the new ones, never
half of one, and never one edition new and another old.

``_build/<edition>/html`` is a symbolic link to a complete site folder in ``_build/<edition>/sites/``.
Publishing happens in two steps. First every new site is moved into its versions folder with its
digests (nothing a reader sees changes yet); then each link is pointed at its new site by renaming a
new link over it (``os.replace``, one step). If the file system refuses any step (a full disk, a
folder made read-only), everything done so far is undone: links already moved point at their old
sites again and the new site folders are removed, so the last good sites stay published, and the
error says which step failed. Only when every link has moved are the previous sites removed.

Beside each site lie two digests: of the staged book it was rendered from (a rebuild whose stage is
identical can keep the site) and of the site's own files (a site whose files were deleted or edited
since is rendered again).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..model import atomic

DEFERRED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class PublishError(Exception):
    """A step of publishing failed and was undone: the message says which step, on which path."""


@dataclass(frozen=True)
class Release:
    """One site to publish: the built folder (None: keep the published one), its link, its digest."""

    built: Path | None
    link: Path
    digest: str | None = None


def _versions(link: Path) -> Path:
    return link.parent / "sites"


def site_digest(site: Path) -> str:
    """A digest of every file of a site by name, size and modification time: it changes when a file is
    deleted, added or edited, and costs no reading (a site is tens of megabytes)."""
    h = hashlib.sha256()
    for p in sorted(site.rglob("*")):
        if p.is_file() and not p.is_symlink():
            st = p.stat()
            h.update(f"{p.relative_to(site).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def published_digest(link: Path) -> str | None:
    """The stage digest recorded for the site ``link`` points to, if that site is intact: its files
    are still the ones published (none deleted, none edited)."""
    if not link.is_symlink() or not link.is_dir():
        return None
    target = link.resolve()
    try:
        lines = (target.parent / f"{target.name}.digest").read_text(encoding="utf-8").split()
    except OSError:
        return None
    if len(lines) != 2 or lines[1] != site_digest(target):
        return None
    return lines[0]


def _move_in(release: Release) -> Path:
    """Step 1: the built site moved beside the published ones, with its digests; nothing visible changes."""
    assert release.built is not None
    versions = _versions(release.link)
    versions.mkdir(parents=True, exist_ok=True)
    name = release.link.name
    target = versions / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    shutil.move(str(release.built), target)
    if release.digest:
        atomic.write_text(target.parent / f"{target.name}.digest", f"{release.digest}\n{site_digest(target)}\n")
    return target


def _point(link: Path, target: Path | None) -> None:
    """Point ``link`` at ``target`` in one rename (``None``: remove the link)."""
    if target is None:
        link.unlink(missing_ok=True)
        return
    tmp = link.parent / f".{link.name}-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(os.path.relpath(target, link.parent), target_is_directory=True)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _current(link: Path) -> Path | None:
    """What ``link`` points at now (a plain folder of an older layout is moved aside first)."""
    if link.is_symlink():
        return link.parent / os.readlink(link)
    if link.is_dir():
        versions = _versions(link)
        versions.mkdir(parents=True, exist_ok=True)
        aside = versions / f"{link.name}-previous-{os.getpid()}"
        os.replace(link, aside)
        _point(link, aside)
        return aside
    return None


def _describe(exc: OSError, step: str) -> str:
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{step} failed: {exc.strerror or exc}{where}"


def publish_all(releases: list[Release]) -> list[Path]:
    """Publish every release or none (see the module docstring); returns the links."""
    moved: list[tuple[Release, Path]] = []
    swapped: list[tuple[Path, Path | None]] = []
    step = "preparing the new sites"
    try:
        for r in releases:
            if r.built is not None:
                step = f"moving the new {r.link.parent.name} site into {_versions(r.link)}"
                moved.append((r, _move_in(r)))
        for r, target in moved:
            step = f"switching {r.link} to the new site"
            previous = _current(r.link)
            _point(r.link, target)
            swapped.append((r.link, previous))
    except OSError as exc:
        _undo(moved, swapped)
        raise PublishError(_describe(exc, step)) from exc
    except BaseException:
        _undo(moved, swapped)
        raise
    for r, target in moved:
        _prune(r.link, target)
    return [r.link for r in releases]


def _undo(moved: list[tuple[Release, Path]], swapped: list[tuple[Path, Path | None]]) -> None:
    """Put every link back where it pointed and remove the new sites (best effort, nothing raised)."""
    for link, previous in reversed(swapped):
        try:
            _point(link, previous)
        except OSError:
            pass
    for _, target in moved:
        shutil.rmtree(target, ignore_errors=True)
        Path(f"{target}.digest").unlink(missing_ok=True)


def _prune(link: Path, keep: Path) -> None:
    """The previous site, and leftovers of interrupted publishes, removed (best effort)."""
    for old in _versions(link).iterdir():
        if old.name not in (keep.name, f"{keep.name}.digest"):
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old, ignore_errors=True)
            else:
                try:
                    old.unlink(missing_ok=True)
                except OSError:
                    pass


def publish(built: Path, link: Path, digest: str | None = None) -> Path:
    """Publish one site (see ``publish_all``)."""
    return publish_all([Release(built, link, digest)])[0]


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block is done, so the editions are published together or
    not at all; the signal then acts as it would have."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = {s: signal.signal(s, lambda signum, frame: pressed.append(signum)) for s in DEFERRED_SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if pressed:
        signal.raise_signal(pressed[0])
