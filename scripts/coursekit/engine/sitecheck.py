"""What can run in a reader's browser: every HTML and SVG file of a rendered site, parsed as a browser would.

The source checks (``checks/notebooks.py``) read Markdown with regular expressions, and Markdown
does not parse the way they assume; the Sphinx guard (``sphinx_guard.py``) refuses raw HTML where
the source is parsed. This is the last word, on what the reader actually gets: after Jupyter Book
has rendered an edition (and ``postrender`` has lightened it), each page is parsed with
``html.parser`` (entities decoded in attribute values, as a browser does) and a page is refused if
it holds any of:

- a ``<script>`` that is not on the allow-list: a file by its path in the site and its SHA-256
  (the theme's and Sphinx's, listed in ``site_allowlist.json``; the book's own ``_static`` files,
  hashed from the course itself), or an inline script by the hash of its text;
- an event-handler attribute (``on...``) other than the theme's two buttons;
- a ``javascript:``, ``vbscript:`` or ``data:`` URL in any attribute a browser follows, after the
  browser's own clean-up (leading and trailing spaces and control characters dropped, tabs and
  newlines removed anywhere);
- an ``<iframe>``, ``<object>``, ``<embed>`` (or ``frame``, ``applet``, ``base``, ``portal``);
- a ``<style>`` or ``<link>`` the book did not put there (stylesheets by path and hash, inline
  styles by hash, other links only to the site itself in the ``<head>``; a ``rel="alternate"
  hreflang`` link, the same page in another language, may lead up out of a language's folder, but
  only by a relative URL: it loads nothing).

SVG files in the site (charts, images an author copied in) are refused if they hold a script, a
handler, a ``javascript:`` link or ``<foreignObject>``. Every finding names the source unit and
the page (edition, path, line of the HTML).

When the pinned stack (Sphinx, the theme, an extension) changes, refresh the list from a site built
with it: ``python -m coursekit.engine.sitecheck SITE_FOLDER... > scripts/coursekit/engine/site_allowlist.json``
after reading what changed.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.parsers import expat

from ..model.findings import Finding

ALLOWLIST = Path(__file__).resolve().parent / "site_allowlist.json"
BOOK_STATIC = ("book/_static", "book/trainer/_static")  # the book's own CSS and JS, copied to _static/
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "object", "embed", "handler"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "cite",
                  "ping", "lowsrc", "dynsrc", "codebase", "longdesc", "manifest", "icon", "archive", "classid",
                  "to", "from", "values", "srcset", "imagesrcset"}
BAD_SCHEMES = ("javascript", "vbscript", "data")
HEAD_LINK_RELS = {"icon", "index", "search", "next", "prev", "canonical", "preload", "author", "license", "help"}
GENERATED_SCRIPTS = {"searchindex.js": b"Search.setIndex("}  # by path and form: Sphinx writes it anew each build
REWRITTEN_STYLES = ("_static/styles/pydata-sphinx-theme.css",)  # by path and form: postrender cuts its fonts
# a CSS url() or @import that leaves the site (a data: image inside a stylesheet runs nothing)
_EXTERNAL_CSS = re.compile(r"(?:url\(|@import)\s*['\"]?\s*(?!data:)(?:[A-Za-z][A-Za-z0-9+.\-]*:|//|\\)", re.I)
# the per-page parts of the inline scripts Sphinx (its page name) and sphinx-thebe (the page's folder) write
PAGENAME = re.compile(r"(DOCUMENTATION_OPTIONS\.pagename = )'[^'\\]*'|(\bpath: )\"\./[^\"\\]*\"")
_LOADS = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|expression\s*\(|@import", re.I)  # what a style may not fetch or run
RASTER_DATA = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$", re.I)  # a picture runs nothing
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
FIX = ("pages may not carry their own scripts, handlers, frames or styles: write it as Markdown, or, "
       "if the theme or Sphinx changed, refresh engine/site_allowlist.json (see engine/sitecheck.py)")


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def inline_key(text: str) -> str:
    """The hash an inline script or style is listed by (Sphinx's page name made the same on every page)."""
    return sha256(PAGENAME.sub(lambda m: f"{m.group(1) or m.group(2)}{{page}}", text.strip()))


_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


def browser_url(value: str) -> str:
    """A URL attribute's value as a browser reads it: C0 controls and spaces trimmed, tabs and newlines gone."""
    value = value.strip(_C0_AND_SPACE)
    return re.sub(r"[\t\n\r]", "", value)


def bad_scheme(value: str) -> str | None:
    """``javascript``/``vbscript``/``data`` if the URL, or one of a list's (``srcset``, SVG ``values``), uses it."""
    if ":" not in value:
        return None  # no scheme at all (most links: pages, anchors, images of the site)
    candidates = [value, *(part.split()[0] for part in re.split(r"[,;]", value) if part.split())]
    for url in candidates:
        m = _SCHEME.match(browser_url(url))
        if m and m.group(1).lower() in BAD_SCHEMES:
            return m.group(1).lower()
    return None


@dataclass
class Allowlist:
    """What may run or style a page: files by site path and hash, inline scripts and styles by hash,
    handlers by exact ``name=value``."""

    files: dict[str, set[str]] = field(default_factory=dict)
    inline_scripts: set[str] = field(default_factory=set)
    inline_styles: set[str] = field(default_factory=set)
    handlers: set[str] = field(default_factory=set)
    seen: dict[str, bool] = field(default_factory=dict)  # site path -> its file matches the list (read once)

    @classmethod
    def for_course(cls, root: Path | None, listed: Path = ALLOWLIST) -> Allowlist:
        data = json.loads(listed.read_text(encoding="utf-8"))
        allow = cls({k: set(v) for k, v in data["files"].items()}, set(data["inline_scripts"]),
                    set(data["inline_styles"]), set(data["handlers"]))
        for folder in BOOK_STATIC if root is not None else ():
            for f in sorted((root / folder).glob("*")) if (root / folder).is_dir() else []:
                if f.is_file() and not f.is_symlink() and f.suffix in (".js", ".css"):  # a page or SVG there is read
                    allow.files[f"_static/{f.name}"] = {sha256(f.read_bytes())}
        return allow


@dataclass(frozen=True)
class Problem:
    line: int
    what: str


class _PageParser(HTMLParser):
    """One page's tags as the browser builds them (attribute entities decoded by html.parser)."""

    def __init__(self, page: str, site: Path, allow: Allowlist, svg: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.site, self.allow, self.svg = page, site, allow, svg
        self.problems: list[Problem] = []
        self.in_head = False
        self._inline: tuple[str, int] | None = None  # script or style whose text is being read
        self._text: list[str] = []

    def _say(self, what: str) -> None:
        self.problems.append(Problem(self.getpos()[0], what))

    def _site_file(self, url: str) -> str | None:
        """The site path a same-site URL points to, or None for another site's."""
        url = browser_url(url).split("#", 1)[0].split("?", 1)[0]
        if _SCHEME.match(url) or url.startswith(("//", "\\")):
            return None
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), url)) if url else self.page
        return None if path.startswith("../") else path

    def _listed_file(self, url: str) -> bool:
        path = self._site_file(url)
        if path is None:
            return False
        if path not in self.allow.seen:
            target = self.site / path
            data = target.read_bytes() if target.is_file() and not target.is_symlink() else None
            if data is None:
                self.allow.seen[path] = False
            elif path in GENERATED_SCRIPTS:  # Sphinx's search index: data, new each build, in one known form
                self.allow.seen[path] = _only_data(data, GENERATED_SCRIPTS[path])
            elif path in REWRITTEN_STYLES:  # the theme's CSS, its icon fonts cut per site (iconfont): a stylesheet
                self.allow.seen[path] = not _EXTERNAL_CSS.search(data.decode("utf-8", "replace"))  # loads nothing else
            else:
                self.allow.seen[path] = sha256(data) in self.allow.files.get(path, ())
        return self.allow.seen[path]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {k: v or "" for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        for name, value in named.items():
            if name.startswith("on") and f"{name}={value}" not in self.allow.handlers:
                self._say(f"an event handler <{tag} {name}=\"{value[:60]}\">, which runs a script")
            elif name in URL_ATTRIBUTES and (scheme := bad_scheme(value)) and not (
                    tag in ("img", "image") and RASTER_DATA.match(browser_url(value))):
                self._say(f"a {scheme}: URL in <{tag} {name}>")
            elif name == "content" and named.get("http-equiv", "").lower() == "refresh":
                self._say("a <meta http-equiv=refresh>, which sends the reader elsewhere")
            elif name == "style" and _LOADS.search(value):
                self._say(f"a style attribute on <{tag}> that loads something")
        if tag in FORBIDDEN_ELEMENTS or (self.svg and tag in SVG_FORBIDDEN):
            self._say(f"an <{tag}> element")
        elif tag == "script":
            if "src" in named:
                if self.svg or not self._listed_file(named["src"]):
                    self._say(f"a script that is not one of the site's own: <script src=\"{named['src'][:80]}\">")
                self._inline = ("script-src", self.getpos()[0])
            else:
                self._inline = ("script", self.getpos()[0])
            self._text = []
        elif tag == "style":
            self._inline, self._text = ("style", self.getpos()[0]), []
        elif tag == "link":
            self._link(named)

    def _link(self, named: dict[str, str]) -> None:
        rels = set(named.get("rel", "").lower().split())
        href = named.get("href", "")
        if "stylesheet" in rels or "import" in rels or "modulepreload" in rels:
            if not self._listed_file(href):
                self._say(f"a stylesheet that is not one of the site's own: <link href=\"{href[:80]}\">")
        elif rels == {"alternate"} and named.get("hreflang") and self.in_head and _relative_url(href):
            return  # the same page in another language (languages.py): a sibling site, by a relative path
        elif not rels <= HEAD_LINK_RELS or not self.in_head or self._site_file(href) is None:
            self._say(f"a <link rel=\"{named.get('rel', '')}\" href=\"{href[:80]}\"> the book did not put there")

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if self._inline is None or tag not in ("script", "style"):
            return
        kind, line = self._inline
        text = "".join(self._text)
        self._inline = None
        if kind == "script" and inline_key(text) not in self.allow.inline_scripts:
            self.problems.append(Problem(line, f"an inline script that the book did not put there: "
                                               f"<script>{' '.join(text.split())[:80]}"))
        elif kind == "script-src" and text.strip():
            self.problems.append(Problem(line, "a script with both a src and its own text"))
        elif kind == "style" and (self.svg and _LOADS.search(text)
                                  or not self.svg and inline_key(text) not in self.allow.inline_styles):
            self.problems.append(Problem(line, f"a <style> the book did not put there: {' '.join(text.split())[:80]}"))


def _relative_url(url: str) -> bool:
    """A URL with no scheme and no host, as the browser reads it: a path on the same server."""
    clean = browser_url(url)
    return bool(clean) and not _SCHEME.match(clean) and not clean.replace("\\", "/").startswith("//")  # \\ is / to a browser


def _only_data(data: bytes, call: bytes) -> bool:
    """Whether a script is one call with a JSON argument (``Search.setIndex({...})``): data, no code."""
    body = data.strip()
    if not (body.startswith(call) and body.endswith(b")")):
        return False
    try:
        json.loads(body[len(call):-1])
    except ValueError:
        return False
    return True


def page_problems(text: str, page: str, site: Path, allow: Allowlist, *, svg: bool = False) -> list[Problem]:
    """What on one page (site path ``page``) could run or restyle it; [] for a clean page."""
    parser = _PageParser(page, site, allow, svg=svg)
    if svg:
        found = _svg_problems(text, parser)
        if found is not None:
            return found
        parser = _PageParser(page, site, allow, svg=True)  # not well-formed XML: read it as HTML would
    parser.feed(text)
    parser.close()
    if parser._inline is not None:  # an unclosed script or style runs (or applies) to the end of the page
        parser.handle_endtag(parser._inline[0].split("-")[0])
    return parser.problems


def _svg_problems(text: str, parser: _PageParser) -> list[Problem] | None:
    """An SVG file read as the browser reads an image/svg+xml file, with expat (fast on chart-sized
    files); None if it is not well-formed XML."""
    xml = expat.ParserCreate()
    parser.getpos = lambda: (xml.CurrentLineNumber, 0)  # type: ignore[method-assign]

    def local(name: str) -> str:
        return name.rsplit(":", 1)[-1].lower()

    xml.StartElementHandler = lambda name, attrs: parser._tag(local(name), [(local(k), v) for k, v in attrs.items()])
    xml.EndElementHandler = lambda name: parser.handle_endtag(local(name))
    xml.CharacterDataHandler = parser.handle_data
    try:
        xml.Parse(text, True)
    except expat.ExpatError:
        return None
    return parser.problems


def _files(site: Path, skip: Iterable[str] = ()) -> Iterator[tuple[str, Path]]:
    """The site's pages and SVG files; ``skip``: top-level folders that are sites of their own (languages)."""
    skipped = set(skip)
    for p in sorted(site.rglob("*")):
        rel = p.relative_to(site)
        if p.is_file() and p.suffix.lower() in (*PAGE_SUFFIXES, ".svg") and rel.parts[0] not in skipped:
            yield rel.as_posix(), p


def source_unit(root: Path | None, page: str) -> str | None:
    """The course file a page was rendered from (``countries/ph.html`` -> ``book/countries/ph.ipynb``)."""
    if root is None or page.startswith("_"):
        return None
    stem = posixpath.splitext(page)[0]
    for suffix in (".ipynb", ".md"):
        if (root / "book" / (stem + suffix)).is_file():
            return f"book/{stem}{suffix}"
    return None


def _referrers(site: Path, rel: str) -> list[str]:
    """The pages that show or link a file (an image, a download): they name its unit."""
    name = posixpath.basename(rel)
    return [p for p, path in _files(site) if p.endswith(PAGE_SUFFIXES) and name in path.read_text(errors="replace")]


def site_findings(site: Path, root: Path | None, label: str, allow: Allowlist | None = None,
                  skip: Iterable[str] = ()) -> list[Finding]:
    """Every HTML and SVG file of the site at ``site`` (``label``: the edition, for messages), but for the
    top-level folders in ``skip`` (a translated site nested in it, checked with its own allow-list)."""
    allow = allow or Allowlist.for_course(root)
    findings: list[Finding] = []
    for rel, path in _files(site, skip):
        data = path.read_bytes()
        if sha256(data) in allow.files.get(rel, ()):
            continue  # a theme file, listed by its hash (its Jinja macros are never served as a page)
        svg = path.suffix.lower() == ".svg"
        for problem in page_problems(data.decode("utf-8", errors="replace"), rel, site, allow, svg=svg):
            unit = source_unit(root, rel) or next((u for u in map(lambda p: source_unit(root, p), _referrers(site, rel))
                                                   if u), None)
            where = f"{label} page {rel}, line {problem.line}"
            findings.append(Finding(unit or f"{label}/{rel}", None, "SITE-SCRIPT" if not svg else "SITE-SVG-SCRIPT",
                                    f"{where}: {problem.what}" + ("" if unit else " (no unit: a file copied into the site)"),
                                    FIX))
    return findings


def allowlist_of(sites: Iterable[Path], root: Path | None) -> dict[str, object]:
    """The allow-list clean sites imply (to refresh ``site_allowlist.json``; read the diff first).
    The book's own ``_static`` files are left out: they are hashed from the course at each check."""
    own = {f"_static/{f.name}" for folder in BOOK_STATIC for f in (root / folder).glob("*")} if root else set()
    files: dict[str, set[str]] = {}
    scripts: set[str] = set()
    styles: set[str] = set()
    handlers: set[str] = set()
    for site in sites:
        for p in sorted((site / "_static").rglob("*")):
            rel = p.relative_to(site).as_posix()
            if p.is_file() and p.suffix in (".js", ".css", ".html") and rel not in own and rel not in REWRITTEN_STYLES:
                files.setdefault(rel, set()).add(sha256(p.read_bytes()))
        for rel, path in _files(site):
            if rel.startswith("_static/"):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            scripts |= {inline_key(m.group(1)) for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", text, re.S)}
            styles |= {inline_key(m.group(1)) for m in re.finditer(r"<style[^>]*>(.*?)</style>", text, re.S)}
            handlers |= {f"{m.group(1)}={m.group(2)}" for m in re.finditer(r"\s(on[a-z]+)=\"([^\"]*)\"", text)}
    return {"files": {k: sorted(v) for k, v in sorted(files.items())},
            "inline_scripts": sorted(scripts), "inline_styles": sorted(styles), "handlers": sorted(handlers)}


def main(argv: Iterable[str]) -> int:
    args = list(argv)
    if not args:
        print("usage (in the course folder): python -m coursekit.engine.sitecheck SITE_FOLDER...", file=sys.stderr)
        return 2
    print(json.dumps(allowlist_of([Path(a) for a in args], Path.cwd()), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
