"""Atomic publish: a site is replaced in one step and only after the whole build succeeded; a failing
or over-long unit leaves the last good site byte-identical and is named."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_course, run_course
from coursekit.engine.publish import interrupts_deferred, publish, published_digest


def site(link: Path) -> dict[str, bytes]:
    """Where the link points and every file of the site, byte for byte."""
    files = {p.relative_to(link).as_posix(): p.read_bytes() for p in sorted(link.rglob("*")) if p.is_file()}
    return {"->": os.readlink(link).encode(), **files}


def new_site(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / f"built-{text}"
    folder.mkdir()
    (folder / "index.html").write_text(text)
    return folder


def test_publish_swaps_the_link_and_keeps_only_the_new_site(tmp_path: Path):
    link = tmp_path / "participant" / "html"
    assert published_digest(link) is None
    publish(new_site(tmp_path, "one"), link, "digest-one")
    assert (link / "index.html").read_text() == "one" and published_digest(link) == "digest-one"
    first = link.resolve()
    (link.parent / "sites" / "leftover-of-a-crash").mkdir()
    publish(new_site(tmp_path, "two"), link, "digest-two")
    assert (link / "index.html").read_text() == "two" and published_digest(link) == "digest-two"
    assert not first.exists()
    assert sorted(p.name for p in (link.parent / "sites").iterdir()) == sorted(
        [link.resolve().name, f"{link.resolve().name}.digest"])
    publish(new_site(tmp_path, "three"), link)  # no digest: the next build renders again
    assert published_digest(link) is None


def test_ctrl_c_while_publishing_waits_for_the_end_of_the_block():
    done = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts_deferred():
            # raise_signal delivers to this very thread before it returns (os.kill may land on another
            # thread of the process and be handled later): the test does not depend on timing
            signal.raise_signal(signal.SIGINT)
            done.append("every edition published")
    assert done == ["every edition published"]


def add_cell(unit: Path, source: str) -> None:
    nb = json.loads(unit.read_text())
    nb["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source})
    unit.write_text(json.dumps(nb, indent=1))


def test_a_failing_or_too_slow_unit_is_named_and_the_last_good_site_stays(tmp_path: Path):
    course = copy_course(FIXTURES / "cache", tmp_path / "course")
    res = run_course("build", "--edition", "participant", root=course)
    assert res.returncode == 0, res.stdout + res.stderr
    link = course / "_build" / "participant" / "html"
    good, figures = site(link), site(course / "_build" / "figures")
    unit = course / "book" / "no-data.ipynb"
    original = unit.read_text()

    add_cell(unit, "import time\ntime.sleep(120)")
    config = course / "_config.yml"
    config.write_text(config.read_text().replace("timeout: 120", "timeout: 4"))  # execute.timeout applies
    res = run_course("build", "--edition", "participant", root=course)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "book/no-data.ipynb cell 3: did not finish within the 4 s time limit" in out
    assert "Traceback" not in out
    assert site(link) == good and site(course / "_build" / "figures") == figures

    unit.write_text(original)
    add_cell(unit, "raise ValueError('planted failure')")
    res = run_course("build", "--edition", "participant", "--timeout", "60", root=course)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "book/no-data.ipynb cell 3: ValueError: planted failure" in out and "Traceback" not in out
    assert site(link) == good and site(course / "_build" / "figures") == figures
    report = json.loads((course / "_build" / "reports" / "execution.json").read_text())
    assert [(r["unit"], r["status"]) for r in report["results"] if r["status"] != "ok"] == [
        ("book/no-data.ipynb", "error")]
