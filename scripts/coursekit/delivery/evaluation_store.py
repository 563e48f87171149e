"""Where a delivery's evaluation data is kept, and the CSV reading every import shares.

Evaluation data is about real people: pseudonymous participant codes, their role and country,
their answers, their comments. It never goes into ``book/`` or ``data/`` (both are published): it
lives in ``evaluation/<delivery id>/`` beside them, which ``.gitignore`` keeps out of git, so a
trainer shares it deliberately (the programme's drive), never by pushing the book.

Each import writes one normalised file there, replacing the previous import of the same kind:

- ``attendance.csv``  code, role, agency_type, country, sex, sessions_attended
- ``survey.csv``      response, session, rating (1-5); anonymous: no participant code is kept
- ``comments.csv``    response, question, comment: trainer-only, never on a page or in a report
- ``knowledge.csv``   code, stage (pre | post | follow-up), assessment, question, objective, correct
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..model import atomic
from ..model.findings import Finding, InputError
from ..model.sourcefiles import read_text

FOLDER = "evaluation"
FILES = {"attendance": ["code", "role", "agency_type", "country", "sex", "sessions_attended"],
         "survey": ["response", "session", "rating"],
         "comments": ["response", "question", "comment"],
         "knowledge": ["code", "stage", "assessment", "question", "objective", "correct"]}


def folder(root: Path, delivery_id: str) -> Path:
    return root / FOLDER / delivery_id


def norm(text: str) -> str:
    """Header or value as compared: case, punctuation and spacing do not matter."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@dataclass
class Export:
    """A CSV export from a form tool: its header and its non-blank rows with their row numbers."""

    shown: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]

    def column(self, *names: str) -> int | None:
        """The first column whose header, normalised, is one of ``names`` (or starts with one + space)."""
        wanted = [norm(n) for n in names]
        for i, h in enumerate(self.headers):
            if norm(h) in wanted:
                return i
        for i, h in enumerate(self.headers):
            if any(norm(h).startswith(w + " ") for w in wanted):
                return i
        return None


def read_export(path: Path, shown: str) -> Export:
    """Read a form tool's CSV export; a file that is not usable at all is an InputError."""
    text, findings = read_text(path, shown)
    if text is None:
        raise InputError(findings)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    rows: list[tuple[int, list[str]]] = []
    try:
        headers = [h.strip() for h in next(reader)]
        for number, cells in enumerate(reader, start=2):
            if any(c.strip() for c in cells):
                rows.append((number, [c.strip() for c in cells]))
    except StopIteration:
        raise InputError([Finding(shown, 1, "EXPORT-EMPTY", "the file has no header row",
                                  "export the responses again as CSV")]) from None
    except csv.Error as exc:
        raise InputError([Finding(shown, len(rows) + 2, "EXPORT-SYNTAX", f"cannot read the CSV ({exc})",
                                  "check the quotes on this row, or export again as CSV")]) from None
    bad = [Finding(shown, n, "EXPORT-ROW", f"row {n} has {len(c)} cells, the header has {len(headers)}",
                   "export the file again, or correct that row") for n, c in rows if len(c) != len(headers)]
    if bad:
        raise InputError(bad)
    return Export(shown, headers, rows)


def write(root: Path, delivery_id: str, kind: str, rows: list[dict[str, object]]) -> Path:
    """Replace the delivery's ``kind`` file with ``rows`` in one step (atomic)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FILES[kind], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = folder(root, delivery_id) / f"{kind}.csv"
    atomic.write_text(path, buf.getvalue(), overwrite=True)
    return path


def read(root: Path, delivery_id: str, kind: str) -> list[dict[str, str]]:
    """The rows of one kept file; none when that kind was not imported for the delivery."""
    path = folder(root, delivery_id) / f"{kind}.csv"
    if not path.is_file():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def imported(root: Path) -> list[str]:
    """The ids of deliveries with any evaluation data."""
    base = root / FOLDER
    return sorted(p.name for p in base.iterdir() if p.is_dir() and any(p.glob("*.csv"))) if base.is_dir() else []
