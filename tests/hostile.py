"""Hostile strings: text a stranger could put into a data file or a survey answer to run a script on
the book's pages. Each one sets ``document.body.dataset.pwned`` (``data-pwned`` on <body>) if it ever
runs, so a browser test can see it; the others break out of a context (a link, an attribute, a
table cell, a directive, a MyST role) and would then run the script that follows.
"""

from __future__ import annotations

MARK = "document.body.dataset.pwned"

HOSTILE = [
    f"<script>{MARK}=1</script>",
    f'<img src=x onerror="{MARK}=2">',
    f'"><img src=x onerror={MARK}=3>',
    f"'><svg onload={MARK}=4>",
    f"```{{raw}} html\n<script>{MARK}=5</script>\n```",
    f":::{{raw}} html\n<img src=x onerror={MARK}=6>\n:::",
    f"x\n\n<details open ontoggle={MARK}=7>y</details>",
    f"[click](javascript:{MARK}=8)",
    f"<a href='javascript:{MARK}=9'>link</a>",
    f"{{raw}}`<img src=x onerror={MARK}=10>`",
    f"</title><script>{MARK}=11</script>",
    f"| a | b |\n|---|---|\n| <iframe srcdoc='<script>parent.{MARK}=12</script>'> | x |",
    f"&lt;script&gt;{MARK}=13&lt;/script&gt; as entities",
    f"\\<script>{MARK}=14</script> after a backslash",
    f"`code` <!-- --><script>{MARK}=15</script>",
    f"% a MyST comment\n<script>{MARK}=16</script>",
    "[[/]] [red]rich markup[/red] [/] \x1b[31mterminal escape\x1b[0m",
]

# URLs that must never become links (what the Source model and safe_url refuse)
HOSTILE_URLS = [
    "https://www.coe.int/x><script>document.body.dataset.pwned=20</script>",
    "javascript:document.body.dataset.pwned=21",
    "https://example.org/\"onmouseover=\"document.body.dataset.pwned=22",
    "https://example.org/a)(javascript:alert(1)",
    "https://example.org/a b",
    "data:text/html,<script>alert(1)</script>",
    "https:///no-host",
    "https://example.org/'x",
    "https://example.org/x`y",
    "https://example.org/\nx",
]


def one_line(text: str) -> str:
    """The string for a field that must stay on one line (a CSV cell, a title)."""
    return " ".join(text.split())
