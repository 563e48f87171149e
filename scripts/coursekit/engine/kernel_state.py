"""Runs inside a build kernel: warm it once, then give every unit the state of a fresh kernel.

Starting a Python kernel and importing pandas and matplotlib costs about 2 s, more than most units
take to run. The build therefore keeps one kernel per worker and reuses it; this module is what
makes reuse safe. ``warm()`` imports the heavy libraries and takes a snapshot of the process state
a fresh kernel would have after those imports; ``reset(cwd)`` puts every piece of state a unit can
change back to that snapshot before the next unit runs:

- the user namespace and IPython's history (``In``, ``Out``, ``_``), the execution count,
  event callbacks and display formatters a unit registered;
- every ``coursekit`` module (dropped and re-imported, so no module-level data survives) except the
  ones in ``KEPT``: this module, and ``model.parsed_files``, the parsed data files of
  ``model.data.parsed_yaml``, which holds only third-party documents keyed by each file's content,
  never what a unit made of them;
- matplotlib: open figures, rcParams, unit converters, the inline backend's settings;
- pandas options, numpy print options and error handling, the random generators (reseeded);
- the working directory, ``os.environ``, ``sys.path``, warning filters, ``sys.stdout``/``stderr``,
  the root logger.

Third-party modules a unit imports stay imported (as a warm import would); a unit that patches one
of them in place is outside what a reset can undo. tests/engine/test_execute.py changes most of the above
in one unit and checks that the next unit sees exactly what a fresh kernel shows.
"""

from __future__ import annotations

import copy
import gc
import importlib
import logging
import os
import pkgutil
import random
import sys
import warnings
from typing import Any

_SNAPSHOT: dict[str, Any] = {}
PACKAGE = __name__.split(".", 1)[0]  # "coursekit"
# kept across resets: this module (it holds the snapshot) and the store of parsed data files
KEPT = frozenset({__name__, f"{PACKAGE}.model.parsed_files"})
NOTEBOOK_LIBRARY = f"{PACKAGE}.book"  # all that notebooks may import (a layering contract says so)
HEAVY = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot", "pydantic", "yaml", "ruamel.yaml")


def warm() -> None:
    """Import what units use, then remember the state every unit must start from."""
    for name in HEAVY:
        _try_import(name)
    for name in notebook_modules():
        _try_import(name)  # each pulls in what it imports (the model, third-party libraries) once
    _SNAPSHOT.clear()
    _SNAPSHOT.update(_capture())
    gc.collect()
    gc.freeze()  # the warm heap is permanent: collections (IPython's reset makes one) scan only units' objects


def notebook_modules() -> list[str]:
    """Every module of ``coursekit.book``: what units import, and so what a warm kernel holds."""
    package = importlib.import_module(NOTEBOOK_LIBRARY)
    return [NOTEBOOK_LIBRARY] + [info.name for info in pkgutil.walk_packages(package.__path__, NOTEBOOK_LIBRARY + ".")]


def _try_import(name: str) -> None:
    try:
        importlib.import_module(name)
    except Exception:  # noqa: S110 - a module that fails here fails visibly in the unit that uses it
        pass


def _shell() -> Any:
    from IPython import get_ipython

    return get_ipython()


def _capture() -> dict[str, Any]:
    import matplotlib
    import matplotlib.units
    import numpy as np
    import pandas._config.config as pdc

    ip = _shell()
    snap: dict[str, Any] = {
        "environ": dict(os.environ),
        "path": list(sys.path),
        "warnings": list(warnings.filters),
        "streams": (sys.stdout, sys.stderr, sys.displayhook, sys.excepthook),
        "logging": (logging.root.level, list(logging.root.handlers)),
        "rc": {k: v for k, v in matplotlib.rcParams.items() if k != "backend"},
        "units": dict(matplotlib.units.registry),
        "np_print": np.get_printoptions(),
        "np_err": np.geterr(),
        "pandas": {k: pdc.get_option(k) for k in pdc._registered_options if k not in pdc._deprecated_options},
    }
    if ip is not None:
        snap["events"] = {name: list(cbs) for name, cbs in ip.events.callbacks.items()}
        snap["formatters"] = {
            key: (f.enabled, dict(f.type_printers), dict(f.deferred_printers), dict(getattr(f, "singleton_printers", {})))
            for key, f in ip.display_formatter.formatters.items()
        }
        snap["inline"] = _inline_settings()
    return copy.copy(snap)


def _inline_settings() -> dict[str, Any]:
    try:
        from matplotlib_inline.config import InlineBackend
    except ImportError:
        return {}
    cfg = InlineBackend.instance()
    return {name: copy.deepcopy(getattr(cfg, name)) for name in ("figure_formats", "print_figure_kwargs", "close_figures", "rc")}


def reset(cwd: str) -> None:
    """Give the next unit a fresh kernel's state, working in ``cwd``."""
    if not _SNAPSHOT:
        raise RuntimeError("kernel_state.warm() must run before reset()")
    snap = _SNAPSHOT
    os.chdir(cwd)  # first: IPython's reset records the working directory, which may have been removed
    ip = _shell()
    if ip is not None:
        ip.reset(new_session=False)  # namespace, Out, _ ...
        ip.history_manager.input_hist_parsed[:] = [""]  # In, which reset() keeps without a new session
        ip.history_manager.input_hist_raw[:] = [""]
        ip.execution_count = 1
        for name, cbs in snap["events"].items():
            ip.events.callbacks[name][:] = cbs
        for key, (enabled, types, deferred, singletons) in snap["formatters"].items():
            f = ip.display_formatter.formatters[key]
            f.enabled = enabled
            f.type_printers.clear()
            f.type_printers.update(types)
            f.deferred_printers.clear()
            f.deferred_printers.update(deferred)
            if hasattr(f, "singleton_printers"):
                f.singleton_printers.clear()
                f.singleton_printers.update(singletons)
    _reset_plotting(snap)
    _reset_numbers(snap)
    os.environ.clear()
    os.environ.update(snap["environ"])
    sys.path[:] = snap["path"]
    warnings.filters[:] = snap["warnings"]
    warnings._filters_mutated()  # type: ignore[attr-defined]
    sys.stdout, sys.stderr, sys.displayhook, sys.excepthook = snap["streams"]
    logging.root.setLevel(snap["logging"][0])
    logging.root.handlers[:] = snap["logging"][1]
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        if name not in KEPT:
            del sys.modules[name]


def _reset_plotting(snap: dict[str, Any]) -> None:
    import matplotlib
    import matplotlib.pyplot as plt
    import matplotlib.units

    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        changed = {k: v for k, v in snap["rc"].items() if matplotlib.rcParams.get(k) != v}
        matplotlib.rcParams.update(changed)
    matplotlib.units.registry.clear()
    matplotlib.units.registry.update(snap["units"])
    if snap.get("inline"):
        from matplotlib_inline import backend_inline
        from matplotlib_inline.config import InlineBackend

        cfg = InlineBackend.instance()
        for name, value in snap["inline"].items():
            if getattr(cfg, name) != value:
                setattr(cfg, name, copy.deepcopy(value))
        backend_inline.show._to_draw = []  # type: ignore[attr-defined]
        backend_inline.show._draw_called = False  # type: ignore[attr-defined]


def _reset_numbers(snap: dict[str, Any]) -> None:
    import numpy as np
    import pandas._config.config as pdc

    np.set_printoptions(**snap["np_print"])
    np.seterr(**snap["np_err"])
    np.random.seed()
    random.seed()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key, value in snap["pandas"].items():
            if pdc.get_option(key) != value:
                pdc.set_option(key, value)
