"""The command line imports only the command it runs: a no-change ``build`` spent most of its time
importing every other command's modules (the agenda, the report's PDF, the pack). ``--help``, no
command or an unknown one still list every command."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SCRIPTS, run_course
from coursekit.commands import modules, named

LOADED = """\
import sys
sys.path.insert(0, {scripts!r})
import course
course.parser({argv!r})
print(" ".join(sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("coursekit.commands."))))
"""


def commands_imported(argv: list[str]) -> set[str]:
    """The command modules a fresh Python has imported after building the parser for ``argv``."""
    out = subprocess.run([sys.executable, "-c", LOADED.format(scripts=str(SCRIPTS), argv=argv)],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("argv", [["build"], ["--root", "/some/course", "build", "--edition", "participant"],
                                  ["--root=/some/course", "build"]])
def test_a_command_line_that_names_build_imports_no_other_command(argv: list[str]):
    loaded = commands_imported(argv)
    assert "build" in loaded
    assert not loaded & {"agenda", "report", "pack", "serve", "bench", "evaluation", "translate"}, loaded


def test_help_and_an_unknown_command_list_every_command():
    every = {m.NAME for m in modules()}
    assert len(every) >= 15
    res = run_course("--help")
    assert res.returncode == 0
    assert every <= set(res.stdout.split()), every - set(res.stdout.split())
    res = run_course("bogus")
    assert res.returncode == 2
    assert "invalid choice: 'bogus'" in res.stderr
    assert all(f"'{name}'" in res.stderr for name in every)


@pytest.mark.parametrize("verb", ["import-challenges", "build", "translate"])
def test_each_verb_finds_its_own_module(verb: str):
    assert named(verb).NAME == verb


@pytest.mark.parametrize("word", ["bogus", "import_challenges", "__init__", "ui", "../build", "new_delivery", ""])
def test_a_word_that_is_no_command_finds_no_module(word: str):
    assert named(word) is None


def test_a_command_named_after_the_root_option_still_runs_with_its_own_help():
    res = run_course("--root", str(SCRIPTS.parent), "translate", "--help")
    assert res.returncode == 0
    assert res.stdout.startswith("usage: python3 scripts/course.py translate")
