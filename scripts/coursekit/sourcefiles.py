"""Reading the files trainers edit by hand (CSV, YAML), with the line of every row and key.

Every reader returns ``(value, findings)``: a broken file becomes findings that name the file,
the line and how to fix it, never an exception with a traceback. Text is decoded strictly as
UTF-8 (a byte-order mark is accepted and dropped), because a silently mis-decoded law name is
worse than a clear complaint.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .findings import Finding

M = TypeVar("M", bound=BaseModel)

MAX_BYTES = 20 * 1024 * 1024  # a hand-edited data file is never this large


def read_text(path: Path, shown: str) -> tuple[str | None, list[Finding]]:
    """The file's text, or findings saying why it cannot be read."""
    try:
        size = path.stat().st_size
    except OSError:
        return None, [Finding(shown, None, "FILE-MISSING", "file not found", "create it or fix the path")]
    if size > MAX_BYTES:
        return None, [Finding(shown, None, "FILE-TOO-LARGE",
                              f"file is {size // (1024 * 1024)} MB; data files are limited to "
                              f"{MAX_BYTES // (1024 * 1024)} MB", "split the file or remove unused rows")]
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Finding(shown, line, "FILE-ENCODING", "file is not UTF-8 text",
                              "save it as 'CSV UTF-8' or 'UTF-8' in your editor")]
    if not text.strip():
        return None, [Finding(shown, None, "FILE-EMPTY", "file is empty", "restore its content from git")]
    return text, []


@dataclass(frozen=True)
class Row(Generic[M]):
    """One typed record and the line of the file it came from."""

    line: int
    value: M


def _pydantic_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "row"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def read_csv(path: Path, shown: str, model: type[M]) -> tuple[list[Row[M]], list[Finding]]:
    """Typed rows of a CSV file; each bad row becomes a finding with its line number."""
    text, findings = read_text(path, shown)
    if text is None:
        return [], findings
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        return [], [Finding(shown, 1, "CSV-HEADER", f"cannot read the header row ({exc})", "first line must name the columns")]
    expected = [name for name in model.model_fields]
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    missing = [c for c in required if c not in header]
    extra = [c for c in header if c not in expected]
    if missing or extra or len(set(header)) != len(header):
        msg = []
        if missing:
            msg.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            msg.append(f"unknown column(s) {', '.join(extra)}")
        if len(set(header)) != len(header):
            msg.append("a column is named twice")
        return [], [Finding(shown, 1, "CSV-COLUMNS", "; ".join(msg),
                            f"the header must be: {','.join(expected)}")]
    rows: list[Row[M]] = []
    line = 1
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                findings.append(Finding(shown, line, "CSV-CELLS",
                                        f"row has {len(cells)} cells, the header has {len(header)}",
                                        "check for a missing or extra comma; quote text that contains commas"))
                continue
            record = {k: v.strip() for k, v in zip(header, cells, strict=False) if v.strip() != ""}
            try:
                rows.append(Row(line, model.model_validate(record)))
            except ValidationError as exc:
                findings.append(Finding(shown, line, "CSV-ROW", _pydantic_message(exc),
                                        "correct the value in this row"))
    except csv.Error as exc:
        findings.append(Finding(shown, line + 1, "CSV-SYNTAX", str(exc), "check the quotes on this line"))
    return rows, findings


_yaml = YAML(typ="rt")


def read_yaml(path: Path, shown: str) -> tuple[Any, list[Finding]]:
    """A YAML document with line information (ruamel round-trip objects), or findings."""
    text, findings = read_text(path, shown)
    if text is None:
        return None, findings
    try:
        return _yaml.load(text), []
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, [Finding(shown, line, "YAML-SYNTAX", f"{exc.problem or exc.context}",
                              "check indentation and colons on this line")]
    except YAMLError as exc:
        return None, [Finding(shown, None, "YAML-SYNTAX", str(exc).splitlines()[0], "check the YAML syntax")]


def line_of(node: Any, key: Any = None) -> int | None:
    """The 1-based line of a mapping key or list item in a ruamel document, if known."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return lc.line + 1
        return lc.key(key)[0] + 1 if isinstance(key, str) else lc.item(key)[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1


def validate_yaml_item(item: Any, model: type[M], shown: str, line: int | None) -> tuple[M | None, list[Finding]]:
    """One YAML mapping validated against a model; errors name the file and line."""
    try:
        return model.model_validate(plain(item)), []
    except ValidationError as exc:
        return None, [Finding(shown, line, "YAML-FIELD", _pydantic_message(exc), "correct the field named here")]


def plain(obj: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (for pydantic and JSON)."""
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    return obj
