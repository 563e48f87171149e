"""A knowledge check's answer key as the leak check looks for it, and the objective labels pages print.

A participant page may show a question, its choices and the objectives it tests; it may never show
the key: the ``answer:``, ``accept:``, ``keywords:`` or ``rationale:`` of a question, or any other
field a question carries that participants do not see (``assessments.PARTICIPANT_FIELDS`` lists what
they do see), lists included; ``sources:`` is the one exception (``NOT_KEY``). ``key_lines`` finds each entry in the file's own text (a page that includes
the file shows those lines); ``key_entries`` and ``answer_values`` give them as words for the leak
check, which searches them whatever their length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..model import assessments
from ..model.curriculum import Course, is_trainer_page
from .sitetext import words

# Fields a question carries that are not its key, and why each is safe to leave out: ``sources`` lists
# ids of the public bibliography (data/sources.yaml), which participant pages cite in the same words
# ("Sources: Disrupting Harm"); it says which document a question draws on, never its answer.
NOT_KEY = frozenset({"sources"})
_KEY_FIELD = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)\s*:")


def objective_labels(course: Course) -> list[str]:
    """Each participant unit's objectives as pages name them ("Course overview, objective 1: Explain
    ..."): a self-check page prints these labels from the units' public metadata, so the same words
    on a trainer page (the score report's tables) are no leak. A trainer page's objectives are not
    included: they are its own."""
    public_units = {u.id for u in course.units if not is_trainer_page(u.shown)}
    return [o.label() for ref, o in assessments.objective_index(course).items()
            if ref.rsplit("#", 1)[0] in public_units]


def answer_values(root: Path) -> list[tuple[tuple[str, ...], str]]:
    """Each answer of every knowledge check on its own ("Expedited preservation of the data."), as
    a page shows it under a question, with where it is."""
    found = []
    for path in assessments.files(root):
        shown = path.relative_to(root).as_posix()
        parsed = assessments.parse(path, shown)
        if parsed.assessment is None:
            continue
        for q in parsed.assessment.questions:
            answer = q.answer if isinstance(q.answer, str) else ""
            for value in (answer, *(q.accept or [])):
                ws = tuple(words(str(value)))
                if any(len(w) >= 3 and w.isalpha() for w in ws):
                    found.append((ws, f"{shown}, answer to {q.id}"))
    return found


def key_lines(raw: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of every answer-key entry of a knowledge-check file: a question's field
    that participants do not see (``answer:``, ``accept:``, ``keywords:``, ``rationale:``,
    any list, not ``sources:``), with the lines that continue it (a block list's ``- item`` lines, a
    folded scalar) joined to it, as a page that includes the file shows them one after another."""
    lines = raw.splitlines()
    n = 0
    while n < len(lines):
        m = _KEY_FIELD.match(lines[n])
        indent = len(m.group(1)) if m else 0
        if not m or indent == 0 or m.group(2) in assessments.PARTICIPANT_FIELDS or m.group(2) in NOT_KEY:
            n += 1
            continue
        entry = [lines[n]]
        n += 1
        while n < len(lines):  # deeper lines, or a block list at the key's own column, continue it
            line = lines[n]
            col = len(line) - len(line.lstrip())
            if line.strip() and not (col > indent or (col == indent and line.lstrip().startswith("- "))):
                break
            entry.append(line)
            n += 1
        yield n - len(entry) + 1, "\n".join(entry)


def key_entries(root: Path) -> list[tuple[tuple[str, ...], str]]:
    """Each answer-key entry of every knowledge check as words, with where it is."""
    found = []
    for path in assessments.files(root):
        shown = path.relative_to(root).as_posix()
        raw = path.read_text(encoding="utf-8", errors="replace")
        for n, text in key_lines(raw):
            ws = tuple(words(text))
            if len(ws) > 1:  # the field's name alone ("accept:") says nothing
                found.append((ws, f"{shown}, line {n}"))
    return found
