"""The international instruments the course teaches, article by article (``data/instruments/<id>.yaml``).

Units never type an article title or summary by hand: they call ``article_table`` and ``facts_table``,
which read the instrument file through ``coursekit.data`` (so the build cache knows the unit depends on
it) and show every row with its source and, where the reference facts could not confirm the article's
number or title, the words "not verified".
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import Field, ValidationError, field_validator, model_validator

from . import data
from .charts import list_phrase
from .findings import Finding, InputError, relpath
from .models import SOURCE_ID, Strict
from .sourcefiles import line_at, line_of, plain, read_yaml
from .tables import Table

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


def format_date(value: str) -> str:
    """'2001-11-23' -> '23 November 2001', '2016-11' -> 'November 2016', '2015' -> '2015'."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return f"{d.day} {d.strftime('%B %Y')}"
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1).strftime("%B %Y")
    return str(parts[0])


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
    doc, findings = read_yaml(path, shown)
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


# ---- notebooks: typed loading through coursekit.data ------------------------------------------

def load(instrument_id: str) -> Instrument:
    """``data/instruments/<id>.yaml``, typed; bad data raises InputError with file:line findings."""
    p = data.path(f"{FOLDER}/{instrument_id}.yaml")
    inst, findings = read_instrument(p, relpath(p, data.root()))
    if inst is None:
        raise InputError(findings)
    return inst


def ids() -> list[str]:
    """The ids of every instrument file, in name order."""
    folder = data.root() / "data" / FOLDER
    return sorted(p.stem for p in folder.glob("*.yaml"))


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


def _source_key(ids_in_order: list[str]) -> tuple[dict[str, int], str]:
    """Number the distinct sources of a table: '[1]' in each row, the full list under the table."""
    numbered = {sid: n for n, sid in enumerate(dict.fromkeys(ids_in_order), start=1)}
    titles = data.source_titles(list(numbered))
    listing = "; ".join(f"[{n}] {t}" for n, t in zip(numbered.values(), titles, strict=True))
    return numbered, f"Sources: {listing}."


def article_frame(articles: list[Article], numbered: dict[str, int], item_name: str = "Article") -> pd.DataFrame:
    """The rows of an article table (pure, for tests): one row per article, source and check shown."""
    rows = []
    for a in articles:
        title = a.title if a.heading == "official" else f"{a.title} (descriptive label)"
        checked = "yes" if a.verified else NOT_VERIFIED
        if a.note:
            checked += f": {a.note}"
        rows.append({item_name: a.number, "Title": title, "Summary": a.summary, "Tags": ", ".join(a.tags),
                     "Source": ", ".join(f"[{numbered[s]}]" for s in a.sources), "Checked": checked})
    return pd.DataFrame(rows, columns=[item_name, "Title", "Summary", "Tags", "Source", "Checked"])


def article_table(instrument_id: str, numbers: str | list[str] | None = None, caption: str | None = None) -> Table:
    """The articles of an instrument as a sourced table; unverified rows say 'not verified'."""
    inst = load(instrument_id)
    chosen = select(inst, numbers)
    numbered, listing = _source_key([s for a in chosen for s in a.sources])
    frame = article_frame(chosen, numbered, inst.item_name)
    unverified = sum(not a.verified for a in chosen)
    if unverified:
        listing += (f" {unverified} of {len(chosen)} rows are marked 'not verified': their number or title comes"
                    " from recollection and has not been checked against the instrument's text.")
    item = inst.item_name.lower()
    default = f"{inst.short_title}: {item if len(chosen) == 1 else plural(item)} {compact([a.number for a in chosen])}"
    return Table(frame, caption or default, listing)


def facts_table(instrument_id: str, kinds: tuple[str, ...] = ("event", "status", "rule")) -> Table:
    """Key facts (dates, status with its as-of date, rules), each with its source."""
    inst = load(instrument_id)
    chosen = [f for f in inst.facts if f.kind in kinds]
    numbered, listing = _source_key([s for f in chosen for s in f.sources])
    frame = pd.DataFrame([{"Fact": f.label, "Detail": f.value, "Date": f.when(),
                           "Source": ", ".join(f"[{numbered[s]}]" for s in f.sources)} for f in chosen],
                         columns=["Fact", "Detail", "Date", "Source"])
    title = f"{inst.full_title} ({inst.treaty_number})" if inst.treaty_number else inst.full_title
    return Table(frame, f"Key facts: {title}", listing + " Counts and status change: check the depositary.")


def cited_sources(refs: dict[str, str | list[str] | None], facts_of: tuple[str, ...] = ()) -> list[str]:
    """Every source id behind a unit's tables: the chosen articles, plus the instrument's own sources
    and key facts for the instruments whose facts table the unit shows (``facts_of``)."""
    out: list[str] = []
    for inst_id in facts_of:
        inst = load(inst_id)
        out += inst.sources + [s for f in inst.facts for s in f.sources]
    for inst_id, numbers in refs.items():
        out += [s for a in select(load(inst_id), numbers) for s in a.sources]
    return list(dict.fromkeys(out))


def regional_status(provisions: list[str]) -> Table:
    """Where the participating countries stand on treaties or provisions (``data/legislation.csv``).

    Every cell names its status, the date it took effect when known, and a numbered source; the
    as-of column says when the row was last checked, because treaty status changes.
    """
    from . import legislation  # the treaty vocabulary and the table live there

    rows = legislation.frame()
    names = data.country_names()
    rows = rows[rows["provision"].isin(provisions) & rows["country"].isin(list(names))]
    numbered, listing = _source_key([s for s in rows["source"] if isinstance(s, str)])
    out = []
    for iso2, name in names.items():
        mine = rows[rows["country"] == iso2].set_index("provision")
        row = {"Country": name}
        for p in provisions:
            label = legislation.PROVISIONS[p].label
            if p not in mine.index:
                row[label] = legislation.STATUS_LABELS["unknown"]
                continue
            r = mine.loc[p]
            treaty = legislation.PROVISIONS[p].kind == "treaty"
            since = legislation.since_phrase(r["since"])
            cell = (legislation.TREATY_STATUS_LABELS if treaty else legislation.STATUS_LABELS)[r["status"]]
            if since:
                cell += f" since {since}" if treaty and r["status"] == "yes" else f" ({since})"
            row[label] = cell + (f" [{numbered[r['source']]}]" if isinstance(r["source"], str) else "")
        dates = list(mine["as_of"])
        row["As of"] = format_date(max(dates).isoformat()) if dates else ""
        out.append(row)
    labels = list_phrase([legislation.PROVISIONS[p].label for p in provisions])
    return Table(pd.DataFrame(out), f"The participating countries: {labels}",
                 listing + " 'Signed, not ratified' means signed only; status changes: check the depositary.")


def comparison_table(topics: dict[str, list[str]], caption: str) -> Table:
    """Topics down, instruments across: which article of each instrument deals with the topic.

    ``topics`` maps a topic to unit-style references ('budapest:9'); an instrument with no article
    for a topic shows a dash. Titles, sources and the 'not verified' mark come from the data.
    """
    refs = [parse_reference(r) for rs in topics.values() for r in rs]
    insts = {i: load(i) for i in dict.fromkeys(i for i, _ in refs)}
    arts = {(i, n): select(insts[i], [n])[0] for i, n in refs}
    numbered, listing = _source_key([s for a in arts.values() for s in a.sources])
    rows = []
    for topic, rs in topics.items():
        row = {"Topic": topic} | {inst.short_title: "—" for inst in insts.values()}
        for i, n in map(parse_reference, rs):
            a, inst = arts[(i, n)], insts[i]
            mark = "" if a.verified else f" ({NOT_VERIFIED})"
            cites = ", ".join(f"[{numbered[s]}]" for s in a.sources)
            row[inst.short_title] = f"{inst.item_name} {n}: {a.title}{mark} {cites}"
        rows.append(row)
    return Table(pd.DataFrame(rows), caption, listing)
