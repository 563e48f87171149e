"""Scoring a knowledge check taken before and after a delivery: correct rates and learning gain.

Responses come as a form tool exports them: one row per participant, a column with a pseudonymous
participant code, one column per question (headed by the question's id, e.g. ``q3`` or
``Q3. Which...``, or by the question's text), plus any columns the tool adds (timestamps,
scores), which are ignored.

Rules, chosen so the figures are honest and nobody is exposed:

- Only participants who answered **both** checks count (matched by their code, ignoring case and
  spaces), so the before and after figures describe the same people.
- A blank answer counts as not correct. A row that cannot be scored (no code, a code used twice,
  an answer that is not one of the choices, a wrong number of cells) is skipped and reported by its
  row number and reason; the rest are still scored.
- A rate is correct answers / (participants x questions). The normalised learning gain is
  ``g = (post - pre) / (1 - pre)`` (Hake 1998), computed from the group's rates: the share of the
  possible improvement that was achieved. When everyone was already correct before (pre = 100%),
  there was nothing left to gain and ``g`` is undefined: it is returned as ``None`` and shown as
  "n/a", never as 0 or 1. A negative ``g`` means fewer correct answers after.
- Participant codes stay inside this module: results hold counts only, and findings name rows.

Figures are exact fractions, so tests can compare them with values worked out by hand.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from ..model.assessments import Assessment, Question
from ..model.findings import Finding, InputError
from ..model.sourcefiles import read_text
from ..model.text import excerpt

ID_COLUMN_NAMES = ("participant", "participant id", "participant_id", "participant code", "participant_code",
                   "code", "id", "pseudonym", "respondent", "respondent id")
TRUE_WORDS = {"true", "t", "yes", "y"}
FALSE_WORDS = {"false", "f", "no", "n"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _code(text: str) -> str:
    """A participant code as compared: case and spaces do not matter ('ab 12' == 'AB12')."""
    return re.sub(r"\s+", "", text).casefold()


# ---- one answer -------------------------------------------------------------------------------

def judge(question: Question, raw: str) -> bool | None:
    """True/False for a correct/incorrect answer (blank is incorrect); None when it is not a valid
    answer to this question at all (then the row is skipped)."""
    text = _norm(raw)
    if not text:
        return False
    if question.type == "multiple-choice":
        chosen = _choice_of(question, text)
        return None if chosen is None else chosen == question.answer
    if question.type == "true-false":
        if text in TRUE_WORDS:
            return question.answer is True
        if text in FALSE_WORDS:
            return question.answer is False
        return None
    return any(re.search(rf"(?<!\w){re.escape(_norm(k))}(?!\w)", text) for k in question.accept or [])


def _choice_of(question: Question, text: str) -> str | None:
    """The choice id an exported answer means: 'b', 'B)', '(b)', 'b. text' or the choice's text."""
    for c in question.choices or []:
        if _norm(c.text) == text:
            return c.id
    m = re.match(r"^\(?([a-h])\)?(?:[.):]\s*|\s+-\s+|$)(.*)$", text)
    if m and any(c.id == m.group(1) for c in question.choices or []):
        rest = m.group(2)
        choice = next(c for c in question.choices or [] if c.id == m.group(1))
        if not rest or rest == _norm(choice.text):
            return choice.id
    return None


# ---- one export file --------------------------------------------------------------------------

@dataclass
class ResponseSet:
    """The scorable rows of one export: whether each participant got each question right."""

    shown: str
    correct: dict[str, dict[str, bool]]          # participant code -> question id -> correct
    rows: int = 0                                # answer rows read (not counting blank lines)
    skipped: list[Finding] = field(default_factory=list)


def _columns_of(question: Question, headers: list[str]) -> list[int]:
    """Every column whose header names the question (its id, 'Q3. ...', or its text)."""
    qid, text = question.id.casefold(), _norm(question.text)
    return [i for i, h in enumerate(headers)
            if (n := _norm(h)) == qid or n == text or re.match(rf"^{re.escape(qid)}(?:[.):]|\s)", n)]


def _id_column(headers: list[str], wanted: str | None, shown: str) -> int:
    names = [_norm(wanted)] if wanted else list(ID_COLUMN_NAMES)
    found = [i for i, h in enumerate(headers) if _norm(h) in names]
    if len(found) == 1:
        return found[0]
    if not found:
        what = f"no column named '{wanted}'" if wanted else "no participant code column"
        fix = ("use the exact header of the code column with --id-column" if wanted else
               "name the column 'participant' (or pass its header with --id-column \"...\")")
        raise InputError([Finding(shown, 1, "RESPONSES-ID-COLUMN", what, fix)])
    names_found = ", ".join(f"'{excerpt(headers[i])}'" for i in found)
    raise InputError([Finding(shown, 1, "RESPONSES-ID-COLUMN", f"several columns could hold the participant code: "
                              f"{names_found}", "say which with --id-column \"...\"")])


def read_responses(path: Path, shown: str, assessment: Assessment, *, id_column: str | None = None) -> ResponseSet:
    """One export file scored question by question; bad rows are skipped with a warning each.

    Raises InputError when the file as a whole cannot be used (unreadable, no code column, a
    question without a column)."""
    text, findings = read_text(path, shown)
    if text is None:
        raise InputError(findings)
    records = csv.reader(io.StringIO(text, newline=""))
    try:
        headers = [h.strip() for h in next(records)]
    except (StopIteration, csv.Error) as exc:
        raise InputError([Finding(shown, 1, "RESPONSES-HEADER", f"cannot read the header row ({exc})",
                                  "export the responses again as CSV")]) from None
    id_col = _id_column(headers, id_column, shown)
    found = {q.id: _columns_of(q, headers) for q in assessment.questions}
    twice = [Finding(shown, 1, "RESPONSES-COLUMNS-TWICE",
                     f"question {qid} has {len(cols)} columns: " + " and ".join(f"column {i + 1} '{excerpt(headers[i])}'"
                                                                        for i in cols),
                     "keep one column per question (delete or rename the other), so no answer is silently ignored")
             for qid, cols in found.items() if len(cols) > 1]
    if twice:
        raise InputError(twice)
    columns = {qid: cols[0] if cols else None for qid, cols in found.items()}
    missing = [qid for qid, col in columns.items() if col is None]
    if missing:
        raise InputError([Finding(shown, 1, "RESPONSES-QUESTIONS", f"no column for question(s) {', '.join(missing)}",
                                  "head each question's column with its id (for example 'q3' or 'Q3. ...') "
                                  "or with the question's exact text")])
    out = ResponseSet(shown, {})
    first_row: dict[str, int] = {}
    row = 1
    try:
        for cells in records:
            row += 1
            if not any(c.strip() for c in cells):
                continue
            out.rows += 1
            reason = _row_problem(cells, headers, id_col, first_row, assessment, columns)
            if isinstance(reason, str):
                out.skipped.append(Finding(shown, row, "RESPONSES-ROW", f"row {row} skipped: {reason}",
                                           "correct the row in the export, or leave it out", severity="warning"))
                continue
            code = _code(cells[id_col])
            first_row[code] = row
            out.correct[code] = reason
    except csv.Error as exc:
        raise InputError([Finding(shown, row + 1, "RESPONSES-SYNTAX", f"row {row + 1}: {exc}",
                                  "check the quotes on this row, or export the responses again")]) from None
    return out


def _row_problem(cells: list[str], headers: list[str], id_col: int, first_row: dict[str, int],
                 assessment: Assessment, columns: dict[str, int | None]) -> str | dict[str, bool]:
    """Why a row cannot be scored, or its per-question correctness. Never echoes a cell's value."""
    if len(cells) != len(headers):
        return f"it has {len(cells)} cells, the header has {len(headers)}"
    code = _code(cells[id_col])
    if not code:
        return "no participant code"
    if code in first_row:
        return f"the same participant code is on row {first_row[code]}; only the first answer sheet counts"
    result = {}
    for q in assessment.questions:
        col = columns[q.id]
        assert col is not None
        verdict = judge(q, cells[col])
        if verdict is None:
            allowed = ("one of the choices " + ", ".join(c.id for c in q.choices or []) + " or a choice's text"
                       if q.type == "multiple-choice" else "true or false")
            return f"the answer to {q.id} (column '{headers[col]}') is not {allowed}"
        result[q.id] = verdict
    return result


# ---- figures ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rate:
    """Correct answers out of answers counted."""

    correct: int
    total: int

    @property
    def value(self) -> Fraction | None:
        return Fraction(self.correct, self.total) if self.total else None


def normalised_gain(pre: Fraction, post: Fraction) -> Fraction | None:
    """``g = (post - pre) / (1 - pre)``; None (undefined) when pre is 100%: nothing was left to gain."""
    if pre >= 1:
        return None
    return (post - pre) / (1 - pre)


@dataclass(frozen=True)
class Comparison:
    """Before/after rates of one question, one objective or the whole check."""

    key: str
    label: str
    pre: Rate
    post: Rate

    @property
    def gain(self) -> Fraction | None:
        pre, post = self.pre.value, self.post.value
        return None if pre is None or post is None else normalised_gain(pre, post)


@dataclass
class Results:
    """Everything the report shows: counts and figures, no participant codes."""

    assessment: Assessment
    participants: int                 # answered both checks
    pre_only: int
    post_only: int
    questions: list[Comparison]
    objectives: list[Comparison]
    overall: Comparison
    skipped: list[Finding]


def _rate(sheets: Iterable[dict[str, bool]], qids: list[str]) -> Rate:
    sheets = list(sheets)
    return Rate(sum(s[q] for s in sheets for q in qids), len(sheets) * len(qids))


def score(assessment: Assessment, pre: ResponseSet, post: ResponseSet) -> Results:
    """Per-question, per-objective and overall figures for the participants in both sets."""
    both = sorted(set(pre.correct) & set(post.correct))
    if not both:
        raise InputError([Finding(post.shown, None, "RESPONSES-UNMATCHED",
                                  "no participant code appears in both the before and the after responses",
                                  "use the same participant codes in both forms (case and spaces do not matter)")])
    before = [pre.correct[c] for c in both]
    after = [post.correct[c] for c in both]

    def figure(key: str, label: str, qids: list[str]) -> Comparison:
        return Comparison(key, label, _rate(before, qids), _rate(after, qids))

    questions = [figure(q.id, q.text, [q.id]) for q in assessment.questions]
    by_objective: dict[str, list[str]] = {}
    for q in assessment.questions:
        for ref in q.objectives:
            by_objective.setdefault(ref, []).append(q.id)
    objectives = [figure(ref, ref, qids) for ref, qids in by_objective.items()]
    overall = figure("all", "All questions", [q.id for q in assessment.questions])
    return Results(assessment, len(both), len(set(pre.correct) - set(post.correct)),
                   len(set(post.correct) - set(pre.correct)), questions, objectives, overall,
                   pre.skipped + post.skipped)


# ---- presentation of figures ------------------------------------------------------------------

def percent(rate: Fraction | None) -> str:
    """'62.5' for 5/8; '' when there is no rate."""
    return "" if rate is None else f"{float(rate * 100):.1f}"


def gain_text(gain: Fraction | None) -> str:
    """'0.67' for 2/3; 'n/a' when undefined (everyone was already correct before)."""
    return "n/a" if gain is None else f"{float(gain):.2f}"
