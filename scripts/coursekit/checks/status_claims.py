"""Hand-written status claims that the data contradicts: prose must not retell ``legislation.csv``.

A country page once said "possession: not shown" while ``data/legislation.csv`` said "yes (s. 286A)":
the row was re-checked, the sentence was not. Pages now state statuses through ``book.status`` (written
from the data); this check finds what an author still writes by hand. In a unit about one country
(``metadata.course.countries`` names exactly one), in every Markdown cell and in the unit's objectives
and key points, outside quotations, it looks for a provision's name (possession, grooming, the Budapest
Convention, ...) and, in the same clause, a status word (not a Party, signed, is an offence, not shown,
gap, partial, ...). When the status the words claim differs from the row, the finding names the unit,
the cell and its line, the words, and the row.

The patterns are deliberately narrow (a finding must be worth reading), and tuned to report nothing on
the shipped book; ``tests/checks/test_status_claims.py`` plants contradictions and checks both ways.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model import assessments
from ..model.curriculum import Course, Unit
from ..model.findings import Finding
from ..model.legislation import PROVISIONS, LegislationRow
from ..model.sourcefiles import read_csv

LEGISLATION = "data/legislation.csv"

# A provision's names as pages write them. Order matters: the Protocol is masked before the
# Convention it belongs to is looked for.
NAMES: tuple[tuple[str, str], ...] = (
    ("budapest_p2_party", r"Second Additional Protocol(?: to the (?:Budapest|Cybercrime) Convention)?"),
    ("budapest_party", r"Budapest Convention(?! Art)"),
    ("lanzarote_party", r"Lanzarote(?: Convention)?(?! Art| Convention Art)"),
    ("opsc_party", r"\bOPSC\b|Optional Protocol to the Convention on the Rights of the Child"),
    ("un_cybercrime_party", r"(?:UN|United Nations) Convention(?: against Cybercrime)?(?! Art)"),
    ("csam_possession", r"\bpossess(?:ion|ing)\b"),
    ("online_solicitation", r"\bgrooming\b|\bonline solicitation\b"),
    ("livestream_offence", r"\blive-?stream(?:ed|ing)? (?:abuse|offence)"),
    ("expedited_preservation", r"\bpreservation (?:powers?|gap|provision|orders?)\b|\bexpedited preservation\b"),
    ("production_orders", r"\bproduction orders?\b"),
    ("contact_24_7", r"\b24/7 (?:point of )?contact\b"),
)

# Status words, by the kind of provision they describe. Earlier patterns win where two overlap
# ("not a Party" is not "a Party").
TREATY_WORDS: tuple[tuple[str, str], ...] = (
    ("unknown", r"\bnot verified\b|\bunknown\b|\bnot shown\b"),
    ("no", r"\bnot (?:yet )?a Party\b|\bwithout being a Party\b|\bnon-Party\b|\bneither signed\b"),
    ("partial", r"\bsign(?:ed|atory|ature)\b"),
    ("yes", r"\b(?:is|was|has been|became|becoming) (?:the first [\w ]+ )?(?:a )?Party\b|\bfirst [\w ]+ Party\b|"
            r"\bParty (?:to|since)\b"),
)
LAW_WORDS: tuple[tuple[str, str], ...] = (
    ("unknown", r"\bnot shown\b|\bnot verified\b|\bunknown\b|\bdo not settle\b"),
    ("no", r"\bno offence\b|\bnot (?:an offence|criminali[sz]ed)\b|\bgap\b|\bmarks? [^.;]*\bas no\b|"
           r"\bmarked (?:as )?\"?no\b"),
    ("partial", r"\bpartial(?:ly)?\b|\bpartly\b|\bonly '?(?:with|where) '?intent\b"),
    ("yes", r"\b(?:is|are|became|becomes) (?:an )?offences?\b|\bmade [^.;]* an offence\b|"
            r"\bmaking [^.;]* offences?\b|\b(?:Code|Act|[Ll]aw)\b[^.;]{0,40}\bcovers?\b"),
)
# Law clauses rarely mix statuses, and a doubt outweighs an assertion ("whether the Code covers
# possession is not shown"); treaty sentences often do mix them, so there the nearest word counts.
LAW_PRIORITY = ("unknown", "no", "partial", "yes")
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|^>.*$", re.M)
CLAUSE = re.compile(r"[^.;:?!\n]+")
TREATY_CLAUSE = re.compile(r"(?:[^.;:?!,\n](?! and ))+[^.;:?!,\n]?")  # treaty claims also end at a comma or 'and'



@dataclass(frozen=True)
class Claim:
    """A status the words of a page claim for one provision, where they stand."""

    provision: str
    status: str
    words: str
    where: str     # "cell 7, line 2" or "metadata.course.keypoints item 2"
    anchor: str    # the line or item the claim is in, to find its line in the stored notebook


def _words_for(provision: str) -> tuple[tuple[str, str], ...]:
    return TREATY_WORDS if PROVISIONS[provision].kind == "treaty" else LAW_WORDS


def _status_spans(clause: str, table: tuple[tuple[str, str], ...]) -> list[tuple[int, int, str]]:
    taken: list[tuple[int, int, str]] = []
    for status, pattern in table:
        for m in re.finditer(pattern, clause, re.I):
            if not any(m.start() < e and s < m.end() for s, e, _ in taken):
                taken.append((m.start(), m.end(), status))
    return taken


def claims_in(text: str, where: str) -> Iterator[Claim]:
    """Every (provision, status) the text claims, clause by clause; quotations are left out."""
    original, text = text, QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    for kind, splitter in (("treaty", TREATY_CLAUSE), ("law", CLAUSE)):
        for clause_m in splitter.finditer(text):
            clause = clause_m.group(0)
            masked = clause
            for provision, pattern in NAMES:
                if PROVISIONS[provision].kind != kind:
                    continue
                for m in re.finditer(pattern, masked, re.I if kind == "law" else 0):
                    masked = masked[: m.start()] + "#" * (m.end() - m.start()) + masked[m.end():]
                    spans = _status_spans(clause, _words_for(provision))
                    if not spans:
                        continue
                    centre = (m.start() + m.end()) / 2
                    if kind == "law":
                        pick = min(spans, key=lambda sp: LAW_PRIORITY.index(sp[2]))
                    else:
                        pick = min(spans, key=lambda sp: abs((sp[0] + sp[1]) / 2 - centre))
                    s, e, status = pick
                    yield Claim(provision, status, f"{m.group(0)} ... {clause[s:e]}", where, original)


def unit_claims(unit: Unit) -> Iterator[Claim]:
    """Claims in the unit's Markdown cells and in its objectives and key points."""
    meta = unit.meta or {}
    for field in ("objectives", "keypoints"):
        for n, item in enumerate(meta.get(field) or [], start=1):
            yield from claims_in(str(item), f"metadata.course.{field} item {n}")
    for i, cell in enumerate(unit.notebook.cells if unit.notebook else [], start=1):
        if cell.cell_type != "markdown":
            continue
        for ln, line in enumerate(str(cell.source).splitlines(), start=1):
            yield from claims_in(line, f"cell {i}, line {ln}")


def _rows(course: Course) -> dict[tuple[str, str], tuple[LegislationRow, int]]:
    p = course.root / LEGISLATION
    if not p.exists():
        return {}
    rows, _ = read_csv(p, LEGISLATION, LegislationRow)  # legislation.py reports the file's own problems
    return {(r.value.country, r.value.provision): (r.value, r.line) for r in rows}


def _line(unit: Unit, anchor: str) -> int | None:
    """The line of the stored notebook that holds ``anchor`` (JSON-escaped as nbformat stores it)."""
    return unit.line_of(json.dumps(anchor.strip())[1:-1]) or unit.line_of(anchor.strip()[:40])


def _finding(shown: str, line: int | None, claim: Claim, country: str,
             found: tuple[LegislationRow, int] | None) -> Finding:
    data_status = found[0].status if found else "unknown"
    where = f"{LEGISLATION} line {found[1]}" if found else f"{LEGISLATION} (no row: unknown)"
    return Finding(shown, line, "STATUS-CLAIM-CONTRADICTS-DATA",
                   f"{claim.where}: '{claim.words}' claims {PROVISIONS[claim.provision].label} is "
                   f"'{claim.status}' for {country}, but {where} says '{data_status}'",
                   "state the status from the data (coursekit.book.status), or correct the row with "
                   "its source; reword a sentence that is not a status claim")


def _question_claims(course: Course, rows: dict) -> Iterator[Finding]:
    """Model answers and rationales of knowledge-check questions about one country's unit. The question's
    own text is left alone: a true-false statement is put to participants to judge, not asserted."""
    countries = {u.id: (u.meta or {}).get("countries") or [] for u in course.units if u.id}
    for path in assessments.files(course.root):
        parsed = assessments.parse(path, course.shown(path))
        if parsed.assessment is None:
            continue  # assessments.py reports it
        for q in parsed.assessment.questions:
            units = {tuple(countries.get(unit_id, [])) for unit_id, _ in q.objective_refs()}
            if len(units) != 1 or len(next(iter(units))) != 1:
                continue
            country = next(iter(units))[0]
            texts = {"rationale": q.rationale}
            if q.type == "short-answer" and isinstance(q.answer, str):
                texts["answer"] = q.answer
            for field, text in texts.items():
                for claim in claims_in(text, f"question {q.id}, {field}"):
                    found = rows.get((country, claim.provision))
                    if claim.status != (found[0].status if found else "unknown"):
                        at = parsed.lines.get(q.id, {})
                        yield _finding(parsed.shown, at.get(field) or at.get("question"), claim, country, found)


def check(course: Course) -> Iterable[Finding]:
    rows = _rows(course)
    if not rows:
        return
    yield from _question_claims(course, rows)
    for unit in course.units:
        countries = (unit.meta or {}).get("countries") or []
        if len(countries) != 1:
            continue
        country = countries[0]
        for claim in unit_claims(unit):
            found = rows.get((country, claim.provision))
            if claim.status != (found[0].status if found else "unknown"):
                yield _finding(unit.shown, _line(unit, claim.anchor), claim, country, found)
