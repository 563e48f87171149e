"""The course lock: one command at a time changes a course folder's shared files or builds it.

Every command that reads a shared file, changes it and writes it back (``import-challenges`` on
``data/challenges.csv``, ``new``, ``agenda`` and ``score --page`` on ``_toc.yml``) holds this lock
from before its read to after its write, so two runs at once never lose each other's rows: the
second reads what the first wrote. ``build`` and ``pack`` hold the same lock, so nothing changes the
sources while a build reads them, and two builds or packs never replace each other's work folders.

The lock is the operating system's (``flock`` on ``_build/.build.lock``), so a command that crashed
or was killed never leaves a stale lock behind. It is re-entrant within one thread: ``pack`` may
build while it holds it.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .findings import Finding, InputError

LOCK = "_build/.build.lock"
EDIT_WAIT = 120.0  # seconds an editing command waits for another command (or a build) to finish
_held = threading.local()  # resolved course roots this thread holds the lock of


@contextmanager
def course_lock(root: Path, *, wait: float = 0.0, doing: str = "build") -> Iterator[None]:
    """Hold the course lock of ``root``; ``wait`` seconds for another holder to finish (0: refuse at
    once, as a build does), then refuse with a message naming the process that holds it."""
    key = str(root.resolve())
    held: set[str] = getattr(_held, "roots", None) or set()
    _held.roots = held
    if key in held:
        yield
        return
    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    who = fh.read().strip()
                    pid = f" (process {who})" if who.isdigit() else ""
                    if doing == "build":
                        raise InputError([Finding(LOCK, None, "BUILD-RUNNING",
                                                  "another build is running on this course folder" + pid,
                                                  "wait for it to finish (or stop it with Ctrl-C), then build again")]) \
                            from None
                    raise InputError([Finding(LOCK, None, "COURSE-BUSY",
                                              f"another build or command is running on this course folder{pid}, "
                                              f"so {doing} changed nothing",
                                              "wait for it to finish (or stop it with Ctrl-C), then run this "
                                              "command again")]) from None
                time.sleep(0.05)
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
