"""translate: the translation catalogues of the participant edition (extract, update, status)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..engine import translate
from ..model import languages as langs
from .ui import fail, say

NAME = "translate"
SUMMARY = "translation catalogues: extract the English, update each language's files, see what is done"
DESCRIPTION = """\
The participant edition is translated through .po files, one per page, in
locales/<language>/LC_MESSAGES/ (open them with Poedit or Weblate). The languages are listed in
languages.yml.

  translate extract   write the English text to translate into _build/gettext/ (.pot files)
  translate update    bring every language's .po files up to the current English: new text is
                      added untranslated, translations are kept, and a translation whose English
                      changed is marked fuzzy (stale): pages show the English until it is updated
  translate status    per language and page: how much is translated, stale (fuzzy) and untranslated
      --ci            exit 1 when a string is stale, or a language is below its target in
                      languages.yml (what the continuous-integration run uses)
      --language id   only this language

Example:  python3 scripts/course.py translate update  then edit locales/id/LC_MESSAGES/*.po"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("verb", choices=["extract", "update", "status"], help="what to do (see above)")
    parser.add_argument("--ci", action="store_true", help="status: exit 1 on stale strings or a missed target")
    parser.add_argument("--language", action="append", metavar="CODE", help="only this language (repeatable)")


def run(args: argparse.Namespace, root: Path) -> int:
    if args.verb == "extract":
        pots = translate.extract(root)
        say(f"English text to translate written to {pots.relative_to(root).as_posix()}/ "
            f"({sum(1 for _ in pots.rglob('*.pot'))} files).")
        return 0
    if args.verb == "update":
        counts = translate.update(root, args.language)
        say(f"Catalogues updated: {counts['create']} created, {counts['update']} updated, "
            f"{counts['notchanged']} unchanged. Stale translations are marked fuzzy.")
        return 0
    rows = [r for r in translate.status(root) if not args.language or r.language in args.language]
    listed = {x.code: x for x in langs.load(root)}
    for lang in sorted({r.language for r in rows}):
        mine = [r for r in rows if r.language == lang]
        say((f"{lang}", "bold"), "  translated  fuzzy  untranslated  machine-assisted  unit")
        for r in mine:
            say(f"{lang}  {r.share(r.translated):9.1f}% {r.share(r.fuzzy):5.1f}% {r.share(r.untranslated):11.1f}% "
                f"{r.machine:9d}          {r.unit}")
        say((f"{lang}: {translate.pages_share(mine):.1f}% of the pages' strings translated, "
             f"{sum(r.fuzzy for r in mine)} fuzzy (stale), "
             f"{sum(r.untranslated for r in mine)} untranslated.", "bold"))
        known = listed.get(lang)
        if known is not None:  # what --ci holds the language to: a pilot's pages, else every page
            n = len(known.units)
            scope = f"its pilot ({n} page{'' if n == 1 else 's'})" if known.units else "its pages"
            share = translate.scoped_share(known, mine)
            say((f"{lang}: {scope}: {share:.1f}% translated (target {known.target}%: "
                 f"{'met' if share >= known.target else 'not met'}).", "bold"))
    if args.ci:
        problems = translate.ci_problems(root, rows)
        if problems:
            return fail("; ".join(problems))
    return 0
