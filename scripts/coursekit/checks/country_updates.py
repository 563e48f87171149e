"""data/country-updates/*.yaml: schema, the file named after its country, every source resolves."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.country_updates import FOLDER, CountryUpdate
from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.references import unknown_countries, unknown_sources
from ..model.sourcefiles import line_of, read_yaml, validate_yaml_item


def check(course: Course) -> Iterable[Finding]:
    folder = course.root / "data" / FOLDER
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.yaml")):
        shown = course.shown(path)
        doc, findings = read_yaml(path, shown)
        yield from findings
        if doc is None:
            continue
        if not isinstance(doc, dict):
            yield Finding(shown, 1, "COUNTRY-UPDATE-FORMAT", "expected fields (country, as_of, profile, laws, steps)",
                          "compare with another file in data/country-updates/")
            continue
        update, findings = validate_yaml_item(doc, CountryUpdate, shown, 1)
        yield from findings
        if update is None:
            continue
        if path.stem != update.country.lower():
            yield Finding(shown, line_of(doc, "country"), "COUNTRY-UPDATE-NAME",
                          f"the file is named '{path.name}' but is about {update.country}",
                          f"rename it to {update.country.lower()}.yaml or correct 'country'")
        yield from unknown_countries(course, [update.country], shown, line_of(doc, "country"))
        for key in ("profile", "laws", "steps"):
            items = doc.get(key) or []
            for i, item in enumerate(getattr(update, key)):
                yield from unknown_sources(course, [item.source], shown, line_of(items, i))
