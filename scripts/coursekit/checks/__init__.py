"""The validator's checks: one module per concern, each with ``check(course) -> Iterable[Finding]``.

Modules are discovered, so adding a check is adding a file here.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    """Every check module of this package, in name order."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if callable(getattr(mod, "check", None)):
            found.append(mod)
    return found
