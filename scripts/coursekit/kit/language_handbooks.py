"""A translated language's participant handbook (the pack prints one per language of the delivery).

It lives in the kit, beside the handouts it prints; the languages themselves are staged and built
by ``engine.languages``.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from ..model import languages as langs
from ..model.curriculum import staged_name
from . import handouts


def handbook(site: Path, language: langs.Language, pages: list[str], subtitle: str) -> handouts.Handout:
    """The participant handbook of one language: its pilot pages (or every page) from ``<site>/<code>/``,
    printed by Chromium with the fonts of the page's script (Noto Thai etc., fonts-noto-core)."""
    chosen = [p for p in pages if not language.units or p in language.units]
    parts = []
    for page in chosen:
        html = site / language.code / f"{staged_name(page)}.html"
        if html.is_file():
            heading = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select_one("article h1")
            title = heading.get_text(" ", strip=True).rstrip("#").strip() if heading else page
            parts.append(handouts.Part(html, title))
    return handouts.Handout(f"{language.name}: {subtitle}", parts, subtitle=subtitle)
