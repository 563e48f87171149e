"""The leak check finds short trainer-only text too: a participant page that includes only the
``answer:`` lines of a knowledge check fails it (issue 14, case 6); words that legitimately appear in
the participant edition (a question, a choice, the theme's own buttons) are never flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, copy_course
from coursekit.engine.leakcheck import TrainerText, scan, trainer_text

KEY = "data/assessments/knowledge-check.yaml"


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> TrainerText:
    return trainer_text(copy_course(FIXTURES / "assessments" / "course", tmp_path_factory.mktemp("short") / "course"))


def highlighted(lines: list[str]) -> str:
    """YAML lines as Sphinx's highlighter writes them: one span per token."""
    spans = []
    for line in lines:
        key, _, value = line.partition(":")
        spans.append(f'<span class="nt">{key.strip()}</span><span class="p">:</span><span class="w"> </span>'
                     f'<span class="l l-Scalar l-Scalar-Plain">{value.strip()}</span>')
    return '<div class="highlight-yaml"><pre>' + "\n".join(spans) + "</pre></div>"


def site(tmp_path: Path, body: str) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "search.html").write_text("<nav><p>Contents</p>\n<p>Search</p>\n<p>Print to PDF</p></nav>")
    (root / "page.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return root


@pytest.mark.parametrize("lines", [["answer: b"], ["answer: true"], ["answer: c", "answer: b"]])
def test_included_answer_lines_are_a_leak(tmp_path: Path, secret: TrainerText, lines: list[str]):
    found = scan(site(tmp_path, highlighted(lines)), secret)
    assert [f.code for f in found] == ["LEAK-TRAINER-TEXT"] * len(lines), found
    assert all(KEY in f.message and "'answer " in f.message for f in found)


def test_public_words_and_the_theme_are_not_flagged(tmp_path: Path, secret: TrainerText):
    body = ("<p>Which channel answers requests around the clock?</p>\n<p>Contents</p>\n<p>Search</p>\n"
            "<p>b</p>\n<p>true</p>\n<p>2021</p>\n<p>Print to PDF</p>")
    assert scan(site(tmp_path, body), secret) == []
