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
# What kind of document a source in ``data/sources.yaml`` is (its ``kind``), and whether a fact seen
# only there may be ``verified``. The evidence level follows the source: a news report, an NGO or legal
# summary and a copy or mirror are second-hand however reliable they look, so a fact resting on one is
# ``secondary`` until the primary document is found and cited.
SOURCE_KINDS = {
    "official": "official text (gazette, statute portal, parliament record, the organisers' own page)",
    "government": "a government body's own statement or publication",
    "court": "a court's judgment or record",
    "depositary": "a treaty depositary or an official treaty database",
    "intergovernmental": "an intergovernmental organisation's own publication (Council of Europe, UN, INTERPOL)",
    "research": "a research report by the body that made the finding (UNICEF, ECPAT, ICMEC, NCMEC, a university)",
    "ngo": "an NGO, advocacy or legal summary (law firm, legal-information site, blog)",
    "news": "a news report",
    "copy": "a copy, mirror, repost, unofficial translation, encyclopedia or library record",
}
CANNOT_VERIFY = ("ngo", "news", "copy")  # a fact resting only on these is 'secondary'
NO_DATE = "n.d."  # a source's ``year`` when the document gives none

MARK = "*"  # added to a secondary cell's word in a matrix, with a pattern, so colour is never the only cue


def phrase(level: str | None) -> str:
    """'Verified' or 'Secondary source, not checked against the official text'; '' when no level."""
    if level == "secondary":
        return "Secondary source, not checked against the official text"
    return LABELS.get(level or "", "")


def marked(word: str, level: str | None) -> str:
    """A status word as a cell shows it: 'Yes' when verified, 'Yes*' when secondary."""
    return f"{word}{MARK}" if level == "secondary" else word
