"""serve: one build served on 127.0.0.1, rebuilt on every save, with what stopped a build shown in the
terminal and on the page while the last good page stays served."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import SCRIPTS
from coursekit.engine.bench import ServeProcess, drop_last_row, fetch, wait_for_change
from coursekit.engine.serve import SCRIPT_PATH, STATUS_PATH, inject, relevant
from watchfiles import Change

PREVIEW_TARGET = 5.0  # seconds from saving a data row to the served page showing it: bench (e) judges it


def status(serve: ServeProcess) -> dict:
    """The published version and the problems (what 'building' and 'running' say: test_serve_safety)."""
    s = json.loads(fetch(serve.url + STATUS_PATH.lstrip("/")))
    return {"version": s["version"], "problems": s["problems"]}


def wait_for(check, timeout: float = 120.0):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail("waited in vain")


def test_an_edited_data_row_is_served_without_a_restart_and_a_finding_keeps_the_last_good_page(mini_course: Path):
    serve = ServeProcess(SCRIPTS, mini_course, timeout=600)
    csv = mini_course / "data" / "countries.csv"
    try:
        page = serve.page("book/unit.ipynb")
        assert page == serve.url + "unit.html" and serve.url.startswith("http://127.0.0.1:")
        first = fetch(page)
        assert b"3 countries" in first and f'src="{SCRIPT_PATH}"'.encode() in first
        assert status(serve) == {"version": 1, "problems": []}

        drop_last_row(csv)
        seconds = wait_for_change({page: first}, timeout=120)
        print(f"\nthe served page changed {seconds:.1f} s after the edit (target {PREVIEW_TARGET:.0f} s)")
        assert b"2 countries" in fetch(page)  # the target is bench's to judge (a shared machine makes timed tests flaky)
        wait_for(lambda: status(serve)["version"] == 2)

        csv.write_text(csv.read_text() + "QQ,Nowhere,Asia/Manila,South-East Asia,src-one\n")
        problems = wait_for(lambda: status(serve)["problems"])
        assert any(p.startswith("data/countries.csv:4: COUNTRY-CODE 'QQ'") for p in problems), problems
        assert b"2 countries" in fetch(page) and status(serve)["version"] == 2  # the last good page, still

        drop_last_row(csv)
        wait_for(lambda: status(serve) == {"version": 3, "problems": []})
    finally:
        code = serve.stop()
    out = "".join(serve.lines)
    assert code == 0, out
    assert "data/countries.csv:4: COUNTRY-CODE 'QQ' is not an ISO 3166-1 country code" in out
    assert "Preview stopped." in out and "Traceback" not in out


def test_the_preview_script_goes_into_the_head_of_every_page():
    assert inject(b"<html><head><title>x</title></head><body></body></html>") == (
        f'<html><head><title>x</title><script src="{SCRIPT_PATH}" defer></script></head><body></body></html>'.encode())
    assert inject(b"<p>no head</p>").startswith(b"<p>no head</p><script")


@pytest.mark.parametrize(("path", "wanted"), [
    ("/c/book/countries/th.ipynb", True), ("/c/data/legislation.csv", True),
    ("/c/book/countries/_figures/chart.png", False), ("/c/book/.ipynb_checkpoints/th-checkpoint.ipynb", False),
    ("/c/data/.#legislation.csv", False), ("/c/data/legislation.csv~", False), ("/c/book/x.ipynb.swp", False),
])
def test_only_an_author_s_own_changes_start_a_build(path: str, wanted: bool):
    assert relevant(Change.modified, path) is wanted
