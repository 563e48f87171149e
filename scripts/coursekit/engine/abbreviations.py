"""Expand each acronym where a page first uses it: ``<abbr title="long form">NCMEC</abbr>``.

Readers from ten countries meet national acronyms (NBI, PNP, PICACC) and treaty shorthand (CETS,
T-CY) that are plain to one of them and opaque to the others. After the build, this pass wraps the
first use of every acronym of ``data/glossary.yaml`` in each page's article (text, tables and chart
captions alike) in an ``<abbr>`` whose title is the long form; the Glossary page lists them all.
Text inside code, scripts, styles and an existing ``<abbr>`` is left alone.
"""

from __future__ import annotations

import re

from ..model.text import html_attr

_ARTICLE = re.compile(r'(<article class="bd-article"[^>]*>)(.*?)(</article>)', re.DOTALL)
_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"^</?([a-zA-Z0-9]+)")
SKIPPED = {"script", "style", "code", "pre", "abbr", "kbd", "samp", "textarea"}


def _pattern(expansions: dict[str, str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(a) for a in sorted(expansions, key=len, reverse=True))
    return re.compile(rf"(?<![\w&#-])({alternatives})(?!\w)")


def expand_first_uses(page: str, expansions: dict[str, str]) -> str:
    """``page`` (HTML) with the first use of each acronym in its article wrapped in an ``<abbr>``."""
    if not expansions:
        return page
    found = _ARTICLE.search(page)
    if not found:
        return page
    pattern = _pattern(expansions)
    done: set[str] = set()
    skipping: list[str] = []
    parts = _TAG.split(found.group(2))
    for i, part in enumerate(parts):
        if part.startswith("<"):
            name = _TAG_NAME.match(part)
            tag = name.group(1).lower() if name else ""
            if tag in SKIPPED and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping and skipping[-1] == tag:
                        skipping.pop()
                else:
                    skipping.append(tag)
            continue
        if skipping or not part.strip():
            continue

        def wrap(m: re.Match[str]) -> str:
            short = m.group(1)
            if short in done:
                return short
            done.add(short)
            return f'<abbr title="{html_attr(expansions[short])}">{short}</abbr>'

        parts[i] = pattern.sub(wrap, part)
    return page[:found.start(2)] + "".join(parts) + page[found.end(2):]
