"""The build benchmark: is the build fast, and is it correct when data changes?

Everything runs on a temporary copy of the course and a copy of the tool, and each step is timed as
a trainer would see it (the whole command, from start to exit). Every figure is the median of
``runs`` runs (at least three), printed with its range, and plain Jupyter Book and ours take turns,
so a machine that gets busier part-way slows both alike:

(a) clean builds of the participant edition against plain ``jupyter-book build`` with execution
    forced on the same sources (the participant stage), in turn; each unit's execution time in our
    runs (median, slowest three); and one clean build of both editions;
(b) rebuilds with nothing changed: their time and how many units they executed;
(c) one data file edited, each run without another row: which units re-executed, whether the published
    site changed, next to Jupyter Book's own cache mode on the same edit;
(d) clean builds of the course plus 10, 40 and 100 synthetic country-update units, in turn: what each adds;
(e) ``serve``: from saving a data file without one row to the served page showing it.

The figures are checked before they are judged (``bench_figures.problems``).
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..model import languages
from ..model.curriculum import copy_course, load
from .bench_figures import MIN_RUNS, BenchResult, DataEdit, PreviewEdit, Spread
from .editions import EDITIONS
from .execute import kernel_env, worker_count
from .render import jupyter_book_command
from .serve import STATUS_PATH
from .stage import stage, staged_name

SCRIPTS = Path(__file__).resolve().parents[2]
SIZES = (10, 40, 100)
PREVIEW_TIMEOUT = 60.0  # seconds to wait for the served page to change before calling the run failed

Log = Callable[[str], None]


class RunFailed(RuntimeError):
    """A build the benchmark needed did not succeed: its figures would mean nothing."""


def tool_command(tool: Path, root: Path, *args: str) -> list[str]:
    return [sys.executable, str(tool / "course.py"), "--root", str(root), *args]


def tool_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "COURSE_ROOT"}


def course(tool: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``course.py`` of the benchmark's own copy of the tool (edits made meanwhile do not count)."""
    return subprocess.run(tool_command(tool, root, *args), capture_output=True, text=True, env=tool_env())


def plain_env(tool: Path, root: Path) -> dict[str, str]:
    """What a unit's kernel sees, for kernels that Jupyter Book starts itself."""
    env = kernel_env(root)
    env["PYTHONPATH"] = os.pathsep.join([str(tool), *env["PYTHONPATH"].split(os.pathsep)[1:]])
    return env


def course_build(tool: Path, root: Path, *args: str) -> float:
    """``course.py build`` as a trainer runs it; the wall-clock seconds of the whole command."""
    start = time.perf_counter()
    proc = course(tool, root, "build", *args)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RunFailed(f"course.py build of {root} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return seconds


def report(root: Path) -> dict:
    return json.loads((root / "_build" / "reports" / "execution.json").read_text(encoding="utf-8"))


def executed(root: Path) -> list[str]:
    """The units the last build executed (any edition), each once."""
    return sorted({r["unit"] for r in report(root)["results"] if r["cache"] == "miss"})


def unit_seconds(root: Path) -> dict[str, float]:
    """How long each unit the last build executed took (on a warm kernel)."""
    return {r["unit"]: r["seconds"] for r in report(root)["results"] if r["cache"] == "miss" and r["status"] == "ok"}


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
        raise RunFailed(f"jupyter-book build of {stage_dir} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return seconds, proc.stdout + proc.stderr


def readers(root: Path) -> dict[str, set[str]]:
    """Data file -> the units whose last execution read it (from the cache's records)."""
    out: dict[str, set[str]] = {}
    for record in (root / "_build" / "cache" / "entries").glob("*/entry.json"):
        entry = json.loads(record.read_text(encoding="utf-8"))
        for f in entry["reads"]:
            out.setdefault(f, set()).add(entry["unit"])
    return out


def edit_candidates(root: Path, fewest: bool = False) -> list[tuple[str, set[str]]]:
    """CSV files read by some units but not all: the most widely read first (the sharpest test of
    the cache), or with ``fewest`` the least read first (an author's everyday edit, for the preview)."""
    units = len(load(root).units)
    found = [(f, u) for f, u in readers(root).items()
             if f.startswith("data/") and f.endswith(".csv") and 0 < len(u) and (len(u) < units or units == 1)]
    return sorted(found, key=lambda fu: ((1 if fewest else -1) * len(fu[1]), fu[0]))


def drop_last_row(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")


def without_row(text: bytes, back: int) -> bytes:
    """The CSV ``text`` without its data row ``back`` rows from the end (0: the last row)."""
    lines = text.decode("utf-8").rstrip("\n").split("\n")
    del lines[len(lines) - 1 - back]
    return ("\n".join(lines) + "\n").encode("utf-8")


NEW_COUNTRIES = ("KH,Cambodia,Asia/Phnom_Penh,South-East Asia", "TL,Timor-Leste,Asia/Dili,South-East Asia",
                 "MM,Myanmar,Asia/Yangon,South-East Asia", "BD,Bangladesh,Asia/Dhaka,South Asia",
                 "NP,Nepal,Asia/Kathmandu,South Asia", "BT,Bhutan,Asia/Thimphu,South Asia")
COUNTRIES = "data/countries.csv"


def with_country(text: bytes, n: int) -> bytes:
    """``countries.csv`` with one more country (another each run), cited as its last row is: the edit of
    the file most units read. (Editing a name of a listed country is no quick edit: the agenda pages show
    the names, and ``validate`` asks for ``agenda`` to be run again.)"""
    lines = text.decode("utf-8").rstrip("\n").split("\n")
    source = next(csv.reader([lines[-1]]))[-1]
    return ("\n".join([*lines, f"{NEW_COUNTRIES[n % len(NEW_COUNTRIES)]},{source}"]) + "\n").encode("utf-8")


def names_shown(page: bytes, text: bytes) -> int:
    """How many of the CSV's names (second field) a page shows."""
    rows = list(csv.reader(text.decode("utf-8").splitlines()))[1:]
    return sum(html.escape(r[1]).encode() in page for r in rows if len(r) > 1)


@dataclass(frozen=True)
class Edit:
    """A data file and versions of it that each lack another row: every version is new to the cache,
    so each run re-executes the file's readers (putting a row back would be a cache hit)."""

    file: str
    readers: set[str]
    original: bytes
    versions: tuple[bytes, ...]


def apply_edit(tool: Path, root: Path, log: Log, runs: int, fewest: bool = False,
               edit: Callable[[bytes, int], bytes] = without_row) -> Edit:
    """A CSV whose versions without one of its last ``runs`` rows (or another ``edit``) are each still a valid
    course (each is validated); the file is left as it was."""
    for name, units in edit_candidates(root, fewest):
        if edit is with_country and name != COUNTRIES:
            continue
        path = root / name
        original = path.read_bytes()
        if original.decode("utf-8").strip().count("\n") < runs:
            continue  # fewer data rows than versions
        versions = tuple(edit(original, i) for i in range(runs))
        try:
            valid = True
            for version in versions:
                path.write_bytes(version)
                valid = valid and course(tool, root, "validate").returncode == 0
        finally:
            path.write_bytes(original)
        if valid:
            return Edit(name, units, original, versions)
        log(f"  {'removing a row of' if edit is without_row else 'this edit of'} {name} makes the course invalid; "
            "trying another file")
    raise RunFailed(f"no data file can be edited: no CSV read by some units but not all stays valid without "
                    f"any one of its last {runs} rows")


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
    overview = base / "book" / "overview.ipynb"  # its metadata, else the first unit's, is the copies'
    template = nbformat.read(overview if overview.is_file() else load(base).units[0].path, as_version=4)
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


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - our own server on 127.0.0.1
        return resp.read()


class ServeProcess:
    """``course.py serve`` of a tool copy on a free port, its output collected as it comes."""

    def __init__(self, tool: Path, root: Path, edition: str = "participant", timeout: float = 600) -> None:
        self.proc = subprocess.Popen(tool_command(tool, root, "serve", "--edition", edition, "--port", "0"),
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env={**tool_env(), "PYTHONUNBUFFERED": "1"})
        self.lines: list[str] = []
        self.url = ""
        self._first = threading.Event()
        self._done = threading.Condition()
        self.finished = 0
        threading.Thread(target=self._read, daemon=True).start()
        if not self._first.wait(timeout) or not self.url:
            self.stop()
            raise RunFailed("course.py serve did not show a first build:\n" + "".join(self.lines[-20:]))

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            self.url = self.url or (found.group(0) if found else "")
            if line.startswith(("Preview updated", "Not updated")):
                with self._done:
                    self.finished += 1
                    self._done.notify_all()
                self._first.set()
        self._first.set()
        with self._done:
            self.finished = -1  # the process ended: no build will finish
            self._done.notify_all()

    def builds(self) -> int:
        """How many builds have finished (published or not) so far."""
        with self._done:
            return self.finished

    def built(self, after: int, timeout: float = 3 * PREVIEW_TIMEOUT) -> bool:
        """Wait until a build finishes after the ``after``-th; whether one did."""
        with self._done:
            return self._done.wait_for(lambda: self.finished > after or self.finished < 0, timeout) and self.finished > after

    def page(self, unit: str) -> str:
        """The address of a unit's page, e.g. book/countries/th.ipynb -> .../countries/th.html."""
        return self.url + staged_name(unit).rsplit(".", 1)[0] + ".html"

    def stop(self) -> int:
        """Stop it as Ctrl-C does; its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


def open_page(serve: ServeProcess, url: str) -> None:
    """Tell ``serve`` which page the author's browser shows, as the page's preview script does on each poll."""
    fetch(serve.url + STATUS_PATH.lstrip("/") + "?" + urllib.parse.urlencode({"page": "/" + url.removeprefix(serve.url)}))


def wait_for_change(before: dict[str, bytes], timeout: float = PREVIEW_TIMEOUT,
                    poll: Callable[[], None] = lambda: None) -> float:
    """Seconds until one of the pages (address -> what it showed) shows something else (Sphinx's asset
    suffixes aside); ``poll`` is called between fetches (the open page's status poll)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        for url, old in before.items():
            if ASSET_VERSION.sub(b"", fetch(url)) != ASSET_VERSION.sub(b"", old):
                return time.perf_counter() - start
        poll()
        time.sleep(0.05)
    raise RunFailed(f"no served page of {', '.join(before)} changed within {timeout:.0f} s of the edit")


def measure_preview(tool: Path, root: Path, work: Path, runs: int, log: Log, fewest: bool = True) -> PreviewEdit:
    """``serve`` on a copy of the built course; each run saves the data file edited and watches one served
    page that reads it, open in a browser (the status poll names it). With ``fewest`` the least read file
    without another row (its first reader's page), else countries.csv with one more country (the page of
    its readers that lists the most countries). Each run ends
    when the whole build is published (``serve`` says so), not when the page changed. (The versions are
    validated on ``root``.)"""
    edit = apply_edit(tool, root, log, runs, fewest=fewest, edit=without_row if fewest else with_country)
    served = Path(shutil.copytree(root, work / ("preview" if fewest else "preview-many"), symlinks=True))
    res = PreviewEdit(file=edit.file, readers=len(edit.readers),
                      change="without one row" if fewest else "with one more country")
    serve = ServeProcess(tool, served)
    try:
        pages = [serve.page(u) for u in sorted(edit.readers)]
        # the page that lists the most countries shows a new one
        page = pages[0] if fewest else max(pages, key=lambda p: names_shown(fetch(p), edit.original))
        res.page = page.removeprefix(serve.url)
        for i, version in enumerate(edit.versions):
            open_page(serve, page)
            before, done, said = {page: fetch(page)}, serve.builds(), len(serve.lines)
            (served / edit.file).write_bytes(version)
            res.seconds = res.seconds.added(wait_for_change(before, PREVIEW_TIMEOUT * 3, lambda: open_page(serve, page)))
            if not serve.built(done):
                raise RunFailed("course.py serve did not finish the build after the edit:\n" + "".join(serve.lines[-20:]))
            res.phases.append(report(served).get("phases", {}))
            res.whole.append(report(served).get("seconds", 0.0))
            ahead = [ln.strip() for ln in serve.lines[said:] if ln.startswith("Page updated")]
            log(f"    run {i + 1}: the open page changed after {res.seconds.runs[-1]:.1f} s; the whole build "
                f"took {res.whole[-1]:.1f} s ({_phase_text(res.phases[-1])})" + "".join(f"; {a}" for a in ahead))
    finally:
        serve.stop()
    return res


def _phase_text(phases: dict) -> str:
    flat = {"validate": phases.get("validate", 0.0), **phases.get("participant", {}), "publish": phases.get("publish", 0.0)}
    return ", ".join(f"{k} {v:.1f} s" for k, v in flat.items() if isinstance(v, (int, float)))


def run(course_root: Path, work: Path, log: Log, sizes: tuple[int, ...] = SIZES, runs: int = MIN_RUNS,
        only: str = "") -> BenchResult:
    """Every figure (or with ``only="f"`` the language figure alone), measured in this one run; a build
    that fails ends the run, named in ``failures``."""
    res = BenchResult(workers=worker_count(), load=(load_average(), ""), only=only)
    try:
        if only == "f":  # (f) starts from clean builds of its own: it needs nothing the others made
            tool, root = _copies(course_root, work)
            measure_language(res, tool, root, max(runs, MIN_RUNS), log)
        elif only == "e":  # (e) needs a built course (its cache says who reads what): one clean build
            tool, root = _copies(course_root, work)
            log("(e) a clean participant build, to start from ...")
            course_build(tool, root, "--edition", "participant", *ENGLISH)
            measure_previews(res, tool, root, work, max(runs, MIN_RUNS), log)
        else:
            _measure(res, course_root, work, log, sizes, max(runs, MIN_RUNS))
    except RunFailed as exc:
        res.failures.append(str(exc))
    res.load = (res.load[0], load_average())
    return res


def _copies(course_root: Path, work: Path) -> tuple[Path, Path]:
    """The benchmark's own copies of the tool and of the course (edits made meanwhile do not count)."""
    tool = Path(shutil.copytree(SCRIPTS, work / "scripts", ignore=shutil.ignore_patterns("__pycache__")))
    return tool, copy_course(course_root, work / "course")


def _measure(res: BenchResult, course_root: Path, work: Path, log: Log, sizes: tuple[int, ...], runs: int) -> None:
    tool, root = _copies(course_root, work)
    res.units = len(load(root).units)
    plain_stage = jupyter_book_stage(root, work / "plain-stage", "force")
    per_unit: dict[str, list[float]] = {}
    for i in range(1, runs + 1):
        log(f"(a) run {i} of {runs}: plain jupyter-book build (execution forced), then course.py build, both clean ...")
        shutil.rmtree(work / "plain-out", ignore_errors=True)
        res.plain = res.plain.added(jupyter_book(tool, plain_stage, work / "plain-out", root)[0])
        shutil.rmtree(root / "_build", ignore_errors=True)
        res.participant = res.participant.added(course_build(tool, root, "--edition", "participant", *ENGLISH))
        for unit, seconds in unit_seconds(root).items():
            per_unit.setdefault(unit, []).append(seconds)
        res.phases = report(root).get("phases", {})
        log(f"    plain {res.plain.runs[-1]:.1f} s, ours {res.participant.runs[-1]:.1f} s")
    res.per_unit = {u: Spread(tuple(s)) for u, s in sorted(per_unit.items())}
    shutil.rmtree(root / "_build")
    log("(a) course.py build (both editions), clean ...")
    res.both = course_build(tool, root)

    for i in range(1, runs + 1):
        log(f"(b) run {i} of {runs}: course.py build again, nothing changed ...")
        res.nochange = res.nochange.added(course_build(tool, root))
        res.nochange_inside = res.nochange_inside.added(report(root)["seconds"])
        res.nochange_executed = max(res.nochange_executed, len(executed(root)))

    log("(c) jupyter-book build in its cache mode, before the edit ...")
    jb_stage = jupyter_book_stage(root, work / "cache-stage", "cache")
    jupyter_book(tool, jb_stage, work / "cache-out", root)
    jb_before = site_hashes(work / "cache-out" / "_build" / "html")
    ours_before = site_hashes(root / "_build" / "participant" / "html")
    edit = apply_edit(tool, root, log, runs)
    res.edit = DataEdit(file=edit.file, readers=sorted(edit.readers), units=res.units)
    for i, version in enumerate(edit.versions):
        (root / edit.file).write_bytes(version)
        log(f"(c) run {i + 1} of {runs}: {edit.file} without its row {i + 1} from the end; course.py build ...")
        res.edit.seconds = res.edit.seconds.added(course_build(tool, root))
        res.edit.reexecuted.append(executed(root))
        if i == 0:
            after = site_hashes(root / "_build" / "participant" / "html")
            res.edit.pages_changed, res.edit.images_changed = changed(ours_before, after)
    (root / edit.file).write_bytes(edit.versions[0])
    log("(c) jupyter-book build in its cache mode, after the edit (all pages re-read) ...")
    _, output = jupyter_book(tool, jb_stage, work / "cache-out", root, "--all")
    res.edit.jb_reexecuted = output.count("Executed notebook in")
    jb_after = site_hashes(work / "cache-out" / "_build" / "html")
    res.edit.jb_changed = [k for k in jb_after if jb_before.get(k) != jb_after[k]]
    (root / edit.file).write_bytes(edit.original)

    warm: list[float] = []
    for i in range(1, runs + 1):  # each size in turn, so a machine that gets busier slows every size alike
        for n in sizes:
            log(f"(d) run {i} of {runs}: the course plus {n} synthetic units, course.py build --edition participant ...")
            syn = work / f"synthetic-{n}"
            shutil.rmtree(syn, ignore_errors=True)
            synthetic_course(root, syn, n)
            res.synthetic[n] = res.synthetic.get(n, Spread()).added(course_build(tool, syn, "--edition", "participant",
                                                                                 *ENGLISH))
            warm += [s for u, s in unit_seconds(syn).items() if u.startswith("book/synthetic/")]
            log(f"    {res.synthetic[n].runs[-1]:.1f} s")
    res.unit_warm = statistics.median(warm) if warm else 0.0
    first = work / f"synthetic-{sizes[0]}"
    res.unit_fresh = fresh_kernel_seconds(tool, first, first / "book" / "synthetic" / "unit-001.ipynb", work / "fresh")

    measure_previews(res, tool, root, work, runs, log)
    measure_language(res, tool, root, runs, log)


def measure_previews(res: BenchResult, tool: Path, root: Path, work: Path, runs: int, log: Log) -> None:
    """(e) for the least read data file and for the most read one."""
    log("(e) course.py serve: each run saves the least read data file without another row, its page open ...")
    res.preview = measure_preview(tool, root, work, runs, log)
    log("(e) course.py serve: the same with the most read data file ...")
    res.preview_many = measure_preview(tool, root, work, runs, log, fewest=False)


ENGLISH = ("--languages", "en")  # (a) and (d) measure one edition in one language


def measure_language(res: BenchResult, tool: Path, root: Path, runs: int, log: Log) -> None:
    """(f) The cost of one more language: clean participant builds in English, then in English and the
    first language of languages.yml, each followed by a no-change rebuild, in turn."""
    first = next(iter(languages.load(root)), None)
    if first is None:
        return
    res.language = first.code
    both = ("--languages", f"en,{first.code}")
    for i in range(1, runs + 1):
        for chosen, clean, again in ((ENGLISH, "one_language", "nochange_one"), (both, "two_languages", "nochange_two")):
            log(f"(f) run {i} of {runs}: clean participant build {' '.join(chosen)}, then again with no change ...")
            shutil.rmtree(root / "_build", ignore_errors=True)
            setattr(res, clean, getattr(res, clean).added(course_build(tool, root, "--edition", "participant", *chosen)))
            res.language_phases[clean] = report(root).get("phases", {})  # where the language's time went
            setattr(res, again, getattr(res, again).added(course_build(tool, root, "--edition", "participant", *chosen)))
            inside = f"{again}_inside"  # the build's own seconds: starting the command is the same for both
            setattr(res, inside, getattr(res, inside).added(report(root)["seconds"]))
