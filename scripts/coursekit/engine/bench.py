"""The build benchmark: is the build fast, and is it correct when data changes?

Everything runs on a temporary copy of the course, in one run, and each step is timed as a trainer
would see it (the whole command, from start to exit):

(a) a clean build of the participant edition against plain ``jupyter-book build`` with execution
    forced on the same sources (the participant stage), and a clean build of both editions;
(b) a rebuild with nothing changed: its time and how many units it executed;
(c) one data file edited: which units re-executed and whether the published site changed, next to
    Jupyter Book's own cache mode on the same edit;
(d) clean builds of 10, 40 and 100 synthetic country-update units, to show how cost grows.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..model.curriculum import copy_course, load
from .editions import EDITIONS
from .execute import kernel_env, worker_count
from .render import jupyter_book_command
from .stage import stage

SCRIPTS = Path(__file__).resolve().parents[2]
SIZES = (10, 40, 100)

Log = Callable[[str], None]


@dataclass
class DataEdit:
    file: str = ""
    readers: list[str] = field(default_factory=list)  # units that read it in the last build
    units: int = 0
    reexecuted: list[str] = field(default_factory=list)
    seconds: float = 0.0
    pages_changed: int = 0
    images_changed: int = 0
    jb_reexecuted: int = 0
    jb_changed: list[str] = field(default_factory=list)


@dataclass
class BenchResult:
    units: int = 0
    workers: int = 0
    load: tuple[str, str] = ("", "")
    plain: float = 0.0
    participant: float = 0.0
    both: float = 0.0
    nochange: float = 0.0
    nochange_executed: int = -1
    nochange_inside: float = 0.0  # of which the build itself (the rest: the command starting)
    edit: DataEdit = field(default_factory=DataEdit)
    synthetic: dict[int, float] = field(default_factory=dict)
    unit_fresh: float = 0.0  # one synthetic unit alone, fresh kernel (the plain way)
    unit_warm: float = 0.0  # mean execution of a synthetic unit in our build
    phases: dict = field(default_factory=dict)  # where the clean participant build spent its time


def course(tool: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``course.py`` of the benchmark's own copy of the tool (edits made meanwhile do not count)."""
    env = {k: v for k, v in os.environ.items() if k != "COURSE_ROOT"}
    return subprocess.run([sys.executable, str(tool / "course.py"), "--root", str(root), *args],
                          capture_output=True, text=True, env=env)


def plain_env(tool: Path, root: Path) -> dict[str, str]:
    """What a unit's kernel sees, for kernels that Jupyter Book starts itself."""
    env = kernel_env(root)
    env["PYTHONPATH"] = os.pathsep.join([str(tool), *env["PYTHONPATH"].split(os.pathsep)[1:]])
    return env


def course_build(tool: Path, root: Path, *args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    """``course.py build`` as a trainer runs it; the wall-clock seconds of the whole command."""
    start = time.perf_counter()
    proc = course(tool, root, "build", *args)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"build of {root} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds, proc


def report(root: Path) -> dict:
    return json.loads((root / "_build" / "reports" / "execution.json").read_text(encoding="utf-8"))


def executed(root: Path) -> list[str]:
    """The units the last build executed (any edition), each once."""
    return sorted({r["unit"] for r in report(root)["results"] if r["cache"] == "miss"})


ASSET_VERSION = re.compile(rb"\?v=[0-9a-f]+")  # Sphinx's cache-busting suffix, added by rebuilds


def site_hashes(html: Path) -> dict[str, str]:
    """What readers see of a site: its pages (minus asset version suffixes) and its images."""
    return {p.relative_to(html).as_posix(): hashlib.sha256(ASSET_VERSION.sub(b"", p.read_bytes())).hexdigest()
            for p in sorted(html.rglob("*")) if p.is_file() and p.suffix in (".html", ".png", ".svg")}


def changed(before: dict[str, str], after: dict[str, str]) -> tuple[int, int]:
    """(pages, images) that differ or appeared."""
    diff = [k for k in after if before.get(k) != after[k]]
    return sum(k.endswith(".html") for k in diff), sum(not k.endswith(".html") for k in diff)


def jupyter_book_stage(root: Path, dest: Path, mode: str) -> Path:
    """The participant stage, for plain Jupyter Book with its own execution (``force`` or ``cache``)."""
    course = load(root)
    stage(root, dest, EDITIONS["participant"], [e.path for e in course.toc if e.path is not None])
    config = yaml.safe_load((dest / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = mode
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest


def jupyter_book(tool: Path, stage_dir: Path, out: Path, root: Path, *extra: str) -> tuple[float, str]:
    """Plain ``jupyter-book build``; kernels find coursekit and the course's data as ours do."""
    start = time.perf_counter()
    proc = subprocess.run([*jupyter_book_command(), "build", str(stage_dir), "--path-output", str(out), *extra],
                          capture_output=True, text=True, env=plain_env(tool, root), cwd=stage_dir)
    seconds = time.perf_counter() - start
    if proc.returncode != 0 or not (out / "_build" / "html" / "index.html").is_file():
        raise RuntimeError(f"jupyter-book build of {stage_dir} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds, proc.stdout + proc.stderr


def readers(root: Path) -> dict[str, set[str]]:
    """Data file -> the units whose last execution read it (from the cache's records)."""
    out: dict[str, set[str]] = {}
    for record in (root / "_build" / "cache" / "entries").glob("*/entry.json"):
        entry = json.loads(record.read_text(encoding="utf-8"))
        for f in entry["reads"]:
            out.setdefault(f, set()).add(entry["unit"])
    return out


def edit_candidates(root: Path) -> list[tuple[str, set[str]]]:
    """CSV files read by some units but not all, the most widely read first (the sharpest test)."""
    units = len(load(root).units)
    found = [(f, u) for f, u in readers(root).items()
             if f.startswith("data/") and f.endswith(".csv") and 0 < len(u) < units]
    return sorted(found, key=lambda fu: (-len(fu[1]), fu[0]))


def drop_last_row(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")


def apply_edit(tool: Path, root: Path, log: Log) -> tuple[str, set[str]]:
    """Drop the last row of the most widely read CSV whose shorter version is still a valid course."""
    for name, units in edit_candidates(root):
        path = root / name
        original = path.read_bytes()
        drop_last_row(path)
        if course(tool, root, "validate").returncode == 0:
            return name, units
        log(f"  editing {name} makes the course invalid; trying another file")
        path.write_bytes(original)
    raise RuntimeError("no data file can be edited for (c): no CSV is read by some units but not all")


def synthetic_unit(template: nbformat.NotebookNode, n: int) -> nbformat.NotebookNode:
    """A small country-update-like unit: a table and a chart, code of its own (so the cache cannot
    share one execution between the copies)."""
    meta = json.loads(json.dumps(template.metadata))
    meta.setdefault("course", {})["id"] = f"synthetic-{n:03d}"
    return new_notebook(metadata=meta, cells=[
        new_markdown_cell(f"# Synthetic country update {n}\n\nA generated unit for the build benchmark."),
        new_code_cell(f"from coursekit.book import overview\n\nunit_number = {n}  # each copy's code is its own\n"
                      "overview.country_table()"),
        new_code_cell(f"from coursekit.book import charts, data\n\nchart = charts.utc_offsets(data.countries(), "
                      f"caption='Synthetic unit {n}.')\nchart.name = 'utc-offsets-{n:03d}'\nchart"),
    ])


def synthetic_course(base: Path, dest: Path, n: int) -> Path:
    """``base`` (built: its cache serves the real units) plus a part of ``n`` synthetic units, so
    that the difference between sizes is what the added units cost (execution and pages)."""
    shutil.copytree(base, dest, symlinks=True)
    folder = dest / "book" / "synthetic"
    folder.mkdir(parents=True)
    template = nbformat.read(base / "book" / "overview.ipynb", as_version=4)
    files = []
    for i in range(1, n + 1):
        nbformat.write(synthetic_unit(template, i), folder / f"unit-{i:03d}.ipynb")
        files.append({"file": f"book/synthetic/unit-{i:03d}"})
    toc = yaml.safe_load((dest / "_toc.yml").read_text(encoding="utf-8"))
    toc.setdefault("parts", []).append({"caption": "Synthetic country updates", "chapters": files})
    (dest / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return dest


def fresh_kernel_seconds(tool: Path, root: Path, notebook: Path, scratch: Path) -> float:
    """One unit executed the plain way: a new kernel, the imports, the cells."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient

    scratch.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(notebook, as_version=4)
    km = AsyncKernelManager(kernel_name="python3", transport="ipc")  # as Jupyter Book, minus the TCP notice
    km.ip = str(scratch / "ipc")
    saved = dict(os.environ)
    os.environ.update(plain_env(tool, root))
    try:
        start = time.perf_counter()
        NotebookClient(nb, km=km, resources={"metadata": {"path": str(scratch)}}).execute()
        return time.perf_counter() - start
    finally:
        os.environ.clear()
        os.environ.update(saved)
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def run(course: Path, work: Path, log: Log, sizes: tuple[int, ...] = SIZES) -> BenchResult:
    """All four figures, measured in this one run, on copies of ``course`` under ``work`` built by a
    copy of this tool (so that work on the tool while the benchmark runs does not change its keys)."""
    res = BenchResult(workers=worker_count(), load=(load_average(), ""))
    tool = Path(shutil.copytree(SCRIPTS, work / "scripts", ignore=shutil.ignore_patterns("__pycache__")))
    root = copy_course(course, work / "course")
    res.units = len(load(root).units)

    log("(a) plain jupyter-book build, execution forced, participant sources ...")
    res.plain, _ = jupyter_book(tool, jupyter_book_stage(root, work / "plain-stage", "force"), work / "plain-out", root)
    log(f"    {res.plain:.1f} s")
    log("(a) course.py build --edition participant, clean ...")
    res.participant, _ = course_build(tool, root, "--edition", "participant")
    res.phases = report(root).get("phases", {})
    log(f"    {res.participant:.1f} s")
    shutil.rmtree(root / "_build")
    log("(a) course.py build (both editions), clean ...")
    res.both, _ = course_build(tool, root)
    log(f"    {res.both:.1f} s")

    log("(b) course.py build again, nothing changed ...")
    res.nochange, _ = course_build(tool, root)
    res.nochange_executed = len(executed(root))
    res.nochange_inside = report(root)["seconds"]
    log(f"    {res.nochange:.1f} s, {res.nochange_executed} units executed")

    log("(c) jupyter-book build in its cache mode, before the edit ...")
    jb_stage = jupyter_book_stage(root, work / "cache-stage", "cache")
    jupyter_book(tool, jb_stage, work / "cache-out", root)
    jb_before = site_hashes(work / "cache-out" / "_build" / "html")
    ours_before = site_hashes(root / "_build" / "participant" / "html")
    name, units = apply_edit(tool, root, log)
    res.edit = DataEdit(file=name, readers=sorted(units), units=res.units)
    log(f"(c) removed the last row of {name} (read by {len(units)} of {res.units} units); course.py build ...")
    res.edit.seconds, _ = course_build(tool, root)
    res.edit.reexecuted = executed(root)
    res.edit.pages_changed, res.edit.images_changed = changed(ours_before, site_hashes(root / "_build" / "participant" / "html"))
    log("(c) jupyter-book build in its cache mode, after the edit (all pages re-read) ...")
    _, output = jupyter_book(tool, jb_stage, work / "cache-out", root, "--all")
    res.edit.jb_reexecuted = output.count("Executed notebook in")
    jb_after = site_hashes(work / "cache-out" / "_build" / "html")
    res.edit.jb_changed = [k for k in jb_after if jb_before.get(k) != jb_after[k]]

    for n in sizes:
        log(f"(d) the course plus {n} synthetic units: course.py build --edition participant ...")
        syn = synthetic_course(root, work / f"synthetic-{n}", n)
        res.synthetic[n], _ = course_build(tool, syn, "--edition", "participant")
        runs = [r["seconds"] for r in report(syn)["results"]
                if r["cache"] == "miss" and r["unit"].startswith("book/synthetic/")]
        res.unit_warm = sum(runs) / len(runs) if runs else 0.0
        log(f"    {res.synthetic[n]:.1f} s")
    first = work / f"synthetic-{sizes[0]}"
    res.unit_fresh = fresh_kernel_seconds(tool, first, first / "book" / "synthetic" / "unit-001.ipynb", work / "fresh")

    res.load = (res.load[0], load_average())
    return res
