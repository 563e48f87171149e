"""Importing a reaction survey (Kirkpatrick level 1) from any form tool's CSV export.

Each session of the delivery is a column rated 1 to 5, headed by the unit's id, its title, or
"Session N" (N counts the delivery's units in order); an "Overall" column is the day as a whole.
Answers may be "4" or "4 - Satisfied". Columns headed like a comment ("Comments", "Any
suggestions?") are open comments: kept in ``comments.csv`` for the trainer only, and never put
on a page, in a report or in the pack. The survey is anonymous: no participant code is kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model.findings import Finding, InputError
from .evaluation_store import Export, norm, read_export

COMMENT_WORDS = ("comment", "suggest", "improve", "feedback", "remark", "other thoughts")
OVERALL = "overall"


def session_columns(export: Export, sessions: list[tuple[str, str]]) -> dict[int, str]:
    """Column -> session key (a unit id, or 'overall') for every column naming a session."""
    found: dict[int, str] = {}
    for i, header in enumerate(export.headers):
        h = norm(header)
        for number, (uid, title) in enumerate(sessions, start=1):
            if h in (norm(uid), norm(title)) or re.fullmatch(rf"(session|s) ?{number}( .*)?", h) \
                    or h.startswith(norm(title) + " ") or norm(title) in h:
                found[i] = uid
                break
        else:
            if h.startswith(OVERALL):
                found[i] = OVERALL
    return found


def _rating(value: str) -> int | None | str:
    """1..5 from '4' or '4 - Satisfied'; None for a blank; 'bad' for anything else."""
    if not value.strip():
        return None
    m = re.match(r"^\s*([1-5])(?:\s*(?:[-–:.)/]|$).*)?$", value)
    return int(m.group(1)) if m else "bad"


def parse(export: Export, sessions: list[tuple[str, str]]) -> tuple[list[dict[str, object]], list[dict[str, object]], list[str]]:
    """(ratings, comments, notes): every rating and comment of the export, by anonymous response number."""
    columns = session_columns(export, sessions)
    comments = {i: h for i, h in enumerate(export.headers) if i not in columns and any(w in norm(h) for w in COMMENT_WORDS)}
    if not columns:
        raise InputError([Finding(export.shown, 1, "SURVEY-COLUMNS", "no column names a session of this delivery",
                                  "head each rating column with the unit's id or title, or 'Session 1', 'Session 2', "
                                  "... in the order of the delivery")])
    rated = set(columns.values())
    notes = [f"no column for session '{uid}' ({title})" for uid, title in sessions if uid not in rated]
    notes += [f"column '{h}' was not kept" for i, h in enumerate(export.headers) if i not in columns and i not in comments]
    ratings: list[dict[str, object]] = []
    kept: list[dict[str, object]] = []
    findings = []
    for response, (n, cells) in enumerate(export.rows, start=1):
        for i, session in columns.items():
            value = _rating(cells[i])
            if value == "bad":
                findings.append(Finding(export.shown, n, "SURVEY-RATING", f"row {n}, column '{export.headers[i]}': "
                                        "a rating must be a number from 1 to 5 (or blank)",
                                        "correct it in the export, or leave it blank"))
            elif value is not None:
                ratings.append({"response": response, "session": session, "rating": value})
        for i, header in comments.items():
            if cells[i].strip():
                kept.append({"response": response, "question": header, "comment": cells[i].strip()})
    if findings:
        raise InputError(findings)
    return ratings, kept, notes


def read(path: Path, shown: str, sessions: list[tuple[str, str]]):
    return parse(read_export(path, shown), sessions)
