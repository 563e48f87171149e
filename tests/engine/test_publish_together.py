"""Publishing: all editions or none, also when the file system refuses a step half-way, and every
link swapped in one step, as another process sees it (issue 14, case 4; issue 17's two mutation tests).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import course as cli  # scripts/course.py, on sys.path through conftest
import pytest
from coursekit.engine import publish as publishing
from coursekit.engine.publish import PublishError, Release, publish, publish_all, published_digest


def built(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / f"built-{name}-{text}"
    folder.mkdir()
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "page.html").write_text(text * 2, encoding="utf-8")
    return folder


def state(link: Path) -> tuple[str, str]:
    return os.readlink(link), (link / "index.html").read_text(encoding="utf-8")


def refuse_replace_of(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.replace fails for ``target`` as on a folder made read-only or immutable."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst) == target:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(publishing.os, "replace", replace)


def test_all_editions_or_none_when_the_second_switch_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site = tmp_path / "_build"
    links = [site / "participant" / "html", site / "trainer" / "html"]
    for link in links:
        publish(built(tmp_path, link.parent.name, "old"), link, "digest-old")
    before = [state(link) for link in links]
    refuse_replace_of(links[1], monkeypatch)
    with pytest.raises(PublishError) as err:
        publish_all([Release(built(tmp_path, link.parent.name, "new"), link, "digest-new") for link in links])
    assert "switching" in str(err.value) and str(links[1]) in str(err.value) and "not permitted" in str(err.value)
    assert [state(link) for link in links] == before, "an edition moved although another could not"
    assert [published_digest(link) for link in links] == ["digest-old", "digest-old"]
    for link in links:  # the new sites were removed again: only the old site and its digest remain
        assert sorted(p.name for p in (link.parent / "sites").iterdir()) == sorted(
            [link.resolve().name, f"{link.resolve().name}.digest"])


def test_all_editions_or_none_when_moving_a_site_in_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    links = [tmp_path / "_build" / "participant" / "html", tmp_path / "_build" / "trainer" / "html"]
    for link in links:
        publish(built(tmp_path, link.parent.name, "old"), link, "digest-old")
    before = [state(link) for link in links]
    real_move = publishing.shutil.move

    def move(src, dst):
        if "trainer" in str(dst):
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real_move(src, dst)

    monkeypatch.setattr(publishing.shutil, "move", move)
    with pytest.raises(PublishError, match="No space left"):
        publish_all([Release(built(tmp_path, link.parent.name, "new"), link, "digest-new") for link in links])
    assert [state(link) for link in links] == before


OBSERVER = textwrap.dedent("""
    import os, sys, time
    link, out, stop = sys.argv[1], sys.argv[2], sys.argv[3]
    seen, problems = set(), []
    while not os.path.exists(stop):
        try:
            a = open(os.path.join(link, "index.html")).read()
            b = open(os.path.join(link, "page.html")).read()
        except OSError as exc:
            problems.append(f"missing: {exc}")
            continue
        half = b[: len(b) // 2]
        if not a.startswith("v") or b != half * 2 or not half.startswith("v"):
            problems.append(f"incomplete: {a!r}, {b[:20]!r}")  # every request gets a whole file of one site
        seen.add(a)
    open(out, "w").write(repr((sorted(seen), problems[:5], len(problems))))
""")


def test_readers_in_another_process_see_the_old_site_or_the_new_never_neither(tmp_path: Path):
    link = tmp_path / "_build" / "participant" / "html"
    publish(built(tmp_path, "p", "v0"), link, "d0")
    out, stop = tmp_path / "seen.txt", tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", OBSERVER, str(link), str(out), str(stop)])
    try:
        time.sleep(0.3)
        for n in range(1, 40):
            publish(built(tmp_path, "p", f"v{n}"), link, f"d{n}")
    finally:
        stop.write_text("")
        reader.wait(timeout=30)
    seen, problems, count = eval(out.read_text())  # noqa: S307 - our own repr() above
    assert count == 0, problems
    assert len(seen) > 5, f"the reader saw too few versions to prove anything: {seen}"


def test_build_says_nothing_was_published_and_keeps_both_sites(mini_course: Path, capsys,
                                                                monkeypatch: pytest.MonkeyPatch):
    assert cli.main(["--root", str(mini_course), "build"]) == 0
    links = [mini_course / "_build" / e / "html" for e in ("participant", "trainer")]
    before = [state(link) for link in links]
    page = mini_course / "book" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA change.\n", encoding="utf-8")
    refuse_replace_of(links[1], monkeypatch)
    capsys.readouterr()
    code = cli.main(["--root", str(mini_course), "build"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "Nothing was published" in out and "undone" in out and str(links[1]) in out
    assert [state(link) for link in links] == before
    assert "A change" not in (links[0] / "index.html").read_text(encoding="utf-8")
