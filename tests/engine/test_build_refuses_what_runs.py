"""The build and the pack refuse what could run in a reader's browser, and Sphinx's warnings fail
the build (issue 21): the rendered-site check runs in every build and in ``pack``, a Sphinx warning
(a missing include) names its file and line, and nothing is published or packed."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES, copy_course, run_course
from coursekit.kit.pack import make_pack

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" onload="document.body.dataset.pwned=1">'
       "<rect width='8' height='8'/></svg>")


def test_a_build_with_a_missing_include_and_a_scripted_svg_fails_naming_both(tmp_path: Path):
    """A missing include is found early, by validate (INCLUDE-MISSING, with its line), so a build never
    renders it; a scripted SVG passes the source checks and is refused after render, naming its unit."""
    root = copy_course(FIXTURES / "mini-course", tmp_path / "course")
    index = root / "book" / "index.md"
    before = index.read_text(encoding="utf-8")
    index.write_text(before + "\n```{include} missing.md\n```\n", encoding="utf-8")
    (root / "book" / "chart.svg").write_text(SVG, encoding="utf-8")
    nb_path = root / "book" / "unit.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "id": "chart1", "metadata": {}, "source": "![a chart](chart.svg)"})
    nb_path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    res = run_course("build", "--edition", "participant", root=root)
    out = " ".join((res.stdout + res.stderr).split())
    line = index.read_text(encoding="utf-8").splitlines().index("```{include} missing.md") + 1
    assert res.returncode != 0 and f"book/index.md:{line}" in out and "INCLUDE-MISSING" in out, out
    index.write_text(before, encoding="utf-8")
    assert run_course("validate", root=root).returncode == 0  # the source checks see nothing wrong in the SVG
    res = run_course("build", "--edition", "participant", root=root)
    out = " ".join((res.stdout + res.stderr).split())
    assert res.returncode != 0, out
    assert "book/unit.ipynb" in out and "SITE-SVG-SCRIPT" in out and "_images/chart.svg" in out, out
    assert not (root / "_build" / "participant" / "html").exists()  # nothing published


def _site(html: Path, body: str) -> None:
    html.mkdir(parents=True)
    (html / "index.html").write_text(f"<html><head><title>t</title></head><body>{body}</body></html>", encoding="utf-8")


def test_pack_refuses_a_site_that_runs_a_script(tmp_path: Path):
    root = copy_course(FIXTURES / "mini-course", tmp_path / "course")
    _site(root / "_build" / "participant" / "html", "<p>x</p><script>document.body.dataset.pwned=1</script>")
    _site(root / "_build" / "trainer" / "html", "<p>clean</p>")
    result = make_pack(root)
    assert [f.code for f in result.findings] == ["SITE-SCRIPT"] and "participant" in result.findings[0].message
    assert not result.path.exists()
