"""The participant edition as a SCORM 1.2 package (issue 25, optional part): a manifest a platform
reads, listing every file and a menu of the pages, and nothing but the participant site."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from conftest import run_course
from coursekit.engine.scorm import ADLCP, CP, write_package
from coursekit.model.curriculum import load

NS = {"cp": CP}


def fake_site(root: Path) -> Path:
    site = root / "site"
    for name, title in (("index.html", "Mini course"), ("unit.html", "A unit &amp; more"), ("_static/x.css", "")):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<html><head><title>{title} — Mini</title></head><body></body></html>")
    return site


def test_the_manifest_lists_every_file_and_a_menu_of_the_pages(mini_course: Path):
    site = fake_site(mini_course)
    out = mini_course / "scorm.zip"
    assert write_package(load(mini_course), "Mini course", site, out) == 4
    zf = zipfile.ZipFile(out)
    manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    resources = {r.get("identifier"): r for r in manifest.iterfind("cp:resources/cp:resource", NS)}
    assert all(r.get(f"{{{ADLCP}}}scormtype") == "asset" for r in resources.values())  # no script needed
    files = {f.get("href") for r in resources.values() for f in r.iterfind("cp:file", NS)}
    assert files == {n for n in zf.namelist() if n != "imsmanifest.xml"}
    items = list(manifest.iterfind(".//cp:item[@identifierref]", NS))
    assert [i.findtext("cp:title", namespaces=NS) for i in items] == ["Mini course", "A unit & more"]
    assert all(i.get("identifierref") in resources for i in items)


def test_without_a_built_site_it_says_to_build_first(mini_course: Path):
    res = run_course("export", "scorm", root=mini_course)
    assert res.returncode == 1 and "run 'python3 scripts/course.py build' first" in res.stdout, res.stdout
