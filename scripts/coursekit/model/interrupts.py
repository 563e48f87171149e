"""Ctrl-C (SIGINT) and SIGTERM that cannot be lost: noted as well as raised.

Python runs a signal's handler in the main thread at the next point the interpreter checks, and that
point can fall inside a finalizer: a generator closed by the garbage collector, a ``__del__``, a
greenlet or coroutine being torn down. A KeyboardInterrupt raised there cannot propagate; Python prints
"Exception ignored in: ..." and carries on. Pydantic's schema building (many short-lived generators)
and Playwright's event loop (greenlets, coroutines) run such finalizers all the time, so a Ctrl-C
during validation or while handouts print was sometimes swallowed and the command finished as if
nothing had been pressed, replacing the site or the pack.

``noted()`` (held by ``course.py`` around every command) makes each signal set a flag before the
usual exception is raised; the long commands call ``stop_if_asked()`` at their steps (after
validation, before each edition, before publishing, between handouts), so a swallowed interrupt still
stops them there, before anything is written.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

NOTED_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_asked: list[int] = []  # the signals noted while ``noted()`` is held (read by the main thread only)
_previous: dict[int, Callable | int | None] = {}


def _raise_as_before(signum: int, frame: object) -> None:
    handler = _previous.get(signum)
    if callable(handler):
        handler(signum, frame)  # SIGTERM: course.py's Terminated (exit 143)
    raise KeyboardInterrupt


def _noted(signum: int, frame: object) -> None:
    _asked.append(signum)
    _raise_as_before(signum, frame)


@contextmanager
def noted() -> Iterator[None]:
    """Note every SIGINT and SIGTERM (as well as raising them) while the block runs. Outside the main
    thread Python cannot set handlers, and nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _asked.clear()
    # a signal the caller ignores (a job started in the background with `&`) stays ignored
    handled = [sig for sig in NOTED_SIGNALS if signal.getsignal(sig) is not signal.SIG_IGN]
    _previous.update({sig: signal.getsignal(sig) for sig in handled})
    for sig in handled:
        signal.signal(sig, _noted)
    hook = sys.unraisablehook
    sys.unraisablehook = partial(_quiet_when_noted, hook)
    try:
        yield
    finally:
        sys.unraisablehook = hook
        for sig in handled:
            signal.signal(sig, _previous.pop(sig))
        _asked.clear()


def _quiet_when_noted(hook: Callable[[sys.UnraisableHookArgs], object], unraisable: sys.UnraisableHookArgs) -> None:
    """The interrupt a finalizer swallowed is noted and acted on: the trainer sees "Stopped.", not
    Python's "Exception ignored" and a traceback. Anything else goes to the usual hook."""
    if not (isinstance(unraisable.exc_value, KeyboardInterrupt) and _asked):
        hook(unraisable)


def asked() -> bool:
    """True when a Ctrl-C or SIGTERM arrived inside ``noted()``, whether or not its exception got out."""
    return bool(_asked)


def stop_if_asked() -> None:
    """Raise the interrupt again if one was noted: a step boundary where a swallowed Ctrl-C still stops."""
    if _asked:
        _raise_as_before(_asked[0], None)
