"""Processes a build started, found by a mark in their environment, and stopped for good.

A unit may start programs of its own, and such a program may leave the unit's process group or even
its session (``setsid``, a daemon's double fork): then neither the kernel's process group nor the
process tree leads to it any more. Every kernel therefore runs with ``COURSE_PROCESS_MARK`` set to a
value of its own, which every program it starts inherits; when a unit ends, every process carrying
the kernel's mark (except the kernel itself) is killed, and when the build ends, every process carrying
the build's marks. This is Linux's ``/proc``; elsewhere only the process tree is searched.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MARK = "COURSE_PROCESS_MARK"


def marked(prefix: str) -> list[int]:
    """Processes whose ``COURSE_PROCESS_MARK`` starts with ``prefix`` (never this process)."""
    want = f"{MARK}={prefix}".encode()
    found = []
    me = os.getpid()
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            env = (entry / "environ").read_bytes()
        except OSError:
            continue
        if any(var.startswith(want) for var in env.split(b"\0")):
            found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    """Every living process below ``pid`` in the process tree."""
    try:
        import psutil

        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except Exception:  # noqa: BLE001 - gone already, or psutil missing: nothing to add
        return []


def kill(pids: Iterable[int], *, wait: float = 2.0) -> None:
    """SIGKILL each process and its process group (when it leads one), then wait until they are gone."""
    pids = [p for p in set(pids) if p > 1 and p != os.getpid()]
    own_group = os.getpgrp()
    for pid in pids:
        try:
            if os.getpgid(pid) == pid and pid != own_group:
                os.killpg(pid, signal.SIGKILL)
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    deadline = time.monotonic() + wait
    for pid in pids:
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.02)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (OSError, IndexError):
        return False


def kernel_pid(km: Any) -> int | None:
    """The process id of a jupyter_client kernel manager's kernel, if it was started."""
    proc = getattr(getattr(km, "provisioner", None), "process", None)
    return getattr(proc, "pid", None)


def kill_kernel(km: Any) -> None:
    """Make sure the kernel's process group is gone (it runs in its own session)."""
    pid = kernel_pid(km)
    if pid:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
