"""Run course.py with a Ctrl-C that a finalizer swallows, at a chosen step, deterministically.

Python runs a signal's handler at the next point the interpreter checks; when that point falls inside
a finalizer (a generator closed by the garbage collector, a ``__del__``), the KeyboardInterrupt cannot
propagate: Python prints "Exception ignored in: <generator ...>" and the program carries on. Pydantic's
schema building and Playwright's event loop run such finalizers constantly, so a real Ctrl-C is
swallowed only now and then. Here the signal is sent from inside a generator's finalizer right after
``module.function`` returns, so the handler runs in exactly that place every time: no sleeps, no luck.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import SCRIPTS

WRAPPER = """
import importlib, os, runpy, signal, sys
sys.path.insert(0, {scripts!r})
module = importlib.import_module({module!r})
owner = module
for part in {attr!r}.split(".")[:-1]:
    owner = getattr(owner, part)
name = {attr!r}.rsplit(".", 1)[-1]
real = getattr(owner, name)
done = []

def ctrl_c_in_a_finalizer():
    def closing():
        try:
            yield
        finally:
            os.kill(os.getpid(), signal.SIGINT)  # the handler runs here, inside the generator's close
            for _ in range(3):
                pass
    gen = closing()
    next(gen)
    del gen  # closed now: the KeyboardInterrupt raised in it is "ignored" by Python

def wrapped(*args, **kwargs):
    result = real(*args, **kwargs)
    if not done:
        done.append(1)
        ctrl_c_in_a_finalizer()
        print("ctrl-c-swallowed", file=sys.stderr, flush=True)
    return result

setattr(owner, name, wrapped)
sys.argv = [{course!r}, *{argv!r}]
runpy.run_path({course!r}, run_name="__main__")
"""


def run_with_ctrl_c_swallowed(module: str, attr: str, *args: str, root: Path, env: dict[str, str] | None = None,
                              timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """``course.py --root ROOT ARGS``, where the first return of ``module.attr`` (``Class.method`` allowed)
    is followed by a Ctrl-C raised inside a finalizer, which Python itself cannot propagate."""
    code = WRAPPER.format(scripts=str(SCRIPTS), module=module, attr=attr, course=str(SCRIPTS / "course.py"),
                          argv=["--root", str(root), *args])
    full_env = {**os.environ, **(env or {})}
    full_env.pop("COURSE_ROOT", None)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=full_env)
