"""build: the participant site is produced, and a failing notebook names itself and its cell."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_course


def test_mini_course_builds_and_links_every_unit(mini_course: Path):
    res = run_course("build", "--edition", "participant", root=mini_course)
    assert res.returncode == 0, res.stdout + res.stderr
    index = mini_course / "_build" / "participant" / "html" / "index.html"
    assert index.is_file()
    assert 'href="unit.html"' in index.read_text()
    page = (mini_course / "_build" / "participant" / "html" / "unit.html").read_text()
    assert "3 countries" in page  # the notebook ran and its output was rendered


def test_failing_notebook_names_notebook_and_cell(mini_course: Path):
    nb_path = mini_course / "book" / "unit.ipynb"
    nb = json.loads(nb_path.read_text())
    nb["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                        "source": "raise ValueError('planted failure')"})
    nb_path.write_text(json.dumps(nb, indent=1))
    res = run_course("build", "--edition", "participant", root=mini_course)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "book/unit.ipynb" in out and "cell 3" in out and "planted failure" in out
    assert "Traceback" not in out
    assert not (mini_course / "_build" / "participant" / "html").exists()
