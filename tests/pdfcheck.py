"""Reading PDFs as a test must: the text a reader copies, and how sharp each image is printed."""

from __future__ import annotations

import math
import unicodedata

import pypdf
from pypdf.generic import ContentStream

MIN_DPI = 199.5  # charts print at 200 dots per inch or more (half a dot for rounding)
# the charts of a page that print: a figure marked screen-only (a tall grid) prints as its table instead
PRINTED_CHARTS = "article figure:not(.course-screen-only) img"


def text(reader: pypdf.PdfReader | list[str]) -> str:
    """Every page's text, ligatures ("ﬁ") undone as a reader's copy-paste does; of a reader, or of the texts
    ``page_texts`` read from it (reading a long PDF's text takes pypdf seconds: a test that needs both reads once)."""
    pages = reader if isinstance(reader, list) else page_texts(reader)
    return unicodedata.normalize("NFKC", "\n".join(pages))


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    """Each page's text as pypdf reads it (ligatures kept)."""
    return [p.extract_text() for p in reader.pages]


def _times(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n  # noqa: N806 (the matrix's usual names)
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


def image_dpis(page: pypdf.PageObject) -> list[float]:
    """Dots per inch of each image painted on ``page``: its pixel width over the width it is drawn at
    (from the transformation matrix in force when it is painted), in inches."""
    xobjects = page["/Resources"].get("/XObject", {})
    ctm, stack, out = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], []
    for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _times([float(x) for x in operands], ctm)
        elif op == b"Do":
            xobject = xobjects[operands[0]].get_object()
            if xobject.get("/Subtype") == "/Image":
                out.append(float(xobject["/Width"]) / (math.hypot(ctm[0], ctm[1]) / 72))
    return out


def _cmap_unicode(stream: bytes) -> dict[int, str]:
    """Glyph id -> text of a ToUnicode CMap (its bfchar and bfrange entries)."""
    import re

    out: dict[int, str] = {}
    text = stream.decode("latin-1")

    def uni(h: str) -> str:
        return bytes.fromhex(h).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = uni(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo_i, hi_i = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for i, dst in enumerate(re.findall(r"<([0-9A-Fa-f]+)>", rest)):
                    out[lo_i + i] = uni(dst)
            else:
                start = bytes.fromhex(rest[1:-1])
                for i in range(hi_i - lo_i + 1):
                    code = int.from_bytes(start, "big") + i
                    out[lo_i + i] = uni(code.to_bytes(len(start), "big").hex())
    return out


def _type3_chars(font) -> set[str]:  # noqa: ANN001 (a pypdf dictionary)
    """Characters a Type 3 font draws: its ToUnicode codes whose glyph name (Encoding /Differences) has a
    non-empty procedure in /CharProcs (Chromium embeds some fonts' glyphs this way)."""
    procs = font["/CharProcs"].get_object()
    names: dict[int, str] = {}
    code = 0
    for item in font["/Encoding"].get_object().get("/Differences", []):
        if isinstance(item, int):
            code = item
        else:
            names[code] = str(item)
            code += 1
    return {ch for gid, chars in _cmap_unicode(font["/ToUnicode"].get_object().get_data()).items()
            if names.get(gid) in procs and procs[names[gid]].get_object().get_data().strip() for ch in chars}


def embedded_font_coverage(reader: pypdf.PdfReader) -> set[str]:
    """Every character that some font embedded in the PDF draws with a real glyph: the font program
    is in the file (FontFile/2/3), and its ToUnicode map sends a glyph other than .notdef (0), which
    exists in that program (fontTools), to the character; or a Type 3 font draws it (_type3_chars)."""
    import io

    from fontTools.ttLib import TTFont

    covered: set[str] = set()
    seen: set[int] = set()

    def fonts_of(resources) -> None:  # noqa: ANN001 (pypdf dictionaries)
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            if font.get("/Subtype") == "/Type3" and "/ToUnicode" in font:
                covered.update(_type3_chars(font))  # glyphs drawn by procedures inside the PDF itself
                continue
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            program = next((descriptor[k].get_object() for k in ("/FontFile2", "/FontFile3", "/FontFile")
                            if k in descriptor), None)
            if program is None or "/ToUnicode" not in font:
                continue
            glyphs = None
            try:
                glyphs = TTFont(io.BytesIO(program.get_data()), lazy=True).getGlyphOrder()
            except Exception:  # a CFF or Type1 program fontTools cannot open: trust the map
                glyphs = None
            for gid, chars in _cmap_unicode(font["/ToUnicode"].get_object().get_data()).items():
                if gid != 0 and (glyphs is None or gid < len(glyphs)):
                    covered.update(chars)
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                fonts_of(xobject.get("/Resources"))

    for page in reader.pages:
        fonts_of(page.get("/Resources"))
    return covered
