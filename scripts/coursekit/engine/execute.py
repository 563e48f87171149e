"""Execute staged notebooks in parallel on warm, reused kernels, and say as data what happened.

One worker per core, each with one kernel started once and warmed with the heavy imports
(``kernel_state.warm``); before each unit the kernel is reset to a fresh kernel's state
(``kernel_state.reset``), so the start cost is paid once per worker instead of once per unit.
Each unit runs in its own scratch folder (a mirror of its staged folder), so the files it writes,
its charts, are known to be its own even when units of one folder run at the same time.

A failing cell is reported by unit, cell number and error; a unit that runs past its time limit is
stopped and named; a kernel that dies or hangs is replaced. The kernels run in a background thread's
event loop; ``Executor.close()`` (also on Ctrl-C) shuts every kernel down.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import nbformat

from . import processes
from .output_limits import OutputLimits, coalesce, limited_client
from .processes import kernel_pid, kill_kernel

if TYPE_CHECKING:
    from jupyter_client.manager import AsyncKernelManager

Status = Literal["ok", "error", "timeout"]

DEFAULT_TIMEOUT = 300
STARTUP_TIMEOUT = 120
SCRATCH_SKIP = ("_figures", ".ipynb_checkpoints")  # never mirrored: a unit's own outputs go there


def worker_count() -> int:
    """As many workers as this process may use cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ExecResult:
    """The outcome of one unit: executed now (cache miss) or taken from the cache (hit)."""

    unit: str  # the source path as the trainer knows it, e.g. book/overview.ipynb
    status: Status
    seconds: float
    cell: int | None = None  # 1-based cell number of the failure
    message: str = ""
    cache: Literal["hit", "miss"] = "miss"
    edition: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def describe(self) -> str:
        if self.ok:
            how = "from the cache" if self.cache == "hit" else f"ran in {self.seconds:.1f} s"
            return f"{self.unit}: {how}"
        where = f" cell {self.cell}" if self.cell else ""
        return f"{self.unit}{where}: {self.message}"


@dataclass(frozen=True)
class Job:
    """A unit to execute: its notebook (outputs cleared) and the folder it runs in."""

    unit: str
    notebook: nbformat.NotebookNode
    cwd: Path
    timeout: int = DEFAULT_TIMEOUT
    limits: OutputLimits = field(default_factory=OutputLimits)


@dataclass
class Outcome:
    result: ExecResult
    notebook: nbformat.NotebookNode | None = None  # the executed notebook, when it succeeded
    reads: list[Path] = field(default_factory=list)  # data files read through coursekit.model.data


def kernel_env(root: Path, reads_log: Path | None = None, mark: str | None = None) -> dict[str, str]:
    """The environment a unit runs in: it finds ``coursekit`` and the course's data; ``mark`` is
    inherited by every program the unit starts, so the build can find and stop them (``processes``)."""
    env = dict(os.environ)
    if mark is not None:
        env[processes.MARK] = mark
    scripts = str(Path(__file__).resolve().parents[2])  # the folder holding the coursekit in use
    env["PYTHONPATH"] = scripts + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["COURSE_ROOT"] = str(root)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # the debugger's frozen-modules notice on every start
    env.setdefault("SOURCE_DATE_EPOCH", "0")  # charts' SVG metadata without today's date: same chart, same bytes
    if reads_log is not None:
        env["COURSE_READS_LOG"] = str(reads_log)
    return env


def _last_line(text: str) -> str:
    lines = [ln for ln in str(text).strip().splitlines() if ln.strip()]
    return lines[-1][:300] if lines else "unknown error"


def mirror(folder: Path, scratch: Path) -> Path:
    """A fresh scratch folder that shows ``folder``'s contents (as links) but keeps what is written
    into it apart: relative reads work as beside the notebook, writes are the unit's own."""
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    for entry in folder.iterdir():
        if entry.name not in SCRATCH_SKIP:
            (scratch / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    return scratch


def written_files(scratch: Path) -> dict[str, Path]:
    """The files a unit wrote into its scratch folder (relative name -> file), links excluded."""
    out: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(scratch):
        base = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
        for name in filenames:
            p = base / name
            if not p.is_symlink():
                out[p.relative_to(scratch).as_posix()] = p
    return out


class KernelWorker:
    """One kernel, started once, warmed, and reset before each unit it runs."""

    def __init__(self, index: int, root: Path, tmp: Path, log: Path, kernel_name: str = "python3",
                 mark: str = ""):
        self.index = index
        self.mark = f"{mark}-{index}"  # in the environment of the kernel and of everything it starts
        self.root = root
        self.reads_log = tmp / f"reads-{index}.log"
        self.home = tmp / f"kernel-{index}"
        self.log = log
        self.kernel_name = kernel_name
        self.km: AsyncKernelManager | None = None
        self.kc: Any = None
        self.language_info: dict[str, Any] | None = None
        self.starting: asyncio.Future[None] | None = None  # a start in progress (or done)

    async def ready(self) -> None:
        """A started, live kernel: wait for a start begun ahead of time, or (re)start one."""
        if self.starting is None:
            self.starting = asyncio.ensure_future(self.start())
        try:
            await self.starting
        except Exception:
            self.starting = None
            await self.stop()
            raise
        if self.km is None or not await self.km.is_alive():
            await self.restart()

    async def start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager  # here: a build served by the cache never needs it

        self.home.mkdir(parents=True, exist_ok=True)
        self.km = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc")  # no TCP, no warning
        self.km.ip = str(self.home / "ipc")  # absolute: the kernel starts in another folder than ours
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as fh:  # the kernel's own messages go to the log, not the terminal
            await self.km.start_kernel(env=kernel_env(self.root, self.reads_log, self.mark), cwd=str(self.home),
                                       stdout=fh, stderr=fh, extra_arguments=["--HistoryManager.enabled=False"])
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
        info = await self.kc.kernel_info(reply=True, timeout=STARTUP_TIMEOUT)
        self.language_info = info["content"].get("language_info")
        await self._silent("from coursekit.engine import kernel_state as _ks; _ks.warm(); del _ks")

    async def _silent(self, code: str, timeout: float = STARTUP_TIMEOUT) -> None:
        """Run housekeeping code without touching the unit's outputs or history."""
        errors: list[str] = []

        def hook(msg: dict[str, Any]) -> None:
            if msg["msg_type"] == "error":
                errors.append(f"{msg['content']['ename']}: {msg['content']['evalue']}")

        reply = await self.kc.execute_interactive(code, silent=True, store_history=False, timeout=timeout,
                                                  output_hook=hook, allow_stdin=False)
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise RuntimeError(errors[0] if errors else f"{content.get('ename')}: {content.get('evalue')}")

    async def stop(self) -> None:
        kc, km, self.kc, self.km, self.starting = self.kc, self.km, None, None, None
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            try:
                await km.shutdown_kernel(now=True)
            except Exception:  # noqa: S110 - already gone: nothing left to stop
                pass
            kill_kernel(km)

    async def restart(self) -> None:
        await self.stop()
        self.starting = asyncio.ensure_future(self.start())
        await self.starting

    async def run(self, job: Job, on_cell: Callable[[int], None] | None = None) -> Outcome:
        """Execute ``job`` on this kernel; a failure is a result, never an exception. Whatever the unit
        started is stopped when it ends, even a program that left the kernel's session."""
        try:
            return await self._execute(job, on_cell)
        finally:
            self.stop_leftovers()

    def stop_leftovers(self) -> None:
        """Kill every process this worker's units started (the kernel itself stays, warm)."""
        kernel = kernel_pid(self.km) if self.km is not None else None
        found = set(processes.marked(self.mark)) | (set(processes.descendants(kernel)) if kernel else set())
        found.discard(kernel or -1)
        if found:
            processes.kill(found)

    async def _execute(self, job: Job, on_cell: Callable[[int], None] | None) -> Outcome:
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        await self.ready()
        nb = job.notebook
        await self._silent(f"import sys; sys.modules['coursekit.engine.kernel_state'].reset({str(job.cwd)!r})")
        self.reads_log.write_text("", encoding="utf-8")
        where: dict[str, int] = {}

        def cell_started(cell: Any, cell_index: int) -> None:
            where["cell"] = cell_index + 1
            if on_cell:
                on_cell(cell_index + 1)

        client = limited_client()(nb, km=self.km, timeout=job.timeout, kernel_name=self.kernel_name,
                               record_timing=False, on_cell_start=cell_started, limits=job.limits)
        client.kc = self.kc
        client.reset_execution_trackers()
        start = time.perf_counter()

        def failed(status: Status, message: str) -> Outcome:
            return Outcome(ExecResult(job.unit, status, time.perf_counter() - start, where.get("cell"), message))

        try:
            await self._cells(client, nb, start + job.timeout)
            if client.over is not None:
                raise CellExecutionError("", "", "")
        except CellTimeoutError:
            await self.restart()  # the kernel is still busy with the unit
            return failed("timeout", f"did not finish within the {job.timeout} s time limit"
                          " (raise it with 'build --timeout SECONDS' or execute.timeout in _config.yml)")
        except CellExecutionError as exc:
            if client.over is not None:  # interrupted by the build: the limit is the news, not the interrupt
                where["cell"] = client.over[0]
                return failed("error", client.over[1])
            return failed("error", f"{exc.ename}: {_last_line(exc.evalue)}" if exc.evalue else str(exc.ename))
        except DeadKernelError:
            await self.restart()
            return failed("error", "the Python kernel stopped (out of memory?)")
        if self.language_info:
            nb.metadata["language_info"] = nbformat.from_dict(self.language_info)
        reads = [Path(line) for line in self.reads_log.read_text(encoding="utf-8").splitlines() if line.strip()]
        return Outcome(ExecResult(job.unit, "ok", time.perf_counter() - start), nb, sorted(set(reads)))

    @staticmethod
    async def _cells(client: Any, nb: nbformat.NotebookNode, deadline: float) -> None:
        """Run the cells in order; the time limit is the notebook's, so each cell gets what is left."""
        from nbclient.exceptions import CellTimeoutError

        for index, cell in enumerate(nb.cells):
            left = deadline - time.perf_counter()
            if left <= 0 and cell.cell_type == "code":
                raise CellTimeoutError("the notebook's time limit was reached")
            client.timeout = max(1, round(left))
            await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            if cell.cell_type == "code":
                cell.outputs = coalesce(cell.outputs)


Events = Callable[[str, Any], None]  # ("start", Job) / ("cell", (Job, n)) / ("done", Outcome)


class Cancelled(Exception):
    """The executor's ``cancel`` event was set while units ran: they were stopped, nothing is kept."""


class Executor:
    """A pool of kernel workers, used from ordinary (synchronous) code.

    Kernels start only when a batch has something to execute, so a build that finds every unit in
    the cache starts none. Use as a context manager: leaving it, normally or on Ctrl-C, stops them.
    """

    def __init__(self, root: Path, workers: int | None = None, log: Path | None = None):
        self.root = root
        self.size = workers or worker_count()
        self.log = log or root / "_build" / "logs" / "kernels.log"
        self.tmp = Path(tempfile.mkdtemp(prefix="course-kernels-"))
        self.mark = f"course-build-{os.getpid()}-{uuid.uuid4().hex[:12]}"  # see processes.py
        self.workers: list[KernelWorker] = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="course-kernels", daemon=True)
        self.thread.start()
        self.cancel: threading.Event | None = None  # set: stop the units running now (serve: a newer save)
        self.running: tuple[str, ...] = ()  # the units executing now (replaced whole: read from other threads)

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def prestart(self) -> None:
        """Start and warm every worker's kernel now, in the background, for a build that will surely
        execute (a clean one): the start overlaps with checking and staging the course."""
        self.loop.call_soon_threadsafe(self._prestart)

    def _prestart(self) -> None:
        self._add_workers(self.size)
        for w in self.workers:
            if w.starting is None:
                w.starting = asyncio.ensure_future(w.start())
                w.starting.add_done_callback(lambda f: f.cancelled() or f.exception())  # errors surface in run

    def _add_workers(self, count: int) -> None:
        while len(self.workers) < count:
            self.workers.append(KernelWorker(len(self.workers), self.root, self.tmp, self.log, mark=self.mark))

    def run(self, jobs: list[Job], events: Events | None = None) -> list[Outcome]:
        """Execute ``jobs`` on up to ``size`` kernels; outcomes in the order of ``jobs``."""
        if not jobs:
            return []
        future = asyncio.run_coroutine_threadsafe(self._run(jobs, events), self.loop)
        try:
            while True:
                try:
                    return future.result(timeout=0.2)  # short waits keep Ctrl-C (and a cancel) responsive
                except concurrent.futures.TimeoutError:
                    if self.cancel is not None and self.cancel.is_set():
                        raise Cancelled from None
        except BaseException as exc:
            future.cancel()
            if isinstance(exc, Cancelled):  # a unit may loop forever: its kernel is stopped, a new one starts next time
                asyncio.run_coroutine_threadsafe(self._stop_all(), self.loop).result(timeout=30)
            raise
        finally:
            self.running = ()

    async def _run(self, jobs: list[Job], events: Events | None) -> list[Outcome]:
        emit = events or (lambda kind, data: None)
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(len(jobs)):
            queue.put_nowait(i)
        outcomes: list[Outcome | None] = [None] * len(jobs)
        self._add_workers(min(self.size, len(jobs)))
        started = [w for w in self.workers if w.starting is not None]  # prestarted ones first
        active = (started + [w for w in self.workers if w.starting is None])[: min(self.size, len(jobs))]

        async def drain(worker: KernelWorker) -> None:
            while not queue.empty():
                i = queue.get_nowait()
                job = jobs[i]
                emit("start", job)
                self.running = (*self.running, job.unit)
                try:
                    outcome = await worker.run(job, lambda n, job=job: emit("cell", (job, n)))
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # the kernel could not be started or reset
                    outcome = Outcome(ExecResult(job.unit, "error", 0.0, None, f"the kernel failed: {exc}"))
                    await worker.stop()
                finally:
                    self.running = tuple(u for u in self.running if u != job.unit)
                outcomes[i] = outcome
                emit("done", outcome)

        await asyncio.gather(*(drain(w) for w in active))
        return [o for o in outcomes if o is not None]

    async def _stop_all(self) -> None:
        await asyncio.gather(*(w.stop() for w in self.workers), return_exceptions=True)

    def close(self) -> None:
        """Stop every kernel (waiting a few seconds at most), then the event loop. The scratch folder
        goes whatever happens meanwhile (a second Ctrl-C while the kernels stop)."""
        try:
            self._close()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _close(self) -> None:
        if self.loop.is_closed():
            return
        for task in asyncio.all_tasks(self.loop):
            self.loop.call_soon_threadsafe(task.cancel)
        try:
            asyncio.run_coroutine_threadsafe(self._stop_all(), self.loop).result(timeout=10)
        except BaseException:  # noqa: S110 - fall through to the hard kill below
            pass
        for w in self.workers:
            if w.km is not None:
                kill_kernel(w.km)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
        if not self.thread.is_alive():
            self.loop.close()
        processes.kill(processes.marked(self.mark))  # whatever a unit started that outlived its kernel
