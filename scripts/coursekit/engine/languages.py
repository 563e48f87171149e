"""The participant edition in each language of ``languages.yml``: stage, execute, render, nest.

English is built as before and published at the site's top; each other language is a complete site
of its own in ``<code>/`` inside it, so every link and the search of a language stay in that
language, and the leak check and publishing cover every language at once.

A language's stage is the participant stage with three differences:

- ``_config.yml`` sets Sphinx's ``language`` and ``locale_dirs``, so Sphinx translates every
  Markdown paragraph, heading and list item through the page's catalogue (code is never translated);
- every notebook starts with a hidden cell ``i18n.use("<code>")``, so charts and tables come out in
  that language. The cell is part of the code, so the build cache keeps each language's outputs
  apart, and the unit records its catalogues as read, so a changed ``coursekit.po`` or ``data.po``
  re-runs that language's units and no other's (a page's own ``.po`` only re-renders). The units
  read ``data.po`` merged against the current English data (``model.data_text.write_merged``, made
  here first), so a changed data text is shown in English with a notice, never mistranslated;
- the ``course_languages`` Sphinx extension (``sphinx_ext/``) marks stale, untranslated and
  machine-assisted text and fills the language menu.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from ..engine.cache import coursekit_sources, sha256_bytes
from ..engine.postrender import INLINED_SCRIPTS
from ..engine.sitecheck import Allowlist, inline_key, sha256, site_findings
from ..engine.stage import StagedUnit, read_staged, write_staged
from ..model import atomic, data_text
from ..model import languages as langs
from ..model.findings import Finding, InputError

EXT_DIR = "_course_ext"
EXT_NAME = "course_languages"
EXT_SOURCE = Path(__file__).resolve().parent / "sphinx_ext" / f"{EXT_NAME}.py"
MENU = "language-menu.html"
HIDDEN = ["remove-cell"]  # Jupyter Book drops the cell from the page


def N_(text: str) -> str:  # noqa: N802 (gettext's name for "mark for translation, translate later")
    return text


# The notices the site shows, in English; their translations live in each language's coursekit.po.
NOTICES = {  # one literal each: babel's extractor does not join adjacent string literals
    "stale": N_("The English text of this paragraph changed after it was translated. It is shown in English until the translation is updated."),  # noqa: E501
    "banner": N_("This page was translated with machine assistance and has not been reviewed by a human translator. The English page is the reference."),  # noqa: E501
    "banner_link": N_("Read the English page."),
    "menu": N_("Language"),
}


@dataclass
class LanguageStage:
    """One language's staged participant edition."""

    language: langs.Language
    stage: Path
    units: list[StagedUnit]


def notices(root: Path, code: str) -> dict[str, str]:
    """The site's notices in ``code`` (English where the catalogue has no usable translation)."""
    if code == langs.SOURCE_LANGUAGE:
        return dict(NOTICES)
    words = langs.translations(langs.catalogue_path(root, code, langs.LIBRARY_DOMAIN), code)
    return {k: words.get(v, (v, ""))[0] for k, v in NOTICES.items()}


def menu(languages: list[langs.Language]) -> list[list[str]]:
    return [[langs.SOURCE_LANGUAGE, "English"], *[[lang.code, lang.name] for lang in languages]]


def configure(root: Path, stage_dir: Path, code: str, languages: list[langs.Language]) -> None:
    """Make ``stage_dir`` the participant edition in ``code``: config, catalogues, the extension."""
    (stage_dir / EXT_DIR).mkdir(exist_ok=True)
    shutil.copyfile(EXT_SOURCE, stage_dir / EXT_DIR / EXT_SOURCE.name)
    config_path = stage_dir / "_config.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    sphinx = config.setdefault("sphinx", {})
    sphinx.setdefault("local_extensions", {})[EXT_NAME] = EXT_DIR
    cfg = sphinx.setdefault("config", {})
    if isinstance(cfg.get("extensions"), list) and EXT_NAME not in cfg["extensions"]:
        cfg["extensions"].append(EXT_NAME)  # an explicit list (the book's) replaces Jupyter Book's, local ones too
    cfg["course_languages"] = menu(languages)
    cfg["course_texts"] = notices(root, code)
    options = cfg.setdefault("html_theme_options", {})
    options["article_header_end"] = [MENU, "article-header-buttons.html"]
    cfg["gettext_compact"] = False  # one catalogue per page: a unit's translation is one file
    if code != langs.SOURCE_LANGUAGE:
        if isinstance(config.get("title"), str):  # every page's <title> and the site's header
            config["title"] = langs.data_text(root, code, config["title"])
        cfg["language"] = code
        cfg["locale_dirs"] = [langs.LOCALES]
        source = root / langs.LOCALES / code
        if source.is_dir():
            shutil.copytree(source, stage_dir / langs.LOCALES / code,
                            ignore=shutil.ignore_patterns("*.mo", langs.LIBRARY_DOMAIN + ".po",
                                                          langs.DATA_DOMAIN + ".po"))
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def draw_in(units: list[StagedUnit], code: str) -> None:
    """Start every staged notebook with the hidden cell that draws its charts in ``code``."""
    for u in units:
        nb = read_staged(u.staged)
        cell = nbformat.v4.new_code_cell(f'from coursekit.book import i18n\ni18n.use("{code}")',
                                         metadata={"tags": list(HIDDEN)})
        cell.id = f"course-language-{code}"
        nb.cells.insert(0, cell)
        write_staged(nb, u.staged)


def stage_languages(root: Path, work: Path, english_stage: Path, english_units: list[StagedUnit],
                    only: list[str] | None = None) -> list[LanguageStage]:
    """Stage the edition once per language of ``languages.yml``; give the English stage its language
    menu. No languages: nothing changes. ``only`` (``build --languages en,id``) builds just those; the
    menu then lists just those.

    A language's stage starts as a copy of the English participant stage, just written (``english_stage``,
    its notebooks ``english_units``): the transforms and the agenda's pages do not depend on the language,
    so running them again per language only cost time (the copy is byte for byte what they would write)."""
    languages = langs.load(root)
    if only is not None:
        unknown = [c for c in only if c != langs.SOURCE_LANGUAGE and c not in {x.code for x in languages}]
        if unknown:
            raise InputError([Finding(langs.FILE, None, "LANG-UNKNOWN", f"does not list {', '.join(unknown)}",
                                      f"build one of: en, {', '.join(x.code for x in languages) or '(none yet)'}")])
        languages = [x for x in languages if x.code in only]
    if not languages:
        return []
    out = []
    for lang in languages:  # copied before the English stage gets its menu: configure() writes each one's
        dest = work / f"lang-{lang.code}" / "stage"
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(english_stage, dest)
        units = [StagedUnit(u.source, dest / u.staged.relative_to(english_stage)) for u in english_units]
        out.append(LanguageStage(lang, dest, units))
    configure(root, english_stage, langs.SOURCE_LANGUAGE, languages)
    merge_data_catalogues(root, [lang.code for lang in languages])  # before any unit runs
    for ls in out:
        dest, units = ls.stage, ls.units
        configure(root, dest, ls.language.code, languages)
        draw_in(units, ls.language.code)
    return out


MERGE_RECORD = "merged.json"  # beside the merged catalogues: what they were merged from, and their hashes


def _merge_inputs(root: Path, codes: list[str]) -> str:
    """What the merged data catalogues depend on: every data file (``data_text.messages`` reads some of
    them; all of them is wider, never stale), each language's ``data.po``, the code that merges."""
    h = hashlib.sha256()
    code = coursekit_sources([f"import {data_text.__name__}"])
    files = [*sorted(p for p in (root / "data").rglob("*") if p.is_file()), *code,
             *(langs.catalogue_path(root, c, langs.DATA_DOMAIN) for c in codes)]
    for f in files:
        h.update(f"{f}\0{sha256_bytes(f.read_bytes()) if f.is_file() else 'missing'}\n".encode())
    return h.hexdigest()


def merge_data_catalogues(root: Path, codes: list[str]) -> None:
    """Each language's ``data.po`` merged against the current English data (``data_text.write_merged``).
    Reading the English out of the data takes seconds of YAML parsing, so it is skipped when neither the
    data, nor a ``data.po``, nor the code changed since the last merge and the merged files are intact."""
    record = root / langs.MERGED / MERGE_RECORD
    key = _merge_inputs(root, codes)
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
        if kept["key"] == key and all(sha256_bytes(langs.merged_path(root, c).read_bytes()) == kept["files"][c]
                                      for c in codes):
            return
    except (OSError, ValueError, KeyError, TypeError):
        pass
    english = data_text.messages(root)
    written = {c: sha256_bytes(data_text.write_merged(root, c, english).read_bytes()) for c in codes}
    atomic.write_text(record, json.dumps({"key": key, "files": written}), overwrite=True)


def nest(site: Path, code: str, html: Path) -> None:
    """Put a language's rendered site into ``<site>/<code>/``."""
    dest = site / code
    if dest.exists():
        shutil.rmtree(dest)
    shutil.move(str(html), str(dest))


def of_delivery(root: Path, agenda: object | None) -> list[langs.Language]:
    """The translated languages a delivery names (``languages: [en, id]``), as languages.yml has them;
    a language the course has no translation of is an InputError naming the delivery."""
    wanted = list(getattr(getattr(agenda, "delivery", None), "languages", None) or [])
    known = {lang.code: lang for lang in langs.load(root)}
    unknown = [c for c in wanted if c != langs.SOURCE_LANGUAGE and c not in known]
    if unknown:
        raise InputError([Finding(getattr(agenda, "shown", "delivery"), None, "DELIVERY-LANGUAGE",
                                  f"names {', '.join(unknown)}, which {langs.FILE} does not list",
                                  f"use one of: en, {', '.join(known) or '(none yet)'}")])
    return [known[c] for c in wanted if c in known]


# Files Sphinx writes into each language's site from its own templates and locale data (and, for Thai,
# this package's search splitter): they differ from the English site's, whose hashes the site check
# lists. A translator's catalogue never reaches them (no "sphinx" domain is extracted).
SPHINX_LANGUAGE_FILES = ("_static/translations.js", "_static/language_data.js", "_static/documentation_options.js")


def published_site_findings(root: Path, site: Path, label: str) -> list[Finding]:
    """The site check of a published participant site with its languages nested in it (as ``pack`` copies
    it): the English pages with the course's allow-list, each language's folder with its own."""
    codes = [x.code for x in langs.load(root) if (site / x.code / "index.html").is_file()]
    findings = site_findings(site, root, label, skip=codes)
    for code in codes:
        findings += site_findings(site / code, root, f"{label}/{code}", site_allowlist(root, site / code))
    return findings


def site_allowlist(root: Path, site: Path) -> Allowlist:
    """The site check's allow-list for a language's site: the course's, plus Sphinx's files for that language."""
    allow = Allowlist.for_course(root)
    for name in SPHINX_LANGUAGE_FILES:
        if (site / name).is_file():
            allow.files.setdefault(name, set()).add(sha256((site / name).read_bytes()))
    code = _site_language(site)
    for text in _togglebutton_scripts(code):  # sphinx-togglebutton's hints, in its own catalogue's words
        allow.inline_scripts.add(inline_key(text))
    for name in INLINED_SCRIPTS:  # postrender inlines it into every page, as it does on the English site
        if (site / "_static" / name).is_file():
            text = (site / "_static" / name).read_text(encoding="utf-8").strip().replace("</", "<\\/")
            allow.inline_scripts.add(inline_key(text))
    return allow


def _site_language(site: Path) -> str:
    """The language a rendered site was made in (Sphinx writes it into documentation_options.js)."""
    options = site / "_static" / "documentation_options.js"
    found = re.search(r"LANGUAGE:\s*'([^']*)'", options.read_text(encoding="utf-8")) if options.is_file() else None
    return found.group(1) if found else langs.SOURCE_LANGUAGE


def _togglebutton_scripts(code: str) -> list[str]:
    """The two inline scripts sphinx-togglebutton writes on every page, in ``code`` (from its own .mo)."""
    import gettext

    import sphinx_togglebutton

    folder = Path(sphinx_togglebutton.__file__).parent / "translations" / "locales"
    words = gettext.translation("togglebutton", str(folder), languages=[code], fallback=True)
    return [f"let toggleHintShow = '{words.gettext('Click to show')}';",
            f"let toggleHintHide = '{words.gettext('Click to hide')}';"]
