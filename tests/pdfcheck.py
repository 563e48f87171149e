"""Reading PDFs as a test must: the text a reader copies, and how sharp each image is printed."""

from __future__ import annotations

import math
import unicodedata

import pypdf
from pypdf.generic import ContentStream

MIN_DPI = 199.5  # charts print at 200 dots per inch or more (half a dot for rounding)


def text(reader: pypdf.PdfReader) -> str:
    """Every page's text, ligatures ("ﬁ") undone as a reader's copy-paste does."""
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


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
