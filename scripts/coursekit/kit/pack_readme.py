"""The README.txt at the top of a pack: what each file is for, in plain words for a trainer.

Plain text, so it opens on any computer in the room, whatever is installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..delivery.agenda import Agenda


class _Unit(Protocol):
    name: str
    title: str
    meta: dict | None


def readme(course: str, agenda: Agenda | None, units: Sequence[_Unit], budget: int) -> str:
    """The README of a pack for ``agenda``'s delivery (or for the course, without a delivery)."""
    for_what = f"the delivery \"{agenda.delivery.title}\" ({agenda.delivery.date:%d %B %Y})".replace(" 0", " ") \
        if agenda else "the course (no delivery chosen)"
    decks = [u for u in units if u.meta is not None]
    order = (f"      Handouts 01 to {sum(1 for s in agenda.slots if s.page):02d} are the delivery's blocks 1 to "
             f"{sum(1 for s in agenda.slots if s.page)}, in the\n      agenda's order; the other units follow.\n"
             if agenda else "")
    guide = ("the agenda, the facilitation guide, and each block's\n      trainer card, trainer notes, model answers "
             "and knowledge-check answer keys, in the agenda's order" if agenda else
             "the agenda, the facilitation guide, and each unit's\n      trainer card, trainer notes, model answers "
             "and knowledge-check answer keys, in teaching order")
    calendar = (f"  participant/calendar/{agenda.id}.ics\n"
                "      The delivery's calendar file: participants import it and see every session on their\n"
                "      own clock.\n") if agenda else ""
    return f"""\
{course}

Course pack for {for_what}.
An independent training resource: not a publication of the Council of Europe or of UNODC.

Two folders. Give participants only what is in "participant". Never share "trainer-only".

participant/   for participants: copy it to their computers, print it, share it
  participant/website/index.html
      The participant edition of the book. Double-click index.html: it opens in any web browser
      with no internet and no server. Search works from the files too.
  participant/handouts/participant-handbook.pdf
      The whole participant edition as one A4 document, with a table of contents and page numbers.
  participant/handouts/units/<number>-<unit>.pdf
      One handout per unit ({len(units)} files), each with its contents, page numbers and the unit's
      list of sources. Print the ones for your sessions.
{order}{calendar}
trainer-only/  for you, the trainer: facilitation notes and model answers are in these files
  trainer-only/website/index.html
      The trainer edition of the book: every page says "not for distribution". Model answers and
      trainer notes are in closed "Trainer only" boxes, so you can project a page safely.
  trainer-only/trainer-guide.pdf
      The trainer's guide: {guide}.
  trainer-only/slides/<number>-<unit>.trainer-slides.pptx
      One 16:9 slide deck per unit ({len(decks)} files), for PowerPoint or LibreOffice Impress: a title
      slide (course, unit, delivery, date), the objectives, one slide per key point, per provision or
      part of a case, the timeline step by step, each chart drawn for a projector with its source,
      the discussion questions, the exercise, and each self-check question.
      Your trainer notes and the model answers are in the speaker notes: do not send the files to
      participants (export the slides to PDF without notes if they ask for them).
  trainer-only/charts/<unit>/<chart>.png and .svg
      Every chart of the book, as a picture (PNG) and as a drawing that stays sharp at any size (SVG).

Size: the pack is kept under {budget // (1024 * 1024)} MB, so it fits on any USB stick and copies in
under a minute; `python3 scripts/course.py pack` prints its size each time it is made.
"""
