"""The bibliography and the country list: schema, duplicates and the source of each row; each country's
code is an ISO 3166-1 code (pycountry) and no two rows name the same country."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.references import unknown_sources


def check(course: Course) -> Iterable[Finding]:
    _ = course.sources  # loading records schema findings in course.load_findings
    seen: dict[str, int] = {}
    for row in course.country_rows:
        c = row.value
        if c.iso2 in seen:
            yield Finding("data/countries.csv", row.line, "COUNTRY-DUPLICATE",
                          f"country '{c.iso2}' is also on line {seen[c.iso2]}", "keep one row per country")
        seen.setdefault(c.iso2, row.line)
        yield from unknown_sources(course, [c.source], "data/countries.csv", row.line)
    yield from _iso_codes(course)
    yield from _unique_names(course)


def _iso_codes(course: Course) -> Iterable[Finding]:
    """Codes are ISO 3166-1 alpha-2: time zones, flags and every table join on them."""
    import pycountry  # imported here: only this check needs the ISO tables

    for row in course.country_rows:
        c = row.value
        if pycountry.countries.get(alpha_2=c.iso2) is not None:
            continue
        try:
            known = pycountry.countries.lookup(c.name)
        except LookupError:
            known = None
        fix = (f"the ISO 3166-1 code of {c.name} is {known.alpha_2}" if known is not None
               else "use the country's two-letter ISO 3166-1 code, e.g. TH for Thailand")
        yield Finding("data/countries.csv", row.line, "COUNTRY-CODE",
                      f"'{c.iso2}' is not an ISO 3166-1 country code", fix)


def _unique_names(course: Course) -> Iterable[Finding]:
    """One row per country: a second row with another code would split its facts between two codes."""
    seen: dict[str, tuple[str, int]] = {}
    for row in course.country_rows:
        c = row.value
        key = " ".join(c.name.casefold().split())
        if key in seen and seen[key][0] != c.iso2:
            code, line = seen[key]
            yield Finding("data/countries.csv", row.line, "COUNTRY-NAME-DUPLICATE",
                          f"'{c.name}' is already the country on line {line} ({code})",
                          "keep one row per country: remove this row, or give it the right name")
        seen.setdefault(key, (c.iso2, row.line))
