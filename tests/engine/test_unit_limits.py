"""Units cannot stall or flood the build: output limits (total and line length) are enforced while a
unit runs, streams are merged in linear time, and whatever a unit starts is stopped when it ends
(issue 14, cases 3 and 9)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_course
from coursekit.engine.execute import Executor, Job, mirror
from coursekit.engine.output_limits import OutputLimits, coalesce, terminal_text
from nbformat.v4 import new_code_cell, new_notebook, new_output


def job(tmp: Path, name: str, *sources: str, timeout: int = 120, limits: OutputLimits | None = None) -> Job:
    folder = tmp / "stage" / name
    folder.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=[new_code_cell(s) for s in sources],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    return Job(f"book/{name}.ipynb", nb, mirror(folder, tmp / "scratch" / name), timeout, limits or OutputLimits())


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(FIXTURES / "cache", tmp_path_factory.mktemp("limits") / "course")


LONG_LINE = "import sys\nfor _ in range(400):\n    sys.stdout.write('x' * 125_000)\n    sys.stdout.flush()"  # 50 MB
CARRIAGE = "import sys\nfor _ in range(400):\n    sys.stdout.write('x\\r' * 60_000)\n    sys.stdout.flush()"


def test_one_endless_line_fails_the_unit_naming_the_cell_within_its_time_limit(course: Path, tmp_path: Path):
    start = time.monotonic()
    with Executor(course, workers=1) as ex:
        long, flood, after = ex.run([
            job(tmp_path, "long-line", "x = 1", LONG_LINE, timeout=60),
            job(tmp_path, "carriage", CARRIAGE, timeout=60, limits=OutputLimits(max_bytes=5 * 1024 * 1024)),
            job(tmp_path, "after", "print('still working')"),
        ])
    assert long.result.status == "error" and long.result.cell == 2, long.result
    assert "longer than 100000 characters" in long.result.message and "execute.max_output_line" in long.result.message
    assert flood.result.status == "error" and "5 MB per unit" in flood.result.message, flood.result
    assert after.result.ok, "the kernel was not left busy with the flooding unit"
    assert time.monotonic() - start < 60, "the limit was not enforced while the unit ran"


def test_a_unit_within_its_limits_keeps_every_output(course: Path, tmp_path: Path):
    with Executor(course, workers=1) as ex:
        (out,) = ex.run([job(tmp_path, "fine", "print('a')\nprint('b')", "import sys\n_ = sys.stdout.write('1\\r2\\r3\\n')")])
    assert out.result.ok, out.result
    assert [o["text"] for c in out.notebook.cells for o in c.outputs] == ["a\nb\n", "3\n"]


def test_streams_are_merged_like_nbclient_does_in_linear_time():
    nbclient_cr = re.compile(r".*\r(?=[^\n])")  # nbclient's own rule for carriage returns
    for text in ["abc\rdef\nxyz\r\n", "a\r\rb", "progress 1\rprogress 2\rdone\n", "x\r", "no returns\n"]:
        assert terminal_text(text) == nbclient_cr.sub("", text), text
    assert terminal_text("ab\b\bc") == "c"
    outs = [new_output("stream", name="stderr", text="warn\n"), new_output("stream", name="stdout", text="1\r"),
            new_output("stream", name="stdout", text="2\n"), new_output("display_data", data={"text/plain": "x"})]
    merged = coalesce(outs)
    assert [(o.get("name"), o.get("text")) for o in merged] == [("stdout", "2\n"), ("stderr", "warn\n"), (None, None)]
    big = [new_output("stream", name="stdout", text="y\r" * 1000) for _ in range(2000)]  # 4 MB of returns
    start = time.perf_counter()
    coalesce(big)
    assert time.perf_counter() - start < 5  # nbclient's regular expression needs minutes for this


ESCAPE = ("import subprocess, sys\n"
          "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'], start_new_session=True,\n"
          "                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
          "print(p.pid)")
DAEMON = ("import os, sys, time\n"
          "if os.fork() == 0:\n"
          "    os.setsid()\n"
          "    if os.fork() == 0:\n"
          "        with open(sys.argv[0] if False else 'daemon.pid', 'w') as fh: fh.write(str(os.getpid()))\n"
          "        time.sleep(600)\n"
          "    os._exit(0)\n"
          "time.sleep(1)\n"
          "print(open('daemon.pid').read())")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_what_a_unit_starts_is_stopped_when_it_ends_even_in_a_new_session(course: Path, tmp_path: Path):
    with Executor(course, workers=1) as ex:
        child, daemon, after = ex.run([job(tmp_path, "child", ESCAPE), job(tmp_path, "daemon", DAEMON),
                                       job(tmp_path, "after", "print('next unit')")])
        assert child.result.ok and daemon.result.ok, (child.result, daemon.result)
        pids = [int(child.notebook.cells[0].outputs[0]["text"]), int(daemon.notebook.cells[0].outputs[0]["text"])]
        deadline = time.monotonic() + 5
        while any(alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in pids if alive(p)], "a unit's own process outlived the unit"
        kernel = ex.workers[0].km.provisioner.process.pid
        assert alive(kernel), "the warm kernel itself must stay"
    assert not alive(kernel) and os.path.isdir(tmp_path)
