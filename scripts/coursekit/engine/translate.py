"""Translation catalogues: extract the English, update each language's ``.po`` files, count what is done.

- ``extract`` writes the ``.pot`` templates into ``_build/gettext/``: one per page, made by Sphinx's
  own gettext builder from the participant edition's stage (so trainer pages never reach a
  translator, and code cells are never text to translate), plus ``coursekit.pot`` (the library's
  words marked ``_()``/``N_()`` in ``coursekit.book`` and the site's notices, collected with babel)
  and ``data.pot`` (data text readers see: the glossary, challenges, steps taken, country facts,
  practice and self-check questions; ``model.data_text``).
- ``update`` runs sphinx-intl's ``update``: new English becomes new empty entries, translations are
  kept, and an entry whose English changed becomes *fuzzy* (babel's merge), which no page shows.
- ``status`` merges in memory the same way and counts, per language and page, the share of strings
  translated, fuzzy (stale) and untranslated, and which translations are machine-assisted.

Extraction is cached on the stage's bytes, so a second ``status`` or ``review`` with no English
change does not run Sphinx again.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from ..model import atomic, data_text
from ..model import languages as langs
from ..model.curriculum import load
from ..model.findings import Finding, InputError
from .editions import PARTICIPANT
from .render import jupyter_book_command
from .stage import stage

POT_DIR = "_build/gettext"
WORK = "_build/translate"
LIBRARY = Path(__file__).resolve().parents[1]
LIBRARY_SOURCES = ("book", "engine/languages.py", "kit/language_handbooks.py", "kit/handouts.py")  # where the library's marked words are
KEYWORDS = {"_": None, "N_": None, "set_xlabel": None, "set_ylabel": None}


def _stage_key(stage_dir: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(stage_dir.rglob("*")):
        if p.is_file() and p.suffix in (".md", ".ipynb", ".yml"):
            h.update(p.relative_to(stage_dir).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def extract(root: Path) -> Path:
    """Write the ``.pot`` templates of the current English into ``_build/gettext``; return that folder."""
    course = load(root)
    pages = [e.path for e in course.toc if e.path is not None]
    work = root / WORK
    stage_dir = work / "stage"
    stage(root, stage_dir, PARTICIPANT, pages)
    config_path = stage_dir / "_config.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    cfg = config.setdefault("sphinx", {}).setdefault("config", {})
    cfg |= {"gettext_compact": False, "gettext_location": False, "gettext_uuid": False}
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    pots = root / POT_DIR
    key = _stage_key(stage_dir)
    stamp = pots / ".stage-key"
    if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == key):
        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)
        log = work / "gettext.log"
        with log.open("w", encoding="utf-8") as fh:
            proc = subprocess.run([*jupyter_book_command(), "build", str(stage_dir), "--path-output", str(out),
                                   "--builder", "custom", "--custom-builder", "gettext"],
                                  stdout=fh, stderr=subprocess.STDOUT, cwd=stage_dir, check=False)
        made = out / "_build" / "gettext"
        if proc.returncode != 0 or not made.is_dir():
            tail = " | ".join(log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:])
            raise InputError([Finding(log.relative_to(root).as_posix(), None, "EXTRACT-FAILED",
                                      f"Sphinx could not extract the English text: {tail}",
                                      "run 'python3 scripts/course.py validate' and fix what it lists")])
        shutil.rmtree(pots, ignore_errors=True)
        shutil.copytree(made, pots, ignore=shutil.ignore_patterns("sphinx.pot"))
        stamp.write_text(key, encoding="utf-8")
    _write_pot(pots / f"{langs.LIBRARY_DOMAIN}.pot", library_messages())
    _write_pot(pots / f"{langs.DATA_DOMAIN}.pot", data_messages(root))
    return pots


def library_messages() -> list[str]:
    """The words of ``coursekit.book`` (and the site's notices) marked for translation."""
    found: dict[str, None] = {}
    for rel in LIBRARY_SOURCES:
        target = LIBRARY / rel
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for f in files:
            with f.open("rb") as fh:
                for _line, message, _comments, _context in extract_from_file("python", fh.name, keywords=KEYWORDS):
                    if isinstance(message, str) and message.strip():
                        found[message] = None
    return list(found)


def data_messages(root: Path) -> list[str]:
    """Data text readers see, keyed by the English (``model.data_text``: vocabularies, glossary,
    challenges, country updates, practice and self-check questions)."""
    return data_text.messages(root)


def _write_pot(path: Path, messages: list[str]) -> None:
    cat = Catalog(project="OCSEA training book", fuzzy=False)
    for m in messages:
        cat.add(m)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, cat, width=76, omit_header=False, sort_output=False)


def update(root: Path, codes: list[str] | None = None) -> dict[str, int]:
    """Bring every language's ``.po`` files up to the current English, as ``sphinx-intl update`` does
    (its own catalogue functions, in this process: its worker pool would not stop on Ctrl-C)."""
    from sphinx_intl import catalog as intl

    pots = extract(root)
    chosen = codes or [lang.code for lang in langs.load(root)]
    if not chosen:
        raise InputError([Finding(langs.FILE, None, "LANG-NONE", "lists no language to translate into",
                                  "add one: 'languages:' then '- code: id' and 'name: Bahasa Indonesia'")])
    counts = {"create": 0, "update": 0, "notchanged": 0}
    for pot in sorted(pots.rglob("*.pot")):
        domain = pot.relative_to(pots).with_suffix("").as_posix()
        for code in chosen:
            po = langs.catalogue_path(root, code, domain)
            template = intl.load_po(str(pot))
            if not po.is_file():
                template.locale = code
                _write_po_file(po, template)
                counts["create"] += 1
                continue
            cat = intl.load_po(str(po))
            before = {(m.id, m.string, m.fuzzy) for m in cat if m.id}
            intl.update_with_fuzzy(cat, template)
            if before != {(m.id, m.string, m.fuzzy) for m in cat if m.id}:
                _write_po_file(po, cat)
                counts["update"] += 1
            else:
                counts["notchanged"] += 1
    return counts


def _write_po_file(path: Path, catalogue: Catalog) -> None:
    """Write a ``.po`` file whole or not at all; with each fuzzy entry's previous English (``#|``), which
    Poedit shows beside the new English so the translator sees what changed."""
    buf = io.BytesIO()
    write_po(buf, catalogue, width=76, include_previous=True)
    atomic.write_bytes(path, buf.getvalue(), overwrite=True)


@dataclass
class UnitStatus:
    """One page's (or catalogue's) strings in one language."""

    language: str
    unit: str
    total: int
    translated: int
    fuzzy: int
    machine: int  # of the translated, how many are machine-assisted
    stale_texts: list[str]

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    def share(self, n: int) -> float:
        return 100.0 * n / self.total if self.total else 0.0


def _merged(pot: Path, po: Path, code: str) -> Catalog:
    with pot.open("rb") as fh:
        template = read_po(fh)
    catalogue = langs.read_catalogue(po, code)
    catalogue.update(template)  # what sphinx-intl's update_with_fuzzy does, in memory
    return catalogue


def unit_name(domain: str) -> str:
    """The page a catalogue belongs to, as the table of contents names it ('book/glossary')."""
    return domain if domain in (langs.LIBRARY_DOMAIN, langs.DATA_DOMAIN) else f"book/{domain}"


def status(root: Path, *, extract_first: bool = True) -> list[UnitStatus]:
    """Per language and page: strings translated, fuzzy and untranslated against the current English.
    A course with no language besides English has nothing to count: the English is not extracted (a
    Sphinx gettext build of the whole book, seconds that ``review`` spent on every such course)."""
    languages = langs.load(root)
    if not languages:
        return []
    pots = extract(root) if extract_first else root / POT_DIR
    out = []
    for lang in languages:
        for pot in sorted(pots.rglob("*.pot")):
            domain = pot.relative_to(pots).with_suffix("").as_posix()
            merged = _merged(pot, langs.catalogue_path(root, lang.code, domain), lang.code)
            msgs = [m for m in merged if m.id]
            if not msgs:
                continue
            done = [m for m in msgs if m.string and not m.fuzzy]
            stale = [m for m in msgs if m.string and m.fuzzy]
            out.append(UnitStatus(lang.code, unit_name(domain), len(msgs), len(done), len(stale),
                                  sum(langs.provenance(m) == langs.MACHINE for m in done),
                                  [str(m.id) for m in stale]))
    return out


def pages_share(rows: list[UnitStatus], units: list[str] | None = None) -> float:
    """The share (percent) of the strings translated on the book's pages of ``rows``, or on ``units`` alone
    (a pilot's pages, which a language's target then counts)."""
    scoped = [r for r in rows if r.unit.startswith("book/") and (not units or r.unit in units)]
    total = sum(r.total for r in scoped)
    return 100.0 * sum(r.translated for r in scoped) / total if total else 100.0


def scoped_share(lang: langs.Language, rows: list[UnitStatus]) -> float:
    """``pages_share`` of ``lang``'s rows on the pages that count toward its target."""
    return pages_share([r for r in rows if r.language == lang.code], lang.units)


def ci_problems(root: Path, rows: list[UnitStatus]) -> list[str]:
    """What fails ``translate status --ci``: stale strings anywhere, and an in-scope share below target."""
    problems = []
    for lang in langs.load(root):
        mine = [r for r in rows if r.language == lang.code]
        stale = sum(r.fuzzy for r in mine)
        if stale:
            problems.append(f"{lang.code}: {stale} stale (fuzzy) string(s): update their translations")
        share = scoped_share(lang, mine)
        if share < lang.target:
            problems.append(f"{lang.code}: {share:.1f}% of its pages' strings translated, below its target "
                            f"of {lang.target}%")
    return problems


def stale_pages(root: Path) -> list[UnitStatus]:
    """Pages whose translation is older than their English (fuzzy strings): for ``review``."""
    return [r for r in status(root) if r.fuzzy]
