"""data/cooperation-channels.csv: schema, unique ids, sources and countries that resolve, a treaty row of
legislation.csv behind ``reach_from``, and evidence the row can carry: a ``no`` (a claim that a channel
cannot obtain something) only on a verified row, and ``verified`` only where a primary source is cited."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.cooperation import DATA_KINDS, FILE, Channel
from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.legislation import TREATY_PROVISIONS
from ..model.references import unknown_countries, unknown_sources
from ..model.sourcefiles import read_csv
from .source_kinds import only_secondary

SHOWN = f"data/{FILE}"


def check(course: Course) -> Iterable[Finding]:
    path = course.root / SHOWN
    if not path.exists():
        return
    rows, findings = read_csv(path, SHOWN, Channel)
    yield from findings
    seen: dict[str, int] = {}
    for row in rows:
        r, line = row.value, row.line
        if r.id in seen:
            yield Finding(SHOWN, line, "COOPERATION-DUPLICATE", f"channel id '{r.id}' is also on line {seen[r.id]}",
                          "give each channel its own id")
        seen.setdefault(r.id, line)
        yield from unknown_sources(course, r.source_ids(), SHOWN, line)
        yield from unknown_countries(course, r.countries() or [], SHOWN, line)
        if r.reach_from and r.reach_from not in TREATY_PROVISIONS:
            yield Finding(SHOWN, line, "COOPERATION-REACH-UNKNOWN",
                          f"reach_from '{r.reach_from}' is not a treaty row of data/legislation.csv",
                          f"use one of: {', '.join(TREATY_PROVISIONS)}")
        yield from _evidence(course, r, line)


def _evidence(course: Course, r: Channel, line: int) -> Iterable[Finding]:
    if r.evidence == "secondary":
        denied = [DATA_KINDS[k] for k in DATA_KINDS if getattr(r, k) == "no"]
        if denied:
            yield Finding(SHOWN, line, "COOPERATION-NO-ON-SECONDARY",
                          f"'no' for {', '.join(denied)} rests on a secondary source",
                          "write 'unknown' and say in the note what the source suggests, or cite the official text "
                          "and mark the row verified")
        return
    if only_secondary(course, r.source_ids()):
        yield Finding(SHOWN, line, "COOPERATION-VERIFIED-WITHOUT-PRIMARY",
                      "the row is marked verified but every source it cites is a copy, news report, NGO or "
                      "research summary", "mark it secondary, or cite the official text you saw")
