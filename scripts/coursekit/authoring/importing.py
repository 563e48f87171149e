"""Importing the challenges a delivery's participants reported (a survey export) into challenges.csv.

A form tool writes its own headers ("Timestamp", "Country", "Describe the challenge"), free country
names ("Vietnam", "Lao PDR") and its own labels for our categories. This module turns such an export
into rows of ``data/challenges.csv`` and says, row by row, what it did: imported, already there
(a duplicate), or rejected and why. It never rewrites the rows that are already in the file: new
rows are appended to its text and the whole is written atomically, so an interrupted import leaves
the old file as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..model import atomic
from ..model.challenges import CATEGORIES, COLUMNS, ChallengeRow
from ..model.findings import Finding, InputError, relpath
from ..model.sourcefiles import MAX_BYTES, read_csv, read_text
from ..model.text import excerpt

FIELDS = tuple(COLUMNS)
REQUIRED = ("country", "category", "description")
SURVEY_EVIDENCE = "verified"  # the survey is the primary record of what the participants reported

# Headers form tools use for each field (compared after normalising case, spaces and punctuation).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "country": ("country", "country code", "your country", "which country", "member state", "jurisdiction"),
    "category": ("challenge category", "category", "type of challenge", "challenge type", "main challenge"),
    "description": ("describe the challenge", "description", "challenge description", "challenge", "details",
                    "please describe the challenge"),
    "source": ("source", "source id"),
    "reported_at": ("timestamp", "date", "reported at", "reported_at", "submitted at", "submission date"),
}

# Other names and codes for the participating countries (their names and ISO codes in
# data/countries.csv are always accepted too).
COUNTRY_ALIASES: dict[str, str] = {
    "brunei": "BN", "brn": "BN", "indonesia": "ID", "republic of indonesia": "ID", "idn": "ID",
    "laos": "LA", "lao": "LA", "lao pdr": "LA", "lao p d r": "LA", "lao peoples democratic republic": "LA",
    "malaysia": "MY", "mys": "MY", "maldives": "MV", "republic of maldives": "MV", "mdv": "MV",
    "philippines": "PH", "the philippines": "PH", "republic of the philippines": "PH", "phl": "PH",
    "singapore": "SG", "republic of singapore": "SG", "sgp": "SG", "sri lanka": "LK", "srilanka": "LK",
    "lka": "LK", "thailand": "TH", "kingdom of thailand": "TH", "tha": "TH", "vietnam": "VN", "viet nam": "VN",
    "socialist republic of viet nam": "VN", "socialist republic of vietnam": "VN", "vnm": "VN",
}

DATE_ORDERS = ("dmy", "mdy")


def key(text: str) -> str:
    """Text reduced for matching: no accents, lower case, '&' as 'and', punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("&", " and ")
    text = text.replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def country_code(text: str, countries: dict[str, str]) -> str | None:
    """The ISO code of a participating country from a name, alias or code; None if not one of them."""
    k = key(text)
    table = {key(code): code for code in countries} | {key(name): code for code, name in countries.items()}
    table |= {key(alias): code for alias, code in COUNTRY_ALIASES.items() if code in countries}
    return table.get(k) or table.get(k.removeprefix("the "))


def category_id(text: str) -> str | None:
    """The category id for a label, id or synonym (a trailing '(explanation)' is ignored); else None."""
    table: dict[str, str] = {}
    for c in CATEGORIES.values():
        for word in (c.id, c.label, *c.synonyms):
            table[key(word)] = c.id
    bare = re.sub(r"\s*\(.*\)\s*$", "", text)
    return table.get(key(text)) or table.get(key(bare))


def parse_date(text: str, order: str | None, today: dt.date) -> tuple[str | None, str]:
    """A form timestamp as 'YYYY-MM-DD' (or 'YYYY'/'YYYY-MM' as given), else (None, the reason)."""
    t = text.strip()
    if re.fullmatch(r"\d{4}(-\d{2})?", t):
        return t, ""
    m = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[ T])", t)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:$|[ T,])", t)
        if not m:
            return None, f"date '{t}' is not a date (expected for example 2024-03-05 or 05/03/2024)"
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if order is None and a <= 12 and b <= 12 and a != b:
            return None, (f"date '{t}' could be day/month or month/day: run again with --dates dmy "
                          "(day first) or --dates mdy (month first)")
        dmy = order == "dmy" if order else a > 12
        d, mo = (a, b) if dmy else (b, a)
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None, f"date '{t}' does not exist"
    if day > today:
        return None, f"date '{t}' is in the future"
    return day.isoformat(), ""


@dataclass(frozen=True)
class Rejected:
    """A row that was not imported, with its row number (header = row 1) and why."""

    row: int
    reason: str


@dataclass
class ImportPlan:
    """What an import will do: rows to add, rows already present, rows rejected."""

    new: list[tuple[int, ChallengeRow]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # row, of what
    rejected: list[Rejected] = field(default_factory=list)
    existing: int = 0
    rows_read: int = 0


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def columns_text(header: list[str], limit: int = 12) -> str:
    """The export's column headings for a message: each one short, at most ``limit`` of them (an
    unknown 21 MB header is quoted as a few words, never echoed whole)."""
    shown = ", ".join(f"'{excerpt(h, 40)}'" for h in header[:limit])
    return shown + (f" and {len(header) - limit} more" if len(header) > limit else "")


def column_map(header: list[str], overrides: dict[str, str], shown: str) -> dict[str, int]:
    """Field -> column index, from the header and ``--map``; an unusable header raises InputError."""
    found: dict[str, int] = {}
    by_key = {key(h): i for i, h in enumerate(header)}
    problems = []
    for column, fld in overrides.items():
        if key(column) not in by_key:
            problems.append(Finding(shown, 1, "IMPORT-MAP", f"--map names column '{excerpt(column)}', which is not in "
                                    "the file", f"the columns are: {columns_text(header)}"))
        else:
            found[fld] = by_key[key(column)]
    for fld, aliases in HEADER_ALIASES.items():
        if fld not in found:
            hit = next((by_key[key(a)] for a in aliases if key(a) in by_key), None)
            if hit is not None:
                found[fld] = hit
    if problems:
        raise InputError(problems)
    return found


def read_export(path: Path, shown: str) -> tuple[list[str], list[list[str]]]:
    """The export's header and rows (blank rows kept, so row numbers match the spreadsheet)."""
    text, findings = read_text(path, shown)
    if text is None:
        raise InputError(findings)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.splitlines()[0]))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise InputError([Finding(shown, reader.line_num, "IMPORT-CSV", f"the file is not readable CSV ({exc})",
                                  "export the survey again as CSV (comma-separated values)")]) from None
    header = [h.strip() for h in records[0]]
    if not any(header):
        raise InputError([Finding(shown, 1, "IMPORT-HEADER", "the first row is empty; it must name the columns",
                                  "export the survey again with its header row")])
    return header, records[1:]


def plan_import(path: Path, shown: str, *, existing: list[ChallengeRow], countries: dict[str, str],
                sources: set[str], mapping: dict[str, str] | None = None, default_source: str | None = None,
                default_date: str | None = None, date_order: str | None = None,
                today: dt.date | None = None) -> ImportPlan:
    """Read a survey export and decide, row by row, what to import; nothing is written here."""
    today = today or dt.date.today()
    header, records = read_export(path, shown)
    cols = column_map(header, mapping or {}, shown)
    missing = [f for f in REQUIRED if f not in cols]
    if "source" not in cols and not default_source:
        missing.append("source")
    if "reported_at" not in cols and not default_date:
        missing.append("reported_at")
    if missing:
        hints = {"source": "or give --source SOURCE-ID for all rows", "reported_at": "or give --date YYYY-MM-DD"}
        raise InputError([Finding(shown, 1, "IMPORT-COLUMNS",
                                  "no column for " + ", ".join(f"'{m}'" for m in missing)
                                  + f" (the columns are: {columns_text(header)})",
                                  "name the column with --map, for example --map \"Your country=country\""
                                  + "".join(f"; {hints[m]}" for m in missing if m in hints))])
    plan = ImportPlan(existing=len(existing))
    seen = {_fingerprint(r): "a row already in data/challenges.csv" for r in existing}
    for n, cells in enumerate(records, start=2):
        if not any(c.strip() for c in cells):
            continue
        plan.rows_read += 1
        row, reason = _row(cells, cols, countries, sources, default_source, default_date, date_order, today)
        if row is None:
            plan.rejected.append(Rejected(n, reason))
            continue
        fp = _fingerprint(row)
        if fp in seen:
            plan.duplicates.append((n, seen[fp]))
            continue
        seen[fp] = f"row {n}"
        plan.new.append((n, row))
    return plan


def _cell(cells: list[str], cols: dict[str, int], fld: str) -> str:
    i = cols.get(fld)
    return neutralised(re.sub(r"\s+", " ", cells[i]).strip()) if i is not None and i < len(cells) else ""


def _row(cells: list[str], cols: dict[str, int], countries: dict[str, str], sources: set[str],
         default_source: str | None, default_date: str | None, date_order: str | None,
         today: dt.date) -> tuple[ChallengeRow | None, str]:
    raw = {f: _cell(cells, cols, f) for f in FIELDS}
    for f in REQUIRED:
        if not raw[f]:
            return None, f"'{f}' is empty"
    code = country_code(raw["country"], countries)
    if code is None:
        return None, (f"country '{excerpt(raw['country'])}' is not one of the participating countries "
                      f"({', '.join(sorted(countries))})")
    cat = category_id(raw["category"])
    if cat is None:
        return None, (f"category '{excerpt(raw['category'])}' is not one of: "
                      + ", ".join(c.label for c in CATEGORIES.values()))
    source = raw["source"] or default_source or ""
    if source not in sources:
        return None, f"source '{excerpt(source)}' is not in data/sources.yaml (add it there first, or use --source)"
    when, why = (parse_date(raw["reported_at"], date_order, today) if raw["reported_at"]
                 else (default_date, "the date is empty (give --date YYYY-MM-DD for rows without one)"))
    if when is None:
        return None, why
    try:
        return ChallengeRow(country=code, category=cat, description=raw["description"], source=source,
                            reported_at=when, evidence=SURVEY_EVIDENCE), ""
    except ValidationError as exc:
        err = exc.errors()[0]
        return None, f"{'.'.join(str(p) for p in err['loc']) or 'row'}: {err['msg']}"


def _fingerprint(row: ChallengeRow) -> tuple[str, ...]:
    """What makes two rows the same challenge: every field, with spacing normalised."""
    return tuple(re.sub(r"\s+", " ", str(v)).strip() for v in row.model_dump().values())


def existing_rows(target: Path, root: Path) -> list[ChallengeRow]:
    """The rows already in ``data/challenges.csv`` (none if it does not exist); a broken file stops the import."""
    if not target.exists():
        return []
    rows, findings = read_csv(target, relpath(target, root), ChallengeRow)
    if findings:
        raise InputError(findings + [Finding(relpath(target, root), None, "IMPORT-TARGET",
                                             "the challenges file has problems, so nothing was imported",
                                             "fix the lines above (python3 scripts/course.py validate), then import again")])
    return [r.value for r in rows]


def new_bytes(target: Path, rows: list[ChallengeRow]) -> bytes:
    """The file's current bytes, unchanged (byte-order mark and line endings included), with ``rows``
    appended in the file's own column order and line ending (and a header if the file is new), so an
    older file without the optional columns stays valid."""
    old = target.read_bytes() if target.exists() else b""
    ending = "\r\n" if b"\r\n" in old else "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    header = list(COLUMNS)
    text = old.decode("utf-8-sig") if old else ""
    if not text.strip():
        old = b""
        writer.writerow(header)
    else:
        header = [h.strip() for h in next(csv.reader(io.StringIO(text)))]
        if not old.endswith(b"\n"):
            old += ending.encode()
    for r in rows:
        writer.writerow(["" if getattr(r, c, None) is None else getattr(r, c) for c in header])
    return old + out.getvalue().encode("utf-8")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula


def neutralised(text: str) -> str:
    """A survey answer that a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``@SUM(...)``,
    ``+1+1``, ``-2``) starts with an apostrophe instead, so a trainer who opens the file sees it as
    text ("CSV injection"); everything else is kept as written."""
    return "'" + text if text.startswith(FORMULA_START) else text


def planned_bytes(target: Path, plan: ImportPlan, shown: str = "data/challenges.csv") -> bytes:
    """The file after the import; refuses an import that would take it past the size ``validate``
    allows a data file (the course would no longer build), saying how many rows would fit."""
    data = new_bytes(target, [r for _, r in plan.new])
    if len(data) > MAX_BYTES:
        old = target.stat().st_size if target.exists() else 0
        per_row = max(1, (len(data) - old) // max(1, len(plan.new)))
        room = max(0, (MAX_BYTES - old) // per_row)
        raise InputError([Finding(
            shown, None, "IMPORT-TOO-LARGE",
            f"importing {len(plan.new)} row(s) would make the file {len(data) / 2**20:.1f} MB, past the "
            f"{MAX_BYTES // 2**20} MB that validate allows a data file (the book would no longer build); "
            "nothing was imported",
            f"import a smaller export (about {room} row(s) still fit), or remove rows no longer needed first")])
    return data


def write(target: Path, plan: ImportPlan) -> None:
    """Append the plan's new rows, atomically; checks first that every old row is still there."""
    data = planned_bytes(target, plan)
    text = data.decode("utf-8-sig")
    records = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    if len(records) - 1 != plan.existing + len(plan.new):  # header + every old row + every new row
        raise InputError([Finding(target.name, None, "IMPORT-CHECK", "the new file would not hold every existing "
                                  "and imported row, so nothing was written", "report this to the maintainers")])
    atomic.write_bytes(target, data, overwrite=True)
