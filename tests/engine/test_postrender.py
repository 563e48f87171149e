"""The post-render pass: what it removes, defers, inlines and expands in a built page."""

from __future__ import annotations

from pathlib import Path

from coursekit.engine import iconfont
from coursekit.engine.abbreviations import expand_first_uses
from coursekit.engine.postrender import lighten_page

HEAD = """<html><head>
<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
<link href="../_static/styles/pydata-sphinx-theme.css?digest=1" rel="stylesheet" />
<link rel="stylesheet" type="text/css" href="../_static/pygments.css?v=1" />
<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>
<link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=1" />
<script src="../_static/documentation_options.js?v=1"></script>
<script src="../_static/doctools.js?v=1"></script>
<script>DOCUMENTATION_OPTIONS.pagename = 'x';</script>
<script src="../_static/searchtools.js"></script>
<script src="../_static/language_data.js"></script>
<script src="../searchindex.js"></script>
<script defer src="../_static/scripts/bootstrap.js?digest=1"></script>
</head><body><p>text</p><img src="_images/chart.png" alt="a chart" /></body></html>"""


def test_a_page_loses_what_it_does_not_use_and_blocks_on_nothing_it_can_defer():
    out = lighten_page(HEAD, root="../", inline={"documentation_options.js": "const DOCUMENTATION_OPTIONS = {};"})
    head = out[:out.index("</head>")]
    assert "fontawesome.js" not in out
    assert "searchindex.js" not in out and "searchtools.js" not in out and "language_data.js" not in out
    assert '<script defer src="../_static/doctools.js?v=1">' in head
    assert "<script>const DOCUMENTATION_OPTIONS = {};</script>" in head  # inlined before the script that reads it
    assert head.index("DOCUMENTATION_OPTIONS = {}") < head.index("pagename")
    assert 'rel="preload"' not in head
    assert '<link rel="stylesheet" href="../_static/basic.css" />' in head and "styles/theme.css" not in out
    assert "pygments.css" not in head and out.index("pygments.css") > out.index("<p>text</p>")  # after the content
    assert out.count("bootstrap.js") == 1 and "<script defer src=\"../_static/scripts/bootstrap.js" in head
    assert '<img loading="lazy" decoding="async" src="_images/chart.png"' in out


def test_the_search_page_keeps_its_search_scripts_in_order():
    out = lighten_page(HEAD, root="../", search_page=True)
    assert "searchindex.js" in out and '<script src="../_static/searchtools.js">' in out
    assert "fontawesome.js" not in out


EXPANSIONS = {"NCMEC": "National Center for Missing & Exploited Children", "T-CY": "Cybercrime Convention Committee",
              "UN": "United Nations"}


def test_the_first_use_of_each_acronym_in_the_article_is_expanded_once():
    page = ('<nav>NCMEC</nav><article class="bd-article"><p>The NCMEC report. NCMEC again; <code>UN</code> '
            'the T-CY and UNODC-led UN work.</p><table><td>NCMEC</td></table></article>')
    out = expand_first_uses(page, EXPANSIONS)
    assert out.startswith("<nav>NCMEC</nav>")  # outside the article: untouched
    assert out.count("<abbr") == 3
    assert '<abbr title="National Center for Missing &amp; Exploited Children">NCMEC</abbr> report. NCMEC again' in out
    assert "<code>UN</code>" in out and '<abbr title="United Nations">UN</abbr> work' in out  # not UNODC, not code
    assert '<abbr title="Cybercrime Convention Committee">T-CY</abbr>' in out


def test_icon_fonts_keep_the_icons_pages_use_and_the_ones_stylesheets_write_out(tmp_path: Path):
    css = ('.fa-bars:before{content:"\\f0c9"}.fa-anchor:before,.fa-ship:before{content:"\\f13d"}'
           ':root{--pst-icon-info-circle:"\uf05a"}')
    points = iconfont.codepoints(css, {"bars", "solid"})
    assert points == {0xF0C9, 0xF05A}
