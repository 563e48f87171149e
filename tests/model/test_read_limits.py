"""Data files are read with limits: a YAML alias bomb, deep nesting or a huge CSV cell becomes a
finding with the file and line, before anything is expanded (issue 14, case 2)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_course
from coursekit.model.sourcefiles import MAX_CELL, MAX_DEPTH, line_of, read_csv, read_yaml
from pydantic import BaseModel


def alias_bomb(levels: int = 9) -> str:
    """About 600 bytes that expand to 9**levels strings if aliases are followed."""
    lines = ['    l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"    l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_sources_is_refused_with_its_line(mini_course: Path):
    sources = mini_course / "data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    first_alias = text.count("\n") + 1 + 2 + 1 + 1  # the appended entry's lines before 'l1:'
    sources.write_text(text + "  - id: bomb\n    title: A bomb\n    note:\n" + alias_bomb(), encoding="utf-8")
    assert len(alias_bomb()) < 700
    res = run_course("validate", root=mini_course, timeout=120)
    assert res.returncode == 1, res.stdout + res.stderr
    lines = [f"data/sources.yaml:{n}: YAML-ALIAS" for n in range(first_alias, first_alias + 8)]  # where it trips
    assert any(line in res.stdout for line in lines), res.stdout
    assert "Traceback" not in res.stderr


def test_deep_nesting_and_alias_bombs_are_findings_with_lines_a_plain_alias_is_fine(tmp_path: Path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("a:\n  b: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", encoding="utf-8")
    doc, findings = read_yaml(deep, "deep.yaml")
    assert doc is None and [(f.code, f.line) for f in findings] == [("YAML-DEPTH", 2)]
    block = tmp_path / "block.yaml"
    block.write_text("".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 3)) + "  " * (MAX_DEPTH + 3) + "v: 1\n")
    doc, findings = read_yaml(block, "block.yaml")
    assert doc is None and findings[0].code == "YAML-DEPTH" and findings[0].line == MAX_DEPTH + 1
    alias = tmp_path / "alias.yaml"
    alias.write_text("title: &t A title\nlogo:\n  text: *t\n", encoding="utf-8")  # as _config.yml does
    doc, findings = read_yaml(alias, "alias.yaml")
    assert findings == [] and doc["logo"]["text"] == "A title"
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a:\n" + alias_bomb(5), encoding="utf-8")
    doc, findings = read_yaml(bomb, "bomb.yaml")
    assert doc is None and [f.code for f in findings] == ["YAML-ALIAS"] and findings[0].line in (3, 4, 5, 6)


def test_ordinary_yaml_with_ampersands_and_stars_still_reads(tmp_path: Path):
    p = tmp_path / "ok.yaml"
    p.write_text("title: R&D *and* Q & A\nitems: [[1, 2], {a: b}]\nnote: '&not an anchor'\n", encoding="utf-8")
    doc, findings = read_yaml(p, "ok.yaml")
    assert findings == [] and doc["title"] == "R&D *and* Q & A"


class Row(BaseModel):
    name: str
    text: str


def test_a_huge_csv_cell_is_a_finding_with_its_line(tmp_path: Path):
    p = tmp_path / "rows.csv"
    p.write_text(f"name,text\na,short\nb,{'x' * (MAX_CELL + 1)}\nc,short\n", encoding="utf-8")
    rows, findings = read_csv(p, "rows.csv", Row)
    assert [r.value.name for r in rows] == ["a", "c"]
    assert [(f.code, f.line) for f in findings] == [("CSV-CELL-TOO-LONG", 3)]


def test_a_yaml_file_read_again_is_the_same_document_and_each_reader_has_its_own(tmp_path: Path):
    """Parses are kept in memory by text (validate reads a file in several checks): a reader that changes
    its document changes no other reader's, the lines are those of the file, and a new text is parsed anew."""
    path = tmp_path / "doc.yaml"
    path.write_text("items:\n  - id: a\n  - id: b\n", encoding="utf-8")
    first, _ = read_yaml(path, "doc.yaml")
    first["items"][0]["id"] = "changed"
    again, _ = read_yaml(path, "doc.yaml")
    assert again["items"][0]["id"] == "a" and line_of(again["items"], 1) == 3
    path.write_text("items:\n  - id: c\n", encoding="utf-8")
    assert read_yaml(path, "doc.yaml")[0]["items"][0]["id"] == "c"
