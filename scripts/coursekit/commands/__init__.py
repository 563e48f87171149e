"""The verbs of ``scripts/course.py``: one module each, discovered by name.

Each module defines NAME, SUMMARY (one line for the verb list), DESCRIPTION (the verb's --help,
for a trainer who is not a programmer), ``add_arguments(parser)`` and ``run(args, root) -> int``.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

ORDER = ["validate", "review", "build", "serve", "new", "units", "import-challenges", "deliveries", "agenda", "pack", "score", "evaluation", "report", "export", "translate", "clean", "bench"]


def modules() -> list[ModuleType]:
    found = [importlib.import_module(f"{__name__}.{i.name}") for i in pkgutil.iter_modules(__path__)]
    found = [m for m in found if hasattr(m, "NAME")]
    return sorted(found, key=lambda m: (ORDER.index(m.NAME) if m.NAME in ORDER else 99, m.NAME))
