"""The index.html at the top of a pack: the page a trainer opens after unzipping.

A trainer on a Windows laptop downloads the pack, unzips it and double-clicks index.html: three
steps, nothing to install. The page only links the pack's own files (relative links, no script,
nothing from the internet), so it works from a USB stick in a room without a connection.
"""

from __future__ import annotations

import html

from ..delivery.agenda import Agenda

STYLE = ("body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
         "h2{margin-top:2rem}.warn{border-left:4px solid #D55E00;padding-left:.75rem}a{font-size:1.1rem}")


def start_page(course: str, agenda: Agenda | None) -> str:
    """The pack's start page; every text from data is escaped for HTML."""
    when = (f"{html.escape(agenda.delivery.title)}, {agenda.delivery.date.day} {agenda.delivery.date:%B %Y}"
            if agenda else "the whole course (no delivery chosen)")
    calendar = (f'<li><a href="participant/calendar/{html.escape(agenda.id)}.ics">The calendar file</a>: '
                "participants import it and see every session on their own clock.</li>") if agenda else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(course)}: course pack</title><style>{STYLE}</style></head>
<body>
<h1>{html.escape(course)}</h1>
<p>Course pack for {when}. It works without internet. An independent training resource, not a
Council of Europe or UNODC publication.</p>
<h2>For participants</h2>
<ul>
<li><a href="participant/website/index.html">The participant edition</a> (the book, with search).</li>
<li><a href="participant/handouts/participant-handbook.pdf">The participant handbook</a> (PDF, A4) and
<a href="participant/handouts/units/">one handout per unit</a>.</li>
{calendar}
</ul>
<h2>For you, the trainer only</h2>
<p class="warn">Never share the "trainer-only" folder: it holds model answers and the answer keys.</p>
<ul>
<li><a href="trainer-only/website/index.html">The trainer edition</a> (agenda, facilitation notes, model answers).</li>
<li><a href="trainer-only/trainer-guide.pdf">The trainer's guide</a> (PDF) and
<a href="trainer-only/slides/">the slide decks</a> (PowerPoint or LibreOffice).</li>
</ul>
<p>README.txt says what every file is for.</p>
</body></html>
"""
