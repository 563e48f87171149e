"""A translated language's participant handbook (the pack prints one per language of the delivery).

It lives in the kit, beside the handouts it prints; the languages themselves are staged and built
by ``engine.languages``. Its title (on the cover, in the running header and the footer of every
page), "Contents", the page count, its subtitle (the book's title, from ``data.po``) and its ``lang`` are
in its language, from the language's ``coursekit.po`` (``translate extract`` collects the
words marked ``N_`` here); English where the catalogue has no usable translation.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from ..engine.languages import N_
from ..model import languages as langs
from ..model.curriculum import staged_name
from . import handouts

TITLE = N_("Participant handbook")
WORDS = (TITLE, handouts.CONTENTS, handouts.PAGE_OF)  # what the handbook prints of its own


def words(root: Path, language: langs.Language) -> dict[str, str]:
    """The handbook's own words in ``language``: its catalogue's translations (English where it has none)."""
    found = langs.translations(langs.catalogue_path(root, language.code, langs.LIBRARY_DOMAIN), language.code)
    return {text: found.get(text, (text, ""))[0] for text in WORDS}


def title(root: Path, language: langs.Language) -> str:
    """The handbook's title in ``language``: its catalogue's translation, else the English."""
    return words(root, language)[TITLE]


def handbook(root: Path, site: Path, language: langs.Language, pages: list[str], subtitle: str) -> handouts.Handout:
    """The participant handbook of one language: its pilot pages (or every page) from ``<site>/<code>/``,
    printed by Chromium with the fonts of the page's script (Noto Thai etc., fonts-noto-core)."""
    chosen = [p for p in pages if not language.units or p in language.units]
    parts = []
    for page in chosen:
        html = site / language.code / f"{staged_name(page)}.html"
        if html.is_file():
            heading = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select_one("article h1")
            name = heading.get_text(" ", strip=True).rstrip("#").strip() if heading else page
            parts.append(handouts.Part(html, name))
    said = words(root, language)
    return handouts.Handout(f"{said[TITLE]} ({language.name})", parts, subtitle=langs.data_text(root, language.code, subtitle),
                            lang=language.code, words=said)
