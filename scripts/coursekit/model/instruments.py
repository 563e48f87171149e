"""The international instruments the course teaches, article by article (``data/instruments/<id>.yaml``).

The typed model of an instrument file, its reader (every problem a finding with its line) and the
loaders the standards pages use (``book/instruments.py`` draws the tables). Loading goes through
``coursekit.model.data``, so the build cache knows which instrument files a unit read.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from . import data
from .dates import format_date
from .findings import Finding, InputError, relpath
from .records import SOURCE_ID, Strict
from .sourcefiles import line_at, line_of, plain, read_yaml

FOLDER = "instruments"

Tag = Literal["offence", "procedural-power", "safeguard", "cooperation", "victim-protection", "prevention",
              "general"]
TAGS: tuple[str, ...] = Tag.__args__  # type: ignore[attr-defined]

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ARTICLE_NUMBER = r"^[0-9]+[A-Za-z]?$"
NOT_VERIFIED = "not verified"


def _date_text(v: Any) -> Any:
    """YAML reads 2001-11-23 as a date; keep every date as text so '2016-11' and '2015' fit too."""
    return v.isoformat() if isinstance(v, dt.date) else v


def plural(word: str) -> str:
    """'article' -> 'articles', 'capability' -> 'capabilities'."""
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


class Article(Strict):
    """One article (or, for the Model National Response, one capability) of an instrument."""

    number: str = Field(pattern=ARTICLE_NUMBER)
    title: str = Field(min_length=3)
    heading: Literal["official", "descriptive"] = "official"  # descriptive: the text has no heading
    summary: str = Field(min_length=20, max_length=700)
    tags: list[Tag] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    verified: bool
    note: str | None = None

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v

    @field_validator("sources")
    @classmethod
    def _source_ids(cls, v: list[str]) -> list[str]:
        bad = [s for s in v if not re.match(SOURCE_ID, s)]
        if bad:
            raise ValueError(f"not a source id: {', '.join(bad)} (ids are lower-case words joined by hyphens)")
        return v


class KeyFact(Strict):
    """A dated fact about the instrument: an event (adoption, opening), a status or a rule.

    A status (a count of Parties, signatures) changes over time, so it must say when it was true.
    """

    kind: Literal["event", "status", "rule"]
    label: str = Field(min_length=3)
    value: str = Field(min_length=3)
    date: str | None = Field(default=None, pattern=PARTIAL_DATE)
    as_of: str | None = Field(default=None, pattern=PARTIAL_DATE)
    date_note: str | None = None
    sources: list[str] = Field(min_length=1)

    @field_validator("date", "as_of", mode="before")
    @classmethod
    def _dates_as_text(cls, v: Any) -> Any:
        return _date_text(v)

    @model_validator(mode="after")
    def _dated(self) -> KeyFact:
        if self.kind == "event" and not self.date:
            raise ValueError("an event needs 'date' (YYYY-MM-DD, YYYY-MM or YYYY)")
        if self.kind == "status" and not (self.as_of or self.date_note):
            raise ValueError("a status needs 'as_of' (the date it was true) or a 'date_note' saying why none is known")
        return self

    def when(self) -> str:
        """The date column of the key-facts table."""
        if self.date:
            return format_date(self.date)
        if self.as_of:
            return f"as of {format_date(self.as_of)}"
        return self.date_note or ""


class Instrument(Strict):
    """One instrument file: what it is, its key facts, and its articles."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    short_title: str = Field(min_length=3)
    full_title: str = Field(min_length=3)
    treaty_number: str | None = None
    item_name: str = "Article"  # what its numbered parts are called ("Capability" for the MNR)
    data_as_of: str = Field(pattern=PARTIAL_DATE)  # when the articles were last checked against the references
    sources: list[str] = Field(min_length=1)
    facts: list[KeyFact] = Field(default_factory=list)
    articles: list[Article] = Field(min_length=1)

    @field_validator("data_as_of", mode="before")
    @classmethod
    def _as_of_as_text(cls, v: Any) -> Any:
        return _date_text(v)

    def article(self, number: str) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)

    def numbers(self) -> list[str]:
        return [a.number for a in self.articles]


def parse_reference(ref: str) -> tuple[str, str]:
    """'budapest:9' -> ('budapest', '9'): how a unit's ``standards:`` metadata names an article."""
    inst_id, _, number = ref.partition(":")
    return inst_id.strip(), number.strip()


def compact(numbers: list[str]) -> str:
    """['1', '2', '3', '9'] -> '1-3, 9': a short list of article numbers for messages."""
    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run.clear()

    for n in numbers:
        if n.isdigit() and run and int(n) == run[-1] + 1:
            run.append(int(n))
            continue
        flush()
        if n.isdigit():
            run.append(int(n))
        else:
            out.append(n)
    flush()
    return ", ".join(out)


# ---- reading a file: every problem becomes a finding with its line ----------------------------

def read_instrument(path: Path, shown: str) -> tuple[Instrument | None, list[Finding]]:
    """A typed instrument file, or findings naming file, line and fix (never an exception)."""
    doc, findings = data.parsed_yaml(path, shown)
    if doc is None:
        return None, findings
    if not isinstance(doc, dict):
        return None, [Finding(shown, 1, "INSTRUMENT-FORMAT", "the file is not a mapping of fields",
                              "start with 'id:', 'short_title:', 'full_title:', 'sources:' and 'articles:'")]
    try:
        inst = Instrument.model_validate(plain(doc))
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "file"
            findings.append(Finding(shown, line_at(doc, err["loc"]), "INSTRUMENT-FIELD",
                                    f"{where}: {err['msg']}", "correct the field named here; see data/README.md"))
        return None, findings
    if inst.id != path.stem:
        findings.append(Finding(shown, line_of(doc, "id"), "INSTRUMENT-ID",
                                f"id '{inst.id}' does not match the file name '{path.name}'",
                                f"rename the file to {inst.id}.yaml or set id: {path.stem}"))
    seen: dict[str, int | None] = {}
    for i, art in enumerate(inst.articles):
        line = line_of(doc["articles"], i)
        if art.number in seen:
            findings.append(Finding(shown, line, "INSTRUMENT-DUPLICATE-ARTICLE",
                                    f"{inst.item_name.lower()} {art.number} is listed twice (also line {seen[art.number]})",
                                    "keep one entry per article"))
        seen.setdefault(art.number, line)
    return (inst if not findings else None), findings


def source_lines(path: Path, shown: str) -> list[tuple[str, int | None]]:
    """Every source id the file cites, with its line (for the bibliography check)."""
    doc, _ = read_yaml(path, shown)
    out: list[tuple[str, int | None]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("sources", "source") and isinstance(value, list):
                    out.extend((str(s), line_of(value, i)) for i, s in enumerate(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)
    return out


# ---- notebooks: typed loading through coursekit.model.data ------------------------------------------

def load(instrument_id: str) -> Instrument:
    """``data/instruments/<id>.yaml``, typed; bad data raises InputError with file:line findings."""
    p = data.path(f"{FOLDER}/{instrument_id}.yaml")
    inst, findings = read_instrument(p, relpath(p, data.root()))
    if inst is None:
        raise InputError(findings)
    return inst


def ids() -> list[str]:
    """The ids of every instrument file, in name order."""
    folder = (data.root() / "data" / FOLDER).resolve()
    return [p.stem for p in data.listing(folder) if p.parent == folder and p.suffix == ".yaml"]


def load_all() -> dict[str, Instrument]:
    """Every instrument, by id."""
    return {i: load(i) for i in ids()}


def select(inst: Instrument, numbers: str | list[str] | None) -> list[Article]:
    """Articles picked by '14-21, 35' or ['9', '11'] (None: all), in the instrument's order.

    Asking for an article that is not in the data is an error: the page would silently omit it.
    """
    if numbers is None:
        return list(inst.articles)
    wanted: list[str] = []
    for part in (numbers.split(",") if isinstance(numbers, str) else numbers):
        part = str(part).strip()
        m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", part)
        wanted += [str(n) for n in range(int(m[1]), int(m[2]) + 1)] if m else [part]
    missing = [n for n in wanted if inst.article(n) is None]
    if missing:
        raise InputError([Finding(f"data/{FOLDER}/{inst.id}.yaml", None, "STANDARD-UNKNOWN",
                                  f"{plural(inst.item_name.lower())} {', '.join(missing)} of {inst.id} are not in the data",
                                  "add them to the instrument file or correct the numbers")])
    keep = set(wanted)
    return [a for a in inst.articles if a.number in keep]


