"""The preview's leak check (leak_memo) finds what the leak check finds, build after build, though it
searches again only the files that changed or every file when the trainer-only text changed."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, copy_course
from coursekit.engine import leak_memo, leakcheck

TRAINER_CELL = "Ask each group to compare the preservation request with the production order"  # test_leakcheck's


def test_a_kept_leak_is_reported_every_time_and_a_new_one_or_new_trainer_text_is_searched(tmp_path: Path, monkeypatch):
    root = copy_course(FIXTURES / "editions", tmp_path / "course")
    site, memo = tmp_path / "site", tmp_path / "kept" / "leaks.json"
    site.mkdir()
    (site / "index.html").write_text(f"<html><body><p>{TRAINER_CELL}</p></body></html>")
    (site / "other.html").write_text("<html><body><p>Public words.</p></body></html>")
    searched: list[str] = []
    hits = leakcheck._hits
    monkeypatch.setattr(leakcheck, "_hits", lambda rel, *a: searched.append(rel) or hits(rel, *a))

    def findings() -> list[str]:
        return sorted(f.path for f in leak_memo.check_site(root, site, memo))

    assert findings() == ["participant site/index.html"] == sorted(f.path for f in leakcheck.check_site(root, site))
    searched.clear()
    assert findings() == ["participant site/index.html"] and searched == []  # kept: not searched again, still said

    (site / "other.html").write_text(f"<html><body><p>{TRAINER_CELL}</p></body></html>")
    assert findings() == ["participant site/index.html", "participant site/other.html"] and searched == ["other.html"]

    searched.clear()
    nb = root / "book" / "unit.ipynb"
    nb.write_text(nb.read_text().replace("ask each group", "ask every group"))  # other trainer-only text
    findings()
    assert sorted(searched) == ["index.html", "other.html"]
