"""Cut the theme's icon fonts down to the icons the site shows.

pydata-sphinx-theme ships Font Awesome's whole fonts (fa-solid-900.woff2 alone is 153 kB, as much as
the rest of a page) and a 1.45 MB script; a built book shows about twenty icons. The cut fonts are
WOFF files (zlib; WOFF2 would need the brotli package) written beside the originals, the theme's
``@font-face`` rules are pointed at them, and the CSS rules of icons no page uses are dropped.

An icon is "used" when a page or a script names its class (``fa-bars``), or when a stylesheet
writes its character out (the theme's ``--pst-icon-*`` variables for admonitions and links).
"""

from __future__ import annotations

import re
from pathlib import Path

from fontTools import subset

from ..model import atomic

FONT_DIR = "_static/vendor/fontawesome/webfonts"
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
CUT_SUFFIX = ".used.woff"

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_ESCAPE = re.compile(r'"\\([0-9a-fA-F]{2,5})\s?"')
_ICON_SELECTOR = re.compile(r"^\.fa-([a-z0-9-]+):{1,2}before$")
_ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_FACE_SRC = re.compile(
    r'url\(\.\./vendor/fontawesome/webfonts/(?P<name>fa-[a-z]+-\d+)\.woff2\)\s*format\("woff2"\)\s*,\s*'
    r'url\(\.\./vendor/fontawesome/webfonts/(?P=name)\.ttf\)\s*format\("truetype"\)')


def icons_used(site: Path) -> set[str]:
    """Every ``fa-NAME`` class named in the site's pages and scripts (the Font Awesome script aside)."""
    names: set[str] = set()
    for path in [*site.rglob("*.html"), *site.glob("_static/**/*.js")]:
        if path.name != "fontawesome.js":
            names.update(_ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def _icon_names(selectors: str) -> list[str] | None:
    """The icon names of a rule that only maps icon classes to characters, else None."""
    found = [_ICON_SELECTOR.match(s.strip()) for s in selectors.split(",")]
    return [m.group(1) for m in found if m] if all(found) else None


def codepoints(css: str, used: set[str]) -> set[int]:
    """The characters the icon fonts must keep: each one a stylesheet writes out, and the glyph of
    every icon class a page uses."""
    points = {ord(c) for c in _PRIVATE_USE.findall(css)}
    for selectors, body in _RULE.findall(css):
        escapes = _ESCAPE.findall(body)
        names = _icon_names(selectors) if escapes else None
        if escapes and (names is None or used.intersection(names)):
            points.update(int(e, 16) for e in escapes)
    return points


def _cut(source: Path, target: Path, points: set[int]) -> None:
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    font = subset.load_font(str(source), options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=points)
    cutter.subset(font)
    subset.save_font(font, str(target), options)


def cut_icon_fonts(site: Path) -> None:
    """Cut the fonts and rewrite the theme's stylesheet; a site without the theme's CSS is left alone."""
    css_path = site / THEME_CSS
    if not css_path.is_file():
        return
    css = css_path.read_text(encoding="utf-8")
    used = icons_used(site)
    every_css = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.glob("_static/**/*.css"))
    points = codepoints(every_css, used) | {ord(" ")}

    def repoint(m: re.Match[str]) -> str:
        name = m.group("name")
        source = site / FONT_DIR / f"{name}.ttf"
        if not source.is_file():
            return m.group(0)
        _cut(source, site / FONT_DIR / f"{name}{CUT_SUFFIX}", points)
        return f'url(../vendor/fontawesome/webfonts/{name}{CUT_SUFFIX}) format("woff")'

    def drop_unused(m: re.Match[str]) -> str:
        names = _icon_names(m.group(1))
        return "" if names is not None and not used.intersection(names) else m.group(0)

    new = _RULE.sub(drop_unused, _FACE_SRC.sub(repoint, css))
    if new != css:
        atomic.write_text(css_path, new, overwrite=True)
