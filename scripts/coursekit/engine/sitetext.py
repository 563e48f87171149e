"""The text in every file of a built site, whatever kind of file it is.

A site holds more than HTML: notebook downloads and other JSON, the search index (a JavaScript call
around JSON), ``objects.inv`` (zlib-compressed after four header lines), images whose text chunks
carry metadata, PDF handouts (their text as pypdf extracts it, the way a reader copying it gets it),
and possibly compressed downloads. ``texts_of`` yields every text a reader or a search engine could
get out of a file, so a check over them misses nothing a reader could see.
"""

from __future__ import annotations

import functools
import gzip
import html
import io
import json
import re
import struct
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator

_TAG = re.compile(r"<[^>]*>")
_NON_WORD = re.compile(r"[\W_]+")
# an invisible character as a PDF's text gives it: pypdf puts a space beside a zero-width glyph that a
# reader never sees ("preser \u200bvation" reads "preservation"), so the space goes with it
_PDF_INVISIBLE = re.compile(r" ?[\u00ad\u200b-\u200d\u2060\ufeff] ?")
# tags that sit inside a word as easily as between words ("pre<span>serv</span>ation"): removed
# without a space in a second reading of the page, so a word split by markup is found whole
_INLINE = r"</?(?:a|abbr|b|bdi|bdo|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|tspan|u|var|wbr)\b[^>]*>"
_INLINE_TAG = re.compile(_INLINE, re.IGNORECASE)
_IN_A_WORD = re.compile(rf"\w(?:{_INLINE})+\w", re.IGNORECASE)  # "pre<em>serv</em>ation"


@functools.cache
def _format_chars() -> re.Pattern[str]:
    """Every Unicode format character (category Cf: soft hyphen, zero-width space and joiners, word
    joiner, bidirectional controls, tag characters): invisible on a page, so removed before comparing."""
    cf = [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    ranges: list[list[int]] = []
    for c in cf:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                                    for a, b in ranges) + "]")


def normalise(text: str) -> str:
    """Text as a reader sees it: format characters removed, then NFKC (ligatures, decomposed
    accents, full-width letters become the plain letters)."""
    if text.isascii():  # most of a site: nothing to remove or fold
        return text
    return unicodedata.normalize("NFKC", _format_chars().sub("", text))


def words(text: str) -> list[str]:
    """Lower-case words without punctuation or markup characters: how both sides are compared."""
    return _NON_WORD.sub(" ", normalise(text).lower()).split()



def strings(obj: object) -> Iterator[str]:
    """Every string (keys included) in a JSON-like value."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield str(k)
            yield from strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from strings(v)


def _png_text(data: bytes) -> Iterator[str]:
    """Text chunks of a PNG (tEXt, zTXt, iTXt): where image metadata lives."""
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        try:
            if kind == b"tEXt":
                yield body.decode("latin-1")
            elif kind == b"zTXt":
                key, _, rest = body.partition(b"\0")
                yield key.decode("latin-1") + " " + zlib.decompress(rest[1:]).decode("latin-1")
            elif kind == b"iTXt":
                key, _, rest = body.partition(b"\0")
                compressed, rest = rest[0], rest[2:]
                _lang, _, rest = rest.partition(b"\0")
                _tkey, _, text = rest.partition(b"\0")
                yield key.decode("latin-1") + " " + (zlib.decompress(text) if compressed else text).decode("utf-8", "replace")
        except (zlib.error, IndexError):
            continue


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, as a reader who copies it would get it (ligatures such as "fi"
    undone, so words match their source); empty when the file cannot be read."""
    import pypdf  # only sites with PDFs (packs) need it
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        return ""
    return unicodedata.normalize("NFKC", _PDF_INVISIBLE.sub("", "\n".join(pages)))


def search_index(text: str) -> dict | None:
    """The JSON inside Sphinx's ``searchindex.js`` (``Search.setIndex({...})``), or None."""
    start, end = text.find("("), text.rfind(")")
    if not text.lstrip().startswith("Search.setIndex(") or start < 0 or end < start:
        return None
    try:
        doc = json.loads(text[start + 1:end])
    except json.JSONDecodeError:
        return None
    return doc if isinstance(doc, dict) else None


def texts_of(name: str, data: bytes) -> Iterator[str]:
    """Every readable text in one file: raw, without markup, decoded, decompressed."""
    raw = data.decode("utf-8", errors="ignore")
    yield raw
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xml", ".svg", ".xhtml")):
        yield html.unescape(_TAG.sub(" ", raw))
        if _IN_A_WORD.search(raw):
            yield html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", raw)))
    if lower.endswith((".json", ".ipynb")):
        try:
            yield "\n".join(strings(json.loads(raw)))
        except json.JSONDecodeError:
            pass
    index = search_index(raw) if lower.endswith(".js") else None
    if index is not None:
        yield "\n".join(strings(index))
    if lower.endswith("objects.inv"):
        header_end = 0
        for _ in range(4):
            header_end = data.find(b"\n", header_end) + 1
        try:
            yield zlib.decompress(data[header_end:]).decode("utf-8", "replace")
        except zlib.error:
            pass
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        yield from _png_text(data)
    if lower.endswith(".pdf") or data.startswith(b"%PDF-"):
        yield pdf_text(data)
    if lower.endswith(".gz"):
        try:
            yield from texts_of(name[:-3], gzip.decompress(data))
        except (OSError, EOFError):
            pass
    if lower.endswith(".zip"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for member in zf.namelist():
                    yield from texts_of(member, zf.read(member))
        except zipfile.BadZipFile:
            pass
