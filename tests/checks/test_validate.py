"""validate: clean on the shipped course; each planted problem named with file and line."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, course_main, run_course


def test_shipped_course_is_valid():
    res = course_main("validate")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "valid" in res.stdout


def _assert_finding(res, path_line: str, code: str) -> None:
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith(path_line)]
    assert any(code in ln for ln in lines), f"expected {path_line} {code} in:\n{res.stdout}"


def test_unknown_country_code_names_file_and_row(mini_course: Path):
    csv = mini_course / "data" / "countries.csv"
    csv.write_text(csv.read_text().replace("MV,Maldives", "M1,Maldives"))
    res = course_main("validate", root=mini_course)
    _assert_finding(res, "data/countries.csv:4", "CSV-ROW")


def test_unknown_country_in_notebook_metadata(mini_course: Path):
    nb_path = mini_course / "book" / "unit.ipynb"
    nb = json.loads(nb_path.read_text())
    nb["metadata"]["course"]["countries"] = ["XX"]
    nb_path.write_text(json.dumps(nb, indent=1))
    res = course_main("validate", root=mini_course)
    _assert_finding(res, "book/unit.ipynb:", "COUNTRY-UNKNOWN")


def test_missing_source_id_names_file_and_row(mini_course: Path):
    csv = mini_course / "data" / "countries.csv"
    csv.write_text(csv.read_text().replace("Asia,src-two", "Asia,no-such-source"))
    res = course_main("validate", root=mini_course)
    _assert_finding(res, "data/countries.csv:4", "SOURCE-UNKNOWN")


def test_notebook_missing_from_toc(mini_course: Path):
    (mini_course / "book" / "extra.ipynb").write_bytes((mini_course / "book" / "unit.ipynb").read_bytes())
    res = course_main("validate", root=mini_course)
    _assert_finding(res, "book/extra.ipynb", "TOC-UNLISTED")


def test_toc_entry_without_file(mini_course: Path):
    toc = mini_course / "_toc.yml"
    toc.write_text(toc.read_text() + "      - file: book/ghost\n")
    res = course_main("validate", root=mini_course)
    _assert_finding(res, "_toc.yml:7", "TOC-NO-FILE")


def test_notebook_with_outputs(mini_course: Path):
    nb_path = mini_course / "book" / "unit.ipynb"
    nb = json.loads(nb_path.read_text())
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["3 countries\n"]}]
    nb["cells"][1]["execution_count"] = 1
    nb_path.write_text(json.dumps(nb, indent=1))
    res = course_main("validate", root=mini_course)
    _assert_finding(res, "book/unit.ipynb:", "NB-OUTPUTS")


def test_all_findings_reported_at_once(mini_course: Path):
    csv = mini_course / "data" / "countries.csv"
    csv.write_text(csv.read_text().replace("MV,Maldives", "M1,Maldives"))
    (mini_course / "book" / "extra.md").write_text("# Extra\n")
    res = course_main("validate", root=mini_course)
    assert "CSV-ROW" in res.stdout and "TOC-UNLISTED" in res.stdout


def test_placeholder_text_is_reported(mini_course: Path):
    (mini_course / "book" / "index.md").write_text("# Mini\n\nTODO write this\n")
    res = course_main("validate", root=mini_course)
    _assert_finding(res, "book/index.md:3", "PLACEHOLDER")


def test_metadata_schema_names_the_field(mini_course: Path):
    nb_path = mini_course / "book" / "unit.ipynb"
    nb = json.loads(nb_path.read_text())
    del nb["metadata"]["course"]["objectives"]
    nb["metadata"]["course"]["kind"] = "lecture"
    nb_path.write_text(json.dumps(nb, indent=1))
    res = course_main("validate", root=mini_course)
    assert res.returncode == 1
    assert "kind" in res.stdout and "META-SCHEMA" in res.stdout


def test_usage_error_exits_2():
    res = run_course("validate", "--no-such-flag")
    assert res.returncode == 2


def test_help_speaks_plainly():
    res = run_course("--help")
    assert res.returncode == 0
    assert "validate" in res.stdout and "build" in res.stdout
    for verb in ("validate", "build"):
        out = run_course(verb, "--help").stdout
        assert "usage:" in out and len(out.split()) > 30, out


def test_repo_root_constant_points_at_checkout():
    assert (REPO / "_toc.yml").is_file()
