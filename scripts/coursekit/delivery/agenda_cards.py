"""The trainer agenda as cards: one per block, to run a session by, on screen or on A4 paper.

Each card gives the block's clock time in the delivery's zone and in a second zone the trainer picks
(the device's own clock, UTC or a participating country's), its minutes, the unit's objectives, the
facilitation notes, and links to the unit and to its trainer-only boxes. The cards are plain HTML
with their times as UTC attributes; ``book/_static/trainer.js`` (trainer edition only) fills in the
second clock and highlights the block under way by the device's clock. Both work with no
connection. Before a trainer picks (and on paper, and without JavaScript) the second clock is a
participating zone of the delivery, the one farthest from its own, never the printing machine's:
and each card also prints the block in every clock of the delivery.

Every field from data (titles, objectives, notes, zone and country names) is escaped for HTML here.
"""

from __future__ import annotations

import datetime as dt
import os

from ..model.text import html_attr, html_text
from ..model.trainer_boxes import TITLES
from .agenda import Agenda, Slot, clock_groups, local, offset_label, span

SECOND_ZONE = "UTC"  # the second clock of a delivery whose participants all read its own clock
NOTE_LABEL = "Facilitation notes"


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _minutes(m: int) -> str:
    return f"{m} minute" if m == 1 else f"{m} minutes"


def _href(slot: Slot, here: str, anchor: str = "") -> str:
    target = os.path.relpath(slot.page or "", here) + ".html"
    return html_attr(target + (f"#{anchor}" if anchor else ""))


def _box_links(slot: Slot, here: str) -> str:
    if not slot.boxes:
        return ""
    counts: dict[str, int] = {}
    links = []
    for kind, label in slot.boxes:
        counts[kind] = counts.get(kind, 0) + 1
        text = TITLES[kind].removeprefix("Trainer only: ")
        links.append(f'<a href="{_href(slot, here, label)}">{html_text(text)} {counts[kind]}</a>')
    return f'<p class="agenda-card-boxes"><strong>Trainer only on the unit page:</strong> {", ".join(links)}</p>'


def _notes(slot: Slot) -> str:
    notes = [n for n in (slot.note, slot.trainer_notes) if n and n.strip()]
    if not notes:
        return ""
    body = "".join(f"<p>{html_text(' '.join(n.split()))}</p>" for n in notes)
    return f'<div class="agenda-card-notes"><p class="agenda-card-label">{NOTE_LABEL}</p>{body}</div>'


def second_zone(agenda: Agenda) -> str:
    """The second clock before the trainer picks one: the participants' zone farthest from the delivery's."""
    zone = agenda.delivery.time_zone
    own = local(agenda.starts, zone).utcoffset() or dt.timedelta(0)
    others = [ps[0].zone for _label, ps in clock_groups(agenda)
              if (local(agenda.starts, ps[0].zone).utcoffset() or dt.timedelta(0)) != own]
    if not others:
        return SECOND_ZONE
    return max(others, key=lambda z: abs((local(agenda.starts, z).utcoffset() or dt.timedelta(0)) - own))


def _all_clocks(slot: Slot, agenda: Agenda) -> str:
    """The block in every clock of the delivery ("UTC+5 08:00–08:45 (Maldives)"), for paper."""
    day = agenda.delivery.date
    parts = [f"{label} {span(slot, ps[0].zone, day)} ({', '.join(p.name for p in ps)})"
             for label, ps in clock_groups(agenda)]
    return f'<p class="agenda-card-zones">{html_text("; ".join(parts))}</p>' if len(parts) > 1 else ""


def card(slot: Slot, agenda: Agenda, here: str) -> str:
    """One block's card as HTML (one line per element, no blank line: MyST keeps it one HTML block)."""
    d = agenda.delivery
    zone, day = d.time_zone, d.date
    kind = "break" if slot.is_break else "unit"
    if slot.is_break:
        title = html_text(slot.title)
    else:
        title = (f'<span class="agenda-card-number">{slot.session}.</span> '
                 f'<a href="{_href(slot, here)}">{html_text(slot.title)}</a> '
                 f'<code>{html_text(slot.unit_id or "")}</code>')
    objectives = "".join(f"<li>{html_text(o)}</li>" for o in slot.objectives)
    objectives = (f'<div class="agenda-card-objectives"><p class="agenda-card-label">Objectives</p>'
                  f"<ol>{objectives}</ol></div>") if objectives else ""
    main = f"{span(slot, zone, day)} {offset_label(slot.start, zone)}"
    other = second_zone(agenda)
    second = f"{span(slot, other, day)} {offset_label(slot.start, other)}"
    lines = [
        f'<li class="agenda-card agenda-card-{kind}" data-start="{_iso(slot.start)}" data-end="{_iso(slot.end)}">',
        '<div class="agenda-card-head">',
        f'<p class="agenda-card-time"><span class="agenda-clock-main">{html_text(main)}</span>'
        f' <span class="agenda-clock-second">{html_text(second)}</span></p>',
        f'<p class="agenda-card-minutes">{_minutes(slot.minutes)}</p>',
        "</div>",
        _all_clocks(slot, agenda),
        f'<p class="agenda-card-title">{title}</p>',
        objectives, _notes(slot), "" if slot.is_break else _box_links(slot, here),
        "</li>",
    ]
    return "\n".join(line for line in lines if line)


def _zone_choices(agenda: Agenda) -> list[tuple[str, str]]:
    """(zone, label) for the second-clock picker: the device's clock, UTC, each participating zone."""
    seen: dict[str, list[str]] = {}
    for place in agenda.places:
        seen.setdefault(place.zone, []).append(place.name)
    choices = [("device", "This device's clock"), ("UTC", "UTC")]
    choices += [(z, f"{', '.join(names)} ({z})") for z, names in seen.items()]
    return choices


def cards(agenda: Agenda, page: str) -> str:
    """The agenda's cards, with the second-clock picker; ``page`` is the agenda's own path from the root."""
    here = os.path.dirname(page)
    zone = agenda.delivery.time_zone
    other = second_zone(agenda)
    options = "".join(f'<option value="{html_attr(z)}"{" selected" if z == other else ""}>{html_text(label)}</option>'
                      for z, label in _zone_choices(agenda))
    head = (f'<div class="agenda-cards" data-zone="{html_attr(zone)}" '
            f'data-day="{agenda.delivery.date.isoformat()}">\n'
            '<p class="agenda-zone-picker"><label>Second clock: <select class="agenda-zone-select">'
            f"{options}</select></label> <span class=\"agenda-now-note\">The block under way is highlighted "
            "by this device's clock.</span></p>\n"
            f'<p class="agenda-zone-legend">First time: {html_text(zone)}. Second time: '
            f'<span class="agenda-second-name">{html_text(other)}</span>.</p>\n<ol class="agenda-card-list">')
    body = "\n".join(card(s, agenda, here) for s in agenda.slots)
    return f"{head}\n{body}\n</ol>\n</div>\n"
