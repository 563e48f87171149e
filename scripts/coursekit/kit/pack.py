"""The pack: everything a trainer needs for a delivery, in one zip to carry on a USB stick.

Rooms often have a projector and no reliable connection, and participants get paper. The pack holds
both websites (they open from the files, search included, with no server), the participant
handouts as PDF, the trainer's guide as PDF, a slide deck per unit, every chart as PNG and SVG,
the delivery's calendar file and a README saying what each file is for.

Participant files and trainer files are kept in two folders, and every participant file (each PDF's
text included) and the zip's list of participant files pass the same leak check as the participant
website before anything is written. The zip is written beside the last one under a temporary name
and renamed over it only when complete: a failure leaves the last good pack.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from ..delivery.agenda import Agenda, calendar
from ..engine import languages
from ..engine.leakcheck import scan, trainer_text
from ..engine.pack_index import start_page
from ..engine.sitecheck import site_findings as check_rendered
from ..model.curriculum import Course, is_trainer_page, load, staged_name
from ..model.findings import Finding
from ..model.text import slug
from . import handouts, language_handbooks, slides
from .pack_readme import readme

PACK_DIR = "_build/pack"
BUDGET_BYTES = 60 * 1024 * 1024  # what a trainer can copy to any USB stick or laptop in under a minute
PARTICIPANT = "participant"
TRAINER = "trainer-only"
SEARCH_OFFLINE = ("\n// course.py pack: opened from the files (file://), a browser refuses the page summaries that\n"
                  "// search would fetch; show the list of pages found without them.\n"
                  "if (location.protocol === 'file:') { DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false; }\n")

COURSE_WIDE_PAGES = {"outcomes"}  # trainer pages about every unit: left out of a delivery's guide
Step = Callable[[int, int, str], None]  # (done, total, what was just made): the progress display


class PackError(Exception):
    """The pack cannot be made (the reason is for the trainer); the last good pack is kept."""


@dataclass(frozen=True)
class PackUnit:
    """A participant page of the course in a pack: where its two built pages are."""

    number: int
    title: str
    entry: str  # toc entry, e.g. book/countries/ph
    participant_html: Path
    trainer_html: Path
    meta: dict | None  # metadata.course of its notebook (None for a Markdown page)

    @property
    def name(self) -> str:
        return f"{self.number:02d}-{slug(self.entry.removeprefix('book/'))}"


@dataclass
class PackResult:
    path: Path
    size: int = 0
    budget: int = BUDGET_BYTES
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file in the zip
    units: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings


def pack_name(agenda: Agenda | None) -> str:
    return f"{agenda.id if agenda else 'course'}-pack"


def units_of(course: Course, participant: Path, trainer: Path) -> list[PackUnit]:
    """Every participant page in teaching order (the landing page first), with its built pages."""
    units = {u.path: u for u in course.units}
    out = []
    for entry in course.toc:
        if entry.path is None or is_trainer_page(entry.file):
            continue
        html = staged_name(entry.file) + ".html"
        unit = units.get(entry.path)
        title = unit.title if unit else _page_title(participant / html)
        out.append(PackUnit(len(out) + 1, title, entry.file, participant / html, trainer / html,
                            unit.meta if unit else None))
    return out


def in_delivery_order(units: list[PackUnit], agenda: Agenda | None) -> list[PackUnit]:
    """With a delivery, its units are numbered first, in the agenda's block order (handout 01 is block 1,
    as the agenda and the trainer's guide say); the other units follow in teaching order."""
    if agenda is None:
        return units
    by_entry = {u.entry: u for u in units}
    first = [by_entry[p] for p in dict.fromkeys(s.page for s in agenda.slots if s.page) if p in by_entry]
    rest = [u for u in units if u not in first]
    return [replace(u, number=n) for n, u in enumerate(first + rest, start=1)]


# Source maps (the theme's *.js.map, *.css.map: 13.8 MB in a three-language pack) serve only a
# developer's browser tools; a participant's browser never fetches them, so the pack leaves them out.
NOT_IN_PACK = shutil.ignore_patterns("*.map")


def _copy_site(src: Path, dest: Path) -> None:
    shutil.copytree(src, dest, symlinks=False, ignore=NOT_IN_PACK)
    options = dest / "_static" / "documentation_options.js"
    if options.is_file():
        options.write_text(options.read_text(encoding="utf-8") + SEARCH_OFFLINE, encoding="utf-8")


def _deck(unit: PackUnit, course: str, agenda: Agenda | None, figures: Path) -> slides.Deck:
    meta = unit.meta or {}
    minutes = (meta.get("teaching") or 0) + (meta.get("exercises") or 0)
    delivery = block = ""
    if agenda is not None:
        day = agenda.delivery.date
        delivery = f"{agenda.delivery.title}, {day.day} {day:%B %Y}"
        blocks = [s for s in agenda.slots if s.page]
        slot = next((s for s in blocks if s.page == unit.entry), None)
        block = f"Block {slot.session} of {len(blocks)}" if slot is not None else "Not in this delivery's agenda"
    page = unit.participant_html
    return slides.Deck(
        title=unit.title, minutes=minutes or None, course=course, delivery=delivery, block=block,
        objectives=[str(o) for o in meta.get("objectives") or []],
        keypoints=[str(k) for k in meta.get("keypoints") or []],
        sections=slides.content_sections(page), steps=slides.timeline_steps(page),
        charts=slides.charts_of(page, figures),
        questions=slides.section_items(page, "Discussion questions"),
        exercise=slides.exercise(page), self_check=slides.self_check(unit.trainer_html),
        trainer_notes=slides.box_texts(unit.trainer_html, "notes"),
        answers=slides.box_texts(unit.trainer_html, "answer"))


def _guide(course: Course, trainer: Path, units: list[PackUnit], agenda: Agenda | None) -> handouts.Handout:
    """The trainer's guide: the trainer pages (this delivery's agenda only), then each unit's card and
    boxes, opened: facilitation notes, model answers, knowledge-check answer keys. For a delivery it
    holds only the delivery's units, block by block in the agenda's order, each under its block and
    handout number (and no course-wide table of every unit's objectives)."""
    parts = []
    for entry in course.toc:
        if entry.path is None or not is_trainer_page(entry.file):
            continue
        name = Path(entry.file).name
        if agenda is not None and name.startswith("agenda-") and name != f"agenda-{agenda.id}":
            continue
        if agenda is not None and name in COURSE_WIDE_PAGES:
            continue
        html = trainer / (staged_name(entry.file) + ".html")
        if html.is_file():
            parts.append(handouts.Part(html, _page_title(html)))
    parts.sort(key=lambda p: not p.html.stem.startswith("agenda-"))  # the day's plan first
    by_entry = {u.entry: u for u in units}
    if agenda is None:
        chosen = [(u, u.title) for u in units]
    else:
        chosen = [(by_entry[s.page], f"Block {s.session}: {by_entry[s.page].title} (handout {by_entry[s.page].name})")
                  for s in agenda.slots if s.page in by_entry]
    for unit, heading in chosen:
        if unit.meta is None or not unit.trainer_html.is_file():
            continue
        parts.append(handouts.Part(unit.trainer_html, heading, select=[".trainer-card, .trainer-box, .tag_trainer-box"],
                                   heading=heading))
    return handouts.Handout("Trainer's guide", parts, marking="Trainer edition: not for distribution",
                            subtitle=course_title(course))


def _page_title(html: Path) -> str:
    h1 = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select_one("article h1")
    return " ".join(h1.get_text(" ", strip=True).rstrip("#").split()) if h1 else html.stem


def course_title(course: Course) -> str:
    config = yaml.safe_load((course.root / "_config.yml").read_text(encoding="utf-8")) or {}
    return str(config.get("title") or "Training book")


def leak_findings(root: Path, work: Path, name: str) -> list[Finding]:
    """The leak check over every participant file of the pack and the list of their names."""
    secret = trainer_text(root)
    participant = work / name / PARTICIPANT
    findings = scan(participant, secret, label=f"{name}.zip/{PARTICIPANT}")
    listing = work / "listing"
    listing.mkdir(exist_ok=True)
    names = sorted(p.relative_to(work).as_posix() for p in participant.rglob("*") if p.is_file())
    (listing / "participant-files.txt").write_text("\n".join(names), encoding="utf-8")
    findings += scan(listing, secret, label=f"{name}.zip (list of participant files)")
    return findings


def _zip(folder: Path, target: Path) -> list[str]:
    """Zip ``folder`` (as the zip's top folder) to ``target`` atomically; return the zip's names."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    names = []
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    arc = p.relative_to(folder.parent).as_posix()
                    zf.write(p, arc)
                    names.append(arc)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return names


def make_pack(root: Path, agenda: Agenda | None = None, step: Step | None = None) -> PackResult:
    """Make the pack of the built course at ``root`` (run ``build`` first) for ``agenda``'s delivery."""
    step = step or (lambda _done, _total, _what: None)
    name = pack_name(agenda)
    result = PackResult(root / PACK_DIR / f"{name}.zip")
    built = {ed: (root / "_build" / ed / "html").resolve() for ed in ("participant", "trainer")}
    missing = [ed for ed, p in built.items() if not (p / "index.html").is_file()]
    if missing:
        raise PackError(f"the {' and '.join(missing)} website is not built: run `python3 scripts/course.py build` first")
    course = load(root)
    work = root / "_build" / "work-pack"
    shutil.rmtree(work, ignore_errors=True)
    top = work / name
    try:
        # the sites as built (the pack adds only its offline-search line): a site edited since it was
        # built must not carry anything that could run into a room
        result.findings = [*languages.published_site_findings(root, built["participant"], f"{name}.zip/{PARTICIPANT}"),
                           *check_rendered(built["trainer"], root, f"{name}.zip/{TRAINER}")]
        if result.findings:
            return result
        _copy_site(built["participant"], top / PARTICIPANT / "website")
        _copy_site(built["trainer"], top / TRAINER / "website")
        taught = units_of(course, top / PARTICIPANT / "website", top / TRAINER / "website")
        units = in_delivery_order(taught, agenda)
        result.units = len(units)
        total = len(units) + 2
        with handouts.Printer() as printer:
            for done, unit in enumerate(units, start=1):
                handout = handouts.Handout(unit.title, [handouts.Part(unit.participant_html, unit.title)],
                                           toc_level=2, subtitle=course_title(course))
                printer.print(handout, top / PARTICIPANT / "handouts" / "units" / f"{unit.name}.pdf", work / "print")
                if unit.meta is not None:
                    slides.write_deck(_deck(unit, course_title(course), agenda, root / "_build" / "figures"),
                                      top / TRAINER / "slides" / f"{unit.name}.trainer-slides.pptx")
                step(done, total, unit.title)
            whole = handouts.Handout("Participant handbook", [handouts.Part(u.participant_html, u.title) for u in taught],
                                     subtitle=course_title(course), shared_sources=True, flowing=True,
                                     lists_once=True)
            printer.print(whole, top / PARTICIPANT / "handouts" / "participant-handbook.pdf", work / "print")
            step(total - 1, total, "participant handbook")
            for language in languages.of_delivery(root, agenda):  # each translated language's handbook
                printer.print(language_handbooks.handbook(root, top / PARTICIPANT / "website", language,
                                                          [u.entry for u in units], course_title(course)),
                              top / PARTICIPANT / "handouts" / language.code / "participant-handbook.pdf",
                              work / "print")
            printer.print(_guide(course, top / TRAINER / "website", units, agenda),
                          top / TRAINER / "trainer-guide.pdf", work / "print")
            step(total, total, "trainer's guide")
        figures = root / "_build" / "figures"
        if figures.is_dir():
            shutil.copytree(figures, top / TRAINER / "charts")
        if agenda is not None:
            (top / PARTICIPANT / "calendar").mkdir(parents=True)
            (top / PARTICIPANT / "calendar" / f"{agenda.id}.ics").write_bytes(calendar(agenda))
        (top / "README.txt").write_text(readme(course_title(course), agenda, units, BUDGET_BYTES), encoding="utf-8")
        (top / "index.html").write_text(start_page(course_title(course), agenda), encoding="utf-8")
        result.findings = leak_findings(root, work, name)
        if result.findings:
            return result
        result.files = _zip(top, result.path)
        result.size = result.path.stat().st_size
    except handouts.PrintFailed as exc:
        raise PackError(f"Chromium could not print a handout ({exc})") from None
    except handouts.ChromiumMissing as exc:
        raise PackError(f"{exc}: the PDF handouts are printed by Chromium (on Debian or Ubuntu: "
                        "sudo apt-get install chromium)") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result
