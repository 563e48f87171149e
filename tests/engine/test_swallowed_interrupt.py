"""A Ctrl-C that Python itself swallows still stops validate and build (exit 130, nothing written).

Python runs a signal's handler where the interpreter next checks, and when that is inside a finalizer
(pydantic's schema building closes many generators) the KeyboardInterrupt is "ignored": before this
rule, validate then said "The course is valid" and build went on to publish. tests/swallowed_interrupt.py
puts the Ctrl-C inside a finalizer at a chosen step, so the case happens every run, without sleeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot
from coursekit.engine.build import EVENTS
from swallowed_interrupt import run_with_ctrl_c_swallowed

DURING_VALIDATION = ("coursekit.checks.validate", "load")  # the course is loaded, the checks are to run


def assert_stopped(res) -> None:
    out_err = res.stdout + res.stderr
    assert "ctrl-c-swallowed" in res.stderr, out_err  # the Ctrl-C did happen, inside a finalizer
    assert res.returncode == 130, out_err
    assert "Stopped." in res.stderr, out_err
    assert "Traceback" not in out_err and "Exception ignored" not in out_err, out_err


def test_validate_stops_on_a_ctrl_c_swallowed_while_it_checks(mini_course: Path):
    res = run_with_ctrl_c_swallowed(*DURING_VALIDATION, "validate", root=mini_course)
    assert_stopped(res)
    assert "valid" not in res.stdout


# where the Ctrl-C is swallowed (the step it follows), the build's arguments, the steps it may still report
BUILD_MOMENTS = {
    "while-validating": (DURING_VALIDATION, [], {"checked"}),
    "after-validating": (("coursekit.engine.build", "validated"), [], {"checked"}),
    "after-the-first-edition": (("coursekit.engine.build", "build_edition"), [], {"checked", "rendering participant"}),
    "after-the-last-edition": (("coursekit.engine.build", "build_edition"), ["--edition", "participant"],
                               {"checked", "rendering participant"}),
}


@pytest.mark.parametrize("moment", list(BUILD_MOMENTS))
def test_build_stops_on_a_swallowed_ctrl_c_and_publishes_nothing(moment: str, mini_course: Path, tmp_path: Path):
    (module, attr), args, allowed = BUILD_MOMENTS[moment]
    sources = snapshot(mini_course)
    events = tmp_path / "events"
    res = run_with_ctrl_c_swallowed(module, attr, "build", *args, root=mini_course, env={EVENTS: str(events)})
    assert_stopped(res)
    steps = events.read_text(encoding="utf-8").splitlines() if events.exists() else []
    assert set(steps) <= allowed, steps  # no further edition rendered, nothing published
    assert not any((mini_course / "_build" / ed).exists() for ed in ("participant", "trainer", "figures"))
    assert snapshot(mini_course) == sources


def test_serve_stops_on_a_ctrl_c_swallowed_during_a_build(mini_course: Path):
    """The preview waits for saves between builds: a Ctrl-C swallowed during its build left it serving
    until killed (a trainer pressed Ctrl-C and nothing happened; the tests' stop then killed it, and its
    kernel folder stayed behind)."""
    res = run_with_ctrl_c_swallowed("coursekit.engine.serve", "Preview.rebuild", "serve", "--port", "0",
                                    root=mini_course, timeout=300)
    assert "ctrl-c-swallowed" in res.stderr, res.stdout + res.stderr
    assert "Preview stopped." in res.stdout, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
