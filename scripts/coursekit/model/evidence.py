"""How far a fact in ``data/`` may be trusted: its evidence level, and how the page words it.

``verified``: seen in the official text or a primary source (a gazette, a statute portal, a court, a
treaty depositary, the report that made the finding). ``secondary``: seen only in a news report, an NGO
or legal summary, an unofficial copy or translation, a heading or a draft. A secondary fact may be shown,
but always marked, so a reader never takes it as settled; the validator refuses a ``no`` that rests on
one (an absence is the hardest thing to show, and a summary's silence does not show it).
"""

from __future__ import annotations

LEVELS = ("verified", "secondary")
PATTERN = r"^(verified|secondary)$"

LABELS = {"verified": "Verified", "secondary": "Secondary source"}
MEANING = {
    "verified": "seen in the official text or a primary source",
    "secondary": "seen only in a secondary source (news report, summary, unofficial copy, heading or draft), "
                 "not checked against the official text",
}
MARK = "*"  # added to a secondary cell's word in a matrix, with a pattern, so colour is never the only cue


def phrase(level: str | None) -> str:
    """'Verified' or 'Secondary source, not checked against the official text'; '' when no level."""
    if level == "secondary":
        return "Secondary source, not checked against the official text"
    return LABELS.get(level or "", "")


def marked(word: str, level: str | None) -> str:
    """A status word as a cell shows it: 'Yes' when verified, 'Yes*' when secondary."""
    return f"{word}{MARK}" if level == "secondary" else word
