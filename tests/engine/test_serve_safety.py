"""serve answers only this computer, never waits out a stale build, says what it is doing, and ignores
changes seen through a symbolic link that leads out of the course (issue 21)."""

from __future__ import annotations

import http.client
import json
import os
import time
from pathlib import Path

import pytest
from conftest import SCRIPTS
from coursekit.engine.bench import ServeProcess, fetch
from coursekit.engine.serve import STATUS_PATH, Preview, course_filter, local_host
from watchfiles import Change


@pytest.mark.parametrize(("host", "ok"), [
    ("localhost:8000", True), ("127.0.0.1:8000", True), ("[::1]:8000", True), ("LOCALHOST:8000", True),
    ("attacker.example:8000", False), ("127.0.0.1", False), ("localhost:80", False),
    ("localhost:8000.attacker.example", False), ("127.0.0.1.nip.io:8000", False), ("", False), (None, False),
])
def test_only_a_local_host_with_the_preview_s_port_is_answered(host: str | None, ok: bool):
    assert local_host(host, 8000) is ok


def get(port: int, host: str, path: str = "/") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        res = conn.getresponse()
        return res.status, res.read()
    finally:
        conn.close()


def test_a_rebound_name_cannot_read_the_preview(tmp_path: Path):
    site = tmp_path / "_build" / "trainer" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<html><head></head><body>Trainer only: model answer</body></html>")
    preview = Preview(tmp_path, "trainer", port=0)
    preview.start()
    try:
        port = preview.server.server_address[1]
        for path in ("/", "/index.html", STATUS_PATH):
            status, body = get(port, f"rebinding.attacker.example:{port}", path)
            assert status == 421 and b"Trainer only" not in body and b"version" not in body, (path, body)
        status, body = get(port, f"127.0.0.1:{port}")
        assert status == 200 and b"Trainer only" in body
        assert get(port, f"localhost:{port}", STATUS_PATH)[0] == 200
    finally:
        preview.server.shutdown()
        preview.server.server_close()


def test_changes_through_a_link_out_of_the_course_start_no_build(tmp_path: Path):
    root = tmp_path / "course"
    (root / "book").mkdir(parents=True)
    (root / "_build" / "participant").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "book" / "site").symlink_to(root / "_build")  # each build rewrites what it points to
    (root / "book" / "elsewhere").symlink_to(outside)
    (root / "book" / "me").symlink_to(root)
    wanted = course_filter(root)
    assert wanted(Change.modified, str(root / "book" / "unit.ipynb"))
    assert not wanted(Change.modified, str(root / "book" / "site" / "participant" / "index.html"))
    assert not wanted(Change.modified, str(root / "book" / "elsewhere" / "notes.md"))
    assert not wanted(Change.modified, str(root / "book" / "me" / "_build" / "x.html"))
    assert wanted(Change.modified, str(root / "book" / "me" / "book" / "unit.ipynb"))  # still the course's own file


def status(serve: ServeProcess) -> dict:
    return json.loads(fetch(serve.url + STATUS_PATH.lstrip("/")))


def wait_for(check, timeout: float):
    """Poll the preview's status (the event the test waits for); fail if it never comes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail("waited in vain")


def test_a_newer_save_cancels_a_build_stuck_in_a_loop_and_the_status_names_the_unit(mini_course: Path):
    """The unit's own timeout is 300 s; the fixed unit is published long before it, and while the loop
    runs the status says 'building' and names the unit."""
    unit = mini_course / "book" / "unit.ipynb"
    good = unit.read_text(encoding="utf-8")
    serve = ServeProcess(SCRIPTS, mini_course, timeout=600)
    try:
        assert status(serve)["version"] == 1 and status(serve)["building"] is False
        nb = json.loads(good)
        nb["cells"][1]["source"] = "while True:\n    pass"
        unit.write_text(json.dumps(nb, indent=1), encoding="utf-8")
        now = wait_for(lambda: (s := status(serve))["running"] and s, timeout=120)
        assert now["building"] is True and now["running"] == ["book/unit.ipynb"], now
        os.utime(unit)  # make sure the fix is a new save even within the same clock tick
        unit.write_text(good, encoding="utf-8")
        wait_for(lambda: status(serve)["version"] == 2, timeout=150)
        assert status(serve)["problems"] == []
        assert b"3 countries" in fetch(serve.page("book/unit.ipynb"))
    finally:
        code = serve.stop()
    assert code == 0, "".join(serve.lines)
