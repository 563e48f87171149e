"""Dates as the book writes them: one format for every page ("3 December 2015", "November 2016", "2015").

Data files hold ISO dates (``2015-12-03``, or ``2016-11`` and ``2015`` where only those are known);
readers in ten countries read them in words, so no page shows ``03/12/2015`` or ``2015-12-03``.
"""

from __future__ import annotations

import datetime as dt


def format_date(value: str) -> str:
    """'2001-11-23' -> '23 November 2001', '2016-11' -> 'November 2016', '2015' -> '2015'."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return f"{d.day} {d.strftime('%B %Y')}"
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1).strftime("%B %Y")
    return str(parts[0])




CLOCK_VARIABLE = "COURSE_TODAY"  # YYYY-MM-DD: fixes "today" for date rules (tests, or planning ahead)


def today() -> dt.date:
    """The date rules compare with: ``$COURSE_TODAY`` when set (tests fix the clock), else today."""
    import os

    given = os.environ.get(CLOCK_VARIABLE, "").strip()
    if given:
        try:
            return dt.date.fromisoformat(given)
        except ValueError:
            raise SystemExit(f"{CLOCK_VARIABLE}={given!r} is not a date: write it as YYYY-MM-DD") from None
    return dt.date.today()
