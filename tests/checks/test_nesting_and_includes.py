"""validate names the file for input that used to crash every check or slip through (issue 21): a
notebook nested 200,000 levels deep is one finding naming it (not seven CHECK-CRASHED lines), and an
{include} of a missing file is a finding with its page and line before any build starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import course_main
from coursekit.checks.include_paths import includes
from coursekit.model.curriculum import MAX_NESTING, nesting


@pytest.mark.parametrize("depth", [200_000, 500])
def test_a_deeply_nested_notebook_is_one_finding_naming_it(mini_course: Path, depth: int):
    path = mini_course / "book" / "unit.ipynb"
    text = path.read_text(encoding="utf-8")
    assert '"nbformat": 4' in text
    path.write_text(text.replace('"nbformat": 4', '"deep": ' + "[" * depth + "]" * depth + ', "nbformat": 4', 1),
                    encoding="utf-8")
    res = course_main("validate", root=mini_course)
    assert res.returncode == 1, res.stdout + res.stderr
    problems = [ln for ln in res.stdout.splitlines() if ln and not ln.startswith(("1 problem", "Fix"))]
    assert len(problems) == 1 and problems[0].startswith("book/unit.ipynb: NB-NESTING"), res.stdout
    assert "CHECK-CRASHED" not in res.stdout and "Traceback" not in res.stderr


def test_nesting_is_counted_without_recursion():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert nesting(deep) == MAX_NESTING + 1
    assert nesting({"cells": [{"source": ["a"]}]}) == 4


def test_a_missing_include_is_a_finding_with_its_page_and_line(mini_course: Path):
    (mini_course / "book" / "part.md").write_text("Shared words.\n")
    index = mini_course / "book" / "index.md"
    index.write_text(index.read_text() + "\n```{include} part.md\n```\n\n:::{INCLUDE} missing/notes.md\n:::\n")
    nb_path = mini_course / "book" / "unit.ipynb"
    nb = json.loads(nb_path.read_text())
    md = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    md["source"] = "".join(md["source"]) + "\n\n```{literalinclude} /gone.py\n```\n"
    nb_path.write_text(json.dumps(nb, indent=1))
    res = course_main("validate", root=mini_course)
    assert res.returncode == 1, res.stdout + res.stderr
    lines = [ln for ln in res.stdout.splitlines() if "INCLUDE-MISSING" in ln]
    assert len(lines) == 2, res.stdout
    n = index.read_text().splitlines().index(":::{INCLUDE} missing/notes.md") + 1
    assert lines[0].startswith(f"book/index.md:{n}: INCLUDE-MISSING includes 'missing/notes.md'"), lines
    assert lines[1].startswith("book/unit.ipynb:") and "includes '/gone.py'" in lines[1], lines


def test_include_forms_that_sphinx_reads_are_all_found():
    text = ("```{include} a.md\n```\n~~~{Include} b.md\n~~~\n::::{literalinclude} c.py\n::::\n"
            "```{eval-rst}\n.. include:: d.rst\n.. include:: <isonum.txt>\n```\n")
    assert [t for _, t in includes(text)] == ["a.md", "b.md", "c.py", "d.rst"]
