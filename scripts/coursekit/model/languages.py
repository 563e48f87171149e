"""The languages of the participant edition and their gettext catalogues (``locales/``).

English is the source language. ``languages.yml`` beside ``_config.yml`` lists the others; each has
its catalogues in ``locales/<code>/LC_MESSAGES/``: one ``.po`` file per page (Sphinx's gettext
domains, ``gettext_compact: false``), ``coursekit.po`` for the library's own words (chart titles,
table headers, notices) and ``data.po`` for data text readers see, keyed by the English text.

How each translation was made is written in the ``.po`` format's own translator comment, one line
``# provenance: machine-assisted``, ``# provenance: human`` or ``# provenance: reviewed by legal
translator``, which Poedit and Weblate show and keep. A fuzzy entry is never used: the English text
is shown instead, with a notice (see ``engine/sphinx_ext``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from .findings import Finding, InputError

FILE = "languages.yml"
LOCALES = "locales"
SOURCE_LANGUAGE = "en"
LIBRARY_DOMAIN = "coursekit"  # the library's own words (coursekit.book)
DATA_DOMAIN = "data"          # data text readers see, keyed by the English text
PROVENANCE = "provenance:"
MACHINE = "machine-assisted"
_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Language:
    """One translated language of the participant edition."""

    code: str            # BCP 47 language subtag: "id", "th"
    name: str            # its name in its own language, for the language menu
    target: int = 0      # share (percent) of in-scope strings ``translate status --ci`` requires translated
    units: tuple[str, ...] = field(default=())  # pilot scope (pages, e.g. "book/glossary"); empty: every page


def load(root: Path) -> list[Language]:
    """The languages of ``languages.yml`` (none when there is no such file). Bad entries raise
    InputError naming the file and what to fix."""
    path = root / FILE
    if not path.is_file():
        return []
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([Finding(FILE, mark.line + 1 if mark else None, "LANG-YAML", f"is not valid YAML: {exc}",
                                  "fix the indentation or quoting on that line")]) from None
    found: list[Language] = []
    problems: list[Finding] = []
    entries = doc.get("languages") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise InputError([Finding(FILE, None, "LANG-LIST", "has no 'languages:' list",
                                  "write 'languages:' and one '- code: id' entry per language")])
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not _CODE.match(str(entry.get("code", ""))):
            problems.append(Finding(FILE, None, "LANG-CODE", f"language {i} has no valid 'code:'",
                                    "give its two- or three-letter code, e.g. 'code: id'"))
            continue
        if entry["code"] == SOURCE_LANGUAGE or not str(entry.get("name") or "").strip():
            problems.append(Finding(FILE, None, "LANG-NAME", f"language {entry['code']!r} is English or has no 'name:'",
                                    "list only translated languages, each with its name in its own language"))
            continue
        found.append(Language(entry["code"], str(entry["name"]).strip(), int(entry.get("target") or 0),
                              tuple(str(u) for u in entry.get("units") or ())))
    if problems:
        raise InputError(problems)
    return found


def catalogue_path(root: Path, code: str, domain: str) -> Path:
    """``locales/<code>/LC_MESSAGES/<domain>.po``."""
    return root / LOCALES / code / "LC_MESSAGES" / f"{domain}.po"


MERGED = "_build/translate/catalogues"  # <code>/data.po: the build's merged data catalogue


def merged_path(root: Path, code: str) -> Path:
    """Where the build writes ``code``'s merged data catalogue (``coursekit.book.i18n`` reads it). Here, not
    in ``data_text``, so a page that draws a chart does not depend on every data reader's code."""
    return root / MERGED / code / f"{DATA_DOMAIN}.po"


def read_catalogue(path: Path, code: str) -> Catalog:
    """A ``.po`` file as a babel Catalog (an empty one when the file does not exist)."""
    if not path.is_file():
        return Catalog(locale=None, domain=path.stem)
    with path.open("rb") as fh:
        try:
            return read_po(fh, locale=code, abort_invalid=True)
        except Exception as exc:  # babel raises its own PoFileError, with the line
            raise InputError([Finding(path.as_posix(), None, "PO-INVALID", f"cannot be read: {exc}",
                                      "open it in Poedit, which points at the broken entry")]) from None


def provenance(message: Message) -> str:
    """How a translation was made, from its ``# provenance: ...`` translator comment ("" if unsaid)."""
    for line in message.user_comments:
        if line.strip().lower().startswith(PROVENANCE):
            return line.strip()[len(PROVENANCE):].strip()
    return ""


def usable(message: Message) -> bool:
    """A translation a page may show: translated and not fuzzy (a fuzzy one translates older English)."""
    return bool(message.id) and bool(message.string) and not message.fuzzy


def translations(path: Path, code: str) -> dict[str, tuple[str, str]]:
    """English text -> (translation, provenance) of every usable entry of a catalogue."""
    return {m.id: (m.string, provenance(m)) for m in read_catalogue(path, code)
            if isinstance(m.id, str) and isinstance(m.string, str) and usable(m)}


def data_text(root: Path, code: str, text: str) -> str:
    """A data text (the book's title, say) in ``code``: its ``data.po`` translation when one translates
    this very English (the catalogue is keyed by it, so a changed English finds none), else the English."""
    return translations(catalogue_path(root, code, DATA_DOMAIN), code).get(text, (text, ""))[0]
