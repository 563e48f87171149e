"""Local times for participants in several countries (IANA time zones, daylight saving aware)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def utc_offset_hours(zone: str, on: str | dt.date) -> float:
    """Hours ahead of UTC in ``zone`` at noon on the given day (e.g. 5.5 for Asia/Colombo)."""
    day = on if isinstance(on, dt.date) else dt.date.fromisoformat(on)
    moment = dt.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(zone))
    offset = moment.utcoffset() or dt.timedelta(0)
    return offset.total_seconds() / 3600


def format_offset(hours: float) -> str:
    """'UTC+5:30' style."""
    sign = "+" if hours >= 0 else "-"
    h, m = divmod(round(abs(hours) * 60), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def known_zone(name: str) -> str:
    """``name`` if it is an IANA time zone; a ValueError a trainer can act on otherwise (for validators)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{name}' is not an IANA time zone (for example Asia/Manila or Asia/Colombo)") from None
    return name
