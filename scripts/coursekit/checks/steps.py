"""Steps taken and the challenges they answer: ``addressed_by`` in ``challenges.csv`` names a step of
``data/country-updates/<code>.yaml`` (``XX:<step id>``), and the link must hold.

A step is a fact with the same evidence rules as a row: an ``id`` unique in its country, a source, and
an evidence level (``source_kinds`` refuses ``verified`` on a news, NGO or copy source). One event is
one step: the same year and source twice in a country is a warning (the event may be counted twice).
A challenge names a step of its own country, taken in or after the year it was reported, and says when
and how it was addressed (``addressed_at``, ``addressed_note``, ``addressed_source``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model.challenges import year_of
from ..model.country_updates import FOLDER, CountryUpdate, Step
from ..model.curriculum import Course
from ..model.findings import Finding
from ..model.sourcefiles import line_of, read_yaml, validate_yaml_item
from .challenges import RULES as CHALLENGES
from .rows import read_country_table


def country_steps(course: Course) -> Iterator[tuple[str, str, Step, int | None]]:
    """(country, file as shown, step, line) for every step of every readable country update."""
    folder = course.root / "data" / FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        shown = course.shown(path)
        doc, findings = read_yaml(path, shown)
        if findings or not isinstance(doc, dict):
            continue  # country_updates.py reports it
        update, _ = validate_yaml_item(doc, CountryUpdate, shown, 1)
        if update is None:
            continue
        items = doc.get("steps") or []
        for i, step in enumerate(update.steps):
            yield update.country, shown, step, line_of(items, i)


def check(course: Course) -> Iterable[Finding]:
    steps: dict[tuple[str, str], Step] = {}
    events: dict[tuple[str, int | None, str], int | None] = {}
    for country, shown, step, line in country_steps(course):
        if step.id is None:
            yield Finding(shown, line, "STEP-NO-ID", "this step has no 'id', so no challenge can name it",
                          "add 'id: <country>-<year>-<words>' (lower-case words joined by hyphens)",
                          severity="warning")
        elif (country, step.id) in steps:
            yield Finding(shown, line, "STEP-DUPLICATE-ID", f"step id '{step.id}' is used twice in {country}",
                          "give each step its own id")
        else:
            steps[(country, step.id)] = step
        if step.evidence is None:
            yield Finding(shown, line, "STEP-NO-EVIDENCE", "this step does not say how far its source may be trusted",
                          "add 'evidence: verified' (official text or primary source) or 'evidence: secondary'",
                          severity="warning")
        event = (country, step.year, step.source)
        if step.year is not None and event in events:
            yield Finding(shown, line, "STEP-SAME-EVENT",
                          f"another step of {country} in {step.year} cites the same source (line {events[event]})",
                          "one event is one step: merge the two, or cite each one's own source", severity="warning")
        events.setdefault(event, line)
    rows, _ = read_country_table(course, CHALLENGES)  # challenges.py reports the table's own problems
    for row in rows:
        r, line = row.value, row.line
        if not r.addressed_by:
            continue
        country, _, step_id = r.addressed_by.partition(":")
        step = steps.get((country, step_id))
        if country != r.country:
            yield Finding(CHALLENGES.shown, line, "CHALLENGE-STEP-OTHER-COUNTRY",
                          f"a challenge of {r.country} names a step of {country} ({r.addressed_by})",
                          "name a step of the same country")
        elif step is None:
            yield Finding(CHALLENGES.shown, line, "CHALLENGE-STEP-UNKNOWN",
                          f"addressed_by '{r.addressed_by}' is not a step of data/{FOLDER}/{country.lower()}.yaml",
                          "use the 'id' of a step listed there (or add the step, with its source)")
        elif step.year is not None and step.year < year_of(r.reported_at):
            yield Finding(CHALLENGES.shown, line, "CHALLENGE-STEP-BEFORE-REPORT",
                          f"step '{step_id}' ({step.year}) came before the report ({r.reported_at})",
                          "a step can only answer a challenge reported before it: check both dates")
        if not r.addressed_at:
            yield Finding(CHALLENGES.shown, line, "CHALLENGE-ADDRESSED-INCOMPLETE",
                          "a challenge that names the step answering it has no addressed_at",
                          "give addressed_at, addressed_note and addressed_source too")
