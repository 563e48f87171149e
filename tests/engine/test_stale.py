"""A published page is never stale: each path that once left the site stale re-runs or re-renders, and a
property test checks, for random course files, that exactly the units whose output depends on a file
run again when it changes.

"Depends" is known without the build's recorder: each unit's code is run once in a fresh Python under
an audit hook (``sys.addaudithook``), which sees every file the process opens and every folder it lists
(``open``, ``os.scandir``, ``os.listdir`` events), whatever code did it. The build must re-run a unit
exactly when a file it opened changes, or a file appears in a folder it listed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES, SCRIPTS, copy_course, load
from coursekit.engine.editions import EDITIONS
from coursekit.engine.stage import stage

UNITS = {  # units added to the assessment fixture course: (part, code)
    "map": ("Law", "from coursekit.book import overview\noverview.course_map()"),
    "people": ("Evidence", "from coursekit.book import data\nprint(len(data.countries()))"),
    "quiet": ("Evidence", "print(1 + 1)"),
}


def add_unit(course: Path, name: str, part: str, code: str) -> None:
    law = json.loads((course / "book" / "law.ipynb").read_text(encoding="utf-8"))
    law["metadata"]["course"]["id"] = f"{name}-unit"
    law["nbformat_minor"] = 5
    law["cells"] = [{"id": "title", "cell_type": "markdown", "metadata": {}, "source": f"# The {name} unit\n"},
                    {"id": "code", "cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": code}]
    (course / "book" / f"{name}.ipynb").write_text(json.dumps(law, indent=1), encoding="utf-8")
    toc = (course / "_toc.yml").read_text(encoding="utf-8")
    anchor = f"  - caption: {part}\n    chapters:\n"
    (course / "_toc.yml").write_text(toc.replace(anchor, anchor + f"      - file: book/{name}\n"), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course with three more units, built once for the module (each test edits a copy)."""
    base = tmp_path_factory.mktemp("stale")
    root = copy_course(FIXTURES / "assessments" / "course", base / "course")
    for name, (part, code) in UNITS.items():
        add_unit(root, name, part, code)
    build(private_tool(base), root)
    return root


@pytest.fixture
def course(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "course", symlinks=True))  # the sites are relative links


def private_tool(folder: Path) -> Path:
    """A private copy of the tool: other work on the library cannot change the keys while this runs
    (the keys name library files by their place in the package, so every copy gives the same keys)."""
    return Path(shutil.copytree(SCRIPTS, folder / "scripts", ignore=shutil.ignore_patterns("__pycache__")))


@pytest.fixture
def tool(tmp_path: Path) -> Path:
    return private_tool(tmp_path)


def build(tool: Path, course: Path, *args: str) -> str:
    res = subprocess.run([sys.executable, str(tool / "course.py"), "--root", str(course), "build",
                          "--edition", "participant", *args], capture_output=True, text=True, timeout=900,
                         env={**os.environ, "COURSE_ROOT": ""})
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


def executed_units(course: Path) -> set[str]:
    report = json.loads((course / "_build" / "reports" / "execution.json").read_text(encoding="utf-8"))
    return {r["unit"] for r in report["results"] if r["cache"] == "miss"}


def published(course: Path, page: str) -> str:
    return (course / "_build" / "participant" / "html" / page).read_text(encoding="utf-8")


# ---- the three paths that once left the site stale ---------------------------------------------------

def test_renaming_a_unit_re_runs_the_pages_that_show_its_title(course: Path, tool: Path):
    assert "Law basics" in published(course, "map.html")
    nb = course / "book" / "law.ipynb"
    nb.write_text(nb.read_text(encoding="utf-8").replace("# Law basics", "# Law, the basics"), encoding="utf-8")
    build(tool, course)
    assert "book/map.ipynb" in executed_units(course)
    assert "Law, the basics" in published(course, "map.html") and "Law basics" not in published(course, "map.html")


def test_a_new_assessment_file_re_runs_the_self_check_pages(course: Path, tool: Path):
    folder = course / "data" / "assessments"
    text = (folder / "knowledge-check.yaml").read_text(encoding="utf-8")
    extra = text.replace("id: knowledge-check", "id: second-check").replace(
        "Which option names the offence in the fixture law?", "Which option names the newly added question?")
    (folder / "second-check.yaml").write_text(extra, encoding="utf-8")
    build(tool, course)
    ran = executed_units(course)
    assert {"book/self-checks/law.ipynb", "book/self-checks/evidence.ipynb"} <= ran
    assert "quiet" not in " ".join(ran) and "people" not in " ".join(ran)
    assert "newly added question" in published(course, "self-checks/law.html")


@pytest.mark.parametrize("module", ["postrender.py", "iconfont.py", "abbreviations.py"])
def test_a_change_to_the_post_render_code_renders_again_and_says_why(course: Path, tool: Path, module: str):
    assert "participant edition unchanged" in build(tool, course)  # the copy, as built
    with (tool / "coursekit" / "engine" / module).open("a", encoding="utf-8") as fh:
        fh.write("\n# a change\n")
    out = build(tool, course)
    assert "participant edition built" in out, out
    assert f"coursekit/engine/{module} changed" in out, out
    assert executed_units(course) == set()  # rendered again, nothing ran again


# ---- the property: exactly the dependent units re-run -----------------------------------------------

AUDIT = r"""
import json, os, sys
root = os.path.realpath(os.environ["COURSE_ROOT"])
seen = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        seen.add(("file", os.path.realpath(os.fsdecode(args[0]))))
    elif event in ("os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
        seen.add(("folder", os.path.realpath(os.fsdecode(args[0]))))
cells = json.loads(sys.stdin.read())
sys.addaudithook(hook)
scope = {}
for code in cells:
    exec(compile(code, "<cell>", "exec"), scope)
inside = [(kind, p) for kind, p in seen if p.startswith(root + os.sep) and "/_build/" not in p]
sys.__stdout__.write("\n" + json.dumps(sorted(inside)))
"""


def opened_by(tool: Path, course: Path, staged: Path, scratch: Path) -> set[tuple[str, str]]:
    """What the unit's code opens and lists in the course, seen by an audit hook in a fresh Python."""
    nb = nbformat.read(staged, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    scratch.mkdir(parents=True, exist_ok=True)
    res = subprocess.run([sys.executable, "-c", AUDIT], input=json.dumps(cells), capture_output=True, text=True,
                         cwd=scratch, timeout=300, env={**os.environ, "COURSE_ROOT": str(course),
                                                        "PYTHONPATH": str(tool), "MPLBACKEND": "Agg"})
    assert res.returncode == 0, res.stderr
    return {(kind, p) for kind, p in json.loads(res.stdout.strip().splitlines()[-1])}


def touch(p: Path) -> None:
    """Change the file's bytes and keep it valid (a notebook is written with another indent)."""
    if p.suffix == ".ipynb":
        p.write_text(json.dumps(json.loads(p.read_text(encoding="utf-8")), indent=2), encoding="utf-8")
    else:
        p.write_text(p.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def test_exactly_the_units_that_depend_on_a_file_run_again(course: Path, tool: Path, tmp_path: Path):
    # the code each unit runs in the participant edition (its transforms drop trainer cells), then
    # what that code opens and lists, seen by the audit hook
    pages = [e.path for e in load(course).toc if e.path is not None]
    units = {u.source.relative_to(course).as_posix(): u.staged
             for u in stage(course, tmp_path / "stage", EDITIONS["participant"], pages)}
    depends = {u: opened_by(tool, course, p, tmp_path / "audit" / u) for u, p in units.items()}
    assert any(("folder", os.path.realpath(course / "book")) in seen for seen in depends.values())
    seed = int(os.environ.get("DEPENDS_SEED", "22"))
    rng = random.Random(seed)
    picked = [p for folder in ("data", "book")  # two data files and two pages, picked at random
              for p in rng.sample(sorted(f for f in (course / folder).rglob("*") if f.is_file()), 2)]
    for p in picked:
        touch(p)
        build(tool, course)
        expected = {u for u, seen in depends.items() if ("file", os.path.realpath(p)) in seen}
        assert executed_units(course) == expected, f"touched {p.relative_to(course)} (DEPENDS_SEED={seed})"
    new = course / "data" / "assessments" / "added.yaml"  # a new file: the units that listed its folder
    new.write_text((course / "data" / "assessments" / "knowledge-check.yaml").read_text(encoding="utf-8")
                   .replace("id: knowledge-check", "id: added"), encoding="utf-8")
    build(tool, course)
    expected = {u for u, seen in depends.items() if ("folder", os.path.realpath(new.parent)) in seen}
    assert expected and executed_units(course) == expected
