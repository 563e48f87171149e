"""Words broken inside themselves in a printed PDF: what pypdf reads back that no page ever wrote.

A table cell too narrow for its words makes Chromium break a word anywhere ("Mala/ysia",
"Cat/ego/ry"); pypdf then reads the pieces as words of their own. Every piece of two letters or
more that the PDF holds must be a word (a run of letters) of the site's own text or web addresses
(a printed address may wrap at any hyphen), or of the few words the handout adds itself. The endnotes' web addresses are left out: an address may wrap
anywhere, and it is not a word.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pypdf
from bs4 import BeautifulSoup

LETTERS = re.compile(r"[^\W\d_]+")
HANDOUT_WORDS = {"contents", "page", "web", "addresses", "block", "handout", "trainer", "edition", "not", "for",
                 "distribution", "participant", "handbook", "guide", "of"}
ENDNOTES = "Web addresses"


def vocabulary(sites: Iterable[Path]) -> set[str]:
    """Every run of letters in the text of every page of the built sites (lower case)."""
    words = set(HANDOUT_WORDS)
    for site in sites:
        for page in site.rglob("*.html"):
            soup = BeautifulSoup(page.read_text(encoding="utf-8", errors="replace"), "lxml")
            text = soup.get_text(" ") + " ".join(str(a["href"]) for a in soup.select("a[href]"))  # addresses print too
            words.update(w.lower() for w in LETTERS.findall(text))
    return words


def broken_words(pdf: bytes, words: set[str]) -> list[str]:
    """The pieces in ``pdf``'s text that are no word of the sites: "page 3: 'ysia'"."""
    out = []
    notes = False  # past a part's endnotes, a sheet may go on with their addresses
    for n, page in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages, start=1):
        text = unicodedata.normalize("NFKC", page.extract_text() or "")  # ligatures: "ﬁ" is "fi"
        text, found, _rest = text.partition(ENDNOTES)
        if notes and not found:
            text = " ".join(t for t in text.split() if not _in_address(t))
        notes = bool(found) or notes
        for token in text.split():
            if not token.strip("\"'“”‘’()[],.;:!?*"):
                continue
            for piece in LETTERS.findall(token):
                if len(piece) >= 2 and piece.lower() not in words and not _in_address(token):
                    out.append(f"page {n}: {piece!r} in {token!r}")
    return out


def _in_address(token: str) -> bool:
    """A piece of a printed web address (a bibliography prints them, and they wrap anywhere)."""
    marks = ("/", "www.", "@", ".org", ".com", ".htm", ".php", ".pdf", "=", "_", "%")
    return any(mark in token for mark in marks) or token.count("-") >= 2 or bool(re.search(r"[a-z]\d|\d[a-z]", token))
