"""The case-study template: a notebook that reads its case from data, and that data file.

Every case study has the same shape, so trainers find the same things in the same place: a content
note and the basis at the top, the case at a glance, the timeline, the legal basis mapped to the
international articles, the investigative steps and their evidence problems, cooperation, outcome
and lessons, then discussion questions, an exercise with its model answer, trainer notes and sources.
The tables and the timeline come from ``data/case-studies/<id>.yaml``; the notebook holds the words.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from ...model.findings import Finding, InputError
from ...model.records import Country
from ...model.text import slug
from ..scaffold import fill
from . import Scaffold, markdown, unit_notebook
from . import yaml_string as _q

KIND = "case-study"
PART = "Case studies"

LEGAL_BASIS = ("which national provisions applied and why; link the standards units that teach the articles, "
               "for example {doc}`../standards/budapest-procedural`")
INVESTIGATION = ("the investigative steps and the evidence problems met: preservation, attribution, encryption, "
                 "cross-border requests")

MAX_TITLE = 100
MAX_SLUG = 48

CONTENT_NOTE = """\
:::{admonition} Content note
:class: caution
This unit is about the sexual exploitation of children online, discussed in the language of law,
investigation and evidence. It describes no abuse and shows no images. If the subject affects you,
you may step out at any time; the trainer can point you to support.
:::"""

COMPOSITE_NOTE = """\
:::{admonition} Composite teaching scenario
:class: note
This case is a composite teaching scenario, not the record of a single real case. It is built from
the kinds of cases described in the sources listed at the end, so that no child, family or suspect
can be identified. Days are counted from the first report and are illustrative. The laws,
institutions and figures named are real and cited.
:::"""


def _title_and_slug(title: str | None, country: Country) -> tuple[str, str]:
    """The page title and the file-name slug; a bad title is an InputError the trainer can fix."""
    if title is None:
        return fill("a short title naming the country and what the case teaches"), "new-case-study"
    title = title.strip()
    problem = None
    if not 3 <= len(title) <= MAX_TITLE:
        problem = f"the title must be 3 to {MAX_TITLE} characters long"
    elif re.search(r"[\n\r<>\[\]{}`]", title):
        problem = "the title must be one line without < > [ ] { } or backticks"
    base = slug(title)
    prefix = country.iso2.lower() + "-"
    base = base.removeprefix(prefix)
    if problem is None and not base:
        problem = "the title needs some letters or digits (a-z, 0-9) to name the file"
    if problem:
        raise InputError([Finding("--title", None, "NEW-TITLE", problem,
                                  'for example --title "Hotline referral and device seizure"')])
    if len(base) > MAX_SLUG:
        base = base[:MAX_SLUG].rsplit("-", 1)[0]
    return title, base


def notebook(*, unit_id: str, title: str, country: Country, source: str, today: dt.date) -> nbformat.NotebookNode:
    """The case-study notebook, with [[fill: ...]] where the author writes."""
    f = fill
    cells = [
        markdown(f"# {title}\n\n{CONTENT_NOTE}\n\n{COMPOSITE_NOTE}"),
        # objectives and key points live in metadata only: the build writes them into the page
        markdown(f"**Audience:** police, prosecutors and judges. **Law as of** {today.isoformat()}."),
        markdown("## The case at a glance\n\n"
            f"{f('one paragraph: the situation, who reported it, and why the case is worth teaching')}"),
        new_code_cell(f'from coursekit.book import casestudies\n\ncase = casestudies.load("{unit_id}")\n'
                      "casestudies.overview_table(case)"),
        markdown(f"## Timeline\n\n{f('one paragraph: how the case moved and where it slowed down')}"),
        new_code_cell("casestudies.timeline(case)"),
        new_code_cell("casestudies.timeline_table(case)"),
        markdown(f"## Legal basis\n\n{f(LEGAL_BASIS)}"),
        new_code_cell("casestudies.provisions_table(case)"),
        markdown(f"## Investigation and evidence\n\n{f(INVESTIGATION)}"),
        new_code_cell("casestudies.steps_table(case)"),
        markdown(f"## Cooperation\n\n{f('domestic agencies, foreign counterparts, service providers and NGOs, and how they worked together')}"),
        new_code_cell("casestudies.partners_table(case)"),
        markdown(f"## Outcome and lessons for the region\n\n{f('the outcome, then three to five lessons for the region')}"),
        markdown(f"## Discussion questions\n\n1. {f('question 1')}\n2. {f('question 2')}\n3. {f('question 3')}"),
        markdown(f"## Exercise\n\n{f('a task for small groups, using the tables above')}",
            tags=["exercise"], objectives=[1, 2, 3]),
        markdown(f"**Model answer.** {f('what a good answer contains')}", tags=["solution"]),
        markdown(f"**Trainer notes.** {f('timing, what to stress, sensitivities to watch for in the room')}",
            tags=["trainer"]),
        markdown("## Sources"),
        new_code_cell("from coursekit.book import sources_section\n\n"
                      "cited_in_text = []  # ids (data/sources.yaml) of sources the text cites beyond the data file\n"
                      "sources_section.for_unit(case.source_ids() + cited_in_text)"),
    ]
    nb = unit_notebook(cells, unit_id=unit_id, kind=KIND, today=today,
                       teaching=45,
                       exercises=30,
                       objectives=[f(f"objective {i}, for example: {e}") for i, e in (
                           (1, "Trace how the case moved from the first report to the outcome"),
                           (2, "Name the national provisions used and the international articles they implement"),
                           (3, "Identify the evidence problems met and how each was solved"))],
                       keypoints=[f(f"key point {i}, one sentence (the page shows it under 'Key points')") for i in (1, 2, 3)],
                       audience=["police", "prosecutors", "judges"],
                       standards=[],
                       countries=[country.iso2],
                       basis="composite",
                       sources=[source])
    return nb



def data_file(*, unit_id: str, title: str, country: Country, source: str, today: dt.date) -> str:
    """``data/case-studies/<id>.yaml`` with every required field, commented for the author."""
    f = fill
    return f"""\
# Case-study data for book/case-studies/{unit_id}.ipynb: its tables and timeline are drawn from here.
# Replace every [[fill: ...]]; 'python3 scripts/course.py validate' names each one still left.
# Every law, institution and figure cites a source id from data/sources.yaml.
id: {unit_id}
title: {_q(title)}
country: {country.iso2}
basis: composite            # composite (a teaching scenario) or public-record (then every event needs a date)
basis_note: {_q(f('what the scenario is built from, or which public record it follows'))}
summary: {_q(f('two sentences: the case from the first report to the outcome'))}
law_as_of: {today.isoformat()}       # the day the law shown was last checked
sources:                    # context sources for the chart caption and the case at a glance
  - {source}
timeline:                   # in order of day (days since the first report); composite cases have no dates
  - day: 0
    phase: report           # report, preservation, investigation, cooperation, search-and-seizure,
                            # victim-support, prosecution, outcome
    event: {_q(f('the first report or referral, and who received it'))}
provisions:                 # national provisions used, mapped to international articles
  - law: {_q(f('the national law, as its source names it'))}
    provision: {_q(f('the section or part'))}
    covers: {_q(f('what it makes an offence or allows'))}
    standards: []           # for example [budapest:9, lanzarote:20]
    source: {source}
partners:                   # kind: domestic, foreign, service-provider, ngo, international
  - name: {_q(f('an agency, counterpart, provider or NGO'))}
    kind: domestic
    role: {_q(f('what it did in the case'))}
steps:                      # investigative steps, each with the evidence problems met
  - step: {_q(f('an investigative step'))}
    phase: investigation
    powers: []              # international articles, for example [budapest:16, budapest:29]
    problems:               # kind: preservation, attribution, encryption, cross-border, volume,
                            # victim-identification, admissibility
      - kind: preservation
        problem: {_q(f('the evidence problem met'))}
        response: {_q(f('how it was handled'))}
outcome: {_q(f('the outcome, in one or two sentences'))}
"""


def plan(*, country: Country, title: str | None, root: Path, today: dt.date) -> Scaffold:
    """A new case study for ``country``: notebook, data file and toc entry under 'Case studies'."""
    title, base = _title_and_slug(title, country)
    unit_id = f"{country.iso2.lower()}-{base}"
    args = {"unit_id": unit_id, "title": title, "country": country, "source": country.source, "today": today}
    return Scaffold(unit_file=f"book/case-studies/{unit_id}", notebook=notebook(**args),
                    data_files={f"data/case-studies/{unit_id}.yaml": data_file(**args)})
