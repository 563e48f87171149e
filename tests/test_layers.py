"""coursekit's layers: arrows point down only, no import cycles, notebooks import only coursekit.book.

The layering is a contract for import-linter (``scripts/.importlinter``); these tests run it on the
repository and on a copy with an upward import planted, and use grimp (import-linter's graph) for the
cycle and kernel checks. Imports made inside functions count everywhere: they are imports all the same.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from conftest import REPO, SCRIPTS

PACKAGE = SCRIPTS / "coursekit"
LAYERS = ("commands", "kit", "engine", "checks", "delivery", "authoring", "book", "model")


def lint_imports(scripts: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the coursekit under ``scripts`` (run from there, so that it is the one imported)."""
    exe = Path(sys.executable).parent / "lint-imports"
    cmd = [str(exe)] if exe.is_file() else [sys.executable, "-m", "importlinter.cli"]
    return subprocess.run([*cmd, "--config", ".importlinter", "--no-cache"], cwd=scripts, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(scripts)})


def graph() -> grimp.ImportGraph:
    """The import graph of this repository's coursekit (the one the tests import)."""
    return grimp.build_graph("coursekit", cache_dir=None)


EDGES_PROBE = ("import json, sys; sys.path.insert(0, sys.argv[1]); import grimp; "
               "g = grimp.build_graph('coursekit', cache_dir=None); "
               "print(json.dumps({m: sorted(g.find_modules_directly_imported_by(m)) for m in g.modules}))")


def edges(scripts: Path) -> dict[str, list[str]]:
    """Module -> the modules it imports, for the coursekit under ``scripts`` (in a fresh interpreter, so
    that a copy is read, not the coursekit this process imported)."""
    out = subprocess.run([sys.executable, "-c", EDGES_PROBE, str(scripts)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def cycles(imports: dict[str, list[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(m: str) -> None:
        index[m] = low[m] = len(index)
        stack.append(m)
        for n in imports.get(m, []):
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            group = []
            while True:
                n = stack.pop()
                group.append(n)
                if n == m:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for m in sorted(imports):
        if m not in index:
            visit(m)
    return found


def planted_copy(tmp_path: Path, module: str, code: str) -> Path:
    """A copy of scripts/ with ``code`` appended, inside a function, to ``module`` (a path in coursekit)."""
    scripts = tmp_path / "scripts"
    shutil.copytree(SCRIPTS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    target = scripts / "coursekit" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n\ndef _planted():\n    {code}\n", encoding="utf-8")
    return scripts


def test_the_layers_hold_on_the_repository():
    result = lint_imports(SCRIPTS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("planted", ["from ..model.sourcefiles import read_yaml  # noqa",
                                     "from ..model.curriculum import load  # noqa",
                                     "from ..model import data  # noqa"])
def test_a_page_module_reading_past_the_door_breaks_the_contract(tmp_path: Path, planted: str):
    scripts = planted_copy(tmp_path, "book/overview.py", planted)
    result = lint_imports(scripts)
    assert result.returncode != 0
    assert "coursekit.book reads the course only through coursekit.book.data BROKEN" in result.stdout
    assert "coursekit.book.overview -> coursekit.model." in result.stdout


def test_an_upward_import_inside_a_function_breaks_the_layers(tmp_path: Path):
    scripts = planted_copy(tmp_path, "book/tables.py", "from ..engine import build  # noqa")
    result = lint_imports(scripts)
    assert result.returncode != 0
    assert "coursekit.book.tables -> coursekit.engine.build" in result.stdout


def test_every_module_is_in_a_layer():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert not loose, f"modules outside any subpackage: {loose}"
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert packages == sorted(LAYERS)


def test_no_import_cycle_counting_function_level_imports():
    found = cycles(edges(SCRIPTS))
    assert not found, f"import cycles: {found}"


def test_a_planted_cycle_through_a_function_level_import_is_found(tmp_path: Path):
    scripts = planted_copy(tmp_path, "model/dates.py", "from . import records  # noqa")
    planted_copy_text = scripts / "coursekit" / "model" / "records.py"
    planted_copy_text.write_text(planted_copy_text.read_text(encoding="utf-8")
                                 + "\n\ndef _back():\n    from . import dates  # noqa\n", encoding="utf-8")
    assert ["coursekit.model.dates", "coursekit.model.records"] in cycles(edges(scripts))


def coursekit_imports(code: str) -> set[str]:
    """The coursekit modules a notebook's code imports (names as written, e.g. ``coursekit.book.charts``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "coursekit"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "coursekit":
            found |= {f"{node.module}.{a.name}" if node.module == "coursekit" else node.module for a in node.names}
    return found


def outside_book(notebook: Path) -> set[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    return {m for m in coursekit_imports(code) if m != "coursekit.book" and not m.startswith("coursekit.book.")}


NOTEBOOKS = sorted((REPO / "book").rglob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.relative_to(REPO).as_posix() for p in NOTEBOOKS])
def test_notebooks_import_only_coursekit_book(notebook: Path):
    assert not outside_book(notebook)


def test_a_notebook_importing_the_model_directly_is_caught(tmp_path: Path):
    nb = tmp_path / "unit.ipynb"
    nb.write_text(json.dumps({"cells": [{"cell_type": "code", "source": ["from coursekit.model import data\n"]},
                                        {"cell_type": "code", "source": ["from coursekit import engine"]}]}))
    assert outside_book(nb) == {"coursekit.model", "coursekit.engine"}


def test_the_warm_kernel_holds_exactly_coursekit_book_and_what_it_imports():
    """What ``kernel_state.warm`` imports is derived from the package, never from a hand-kept list."""
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); from coursekit.engine import kernel_state as k; k.warm(); "
             "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('coursekit'))))")
    out = subprocess.run([sys.executable, "-c", probe, str(SCRIPTS)], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    g = graph()
    book = {m for m in g.modules if m == "coursekit.book" or m.startswith("coursekit.book.")}
    wanted = book | {m for b in book for m in g.find_upstream_modules(b)}
    packages = {".".join(m.split(".")[:n]) for m in wanted for n in range(1, m.count(".") + 1)}
    itself = {"coursekit.engine", "coursekit.engine.kernel_state"}
    assert loaded - itself == wanted | packages
    assert not {m for m in loaded - itself if m.split(".")[1:2] and m.split(".")[1] not in ("book", "model")}
