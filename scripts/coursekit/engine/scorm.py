"""The participant edition as a SCORM 1.2 package, for learning platforms that take only SCORM.

A SCORM 1.2 package is a zip with ``imsmanifest.xml`` at its top: the manifest lists the course's
pages as a menu (one item per page, grouped by the book's parts, in teaching order) and every file
of the site. Each page is an *asset*, not a *SCO*: it makes no calls to the platform's SCORM API,
so the book keeps its rule that no page runs script it did not put there. The price: the platform
records that a page was opened, not a score or a completion status. Only the participant edition
goes in; the site is the one the build checked for leaks.
"""

from __future__ import annotations

import html
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ..model.curriculum import Course

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _page_href(file: str) -> str:
    """A toc entry ('book/standards/lanzarote') as the site's page ('standards/lanzarote.html')."""
    return f"{file.removeprefix('book/')}.html"


def manifest(course: Course, title: str, site: Path) -> bytes:
    """imsmanifest.xml for the participant site at ``site``: a menu of its pages and all its files."""
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{CP}}}manifest", {"identifier": "ocsea-training-book", "version": "1.0",
                                              f"{{{XSI}}}schemaLocation": f"{CP} imscp_rootv1p1p2.xsd "
                                              f"{ADLCP} adlcp_rootv1p2.xsd"})
    meta = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(meta, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(meta, f"{{{CP}}}schemaversion").text = "1.2"
    orgs = ET.SubElement(root, f"{{{CP}}}organizations", {"default": "book"})
    org = ET.SubElement(orgs, f"{{{CP}}}organization", {"identifier": "book"})
    ET.SubElement(org, f"{{{CP}}}title").text = title
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    found = [(e.part or "", _page_href(e.file), e.file.rsplit("/", 1)[-1]) for e in course.toc]
    pages = list({href: (part, href, name) for part, href, name in [("", "index.html", "Start"), *found]
                  if (site / href).is_file()}.values())  # the start page once, then the toc's pages
    parts: dict[str, ET.Element] = {}
    for n, (part, href, name) in enumerate(pages, start=1):
        parent = org
        if part:
            if part not in parts:
                parts[part] = ET.SubElement(org, f"{{{CP}}}item", {"identifier": f"part-{len(parts) + 1}"})
                ET.SubElement(parts[part], f"{{{CP}}}title").text = part
            parent = parts[part]
        item = ET.SubElement(parent, f"{{{CP}}}item", {"identifier": f"item-{n}", "identifierref": f"page-{n}"})
        ET.SubElement(item, f"{{{CP}}}title").text = _title(site / href) or name
        res = ET.SubElement(resources, f"{{{CP}}}resource", {"identifier": f"page-{n}", "type": "webcontent",
                                                             f"{{{ADLCP}}}scormtype": "asset", "href": href})
        ET.SubElement(res, f"{{{CP}}}file", {"href": href})
        ET.SubElement(res, f"{{{CP}}}dependency", {"identifierref": "site"})
    everything = ET.SubElement(resources, f"{{{CP}}}resource", {"identifier": "site", "type": "webcontent",
                                                                f"{{{ADLCP}}}scormtype": "asset"})
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        ET.SubElement(everything, f"{{{CP}}}file", {"href": path.relative_to(site).as_posix()})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _title(page: Path) -> str | None:
    text = page.read_text(encoding="utf-8", errors="replace")
    start, end = text.find("<title>"), text.find("</title>")
    if start < 0 or end < start:
        return None
    return html.unescape(text[start + 7:end]).split(" — ")[0].strip() or None


def write_package(course: Course, title: str, site: Path, out: Path) -> int:
    """The SCORM zip of ``site`` at ``out`` (replaced in one step); returns the number of files."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    files = sorted(p for p in site.rglob("*") if p.is_file())
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("imsmanifest.xml", manifest(course, title, site))
            for p in files:
                zf.write(p, p.relative_to(site).as_posix())
        os.replace(tmp, out)  # the old package stays whole until the new one is complete
    finally:
        tmp.unlink(missing_ok=True)
    return len(files) + 1
