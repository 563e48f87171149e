"""Practice questions for self-study (``data/practice/<part>.yaml``), one file per part.

These are not the knowledge check used before and after a delivery: that check's answers stay in
the trainer edition. A practice question's answer and explanation are for the participant, who can
reveal them on the self-check page.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator

from . import data
from .findings import Finding, InputError
from .records import SOURCE_ID, Strict
from .sourcefiles import line_of, read_yaml, validate_yaml_item

FOLDER = "practice"


class PracticeQuestion(Strict):
    id: str = Field(pattern=r"^p[0-9]+$")
    question: str = Field(min_length=10)
    options: list[str] | None = None
    answer: str = Field(min_length=1)
    explanation: str = Field(min_length=10)
    sources: list[str]
    objectives: list[str] = Field(default_factory=list)  # '<unit id>#<n>': what the question practises

    @field_validator("objectives")
    @classmethod
    def _objective_refs(cls, v: list[str]) -> list[str]:
        import re

        bad = [r for r in v if not re.fullmatch(r"[a-z0-9][a-z0-9-]*#[1-9][0-9]*", r)]
        if bad:
            raise ValueError(f"not an objective reference ('<unit id>#<n>'): {', '.join(bad)}")
        return v

    @field_validator("sources")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        import re

        bad = [s for s in v if not re.match(SOURCE_ID, s)]
        if bad:
            raise ValueError(f"not a source id: {', '.join(bad)}")
        return v


def path(root: Path, part: str) -> Path:
    return root / "data" / FOLDER / f"{part}.yaml"


def read(root: Path, part: str) -> tuple[list[PracticeQuestion], list[Finding]]:
    """The part's practice questions (none when it has no file) and what is wrong with them."""
    p = data.record(path(root, part))  # recorded present or not: a new file re-runs the page
    if not p.is_file():
        return [], []
    shown = f"data/{FOLDER}/{part}.yaml"
    doc, findings = read_yaml(p, shown)
    items = doc.get("questions") if isinstance(doc, dict) else None
    if doc is not None and not isinstance(items, list):
        return [], [*findings, Finding(shown, 1, "PRACTICE-FORMAT", "expected a list under 'questions:'",
                                       "see data/practice/README.md")]
    out: list[PracticeQuestion] = []
    for i, item in enumerate(items or []):
        value, errs = validate_yaml_item(item, PracticeQuestion, shown, line_of(items, i))
        findings += errs
        if value is not None:
            if value.options is not None and value.answer not in value.options:
                findings.append(Finding(shown, line_of(items, i), "PRACTICE-ANSWER-NOT-AN-OPTION",
                                        f"{value.id}: the answer is not one of its options",
                                        "write the answer exactly as one of the options"))
            out.append(value)
    return out, findings


def load(root: Path, part: str) -> list[PracticeQuestion]:
    questions, findings = read(root, part)
    if findings:
        raise InputError(findings)
    return questions


def parts(root: Path) -> list[str]:
    folder = (root / "data" / FOLDER).resolve()
    data.record(folder / data.LISTING)
    return [p.stem for p in data.listed(folder) if p.parent == folder and p.suffix == ".yaml"]
