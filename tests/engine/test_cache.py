"""The execution cache: keyed on code, kernel, course library and the data each unit read; a changed
data file re-executes exactly the units that read it; an entry that does not match is never used.

The first tests are library-level (no kernel); the last builds the cache fixture course for real."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES, SCRIPTS, copy_course
from coursekit.engine.cache import Cache, coursekit_sources, validated
from coursekit.model.findings import Finding, Report
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output


def executed(code: str, text: str) -> nbformat.NotebookNode:
    """A notebook as the executor returns it: one code cell with one output."""
    cell = new_code_cell(code, execution_count=1, outputs=[new_output("stream", name="stdout", text=text)])
    return new_notebook(cells=[new_markdown_cell("# Title"), cell])


def cleared(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    out = nbformat.from_dict(json.loads(json.dumps(nb)))
    for c in out.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    return out


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_course(FIXTURES / "cache", tmp_path / "course")


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A private copy of coursekit, safe to edit."""
    return Path(shutil.copytree(SCRIPTS / "coursekit", tmp_path / "lib" / "coursekit",
                                ignore=shutil.ignore_patterns("__pycache__")))


def test_a_stored_execution_is_found_until_a_file_it_read_changes(course: Path, package: Path):
    nb = executed("from coursekit.book import data\ndata.path('x.csv')", "8")
    cache = Cache(course, package)
    assert cache.lookup(cleared(nb)) is None  # never executed
    cache.store("book/u.ipynb", nb, [course / "data" / "x.csv"], {})
    entry = Cache(course, package).lookup(cleared(nb))
    assert entry is not None
    restored = entry.apply(cleared(nb))
    assert restored.cells[1].outputs == nb.cells[1].outputs and restored.cells[1].execution_count == 1

    (course / "data" / "countries.csv").write_text("iso2,name\n")  # a file it did not read
    assert Cache(course, package).lookup(cleared(nb)) is not None
    (course / "data" / "x.csv").write_text("label,value\nalpha,4\n")  # the file it read
    assert Cache(course, package).lookup(cleared(nb)) is None
    (course / "data" / "x.csv").unlink()  # a file it read is gone
    assert Cache(course, package).lookup(cleared(nb)) is None


def test_the_key_follows_the_code_the_kernel_and_the_library_not_the_text(course: Path, package: Path):
    nb = executed("from coursekit.book import charts\nprint(1)", "1")
    Cache(course, package).store("book/u.ipynb", nb, [], {})

    prose = cleared(nb)
    prose.cells[0].source = "# Another title, same code"
    assert Cache(course, package).lookup(prose) is not None  # edition banners and text do not matter

    code = cleared(nb)
    code.cells[1].source += "\nprint(2)"
    assert Cache(course, package).lookup(code) is None

    kernel = cleared(nb)
    kernel.metadata["kernelspec"] = {"name": "other-kernel", "display_name": "Other"}
    assert Cache(course, package).lookup(kernel) is None

    (package / "book" / "glossary.py").write_text((package / "book" / "glossary.py").read_text() + "\n# edited\n")
    assert Cache(course, package).lookup(cleared(nb)) is not None  # charts does not import the glossary page
    (package / "book" / "style.py").write_text((package / "book" / "style.py").read_text() + "\n# edited\n")
    assert Cache(course, package).lookup(cleared(nb)) is None  # charts imports style


def test_library_dependencies_are_followed_through_imports(package: Path):
    names = {p.name for p in coursekit_sources(["from coursekit.book import charts"], package)}
    assert {"__init__.py", "charts.py", "style.py", "tables.py"} <= names and "glossary.py" not in names
    names = {p.name for p in coursekit_sources(["import coursekit.book.data as d"], package)}
    assert {"data.py", "sourcefiles.py", "records.py", "findings.py"} <= names
    assert coursekit_sources(["print('no library')"], package) == []
    everything = coursekit_sources(["%%bash\nnot python at all ((("], package)
    assert len(everything) == len(list(package.rglob("*.py")))  # unreadable code: the whole library


def test_an_entry_that_does_not_match_is_never_used(course: Path, package: Path):
    nb = executed("print('chart')", "chart")
    chart = course / "chart.png"
    chart.write_bytes(b"png one")
    cache = Cache(course, package)
    key = cache.store("book/u.ipynb", nb, [], {"_figures/chart.png": chart})
    entry = Cache(course, package).lookup(cleared(nb))
    assert entry is not None and entry.files["_figures/chart.png"].read_bytes() == b"png one"

    stored = cache.folder / "entries" / key / "files" / "_figures" / "chart.png"
    stored.write_bytes(b"tampered")
    assert Cache(course, package).lookup(cleared(nb)) is None
    stored.write_bytes(b"png one")

    record = cache.folder / "entries" / key / "entry.json"
    data = json.loads(record.read_text())
    data["cells"].append({"outputs": [], "execution_count": 2})  # outputs for a cell that is not there
    record.write_text(json.dumps(data))
    assert Cache(course, package).lookup(cleared(nb)) is None
    record.write_text("{not json")
    assert Cache(course, package).lookup(cleared(nb)) is None


def test_a_clean_validation_is_reused_only_while_nothing_it_could_read_changed(course: Path, package: Path):
    runs = []

    def check(root: Path) -> Report:
        runs.append(root)
        return Report([Finding("data/x.csv", 2, "DEMO-WARNING", "a warning", severity="warning")])

    first = validated(course, check, package)
    assert validated(course, check, package).findings == first.findings and len(runs) == 1
    (course / "book" / "index.md").write_text("# Edited\n")
    validated(course, check, package)
    (package / "checks" / "toc.py").write_text((package / "checks" / "toc.py").read_text() + "\n# edited\n")
    validated(course, check, package)
    assert len(runs) == 3  # a changed page, then a changed check: validated again each time
    (course / "_toc.yml").write_text("broken: [")
    failing = validated(course, lambda root: Report([Finding("_toc.yml", 1, "DEMO", "broken")]), package)
    assert not failing.ok
    validated(course, check, package)
    assert len(runs) == 4  # a failed validation is never reused


def published(root: Path, page: str) -> str:
    return (root / "_build" / "participant" / "html" / page).read_text(encoding="utf-8")


def executed_units(root: Path) -> list[str]:
    """Edition:unit of every unit the last build executed (not taken from the cache)."""
    report = json.loads((root / "_build" / "reports" / "execution.json").read_text())
    return sorted(f"{r['edition']}:{r['unit']}" for r in report["results"] if r["cache"] == "miss")


def test_a_data_edit_reexecutes_exactly_the_units_that_read_it(course: Path, tmp_path: Path):
    # a private copy of the tool: other work on the library while this runs cannot change the keys
    tool = shutil.copytree(SCRIPTS, tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__"))

    def build(*args: str) -> str:
        res = subprocess.run([sys.executable, str(tool / "course.py"), "--root", str(course), "build", *args],
                             capture_output=True, text=True, timeout=900, env={**os.environ, "COURSE_ROOT": ""})
        assert res.returncode == 0, res.stdout + res.stderr
        return res.stdout

    build()
    assert executed_units(course) == ["participant:book/no-data.ipynb", "participant:book/reads-x.ipynb"]
    assert "total of x: 8" in published(course, "reads-x.html")
    figures = course / "_build" / "figures" / "reads-x"
    chart, page_chart = (figures / "x-values.png").read_bytes(), (course / "_build" / "participant" / "html" / "_images" / "x-values.png").read_bytes()
    assert (figures / "x-values.svg").is_file()
    report = (course / "_build" / "trainer" / "html" / "build-report.html").read_text()
    assert "book/reads-x.ipynb" in report and "hit" in report and "miss" in report

    published_charts = os.readlink(course / "_build" / "figures")
    out = build()
    assert executed_units(course) == []  # no change: nothing executed...
    assert "participant edition unchanged" in out and "trainer edition unchanged" in out  # ...nothing rendered
    assert os.readlink(course / "_build" / "figures") == published_charts  # ...and the same charts kept
    (figures / "x-values.svg").unlink()  # a chart deleted by hand comes back with the next build
    build()
    assert (figures / "x-values.svg").is_file() and os.readlink(course / "_build" / "figures") != published_charts

    (course / "data" / "x.csv").write_text("label,value\nalpha,30\nbeta,12\n")
    build("--edition", "participant")
    assert executed_units(course) == ["participant:book/reads-x.ipynb"]  # not book/no-data.ipynb
    assert "total of x: 42" in published(course, "reads-x.html")
    assert (figures / "x-values.png").read_bytes() != chart
    assert (course / "_build" / "participant" / "html" / "_images" / "x-values.png").read_bytes() != page_chart
