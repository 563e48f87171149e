"""The rendered-site check (engine/sitecheck.py), one rule per test, on small hand-made sites.

Each test plants one thing a browser would run (or load) and asserts the check names it, next to
the clean page the theme writes (which must pass), so a test fails when its rule alone is removed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coursekit.engine.sitecheck import Allowlist, bad_scheme, inline_key, page_problems, sha256
from coursekit.engine.sitecheck import site_findings as check_site

THEME_JS = b"console.log('theme');\n"
THEME_CSS = b"body { color: black; }\n"


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Allowlist]:
    """A site with one theme script and stylesheet, both on the list, and an allow-list for them."""
    html = tmp_path / "html"
    (html / "_static").mkdir(parents=True)
    (html / "_static" / "theme.js").write_bytes(THEME_JS)
    (html / "_static" / "theme.css").write_bytes(THEME_CSS)
    allow = Allowlist({"_static/theme.js": {sha256(THEME_JS)}, "_static/theme.css": {sha256(THEME_CSS)}},
                      {inline_key("DOCUMENTATION_OPTIONS.pagename = 'index';")}, {inline_key(".x { }")},
                      {"onclick=window.print()"})
    return html, allow


def page(body: str, head: str = "") -> str:
    return (f'<html><head><script src="_static/theme.js"></script><link rel="stylesheet" href="_static/theme.css">'
            f"<script>DOCUMENTATION_OPTIONS.pagename = 'unit';</script><style>.x {{ }}</style>"
            f'<link rel="icon" href="_static/favicon.ico">{head}</head>'
            f'<body><button onclick="window.print()">Print</button>{body}</body></html>')


def problems(site: tuple[Path, Allowlist], body: str, head: str = "", *, svg: bool = False) -> list[str]:
    html, allow = site
    return [p.what for p in page_problems(body if svg else page(body, head), "unit.html", html, allow, svg=svg)]


def test_the_theme_page_passes(site):
    assert problems(site, "<p>Text &lt;script&gt; as text, <a href='other.html'>a link</a></p>") == []


def test_a_script_file_not_on_the_list_is_refused(site):
    assert any("not one of the site's own" in p for p in problems(site, '<script src="_static/evil.js"></script>'))
    assert any("not one of the site's own" in p for p in problems(site, '<script src="https://x.org/t.js"></script>'))


def test_a_listed_script_whose_content_changed_is_refused(site):
    html, allow = site
    (html / "_static" / "theme.js").write_bytes(THEME_JS + b"steal();")
    assert any("not one of the site's own" in p for p in problems(site, ""))


def test_an_inline_script_not_on_the_list_is_refused(site):
    assert any("inline script" in p for p in problems(site, "<script>document.body.dataset.pwned=1</script>"))
    assert any("inline script" in p for p in problems(site, "<SCRIPT>x=1"))  # unclosed, capitals


def test_an_event_handler_is_refused_but_the_themes_own(site):
    found = problems(site, '<img src="x" title="a > b" onerror="pwned()">')
    assert found and "onerror" in found[0]
    assert problems(site, '<details open ontoggle="pwned()">x</details>')
    assert not problems(site, '<button onclick="window.print()">Print</button>')


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)",
                                 "java&#x09;script:alert(1)", " \x01javascript:alert(1)", "java\nscript:x",
                                 "vbscript:x", "data:text/html,<script>x</script>",
                                 "javascript://host/%0Aalert(1)"])
def test_a_script_url_is_refused_as_the_browser_decodes_it(site, url):
    assert any("javascript: URL" in p or "vbscript:" in p or "data: URL" in p
               for p in problems(site, f'<a href="{url}">x</a>')), url


@pytest.mark.parametrize("tag", ['<img srcset="a.png 1x, javascript:x 2x">', '<form action="javascript:x">',
                                 '<button formaction="javascript:x">b</button>',
                                 '<svg><a xlink:href="javascript:x">t</a></svg>', '<iframe src="javascript:x">'])
def test_every_url_attribute_is_read(site, tag):
    assert any("URL" in p for p in problems(site, tag)), tag


def test_a_picture_as_data_url_is_allowed_but_not_a_page(site):
    assert not problems(site, '<img alt="c" src="data:image/png;base64,iVBORw0KGgo=">')
    assert problems(site, '<img alt="c" src="data:image/svg+xml;base64,PHN2Zz4=">')


@pytest.mark.parametrize("tag", ["iframe", "object", "embed", "frame", "base"])
def test_frames_objects_and_embeds_are_refused(site, tag):
    assert any(f"<{tag}>" in p for p in problems(site, f"<{tag} src='a.html'></{tag}>"))


def test_a_style_or_link_the_book_did_not_put_there_is_refused(site):
    assert any("<style>" in p for p in problems(site, "<style>body{background:url(https://x.org/t)}</style>"))
    assert any("stylesheet" in p for p in problems(site, '<link rel="stylesheet" href="https://x.org/a.css">'))
    assert any("<link" in p for p in problems(site, '<link rel="prefetch" href="https://x.org/">'))
    assert any("<link" in p for p in problems(site, '<link rel="next" href="b.html">'))  # in the body
    assert any("style attribute" in p for p in problems(site, '<p style="background:url(https://x.org/t)">x</p>'))


def test_an_alternate_language_link_may_leave_the_folder_but_only_by_a_relative_url(site):
    """A language's site (id/) names the same page in English (../unit.html): admitted in the head,
    with hreflang, by a relative URL only; a host, a scheme or the body is refused."""
    assert problems(site, "", '<link rel="alternate" hreflang="en" href="../unit.html">') == []
    for head in ('<link rel="alternate" hreflang="en" href="https://x.org/unit.html">',
                 '<link rel="alternate" hreflang="en" href="//x.org/unit.html">',
                 '<link rel="alternate" hreflang="en" href="/\\x.org/unit.html">',
                 '<link rel="alternate" hreflang="en" href=" java&#9;script:alert(1)">',
                 '<link rel="alternate" href="../unit.html">',  # no hreflang: not a language
                 '<link rel="alternate stylesheet" hreflang="en" href="../x.css">'):
        assert any("<link" in p or "stylesheet" in p or "javascript" in p for p in problems(site, "", head)), head
    assert any("<link" in p for p in problems(site, '<link rel="alternate" hreflang="en" href="../unit.html">'))


def test_a_meta_refresh_is_refused(site):
    assert any("refresh" in p for p in problems(site, "", '<meta http-equiv="refresh" content="0;url=https://x.org">'))


@pytest.mark.parametrize("svg", ['<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
                                 '<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>',
                                 '<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink">'
                                 '<a l:href="&#x6a;avascript:x()"><text>t</text></a></svg>',
                                 '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
                                 '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:x"/></svg>',
                                 "<svg><script>x()</script>",  # not well-formed: read as HTML
                                 # a script an HTML page may carry (on the list) is still no SVG's business
                                 "<svg xmlns='http://www.w3.org/2000/svg'><script>DOCUMENTATION_OPTIONS.pagename = "
                                 "'index';</script></svg>"])
def test_an_svg_with_script_is_refused(site, svg):
    assert problems(site, svg, svg=True), svg


def test_a_matplotlib_svg_passes(site):
    chart = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
             '<style type="text/css">*{stroke-linejoin: round}</style><path style="fill: url(#h1)"/>'
             '<image xlink:href="data:image/png;base64,iVBORw0KGgo="/></svg>')
    assert problems(site, chart, svg=True) == []


def test_the_check_names_the_page_and_its_unit(tmp_path, site):
    html, allow = site
    root = tmp_path / "course"
    (root / "book").mkdir(parents=True)
    (root / "book" / "ph.ipynb").write_text("{}")
    (html / "_images").mkdir()
    (html / "_images" / "c.svg").write_text("<svg onload='x()'/>")
    (html / "ph.html").write_text(page('<img src="_images/c.svg" alt="c">'), encoding="utf-8")
    (html / "index.html").write_text(page("<img src=x onerror=pwned()>"))
    found = check_site(html, root, "participant", allow)
    assert [(f.path, f.code) for f in found] == [("book/ph.ipynb", "SITE-SVG-SCRIPT"),  # the page showing it
                                                 ("participant/index.html", "SITE-SCRIPT")]  # no unit: named as is
    assert "participant page _images/c.svg, line 1" in found[0].message


def test_the_shipped_allow_list_is_well_formed():
    data = json.loads((Path(__file__).resolve().parents[2] / "scripts/coursekit/engine/site_allowlist.json").read_text())
    assert set(data) == {"files", "inline_scripts", "inline_styles", "handlers"}
    assert all(len(h) == 64 for hashes in data["files"].values() for h in hashes)
    assert "_static/course.js" not in data["files"]  # the book's own files are hashed from the course


def test_bad_scheme_reads_lists():
    assert bad_scheme("a.png 1x, javascript:x 2x") == "javascript"
    assert bad_scheme("0;javascript:x") == "javascript"
    assert bad_scheme("https://example.org/javascript:x") is None


def test_the_books_own_scripts_pass_but_a_page_in_its_static_folder_is_read(tmp_path, site):
    html, _ = site
    root = tmp_path / "course"
    (root / "book" / "_static").mkdir(parents=True)
    (root / "book" / "_static" / "course.js").write_text("own();")
    (root / "book" / "_static" / "evil.html").write_text("<script>x()</script>")
    (html / "_static" / "course.js").write_text("own();")
    (html / "_static" / "evil.html").write_text("<script>x()</script>")
    allow = Allowlist.for_course(root)
    (html / "index.html").write_text('<html><head><script src="_static/course.js"></script></head><body></body></html>')
    assert [f.message.split(",")[0] for f in check_site(html, root, "p", allow)] == ["p page _static/evil.html"]
