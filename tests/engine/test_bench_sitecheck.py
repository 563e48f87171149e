"""bench says what the post-render site check (issue 21) adds to a clean build, from the build's own
phases: the check's seconds against the rest of the build, and whether that stays under 5%."""

from __future__ import annotations

import copy
import json

from conftest import run_course
from coursekit.commands.bench import lines
from coursekit.engine.bench_figures import Spread
from test_bench import plausible


def _line(res) -> str:
    return next(line for line in lines(res) if "post-render site check" in line)


def test_the_site_checks_share_of_a_clean_build_is_shown_against_its_target():
    res = copy.deepcopy(plausible())  # the last clean build took 25 s
    res.phases = {"validate": 1.0, "participant": {"render": 12.0, "sitecheck": 0.5}}
    assert _line(res) == ("    post-render site check (last run): 0.5 s, 2.0% on top of the rest of the clean build "
                          "(target under 5%: yes)")
    res.phases["participant"]["sitecheck"] = 2.0
    assert _line(res).endswith("2.0 s, 8.7% on top of the rest of the clean build (target under 5%: NO)")


def test_no_finished_clean_build_is_said_not_measured():
    res = copy.deepcopy(plausible())
    res.phases = {}
    assert _line(res) == "    post-render site check: not measured (no clean build finished)"
    res.phases = {"participant": {"sitecheck": 0.5}}
    res.participant = Spread()
    assert "not measured" in _line(res)


def test_a_clean_build_reports_the_site_check_as_a_phase_of_its_own(mini_course):
    res = run_course("build", "--edition", "participant", "--languages", "en", root=mini_course)
    assert res.returncode == 0, res.stdout + res.stderr
    report = json.loads((mini_course / "_build" / "reports" / "execution.json").read_text(encoding="utf-8"))
    phases = report["phases"]["participant"]
    assert list(phases) == ["stage", "execute", "render", "sitecheck", "check"], phases
    assert 0 < phases["sitecheck"] < report["seconds"], phases  # measured on every clean build
