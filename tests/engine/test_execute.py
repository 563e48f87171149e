"""Parallel execution on reused kernels: no state leaks between units, failures and time limits name
the unit, reads are recorded, and closing the pool leaves no kernel behind."""

from __future__ import annotations

import io
import os
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES, copy_course
from coursekit.engine.execute import Executor, Job, mirror, written_files
from nbformat.v4 import new_code_cell, new_notebook


def notebook(*sources: str) -> nbformat.NotebookNode:
    return new_notebook(cells=[new_code_cell(s) for s in sources],
                        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


def job(tmp: Path, name: str, *sources: str, timeout: int = 120) -> Job:
    folder = tmp / "stage" / name
    folder.mkdir(parents=True, exist_ok=True)
    return Job(f"book/{name}.ipynb", notebook(*sources), mirror(folder, tmp / "scratch" / name), timeout)


def outputs(nb: nbformat.NotebookNode) -> list:
    return [c.outputs for c in nb.cells]


# A unit that changes every kind of state a unit can change...
POLLUTE = [
    "leaked_variable = 'from the previous unit'\n"
    "import os, sys, warnings, logging\n"
    "os.environ['LEAKED'] = '1'; sys.path.append('/leaked'); warnings.simplefilter('error')\n"
    "logging.getLogger().setLevel(logging.DEBUG)\n"
    "os.chdir('/')",
    "import matplotlib, matplotlib.pyplot as plt\n"
    "plt.rcParams['lines.linewidth'] = 9\n"
    "plt.figure(); plt.plot([1, 2])\n"
    "%config InlineBackend.figure_formats = ['svg']",
    "import pandas as pd, numpy as np\n"
    "pd.set_option('display.max_rows', 3)\n"
    "np.set_printoptions(precision=1)\n"
    "np.random.seed(1)",
    "from coursekit.book import style\nfrom coursekit.model import data\n"
    "data.path('countries.csv')\n"
    "style.OKABE_ITO[0] = '#leaked'\n"
    "get_ipython().events.register('post_run_cell', lambda result: print('leaked hook'))\n"
    "get_ipython().display_formatter.formatters['text/plain'].for_type(int, lambda o, p, c: p.text('leaked int'))",
    "1/0",  # and fails, like a broken unit would
]

# ...and one that looks at all of it.
PROBE = [
    "import os, sys, warnings, logging\n"
    "print('leaked_variable' in globals(), os.environ.get('LEAKED'), '/leaked' in sys.path)\n"
    "print(warnings.filters[0][0] == 'error', logging.getLogger().level)\n"
    "print(os.path.basename(os.getcwd()))",
    "import matplotlib, matplotlib.pyplot as plt\n"
    "print(plt.rcParams['lines.linewidth'], plt.get_fignums())\n"
    "from matplotlib_inline.config import InlineBackend\n"
    "print(sorted(InlineBackend.instance().figure_formats))",
    "import pandas as pd, numpy as np\n"
    "print(pd.get_option('display.max_rows'), np.get_printoptions()['precision'])",
    "from coursekit.book import style\nfrom coursekit.model import data\n"
    "print(data.files_read(), style.OKABE_ITO[0])",
    "print(len(In), len(Out))\n41 + 1",
]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(FIXTURES / "cache", tmp_path_factory.mktemp("exec") / "course")


def test_a_reused_kernel_gives_the_next_unit_a_fresh_kernels_state(course: Path, tmp_path: Path):
    with Executor(course, workers=1) as ex:
        alone = ex.run([job(tmp_path, "probe-alone", *PROBE)])[0]
    assert alone.result.ok, alone.result
    with Executor(course, workers=1) as ex:
        polluted, probed = ex.run([job(tmp_path, "polluter", *POLLUTE), job(tmp_path, "probe-after", *PROBE)])
        assert len(ex.workers) == 1  # one kernel served both units
    assert polluted.result.status == "error" and polluted.result.cell == 5
    assert probed.result.ok, probed.result
    fresh, reused = outputs(alone.notebook), outputs(probed.notebook)
    # the working directory is the unit's own scratch folder: only its name differs
    assert fresh[0][0]["text"].replace("probe-alone", "X") == reused[0][0]["text"].replace("probe-after", "X")
    assert fresh[1:] == reused[1:]
    assert "False None False" in reused[0][0]["text"]
    assert "42" in str(reused[-1]) and "leaked" not in str(reused)
    assert [c.execution_count for c in probed.notebook.cells] == [1, 2, 3, 4, 5]
    assert probed.reads == []  # the polluter's read of countries.csv is not the prober's


def test_failures_name_the_cell_and_a_time_limit_names_the_unit(course: Path, tmp_path: Path):
    with Executor(course, workers=1) as ex:
        slow, broken, after = ex.run([
            job(tmp_path, "slow", "x = 1", "import time\ntime.sleep(60)", timeout=3),
            job(tmp_path, "broken", "x = 1", "raise ValueError('planted failure')"),
            job(tmp_path, "after", "print('still working')"),
        ])
    assert slow.result.status == "timeout" and slow.result.cell == 2
    assert slow.result.describe().startswith("book/slow.ipynb cell 2: did not finish within the 3 s time limit")
    assert slow.result.seconds < 30
    assert broken.result.describe() == "book/broken.ipynb cell 2: ValueError: planted failure"
    assert after.result.ok and "still working" in after.notebook.cells[0].outputs[0]["text"]


def test_units_run_in_parallel_and_reads_are_recorded(course: Path, tmp_path: Path):
    reader = ["from coursekit.book import data\nimport os\nprint(os.getpid())\ndata.path('x.csv').read_text()"]
    with Executor(course, workers=2) as ex:
        a, b = ex.run([job(tmp_path, "a", *reader), job(tmp_path, "b", "import os\nprint(os.getpid())")])
        pids = [w.km.provisioner.process.pid for w in ex.workers]
    assert a.result.ok and b.result.ok
    assert a.notebook.cells[0].outputs[0]["text"] != b.notebook.cells[0].outputs[0]["text"]  # two kernels
    assert a.reads == [(course / "data" / "x.csv").resolve()] and b.reads == []
    for pid in pids:  # closing the pool stopped every kernel
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_unit_s_written_files_are_its_own(tmp_path: Path):
    folder = tmp_path / "stage"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "logo.png").write_bytes(b"png")
    (folder / "_figures").mkdir()
    (folder / "_figures" / "other-unit.png").write_bytes(b"not mine")
    scratch = mirror(folder, tmp_path / "scratch")
    assert (scratch / "images" / "logo.png").read_bytes() == b"png"  # relative reads work
    assert not (scratch / "_figures").exists()
    (scratch / "_figures").mkdir()
    (scratch / "_figures" / "chart.svg").write_text("<svg/>")
    assert written_files(scratch) == {"_figures/chart.svg": scratch / "_figures" / "chart.svg"}


def test_progress_shows_on_a_terminal_and_stays_quiet_in_a_log():
    from types import SimpleNamespace

    from coursekit.engine.execute import ExecResult, Outcome
    from coursekit.engine.progress import ExecutionProgress
    from rich.console import Console

    def play(console: Console) -> tuple[str, list[str]]:
        seen = []
        with ExecutionProgress("participant", 3, console) as progress:
            progress.cached(1)  # one unit from the cache counts as done at once
            progress.event("start", SimpleNamespace(unit="book/overview.ipynb"))
            if progress.progress:
                task = progress.progress.tasks[0]
                seen = [task.description, f"{task.completed:g}/{task.total:g}"]
            progress.event("done", Outcome(ExecResult("book/overview.ipynb", "ok", 1.0)))
        return console.file.getvalue(), seen

    log, seen = play(Console(file=io.StringIO(), force_terminal=False))
    assert log == "" and seen == []  # a CI log gets the summary at the end, not a progress bar
    terminal, seen = play(Console(file=io.StringIO(), force_terminal=True, width=120))
    assert seen == ["running book/overview.ipynb", "1/3"]
    assert "participant" in terminal and "2/3" in terminal and "0:00:0" in terminal  # done of total, elapsed


def test_parsed_data_is_shared_by_the_units_of_a_kernel_and_each_unit_s_reads_stay_exact(course: Path, tmp_path: Path):
    reader = ("from coursekit.model import data\nimport sys\n"
              "sources = data.sources()\n"
              "shared = sys.modules['coursekit.model.parsed_files'].documents\n"
              "print(len(sources), sorted(sources)[0], len(shared), id(next(iter(shared.values()))[1]))")
    spoiler = ("sources.clear()\n"  # what a unit does with what it was given stays its own
               "try:\n    next(iter(data.sources().values())).title = 'leaked'\nexcept Exception as exc:\n"
               "    print(type(exc).__name__)")
    with Executor(course, workers=1) as ex:
        first, second, other = ex.run([job(tmp_path, "first", reader, spoiler), job(tmp_path, "second", reader),
                                       job(tmp_path, "other", "1 + 1")])
        assert len(ex.workers) == 1
    assert first.result.ok and second.result.ok and other.result.ok
    count, first_id, stored, document = first.notebook.cells[0].outputs[0]["text"].split()
    assert int(count) > 0 and int(stored) == 1
    assert first.notebook.cells[1].outputs[0]["text"].strip() == "ValidationError"  # records are frozen
    # the second unit got the same sources from the very same parsed document, untouched by the first
    assert second.notebook.cells[0].outputs[0]["text"].split() == [count, first_id, "1", document]
    sources = (course / "data" / "sources.yaml").resolve()
    assert first.reads == [sources] and second.reads == [sources]  # a shared parse is still a recorded read
    assert other.reads == []
