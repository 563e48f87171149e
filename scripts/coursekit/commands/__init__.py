"""The verbs of ``scripts/course.py``: one module each, discovered by name.

Each module defines NAME, SUMMARY (one line for the verb list), DESCRIPTION (the verb's --help,
for a trainer who is not a programmer), ``add_arguments(parser)`` and ``run(args, root) -> int``.
A module is named after its verb (``import-challenges`` is ``import_challenges.py``), so a command line
that names its verb imports that module alone (``named``): importing every verb's modules took most of
a no-change ``build``'s time (3 s of about 4 on the 2-core machine).
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from types import ModuleType

ORDER = ["validate", "review", "build", "serve", "new", "units", "import-challenges", "deliveries", "agenda", "pack", "score", "evaluation", "report", "export", "translate", "clean", "bench"]


def modules() -> list[ModuleType]:
    found = [importlib.import_module(f"{__name__}.{i.name}") for i in pkgutil.iter_modules(__path__)]
    found = [m for m in found if hasattr(m, "NAME")]
    return sorted(found, key=lambda m: (ORDER.index(m.NAME) if m.NAME in ORDER else 99, m.NAME))


def named(verb: str) -> ModuleType | None:
    """The module of ``verb`` alone, or None when no module is named after it (then ``modules()``
    gives argparse the whole list, to say which verbs there are)."""
    name = verb.replace("-", "_")
    if not name.isidentifier() or name.startswith("_") or importlib.util.find_spec(f"{__name__}.{name}") is None:
        return None
    mod = importlib.import_module(f"{__name__}.{name}")
    return mod if getattr(mod, "NAME", None) == verb else None
