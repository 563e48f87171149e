"""Safeguarding for case studies: nothing on the page may identify a child, a family or a suspect.

Each rule has its own code, so a trainer sees exactly what to remove:

    SAFE-CONTENT-NOTE  a content note at the top of the unit
    SAFE-BASIS         the basis is stated; a composite scenario says so visibly at the top
    SAFE-EMAIL         no e-mail addresses
    SAFE-PHONE         no telephone numbers
    SAFE-ADDRESS       no street addresses
    SAFE-DOB           no dates of birth
    SAFE-URL           no web addresses outside ALLOWED_DOMAINS
    SAFE-IMAGE-PATH    images only from book/images/
    SAFE-IMAGE-ALT     every image has alt text

The text rules read every cell of the notebook (trainer cells too) and the unit's case data file.
Findings show only the start of what they found, so a report never repeats the personal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from ..model.curriculum import Course, Unit
from ..model.findings import Finding
from ..model.unitmeta import CELL_ROLES
from .case_studies import cell_line, cell_text, data_path, is_case_study

# Web addresses a case study may show: official and intergovernmental sites (and their subdomains).
# This is the one place to edit; add a domain only for a public institution's own site.
ALLOWED_DOMAINS = (
    "coe.int", "unodc.org", "un.org", "unicef.org", "ohchr.org", "interpol.int", "europol.europa.eu",
    "missingkids.org", "weprotect.org", "iwf.org.uk", "inhope.org", "ecpat.org",
    "gov.ph", "gov.lk", "lawnet.gov.lk", "officialgazette.gov.ph", "supremecourt.gov.ph",
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w.+-])(\+?\(?\d[\d ().-]{5,}\d)(?![\w-])")
STREET_WORDS = r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Mawatha|Boulevard|Blvd\.?|Drive|Highway|Place|Terrace)"
ADDRESS = re.compile(rf"\b(?:No\.\s*)?\d{{1,5}}[A-Za-z]?(?:/\d+)?,?\s+(?:[A-Z][\w'-]*\s+){{1,4}}{STREET_WORDS}(?!\w)"
                     rf"|\b(?:Jalan|Jln\.|Soi|Calle|Purok)\s+[A-Z0-9][\w-]*")
DATE = r"(?:\d{1,2}[ /.-](?:\d{1,2}|[A-Za-z]{3,9})[ /.-]\d{2,4}|[A-Za-z]{3,9} \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})"
DOB = re.compile(rf"(?i)\b(?:date of birth|birth ?date|d\.o\.b\.?|dob)\s*[:=-]?\s*{DATE}"
                 rf"|\bborn\s+(?:on\s+|in\s+)?(?:{DATE}|(?:19|20)\d\d\b)")
URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'`)\]]+")
BARE_DOMAIN = re.compile(r"(?i)(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:com|net|org|info|biz|io|co|me|tv|live|xyz|ph|lk)"
                         r"(?:/[^\s<>\"'`)\]]*)?(?![\w.-])")

MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
DIRECTIVE_IMAGE = re.compile(r"^\s*(?:```+|:::+)\s*\{(?:image|figure)\}\s*(\S+)\s*$")


def check(course: Course) -> Iterable[Finding]:
    for unit in course.units:
        if unit.notebook is None or not is_case_study(unit):
            continue
        yield from _top_of_unit(unit)
        images = course.root / "book" / "images"
        for i, cell in enumerate(unit.notebook.cells):
            text = cell_text(cell)
            for code, message, hit in _text_problems(text, markdown=cell.get("cell_type") == "markdown"):
                yield Finding(unit.shown, cell_line(unit, i, hit), code, f"cell {i + 1}: {message}", FIXES[code])
            if cell.get("cell_type") == "markdown":
                for code, message, hit in _image_problems(text, unit.path.parent, images):
                    yield Finding(unit.shown, cell_line(unit, i, hit), code, f"cell {i + 1}: {message}", FIXES[code])
        meta = unit.meta if isinstance(unit.meta, dict) else {}
        yield from _data_file(course, data_path(course, str(meta.get("id") or unit.path.stem)))


FIXES = {
    "SAFE-CONTENT-NOTE": "start the first cell with the content note of the case-study template "
                         "(':::{admonition} Content note')",
    "SAFE-BASIS": "set metadata.course.basis to public-record or composite; a composite scenario shows the "
                  "'Composite teaching scenario' note in its first cell",
    "SAFE-EMAIL": "remove the e-mail address",
    "SAFE-PHONE": "remove the telephone number",
    "SAFE-ADDRESS": "remove the street address; name at most the country",
    "SAFE-DOB": "remove the date of birth; an age range is enough for teaching",
    "SAFE-URL": "remove the web address, or cite the page as a source in data/sources.yaml instead",
    "SAFE-IMAGE-PATH": "put the image in book/images/ and link it from there",
    "SAFE-IMAGE-ALT": "describe the image in its alt text",
}


def _visible_markdown(unit: Unit) -> list[str]:
    """Texts of the markdown cells every participant sees (not trainer or solution cells), in order."""
    out = []
    for cell in unit.notebook.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell.get("cell_type") == "markdown" and not tags & set(CELL_ROLES):
            out.append(cell_text(cell))
    return out


def _top_of_unit(unit: Unit) -> Iterator[Finding]:
    """The content note and the basis, which must come before anything else."""
    top = _visible_markdown(unit)[:2]
    meta = unit.meta if isinstance(unit.meta, dict) else {}
    line = unit.line_of('"course"')
    if not top or "content note" not in top[0].lower():
        yield Finding(unit.shown, None, "SAFE-CONTENT-NOTE", "the first cell has no content note",
                      FIXES["SAFE-CONTENT-NOTE"])
    basis = meta.get("basis")
    if basis not in ("public-record", "composite"):
        yield Finding(unit.shown, line, "SAFE-BASIS", "the case study does not state its basis "
                      "(public-record or composite)", FIXES["SAFE-BASIS"])
    elif basis == "composite" and not any("composite teaching scenario" in t.lower() for t in top):
        yield Finding(unit.shown, line, "SAFE-BASIS", "a composite scenario must say 'composite teaching "
                      "scenario' visibly at the top of the page", FIXES["SAFE-BASIS"])
    elif basis == "public-record" and not meta.get("sources"):
        yield Finding(unit.shown, line, "SAFE-BASIS", "a public-record case must cite its sources",
                      "list the source ids in metadata.course.sources")


def _hint(found: str) -> str:
    """The start of what was found: enough to locate it, not enough to repeat it."""
    found = found.strip()
    return f"'{found[:4]}…'" if len(found) > 4 else f"'{found}'"


def _allowed(host: str) -> bool:
    host = host.lower().split(":")[0].removeprefix("www.")
    return any(host == d or host.endswith("." + d) for d in ALLOWED_DOMAINS)


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    bracket = candidate.find("(")
    if (bracket > 0 and not re.fullmatch(r"\+\d{1,3} ?", candidate[:bracket])) or (")" in candidate and bracket < 0):
        return False  # brackets only around an area code: '11930 (2022)' is a law and its year
    groups = re.findall(r"\d+", candidate)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate.strip()) or all(re.fullmatch(r"(?:19|20)\d\d", g) for g in groups):
        return False  # an ISO date, or years such as 2019-2022
    if candidate.startswith("+"):
        return len(digits) >= 8
    if len(digits) >= 9 and len(digits) <= 15:
        return True
    return 7 <= len(digits) <= 8 and bool(re.search(r"\d{3,4}[ .-]\d{4}$", candidate))


def _text_problems(text: str, *, markdown: bool) -> Iterator[tuple[str, str, str]]:
    """(code, message, matched text) for each piece of personal data or off-list address in ``text``."""
    urls = list(URL.finditer(text))
    for m in urls:
        host = urlparse(m.group(0) if "://" in m.group(0) else "http://" + m.group(0)).hostname or ""
        if not _allowed(host):
            yield "SAFE-URL", f"web address {host or _hint(m.group(0))} is not on the allow-list", m.group(0)
    if markdown:
        inside = [range(m.start(), m.end()) for m in urls]
        for m in BARE_DOMAIN.finditer(text):
            if not any(m.start() in r for r in inside) and not _allowed(m.group(0).split("/")[0]):
                yield "SAFE-URL", f"web address {m.group(0).split('/')[0]} is not on the allow-list", m.group(0)
    for m in EMAIL.finditer(text):
        yield "SAFE-EMAIL", f"e-mail address {_hint(m.group(0))}", m.group(0)
    for m in PHONE.finditer(text):
        if _is_phone(m.group(1)):
            yield "SAFE-PHONE", f"telephone number {_hint(m.group(1))}", m.group(1)
    for m in ADDRESS.finditer(text):
        yield "SAFE-ADDRESS", f"street address {_hint(m.group(0))}", m.group(0)
    for m in DOB.finditer(text):
        yield "SAFE-DOB", f"date of birth {_hint(m.group(0))}", m.group(0)


def _image_problems(text: str, folder: Path, images: Path) -> Iterator[tuple[str, str, str]]:
    """(code, message, matched text) for images from outside book/images/ or without alt text."""
    found: list[tuple[str, str | None, str]] = []  # (path, alt, matched text)
    for m in MD_IMAGE.finditer(text):
        found.append((m.group(2), m.group(1), m.group(0)))
    for m in HTML_IMAGE.finditer(text):
        src = re.search(r"""\bsrc\s*=\s*["']([^"']*)["']""", m.group(0), re.I)
        alt = re.search(r"""\balt\s*=\s*["']([^"']*)["']""", m.group(0), re.I)
        found.append((src.group(1) if src else "", alt.group(1) if alt else None, m.group(0)))
    lines = text.splitlines()
    for n, line in enumerate(lines):
        m = DIRECTIVE_IMAGE.match(line)
        if m:
            options = []
            for opt in lines[n + 1:]:
                if not opt.strip().startswith(":"):
                    break
                options.append(opt.strip())
            alt = next((o.split(":", 2)[2].strip() for o in options if o.startswith(":alt:")), None)
            found.append((m.group(1), alt, line.strip()))
    for path, alt, hit in found:
        if not _inside(path, folder, images):
            yield "SAFE-IMAGE-PATH", f"image '{path[:60]}' is not in book/images/", hit
        if not (alt or "").strip():
            yield "SAFE-IMAGE-ALT", f"image '{path[:60]}' has no alt text", hit


def _inside(path: str, folder: Path, images: Path) -> bool:
    if not path or re.match(r"(?i)^[a-z][a-z0-9+.-]*:", path):  # http:, data:, attachment:, ...
        return False
    target = (folder / path).resolve()
    return target.is_relative_to(images.resolve())


def _data_file(course: Course, p: Path) -> Iterator[Finding]:
    """The text rules on the case's data file, whose words appear on the page too."""
    if not p.is_file():
        return  # reported by the case_studies check
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except (UnicodeDecodeError, OSError):
        return
    for n, line in enumerate(lines, start=1):
        for code, message, _hit in _text_problems(line, markdown=True):
            yield Finding(course.shown(p), n, code, message, FIXES[code])
