"""One test per rule that no test could see broken (issue 21, "Tests that cannot see a broken rule").

Each rule was broken by hand in a copy, alone, and no test failed; each test here fails when its rule
alone is removed or loosened (the closing note of issue 21 lists which change was tried):

1. the URL scheme rule on its own (a ``javascript://host/...`` URL with no forbidden character);
2. ``review_by`` equal to today (fixed clock): due that day, overdue the day after;
3. the output-line limit on stderr;
4. the output-size limit for images and HTML;
5. the pack over its size budget;
6. the leak check's word-length threshold, and its ``accept:``/``keywords:`` lines;
7. bidirectional override characters stripped from terminal text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES, copy_course
from coursekit.engine.leakcheck import MIN_WORD_LEN, scan, trainer_text
from coursekit.engine.output_limits import OutputLimits, limited_client
from coursekit.model.text import printable, terminal, url_problem
from rich.console import Console

# ---- 1. the URL scheme rule ------------------------------------------------------------------

SCHEME_ONLY = ["javascript://example.org/%0Aalert%281%29", "vbscript://example.org/x", "data://example.org/x",
               "file://example.org/etc/passwd", "ftp://example.org/x"]


@pytest.mark.parametrize("url", SCHEME_ONLY)
def test_a_url_that_only_the_scheme_rule_refuses_is_refused(url: str):
    problem = url_problem(url)
    assert problem is not None and "http://" in problem, problem  # refused by the scheme rule, not another


# ---- 2. review_by equal to today ---------------------------------------------------------------

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(("review_by", "due"), [(TODAY - dt.timedelta(days=1), True), (TODAY, False),
                                                (TODAY + dt.timedelta(days=1), False)])
def test_review_by_today_is_not_yet_overdue_and_yesterday_is(tmp_path: Path, review_by: dt.date, due: bool):
    from coursekit.checks.currency import overdue, review_items
    from coursekit.model.curriculum import load

    root = copy_course(FIXTURES / "mini-course", tmp_path / "course")
    path = root / "book" / "unit.ipynb"
    nb = json.loads(path.read_text())
    nb["metadata"]["course"]["review_by"] = review_by.isoformat()
    nb["metadata"]["course"].pop("law_as_of", None)
    path.write_text(json.dumps(nb, indent=1))
    course = load(root)
    [unit] = course.units
    assert overdue(unit, TODAY) is due
    assert any(i.where == "book/unit.ipynb" for i in review_items(course, TODAY)) is due


# ---- 3 and 4. output limits ------------------------------------------------------------------

LIMITS = OutputLimits(max_bytes=10_000, max_line=100)


def client():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    c = limited_client()(nb, limits=LIMITS)
    c.reset_execution_trackers()  # as the executor does before a unit runs
    c.clear_before_next_output = False  # as nbclient does before a cell runs
    return c


def message(kind: str, content: dict) -> dict:
    """A kernel's output message as nbclient receives it."""
    return {"msg_type": kind, "header": {"msg_type": kind, "msg_id": "m"}, "parent_header": {"msg_id": "p"},
            "metadata": {}, "content": content}


def stream(name: str, text: str) -> dict:
    return message("stream", {"name": name, "text": text})


@pytest.mark.parametrize("name", ["stdout", "stderr"])
def test_a_line_too_long_is_stopped_on_either_stream(name: str):
    c = client()
    c.output([], stream(name, "x" * 60), None, 0)
    assert c.over is None
    c.output([], stream(name, "y" * 60 + "\n"), None, 0)  # the same open line, now 120 characters
    assert c.over is not None and c.over[0] == 1 and "longer than 100 characters" in c.over[1]


def test_lines_within_the_limit_on_stderr_are_kept():
    c = client()
    outs: list = []
    c.output(outs, stream("stderr", ("z" * 99 + "\n") * 5), None, 0)
    assert c.over is None and outs


@pytest.mark.parametrize("kind", ["image/png", "image/svg+xml", "text/html", "application/json"])
def test_rich_output_too_large_is_stopped(kind: str):
    c = client()
    c.output([], message("display_data", {"data": {kind: "A" * 5_000}, "metadata": {}}), None, 0)
    assert c.over is None
    c.output([], message("display_data", {"data": {kind: "B" * 5_001}, "metadata": {}}), None, 0)
    assert c.over is not None and "passed the limit of 10000 bytes" in c.over[1], kind


# ---- 5. the pack over its size budget --------------------------------------------------------

@pytest.mark.parametrize(("size", "warned"), [(1000, False), (1001, True)])
def test_a_pack_over_its_budget_is_reported(size: int, warned: bool, tmp_path: Path, monkeypatch, capsys):
    import course as cli
    from coursekit.commands import build
    from coursekit.kit import pack

    root = copy_course(FIXTURES / "mini-course", tmp_path / "course")

    def made(root_: Path, agenda: object, step: object) -> pack.PackResult:
        return pack.PackResult(root_ / "_build" / "pack" / "course-pack.zip", size=size, budget=1000, files=["a"], units=1)

    monkeypatch.setattr(build, "run", lambda args, root_: 0 if isinstance(args, argparse.Namespace) else 1)
    monkeypatch.setattr(pack, "make_pack", made)
    assert cli.main(["--root", str(root), "pack"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert ("over its size budget" in out) is warned, out


# ---- 6. the leak check's word-length threshold and its answer-key lines ------------------------

def test_single_trainer_words_from_the_length_threshold_up_are_found(tmp_path: Path):
    assert MIN_WORD_LEN == 5
    root = copy_course(FIXTURES / "editions", tmp_path / "course")
    path = root / "book" / "unit.ipynb"
    text = path.read_text(encoding="utf-8")
    at = text.index("Trainer note: ask each group")
    path.write_text(text[:at] + "Trainer note: say qzvxk or qzvx. " + text[at:], encoding="utf-8")
    secret = trainer_text(root)
    site = tmp_path / "site"
    site.mkdir()

    def found(word: str) -> bool:
        (site / "searchindex.js").write_text("Search.setIndex(" + json.dumps({"docnames": ["index"], "terms": {word: 0}})
                                             + ")")
        return bool(scan(site, secret))

    assert found("qzvxk")  # five letters: a word only trainers use
    assert not found("qzvx")  # four: too common to tell


@pytest.mark.parametrize("line", ["    accept: [tidewater, moonraker]", "    keywords: [tidewater, moonraker]"])
def test_accept_and_keywords_lines_of_a_knowledge_check_are_trainer_only(tmp_path: Path, line: str):
    root = copy_course(FIXTURES / "assessments" / "course", tmp_path / "course")
    check = root / "data" / "assessments" / "knowledge-check.yaml"
    check.write_text(check.read_text().replace("    accept: [preservation, preserve, freeze]\n", line + "\n"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text(f"<pre>{line.strip()}</pre>")
    found = scan(site, trainer_text(root))
    assert [f.code for f in found] == ["LEAK-TRAINER-TEXT"], found


# ---- 7. bidirectional overrides in terminal text ----------------------------------------------

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("char", list(BIDI))
def test_bidi_override_characters_never_reach_the_terminal(char: str):
    text = f"data/countries.csv: row 4: {char}txt.exe{char} is not a code"
    assert char not in printable(text)
    console = Console(record=True, width=400, color_system=None)
    console.print(terminal(text))
    assert char not in console.export_text()
