"""Project hygiene: CI workflows valid offline, code style clean, no stored outputs, CI runs the README command."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import REPO


def test_workflows_match_github_schema():
    files = sorted(str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))
    assert files
    res = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *files],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_ci_runs_exactly_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    m = re.search(r"^(bash run\.sh test)\b", readme, re.M)
    assert m, "README must give the test command"
    ci = (REPO / ".ci" / "run").read_text()
    assert m.group(1) in ci.splitlines()


def test_code_is_ruff_clean():
    res = subprocess.run([sys.executable, "-m", "ruff", "check", "scripts", "tests"], cwd=REPO,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout


def test_notebooks_are_stored_without_outputs():
    for nb_path in (REPO / "book").rglob("*.ipynb"):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell["outputs"] and cell["execution_count"] is None, nb_path


def test_config_builds_only_toc_files():
    assert re.search(r"^only_build_toc_files:\s*true", (REPO / "_config.yml").read_text(), re.M)


def test_the_book_has_its_own_logo_and_icon_and_every_edition_gets_them(tmp_path):
    import yaml
    from coursekit.engine.editions import EDITIONS
    from coursekit.engine.stage import stage

    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    files = [config["logo"], config["html"]["favicon"]]
    for name in files:
        assert (REPO / name).is_file(), name
    assert (REPO / config["html"]["favicon"]).read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    for edition in EDITIONS.values():
        stage(REPO, tmp_path / edition.name, edition, [])
        for name in files:
            assert (tmp_path / edition.name / name).read_bytes() == (REPO / name).read_bytes(), (edition.name, name)


def test_run_sh_says_what_is_missing_when_python_has_no_venv(tmp_path):
    """Debian's python3 without the python3-venv package: run.sh names the package and the command."""
    import os
    import shutil
    from pathlib import Path

    project = tmp_path / "project"
    project.mkdir()
    for name in ("run.sh", "requirements.txt"):
        shutil.copy2(REPO / name, project / name)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "ensurepip.py").write_text("raise ImportError('as on Debian without python3-venv')\n")
    fake = tmp_path / "python3"
    debian = Path("/usr/bin/python3").is_file() and shutil.which("apt-get") is not None
    real = "/usr/bin/python3" if debian else sys.executable
    fake.write_text(f"#!/bin/sh\nPYTHONPATH={tmp_path / 'lib'} exec {real} \"$@\"\n")
    fake.chmod(0o755)
    res = subprocess.run(["bash", "run.sh", "build"], cwd=project, capture_output=True, text=True,
                         env={**os.environ, "PYTHON": str(fake)}, timeout=60)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Cannot make the virtual environment .venv/" in res.stderr and "lacks its 'venv' part" in res.stderr
    if debian:  # the system's Python of Debian or Ubuntu: the package to install
        assert "sudo apt-get install python3-venv" in res.stderr
    assert not (project / ".venv").exists()
