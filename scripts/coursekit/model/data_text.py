"""Data text readers see, keyed by its English: what ``translate extract`` writes into ``data.pot``,
and the data catalogue a translated build reads.

The pages show data text (a challenge, a step taken, a practice question) through ``data.po``,
looked up by the English. A lookup by key alone would let a changed English text fall back to
English silently, and a stale ``.po`` entry (fuzzy after ``translate update``) be shown as if
current. So before a language's units run, the build merges the language's ``data.po`` against the
current English exactly as ``translate update`` does (babel's ``Catalog.update``: an entry whose
English changed matches its old entry fuzzily) and writes the result, translated and stale entries
only, where ``coursekit.book.i18n`` reads it (``languages.merged_path``). A page then shows a stale text in
English with a notice, and never the old translation.

The merged file changes only when a translation or a translated English text changes (new English
with no translation is left out), so editing a data file re-runs only the units that read it.
"""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from . import atomic, capacity, casestudies, cooperation, electronic_evidence, evidence, glossary, legislation
from . import languages as langs
from .challenges import CATEGORIES, ChallengeRow
from .country_updates import FOLDER as UPDATES
from .country_updates import CountryUpdate
from .legislation import PROVISIONS, STATUS_LABELS, TREATY_CELL_WORDS, TREATY_STATUS_LABELS
from .practice import PracticeQuestion
from .sourcefiles import read_csv, read_yaml, typed_items, validate_yaml_item


def messages(root: Path) -> list[str]:
    """Every data text a participant page shows and translates, in a stable order: the vocabularies
    charts and tables label, the glossary, challenges, country updates, practice and self-check questions.
    Trainer-only text (answer keys, rationales) is never offered to translators."""
    found: dict[str, None] = {}

    def add(*texts: str | None) -> None:
        found.update(dict.fromkeys(t for t in texts if isinstance(t, str) and t.strip()))

    for c in CATEGORIES.values():
        add(c.label, c.short)
    for p in PROVISIONS.values():
        add(p.label, p.meaning)
    for words in (STATUS_LABELS, TREATY_STATUS_LABELS, TREATY_CELL_WORDS):
        add(*words.values())
    add(*_vocabularies(), _course_title(root))
    data = root / "data"
    if (data / "glossary.yaml").is_file():
        for t in glossary.terms(root):
            add(t.term, t.meaning, t.instead_of)
        add(*(a.long for a in glossary.acronyms(root)))
    if (data / "challenges.csv").is_file():
        rows, _findings = read_csv(data / "challenges.csv", "data/challenges.csv", ChallengeRow)
        for r in rows:
            add(r.value.description, r.value.addressed_note)
    for f in sorted((data / UPDATES).glob("*.yaml")):
        doc, _findings = read_yaml(f, f"data/{UPDATES}/{f.name}")
        update, _findings = validate_yaml_item(doc, CountryUpdate, f.name, 1)
        if update is not None:
            add(*(x.fact for x in update.profile), *(x.about for x in update.laws), *(x.step for x in update.steps))
    for f in sorted((data / "practice").glob("*.yaml")):
        doc, _findings = read_yaml(f, f"data/practice/{f.name}")
        questions, _findings = typed_items(doc if isinstance(doc, dict) else None, "questions", PracticeQuestion, f.name)
        for q in questions:
            add(q.question, *(q.options or ()), q.answer, q.explanation)
    add(*_self_check_texts(data / "assessments"))
    return list(found)


def _vocabularies() -> list[str]:
    """The fixed words of the data's vocabularies that tables and charts show as cells and labels (phases of a
    case, kinds of cooperation partner, what a channel obtains, evidence levels), and each status as a table
    shows it when only a secondary source supports it ('Yes (secondary source, not checked ...)')."""
    out = [*casestudies.PHASES.values(), *casestudies.EVIDENCE_PROBLEMS.values(), *casestudies.PARTNER_KINDS.values(),
           *cooperation.OBTAINS.values(), *cooperation.DATA_KINDS.values(), *capacity.OFFERS.values(),
           *electronic_evidence.ASPECTS.values(), *evidence.LABELS.values(), *evidence.MEANING.values(),
           evidence.phrase("secondary")]
    treaty, law = legislation.TREATY_PROVISIONS[0], legislation.LAW_PROVISIONS[0]
    out += [legislation.status_with_evidence(p, s, "secondary") for p in (treaty, law) for s in STATUS_LABELS
            if s != "unknown"]
    return out


def _course_title(root: Path) -> str | None:
    """The book's title (``_config.yml``), which a translated handbook prints on its cover."""
    config = root / "_config.yml"
    doc = yaml.safe_load(config.read_text(encoding="utf-8")) if config.is_file() else None
    return str(doc["title"]) if isinstance(doc, dict) and doc.get("title") else None


def _self_check_texts(folder: Path) -> list[str]:
    """What participants see of each knowledge-check question: its text and choices, never its answer."""
    from .assessments import parse, question_view

    out: list[str] = []
    for f in sorted(folder.glob("*.yaml")):
        parsed = parse(f, f"data/assessments/{f.name}")
        if parsed.assessment is None:
            continue
        for view in question_view(parsed.assessment):
            out += [view["text"], *(c["text"] for c in view.get("choices") or ())]
    return out


def merged(root: Path, code: str, english: list[str]) -> Catalog:
    """``code``'s data catalogue against ``english`` as ``translate update`` would make it, keeping
    only entries with a translation: usable ones and stale (fuzzy) ones."""
    catalogue = langs.read_catalogue(langs.catalogue_path(root, code, langs.DATA_DOMAIN), code)
    template = Catalog(locale=code)
    for text in english:
        template.add(text)
    catalogue.update(template)
    out = Catalog(locale=code, domain=langs.DATA_DOMAIN, fuzzy=False)
    for m in catalogue:
        if m.id and m.string:
            out.add(m.id, m.string, flags=m.flags, user_comments=m.user_comments)
    return out


def write_merged(root: Path, code: str, english: list[str]) -> Path:
    """Write ``code``'s merged data catalogue, only when its content changed (the build cache hashes it)."""
    buf = io.BytesIO()
    write_po(buf, merged(root, code, english), width=0, omit_header=True, sort_output=True)
    target = langs.merged_path(root, code)
    if not (target.is_file() and target.read_bytes() == buf.getvalue()):
        atomic.write_bytes(target, buf.getvalue(), overwrite=True)
    return target
