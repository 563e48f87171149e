"""The country-update template: one page per country, every page the same shape.

Trainers find the same things in the same place for every country: the law-as-of and review-by
dates, the profile, treaty status, key laws, the challenges reported (a chart, or a plain note when
nothing is sourced), the steps taken, alignment with the standards, key points, discussion questions,
an exercise, trainer notes and sources. Facts come from data (``data/country-updates/<code>.yaml``,
``data/legislation.csv``, ``data/challenges.csv``); the notebook holds the words around them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from ...model.country_updates import FOLDER, UNIT_FOLDER
from ...model.findings import Finding, InputError
from ...model.legislation import LAW_PROVISIONS, PROVISIONS
from ...model.records import Country
from ..scaffold import fill
from . import Scaffold, markdown, unit_notebook
from . import yaml_string as _q

KIND = "country-update"
PART = "Regional country updates"

MAX_TITLE = 100

STANDARDS_PAGES = ("budapest-offences", "budapest-procedural", "budapest-cooperation", "lanzarote",
                   "un-cybercrime", "opsc-mnr")


def objectives(name: str) -> list[str]:
    """The unit's learning objectives: the same three for every country, naming it."""
    return [f"Describe {name}'s treaty status and the key laws used in OCSEA cases, with their dates",
            f"Identify where {name}'s law aligns with the international standards and where its status is unknown",
            f"Discuss the challenges reported for {name} and the steps taken to address them"]


def standards_refs(root: Path) -> list[str]:
    """Every article the alignment table refers to, for the unit's ``standards`` metadata (only those of
    instruments the course has a file for, so a new unit validates in any course)."""
    refs = dict.fromkeys(ref for p in LAW_PROVISIONS for ref in PROVISIONS[p].standards)
    return [r for r in refs if (root / "data" / "instruments" / f"{r.split(':')[0]}.yaml").is_file()]


def notebook(*, iso2: str, name: str, title: str, source: str, today: dt.date,
             standards: list[str]) -> nbformat.NotebookNode:
    """The country-update notebook, with [[fill: ...]] where the author writes."""
    f = fill
    code = f'"{iso2}"'
    goals = objectives(name)
    links = ", ".join(f"{{doc}}`../standards/{p}`" for p in STANDARDS_PAGES)
    cells = [
        # objectives and key points live in metadata only: the build writes them into the page
        markdown(f"# {title}\n\n{f(f'two or three sentences: what this page covers for {name} and why it matters for the region')}"),
        new_code_cell(f"from coursekit.book import country_updates\n\ncountry_updates.dates({code})"),
        # the main chart first, under the key points: a phone reader sees it in the first screens
        markdown("## Reported challenges\n\nChallenges reported for the country in sourced reports, by category. "
            "Categories are the course's fixed list (see {doc}`../challenges`)."),
        new_code_cell(f"country_updates.challenges_chart({code})"),
        new_code_cell(f"country_updates.challenges_table({code})"),
        markdown(f"## Profile\n\n{f('one paragraph: the institutions that handle OCSEA cases and the context, as the table shows')}"),
        new_code_cell(f"update = country_updates.load({code})\ncountry_updates.profile_table(update)"),
        markdown("## Treaty status\n\nStatus under each treaty the course teaches, with the date it took effect and the "
            "source. *Unknown* means that no checked source was found: it is not the same as *No*. The regional "
            "picture is in {doc}`../challenges`."),
        new_code_cell(f"country_updates.treaty_table({code})"),
        markdown(f"## Key laws\n\n{f('one paragraph: which laws investigators and prosecutors use, as the table shows')}"),
        new_code_cell("country_updates.laws_table(update)"),
        markdown(f"## Steps taken\n\n{f('one paragraph: what has been done, as the table shows')}"),
        new_code_cell("country_updates.steps_table(update)"),
        markdown("## Alignment with the standards\n\nEach row is one thing the standards ask of national law, with "
            f"the articles that ask it. The standards units explain each one: {links}."),
        new_code_cell(f"country_updates.alignment_table({code})"),
        markdown(f"## Discussion questions\n\n1. {f('question 1')}\n2. {f('question 2')}\n3. {f('question 3')}"),
        markdown(f"## Exercise\n\n{f('a task for small groups, using the tables above')}", tags=["exercise"],
            objectives=[2, 3]),
        markdown(f"**Model answer.** {f('what a good answer contains')}", tags=["solution"]),
        markdown(f"**Trainer notes.** {f('timing, what to stress, what to check before the session')}", tags=["trainer"]),
        markdown("## Sources"),
        new_code_cell("from coursekit.book import sources_section\n\n"
                      f"sources_section.for_unit(country_updates.page_sources({code}, {json.dumps([source])}))"),
    ]
    nb = unit_notebook(cells, unit_id=f"{iso2.lower()}-country-update", kind=KIND, today=today,
                       teaching=20,
                       exercises=15,
                       objectives=goals,
                       keypoints=[f(f"key point {i}, one sentence (the page shows it under 'Key points')") for i in (1, 2, 3)],
                       audience=["all"],
                       standards=standards,
                       countries=[iso2],
                       sources=[source])
    return nb



def data_file(*, iso2: str, name: str, source: str, today: dt.date) -> str:
    """``data/country-updates/<code>.yaml`` with every field, commented for the author."""
    f = fill
    return f"""\
# Country-update data for {UNIT_FOLDER}/{iso2.lower()}.ipynb ({name}): its profile, key laws and steps taken.
# Replace every [[fill: ...]]; 'python3 scripts/course.py validate' names each one still left.
# Only checked facts, each citing a source id from data/sources.yaml. Leave out what is recalled but not
# verified. Treaty status and national provisions live in data/legislation.csv, challenges in
# data/challenges.csv.
country: {iso2}
as_of: {today.isoformat()}            # the day these facts were last checked
profile:                      # institutions and context, one fact per item
  - fact: {_q(f('an institution that handles OCSEA cases, or a fact of context'))}
    source: {source}
laws:                         # key national laws, as their sources name them
  - law: {_q(f('the law, with its number and year as the source gives them'))}
    about: {_q(f('what it does for OCSEA cases'))}
    source: {source}
steps:                        # steps taken, one per event: laws, units, portals, training, cooperation
  - id: {iso2.lower()}-{today.year}-first-step   # unique in the country; a challenge names it in addressed_by
    year: {today.year}              # or null when the source gives none
    step: {_q(f('a step taken and by whom'))}
    source: {source}
    evidence: secondary       # verified only when the primary document was seen (see data/README.md)
"""


def _heading(title: str | None, country: Country) -> str:
    """The page title: the one given (checked), or '<country>: country update'."""
    if title is None or not title.strip():
        return f"{country.name}: country update"
    title = title.strip()
    if len(title) > MAX_TITLE or re.search(r"[\n\r<>\[\]{}`]", title):
        raise InputError([Finding("--title", None, "NEW-TITLE",
                                  f"the title must be one line of at most {MAX_TITLE} characters, "
                                  "without < > [ ] { } or backticks",
                                  f'for example --title "{country.name}: country update"')])
    return title


def plan(*, country: Country, title: str | None, root: Path, today: dt.date) -> Scaffold:
    """A country update for ``country``: notebook, data file and toc entry under 'Regional country updates'.

    The file is named after the country (one update per country), so ``--title`` only changes the heading.
    """
    iso = country.iso2.lower()
    args = {"iso2": country.iso2, "name": country.name, "source": country.source, "today": today}
    heading = _heading(title, country)
    return Scaffold(unit_file=f"{UNIT_FOLDER}/{iso}", notebook=notebook(title=heading, standards=standards_refs(root), **args),
                    data_files={f"data/{FOLDER}/{iso}.yaml": data_file(**args)})
