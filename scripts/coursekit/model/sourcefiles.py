"""Reading the files trainers edit by hand (CSV, YAML), with the line of every row and key.

Every reader returns ``(value, findings)``: a broken file becomes findings that name the file,
the line and how to fix it, never an exception with a traceback. Text is decoded strictly as
UTF-8 (a byte-order mark is accepted and dropped), because a silently mis-decoded law name is
worse than a clear complaint.
"""

from __future__ import annotations

import csv
import hashlib
import io
import pickle
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent

from .findings import Finding
from .text import excerpt

M = TypeVar("M", bound=BaseModel)

MAX_BYTES = 20 * 1024 * 1024  # a hand-edited data file is never this large
MAX_DEPTH = 32  # lists and mappings inside each other; the course's files need fewer than 8
MAX_EXPANSION = 10  # what aliases may add to a file, as a multiple of its size
MAX_CELL = 20_000  # characters in one CSV cell: a long description is a few hundred


def read_text(path: Path, shown: str) -> tuple[str | None, list[Finding]]:
    """The file's text, or findings saying why it cannot be read."""
    try:
        size = path.stat().st_size
    except OSError:
        return None, [Finding(shown, None, "FILE-MISSING", "file not found", "create it or fix the path")]
    if not path.is_file():
        return None, [Finding(shown, None, "FILE-MISSING", "this is a folder, not a file",
                              "put the file itself here, or restore it from git")]
    if size > MAX_BYTES:
        return None, [Finding(shown, None, "FILE-TOO-LARGE",
                              f"file is {size // (1024 * 1024)} MB; data files are limited to "
                              f"{MAX_BYTES // (1024 * 1024)} MB", "split the file or remove unused rows")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Finding(shown, None, "FILE-UNREADABLE", f"cannot read the file ({exc.strerror})",
                              "check the file's permissions, or restore it from git")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Finding(shown, line, "FILE-ENCODING", "file is not UTF-8 text",
                              "save it as 'CSV UTF-8' or 'UTF-8' in your editor")]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Finding(shown, line, "FILE-BINARY", "file contains NUL characters, so it is not plain text "
                              "(a spreadsheet or UTF-16 file saved under this name?)",
                              "save it again as 'CSV UTF-8' or plain UTF-8 text")]
    if not text.strip():
        return None, [Finding(shown, None, "FILE-EMPTY", "file is empty",
                              "restore its content (from git, if it is part of the course) or export it again")]
    return text, []


@dataclass(frozen=True)
class Row(Generic[M]):
    """One typed record and the line of the file it came from."""

    line: int
    value: M


def _pydantic_message(exc: ValidationError) -> str:
    """Each error as ``field: what is wrong (got 'value')``, with the date format when a date is wrong."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "row"
        text = f"{where}: {err['msg']}"
        given = err.get("input")
        if isinstance(given, (str, int, float)) and err["type"] != "missing" and str(given) not in text:
            text += f" (got '{excerpt(given)}')"
        if err["type"].startswith(("date", "datetime")):
            text += "; write dates as YYYY-MM-DD"
        parts.append(text)
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
            msg.append(f"unknown column(s) {', '.join(repr(c) for c in extra)}")
        if len(set(header)) != len(header):
            msg.append("a column is named twice")
        fix = f"the header must be: {','.join(expected)}"
        if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
            fix = "the columns are separated by ';' or tabs: save the file as 'CSV UTF-8 (comma delimited)'; " + fix
        return [], [Finding(shown, 1, "CSV-COLUMNS", "; ".join(msg), fix)]
    rows: list[Row[M]] = []
    end = reader.line_num  # the last line read so far
    try:
        for cells in reader:
            line, end = end + 1, reader.line_num  # a quoted cell may span lines: report where the row starts
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                unclosed = any("\n" in c for c in cells)
                findings.append(Finding(shown, line, "CSV-CELLS",
                                        f"row has {len(cells)} cells, the header has {len(header)}"
                                        + ("; perhaps a quote (\") opened on this row is never closed" if unclosed else ""),
                                        "check for a missing or extra comma; quote text that contains commas"))
                continue
            long = next((i for i, c in enumerate(cells) if len(c) > MAX_CELL), None)
            if long is not None:
                findings.append(Finding(shown, line, "CSV-CELL-TOO-LONG",
                                        f"the '{header[long]}' cell is {len(cells[long])} characters long; "
                                        f"a cell may hold at most {MAX_CELL}",
                                        "shorten it, or check for a quote (\") that is never closed"))
                continue
            record = {k: v.strip() for k, v in zip(header, cells, strict=False) if v.strip() != ""}
            try:
                rows.append(Row(line, model.model_validate(record)))
            except ValidationError as exc:
                findings.append(Finding(shown, line, "CSV-ROW", _pydantic_message(exc),
                                        "correct the value in this row"))
    except csv.Error as exc:
        findings.append(Finding(shown, end + 1, "CSV-SYNTAX", str(exc), "check the quotes on this line"))
    return rows, findings


class _CheckedDates(RoundTripConstructor):
    """ruamel's round-trip loader, except that an impossible date (2026-02-30) becomes a YAML error
    with its line instead of a bare ValueError."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as exc:
            raise ConstructorError(None, None, f"'{node.value}' is not a real date ({exc})",
                                   node.start_mark) from None


_CheckedDates.add_constructor("tag:yaml.org,2002:timestamp", _CheckedDates.construct_yaml_timestamp)

_yaml = YAML(typ="rt")
_yaml.Constructor = _CheckedDates


def _yaml_fix(problem: str) -> str:
    if "duplicate key" in problem:
        return "a key may appear once per entry: remove or rename one of the two"
    if "date" in problem:
        return "write dates as YYYY-MM-DD with a real month and day"
    if "\\t" in problem or "\t" in problem:
        return "YAML does not allow tabs for indentation: indent with spaces"
    return "check indentation and colons on this line"


_PARSED: OrderedDict[str, bytes] = OrderedDict()  # digest of a YAML text -> its parse, pickled
_PARSED_MAX = 256
_PARSED_LOCK = threading.Lock()


def _parsed(text: str) -> Any:
    """``_yaml.load(text)``, from memory when the same text was parsed before. ruamel's round-trip parse is
    slow (a second for sources.yaml on a busy machine) and ``validate`` reads a file in several checks, again
    on every save under ``serve``; a pickled copy is fifty times quicker and keeps the line information and
    comments. Each caller gets its own copy, so what one changes no other sees."""
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    with _PARSED_LOCK:
        kept = _PARSED.get(key)
        if kept is not None:
            _PARSED.move_to_end(key)
    if kept is not None:
        return pickle.loads(kept)  # noqa: S301 - our own pickle of our own parse, never read from a file
    doc = _yaml.load(text)
    try:
        copy = pickle.dumps(doc)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return doc  # not kept: parsed again next time
    with _PARSED_LOCK:
        _PARSED[key] = copy
        while len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
    return doc


def read_yaml(path: Path, shown: str) -> tuple[Any, list[Finding]]:
    """A YAML document with line information (ruamel round-trip objects), or findings."""
    text, findings = read_text(path, shown)
    if text is None:
        return None, findings
    refused = _beyond_limits(text, shown)
    if refused:
        return None, refused
    try:
        return _parsed(text), []
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = f"{exc.problem or exc.context}"
        return None, [Finding(shown, line, "YAML-SYNTAX", problem, _yaml_fix(problem))]
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        # ruamel raises a few plain exceptions for values it cannot construct
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        return None, [Finding(shown, None, "YAML-SYNTAX", first, "check the YAML syntax")]


_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s,\[\]{}]")  # '&name' where YAML reads an anchor, not 'R&D'


def _maybe_deep(text: str) -> bool:
    """Whether the text could nest deeper than ``MAX_DEPTH`` (over-estimated: a cheap first look)."""
    indent = max((len(ln) - len(ln.lstrip(" ")) for ln in text.splitlines()), default=0)
    depth = deepest = 0
    for ch in re.sub(r"[^\[\]{}]+", "", text):
        depth = depth + 1 if ch in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return indent >= 2 * MAX_DEPTH or deepest >= MAX_DEPTH


def _beyond_limits(text: str, shown: str) -> list[Finding]:
    """Refuse what would make reading the file explode before it is read: aliases (``*name``) that
    expand the document past ``MAX_EXPANSION`` times its own size (a "billion laughs" document: a few
    hundred bytes that expand into gigabytes), and lists or mappings nested deeper than ``MAX_DEPTH``.
    An ordinary alias (``_config.yml`` repeats the title once) is fine.

    The scan reads parser events only, adding up what each alias would expand to without expanding
    anything, and runs only when the text could hold an anchor or deep nesting, so ordinary files pay
    nothing."""
    if not _ANCHOR.search(text) and not _maybe_deep(text):
        return []
    limit = MAX_EXPANSION * max(len(text), 1000)
    sizes: dict[str, int] = {}  # anchor -> characters its node expands to
    open_: list[list[Any]] = [[None, 0]]  # per open collection: its anchor, the characters inside it
    total = 0
    try:
        for event in YAML(typ="rt").parse(text):
            grown = 0
            if isinstance(event, AliasEvent):
                grown = sizes.get(event.anchor, 1)
            elif isinstance(event, ScalarEvent):
                grown = len(event.value) + 1
                if event.anchor:
                    sizes[event.anchor] = grown
            elif isinstance(event, CollectionStartEvent):
                open_.append([event.anchor, 1])
                if len(open_) - 1 > MAX_DEPTH:
                    return [Finding(shown, event.start_mark.line + 1, "YAML-DEPTH",
                                    f"lists and mappings are nested more than {MAX_DEPTH} deep here",
                                    "flatten the structure: the course's files need a few levels at most")]
                continue
            elif isinstance(event, CollectionEndEvent):
                anchor, grown = open_.pop()
                if anchor:
                    sizes[anchor] = grown
                open_[-1][1] += grown
                continue
            else:
                continue
            open_[-1][1] += grown
            if isinstance(event, AliasEvent):
                total += grown
                if total > limit:
                    return [Finding(shown, event.start_mark.line + 1, "YAML-ALIAS",
                                    f"the aliases (such as '*{event.anchor}' here) repeat so much of the file "
                                    f"that it would grow more than {MAX_EXPANSION} times its size when read",
                                    "write the values out in full instead of repeating them with aliases")]
    except (YAMLError, RecursionError):
        return []  # a syntax error: loading reports it with its line
    return []


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


def line_at(doc: Any, path: Any) -> int | None:
    """The line of the deepest key or item of ``path`` (e.g. ``["execute", "timeout"]``) found in ``doc``."""
    node, line = doc, line_of(doc)
    for part in path:
        try:
            child = node[part]
        except (KeyError, IndexError, TypeError):
            break
        line = line_of(node, part) or line
        node = child
    return line


def validate_yaml_item(item: Any, model: type[M], shown: str, line: int | None) -> tuple[M | None, list[Finding]]:
    """One YAML mapping validated against a model; errors name the file and the line of the
    first wrong field (or of the item when the field is missing)."""
    try:
        return model.model_validate(plain(item)), []
    except ValidationError as exc:
        if isinstance(item, dict):  # point at the first wrong key that is written in the file
            keys = [e["loc"][0] for e in exc.errors() if e["loc"] and e["loc"][0] in item]
            line = (line_of(item, keys[0]) if keys else None) or line
        return None, [Finding(shown, line, "YAML-FIELD", _pydantic_message(exc), "correct the field named here")]


def typed_items(doc: Any, key: str | None, model: type[M], shown: str) -> tuple[list[M], list[Finding]]:
    """The items of a YAML list (the document itself, or the list under ``key``), each validated against
    ``model``; every bad item is a finding with its line."""
    items = doc.get(key) if (key and isinstance(doc, dict)) else doc
    out: list[M] = []
    findings: list[Finding] = []
    for i, item in enumerate(items or []):
        value, errs = validate_yaml_item(item, model, shown, line_of(items, i))
        findings += errs
        if value is not None:
            out.append(value)
    return out, findings


def plain(obj: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (for pydantic and JSON)."""
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    return obj
