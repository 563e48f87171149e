"""Text from data, made safe for the place it goes, and turned into names.

Data files are written by many hands and survey exports by strangers, so nothing read from them is
pasted into a page or a terminal as it is. Each place text can go has one function here, and every
module that writes data text there calls it: MyST inline text, a MyST block of paragraphs, HTML text,
an HTML attribute, a URL (only ``http``/``https``, nothing that could end a link or an attribute), and
the terminal (rich markup shown as typed).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from rich.markup import escape as _rich_escape

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>&|~$!#])")
_BLOCK_START = re.compile(r"^([-+=%:]|\d+(?=[.)]))")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never meant as text: NUL, escape, bell...
_BIDI_OVERRIDE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")  # can make a terminal line read as another
# characters that end a link (Markdown's ``(...)`` and ``<...>``), an attribute or a role, and controls
URL_FORBIDDEN = re.compile(r"[\s<>\"'`\\{}|^()\[\]\x00-\x1f\x7f]")


def myst_inline(text: object) -> str:
    """``text`` as MyST that renders exactly as typed, on one line: every character MyST would read as
    markup (emphasis, links, roles, math, raw HTML, entities) is backslash-escaped, and so is a first
    character that would start a block (a list, a comment, a ``:::`` directive), so the result is
    safe at the start of a line too."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", _CONTROL.sub("", str(text))).strip())
    return _BLOCK_START.sub(_escape_last, escaped, count=1)


def _escape_last(m: re.Match[str]) -> str:
    """``-`` as ``\\-``; ``12.`` as ``12\\.`` (the character that makes the block, escaped)."""
    return m.group(0)[:-1] + "\\" + m.group(0)[-1] if m.group(1).isdigit() else "\\" + m.group(0)


def myst_block(text: object) -> str:
    """Paragraphs of ``text`` as MyST shown as typed: each paragraph is escaped as inline text (see
    ``myst_inline``), so none can start a list, a comment, a directive fence or a heading."""
    return "\n\n".join(myst_inline(p) for p in re.split(r"\n\s*\n", str(text)) if p.strip())


def html_text(text: object) -> str:
    """``text`` for the inside of an HTML element."""
    return html.escape(str(text), quote=False)


def html_attr(text: object) -> str:
    """``text`` for an HTML attribute value written in double or single quotes."""
    return html.escape(str(text), quote=True)


def url_problem(url: str) -> str | None:
    """Why ``url`` may not become a link (None when it may): web addresses only, nothing that ends a link."""
    if URL_FORBIDDEN.search(url):
        return ("a web address may not contain spaces, quotes, brackets, < > { } | ^ ` or backslashes "
                "(write them as %20, %28, %29 ...)")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "a web address must start with http:// or https:// and name a site"
    return None


def safe_url(url: str) -> str:
    """``url`` when it is safe as a link target; ValueError (with the reason) otherwise."""
    problem = url_problem(url)
    if problem:
        raise ValueError(problem)
    return url


def printable(text: object) -> str:
    """``text`` for a terminal: control characters (escape sequences, which could rewrite what the
    trainer sees) and bidirectional overrides (which can make a line read as another) are dropped."""
    return _BIDI_OVERRIDE.sub("", _CONTROL.sub("", str(text)))


def terminal(text: object) -> str:
    """``text`` for a rich markup string: square brackets print as typed, never as markup (see
    ``printable``). Commands print data text as plain ``rich.text.Text`` (``commands.ui.say``)."""
    return _rich_escape(printable(text))


def slug(text: str) -> str:
    """A name for files, anchors and ids: lower-case letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


EXCERPT = 80  # characters of user input any message quotes


def excerpt(text: object, limit: int = EXCERPT) -> str:
    """At most ``limit`` characters of user input for a message, on one line: a message quotes what
    it found, never a whole 21 MB header line, and never lets input break or rewrite the terminal line."""
    one = " ".join(printable(str(text)[:limit * 4]).split())
    return one if len(one) <= limit and len(str(text)) <= limit * 4 else one[:limit - 3].rstrip() + "..."
