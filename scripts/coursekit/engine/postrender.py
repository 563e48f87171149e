"""After Jupyter Book: make every page light and quick on a phone over a slow connection.

The theme loads 1.45 MB of Font Awesome JavaScript that the book never needs (its icons come from
the web font), the whole search index in the ``<head>`` of every page, and a dozen scripts that
block the first paint. On a 50 kB/s line with a 2 s round trip that put the first text 20 s away.
This pass rewrites the built HTML (never the sources) so that:

- the Font Awesome script is gone and the icon fonts are cut to the icons the site shows (iconfont);
- the search index and its tools load only on ``search.html``, where search runs (the search box
  on every other page just opens that page);
- every script in the ``<head>`` is deferred, except ``documentation_options.js``, which is inlined
  (0.2 kB that the inline scripts after it read at once);
- the stylesheets the first screen does not need (code highlighting, copy and toggle buttons) load
  at the end of the body, and ``theme.css``, whose only line imports ``basic.css``, is replaced by
  ``basic.css`` itself (one round trip less);
- charts and other images load lazily, as the reader scrolls to them (``loading="lazy"``);
- the first use of each acronym on a page is spelled out in an ``<abbr>`` (abbreviations).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import atomic
from . import iconfont
from .abbreviations import expand_first_uses

SEARCH_PAGE = "search.html"
UNUSED_SCRIPTS = ("scripts/fontawesome.js",)
SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
INLINED_SCRIPTS = ("documentation_options.js",)
LATE_STYLES = ("_static/pygments.css", "_static/copybutton.css", "_static/togglebutton.css")
IMPORT_ONLY_STYLES = {"_static/styles/theme.css": "_static/basic.css"}

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)></script>\n?")
_SRC = re.compile(r'\bsrc="(?P<src>[^"]+)"')
_DEFERRED = re.compile(r"\b(defer|async)\b")
_STYLESHEET = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>\n?')
_HREF = re.compile(r'\bhref="(?P<href>[^"]+)"')
_SCRIPT_PRELOAD = re.compile(r'<link rel="preload" as="script"[^>]*>\n?')
_EAGER_IMAGE = re.compile(r"<img (?![^>]*\bloading=)")


def _target(attrs: str, pattern: re.Pattern[str], root: str) -> str | None:
    """The site-relative file a src/href points to (query string and the page's ``../`` removed)."""
    found = pattern.search(attrs)
    if not found:
        return None
    path = found.group(1).split("?", 1)[0]
    return path[len(root):] if root and path.startswith(root) else path


def _scripts(head: str, *, root: str, search_page: bool, inline: dict[str, str]) -> str:
    def fix(m: re.Match[str]) -> str:
        attrs = m.group("attrs")
        src = _target(attrs, _SRC, root)
        if src is None:
            return m.group(0)  # an inline script
        if src.endswith(UNUSED_SCRIPTS):
            return ""
        if search_page:
            return m.group(0)  # Sphinx's search page runs its scripts in order, as it expects
        if src.endswith(SEARCH_SCRIPTS):
            return ""
        name = src.rsplit("/", 1)[-1]
        if name in inline:
            return f"<script>{inline[name]}</script>\n"
        if _DEFERRED.search(attrs):
            return m.group(0)
        return f"<script defer{attrs}></script>\n"

    return _SCRIPT_PRELOAD.sub("", _SCRIPT.sub(fix, head))


def _stylesheets(head: str, *, root: str) -> tuple[str, list[str]]:
    late: list[str] = []

    def fix(m: re.Match[str]) -> str:
        href = _target(m.group(0), _HREF, root)
        if href in IMPORT_ONLY_STYLES:
            return f'<link rel="stylesheet" href="{root}{IMPORT_ONLY_STYLES[href]}" />\n'
        if href in LATE_STYLES:
            late.append(m.group(0).strip())
            return ""
        return m.group(0)

    return _STYLESHEET.sub(fix, head), late


def lighten_page(text: str, *, root: str = "", search_page: bool = False,
                 inline: dict[str, str] | None = None) -> str:
    """One page's HTML with its ``<head>`` lightened (see the module docstring).

    ``root`` is the page's way up to the site's top (``"../"`` for a page one folder down)."""
    head_end = text.find("</head>")
    body_end = text.rfind("</body>")
    if head_end < 0 or body_end < head_end:
        return text
    head = _scripts(text[:head_end], root=root, search_page=search_page, inline=inline or {})
    head, late = _stylesheets(head, root=root)
    body = _EAGER_IMAGE.sub('<img loading="lazy" decoding="async" ', text[head_end:body_end])
    return head + body + "".join(f"{link}\n" for link in late) + text[body_end:]


def lighten_site(html_dir: Path, abbreviations: dict[str, str] | None = None) -> None:
    """Lighten every page of a built site in place, cut its icon fonts, and expand the first use of
    each acronym of ``abbreviations`` on every page (:mod:`abbreviations`)."""
    inline = {}
    for name in INLINED_SCRIPTS:
        path = html_dir / "_static" / name
        if path.is_file():
            inline[name] = path.read_text(encoding="utf-8").strip().replace("</", "<\\/")
    for page in sorted(html_dir.rglob("*.html")):
        rel = page.relative_to(html_dir).as_posix()
        if rel.startswith("_"):
            continue  # _static, _sources: not pages
        text = page.read_text(encoding="utf-8")
        new = lighten_page(text, root="../" * rel.count("/"), search_page=rel == SEARCH_PAGE, inline=inline)
        new = expand_first_uses(new, abbreviations or {})
        if new != text:
            atomic.write_text(page, new, overwrite=True)
    iconfont.cut_icon_fonts(html_dir)
