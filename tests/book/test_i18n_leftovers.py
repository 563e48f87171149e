"""No English sentence of the library stays on an Indonesian page: the shipped course's pages' library words
(table titles, headers and notes, chart titles, axis labels, legends and alt texts, notices, source lines) drawn
once in English and once through the shipped Indonesian catalogues, and compared sentence by sentence.

A sentence written by the library that is the same in both is one that never went through ``_``/``N_`` (an
f-string, a literal not marked) or has no entry in ``locales/id``: the page would show it in English. What must
stay in its original language is taken out before comparing: source titles (they name documents), country and
region names, and data text the page shows in table cells or repeats in an alt text (translated, or not, by
the data catalogue).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from conftest import REPO
from coursekit.book import (
    capacity,
    casestudies,
    cooperation,
    country_updates,
    coverage,
    data,
    electronic_evidence,
    figures,
    followup,
    i18n,
    instruments,
    new_forms,
    overview,
    regional_overview,
    status,
)
from coursekit.book.charts import Chart, ChartGroup
from coursekit.book.tables import Table, translated
from coursekit.model import data as model_data
from coursekit.model import legislation

CASE = "ph-livestream-payments-from-abroad"  # the Thai pilot's case study, in Indonesian here
# Each piece of a page the library writes, as the units call it (a country-update page, a case study, ...).
PIECES: dict[str, Callable[[], object]] = {
    "law-currency notice": lambda: country_updates.UnitDates("2026-12-01", "2027-11-01"),
    "law-currency notice, no dates": lambda: country_updates.UnitDates(None, None),
    "country profile": lambda: country_updates.profile_table(country_updates.load("ID")),
    "key laws": lambda: country_updates.laws_table(country_updates.load("ID")),
    "steps taken": lambda: country_updates.steps_table(country_updates.load("ID")),
    "treaty status": lambda: country_updates.treaty_table("LK"),
    "alignment": lambda: country_updates.alignment_table("MY"),
    "country challenges chart": lambda: country_updates.challenges_chart("ID"),
    "country challenges": lambda: country_updates.challenges_table("ID"),
    "no challenges": lambda: country_updates.NoChallenges("Brunei Darussalam"),
    "reported, then done since": lambda: followup.since_table("ID"),
    "nothing done since": lambda: followup.NothingSince("Brunei Darussalam", 3),
    "open and answered": followup.counts_table,
    "recent challenges": regional_overview.recent_table,
    "older challenges": regional_overview.older_reports,
    "region-wide challenges": regional_overview.region_table,
    "challenges addressed": regional_overview.addressed_table,
    "what each status rests on": regional_overview.alignment_notes,
    "challenges by category": regional_overview.category_chart,
    "challenges by country": regional_overview.country_chart,
    "small multiples": regional_overview.small_multiples,
    "heatmap": regional_overview.heatmap,
    "treaty timeline": regional_overview.timeline,
    "case at a glance": lambda: casestudies.overview_table(casestudies.load(CASE)),
    "case timeline table": lambda: casestudies.timeline_table(casestudies.load(CASE)),
    "case timeline chart": lambda: casestudies.timeline(casestudies.load(CASE)),
    "legal basis": lambda: casestudies.provisions_table(casestudies.load(CASE)),
    "investigative steps": lambda: casestudies.steps_table(casestudies.load(CASE)),
    "partners": lambda: casestudies.partners_table(casestudies.load(CASE)),
    "electronic-evidence grid": electronic_evidence.grid_table,
    "electronic-evidence rules": electronic_evidence.rules_table,
    "electronic-evidence chart": electronic_evidence.aspects_chart,
    "CyberTipline figures": figures.cybertipline_table,
    "Disrupting Harm chart": figures.dh_chart,
    "country figures": lambda: figures.country_table("PH"),
    "no figures": lambda: figures.NoFigures("Brunei Darussalam"),
    "capacity programmes": capacity.programmes_table,
    "capacity offers": capacity.offers_table,
    "capacity use": capacity.use_table,
    "programmes per country": capacity.programmes_per_country,
    "cooperation channels": cooperation.capabilities_table,
    "cooperation reach": cooperation.reach_table,
    "new forms": new_forms.statements_table,
    "new forms, challenges": new_forms.reported_challenges,
    "treaty status of the countries": lambda: instruments.regional_status(legislation.TREATY_PROVISIONS),
    "key facts": lambda: instruments.facts_table("budapest"),
    "UTC offsets": overview.offset_chart,
    "alignment matrix": regional_overview.alignment,
    "articles": lambda: instruments.article_table("mnr"),
    "coverage summary": coverage.summary_table,
    "coverage chart": lambda: coverage.chart("lanzarote"),
    "status sentences": lambda: status.statuses("PH"),
    "treaty status sentences": lambda: status.statuses("LK", legislation.TREATY_PROVISIONS),
}


def library_texts(piece: object) -> Iterator[str]:
    """What the library itself writes of a piece, in the current language (cells are data: left out)."""
    if isinstance(piece, Table):
        shown = translated(piece)
        yield from (shown.caption, shown.source, shown.collapsed or "", *map(str, shown.frame.columns))
    elif isinstance(piece, Chart):
        from matplotlib.text import Text

        i18n.translate_figure(piece.figure)
        yield from (i18n._(piece.title), i18n.caption(piece.caption), i18n._(piece.alt))
        ticks = {t for ax in piece.figure.axes for axis in (ax.xaxis, ax.yaxis) for t in axis.get_ticklabels()}
        yield from (t.get_text() for t in piece.figure.findobj(Text) if t not in ticks)
    elif isinstance(piece, ChartGroup):  # small multiples of one instrument's coverage grid
        for chart in piece.charts:
            yield from library_texts(chart)
    elif hasattr(piece, "_repr_html_"):  # the alignment matrix: an HTML table of library words
        yield from re.split(r"<[^>]+>|\"", piece._repr_html_())
    elif piece is not None:
        yield piece._repr_markdown_()


def _unchangeable() -> list[str]:
    """Words that stay as they are in every language: source titles, country and region names, longest first."""
    from coursekit.model import challenges, sourcefiles

    doc, _findings = sourcefiles.read_yaml(REPO / "data" / "sources.yaml", "data/sources.yaml")
    titles = [str(s["title"]) for s in doc["sources"]] + [str(s["publisher"]) for s in doc["sources"]]
    names = [*data.country_names().values(), *challenges.regions().values()]
    # data text a chart's alt text repeats (the case's events): the data catalogue's business, not the library's
    events = [e.event.rstrip(".") for e in casestudies.load(CASE).timeline]
    frame = legislation.frame()  # law titles and sections keep their original wording
    laws = [str(v) for col in ("law", "section") for v in frame[col].dropna()]
    # the pages' own titles and parts (a coverage grid names the units that teach each article): their pages'
    # catalogues translate them on the pages themselves; the library draws them as the table of contents gives them
    units = [t for u in coverage.current()[1] for t in (u.title, u.part)]
    return sorted({t for t in titles + names + events + laws + units if t}, key=len, reverse=True)


def sentences(texts: Iterator[str], keep: list[str]) -> set[str]:
    """The English-looking runs of 4+ words of ``texts``, with the words that never translate taken out."""
    out = set()
    for text in texts:
        text = re.sub(r"\\(.)", r"\1", text)  # MyST escapes (a source title's 'file\_name.csv')
        for word in keep:
            text = text.replace(word, " ")
        for part in re.split(r"[.;:()\[\]\n*]+|\s-\s", text):
            part = " ".join(part.split())
            if len(re.findall(r"\b[A-Za-z][a-z']+\b", part)) >= 4:
                out.add(part)
    return out


@pytest.fixture(scope="module")
def shipped():
    mp = pytest.MonkeyPatch()
    mp.setenv("COURSE_ROOT", str(REPO))
    model_data.reset_reads()
    yield _unchangeable()
    i18n.use("en")
    mp.undo()


@pytest.mark.parametrize("name", list(PIECES))
def test_no_english_sentence_of_the_library_stays_on_an_indonesian_page(shipped: list[str], name: str):
    i18n.use("en")
    english = sentences(library_texts(PIECES[name]()), shipped)
    assert english or name.startswith("UTC"), f"{name}: nothing to compare (the piece draws no words?)"
    i18n.use("id")
    indonesian = sentences(library_texts(PIECES[name]()), shipped)
    left = sorted(english & indonesian)
    assert not left, f"{name}: English left on the Indonesian page (mark it with _/N_ and translate it in " \
                     f"locales/id): {left}"
