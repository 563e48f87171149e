"""serve's open page first (open_page): after an edit of a data file that several units read, the unit of the
page open in the browser runs first, alone, and its page is published, checked, before the other readers run;
the site published at the end is what a clean build publishes.

The other reader cannot finish before the test has seen the page published (it waits for a file the test
writes then): were the page not published first, that unit would fail and so would the build."""

from __future__ import annotations

from pathlib import Path

import nbformat
from conftest import copy_course
from coursekit.engine.bench import drop_last_row
from coursekit.engine.build import build
from coursekit.engine.execute import Executor
from coursekit.engine.open_page import OpenPage, site_path
from coursekit.engine.serve import PreviewState
from test_kept_render import built, differing, site_files

WAITS = """\
import pathlib, time
from coursekit.book import data

print(len(data.countries()), 'countries')
marker, deadline = pathlib.Path({marker!r}), time.monotonic() + 120
while not marker.exists() and time.monotonic() < deadline:  # the test writes it once the open page is out
    time.sleep(0.02)
assert marker.exists(), 'the open page was not published while this unit ran'
"""


def add_waiting_reader(root: Path, marker: Path) -> None:
    """A second reader of countries.csv, listed before the unit, that cannot finish before ``marker`` exists."""
    nb = nbformat.read(root / "book" / "unit.ipynb", as_version=4)
    nb.metadata["course"]["id"] = "mini-another"
    nb.cells[0].source = "# Another unit\n\nIt waits for the open page."
    nb.cells[1].source = WAITS.format(marker=str(marker))
    nbformat.write(nb, root / "book" / "another.ipynb")
    toc = root / "_toc.yml"
    toc.write_text(toc.read_text().replace("      - file: book/unit\n", "      - file: book/another\n      - file: book/unit\n"))


def page(root: Path, name: str) -> bytes:
    return (root / "_build" / "participant" / "html" / name).read_bytes()


def test_the_open_page_is_published_before_the_other_readers_finish(mini_course: Path, tmp_path: Path):
    kept, marker = tmp_path / "kept", tmp_path / "open-page-published"
    add_waiting_reader(mini_course, marker)
    marker.touch()
    built(mini_course, kept)  # serve's first build: fills ``kept``
    assert b"3 countries" in page(mini_course, "unit.html") and b"3 countries" in page(mini_course, "another.html")

    marker.unlink()
    drop_last_row(mini_course / "data" / "countries.csv")  # read by both units
    seen: list[tuple[str, bool, bool, tuple[str, ...], list[str]]] = []
    with Executor(mini_course, workers=2) as executor:

        def published(name: str, phases: dict[str, float]) -> None:  # the other reader cannot have finished
            seen.append((name, b"2 countries" in page(mini_course, "unit.html"),
                         b"3 countries" in page(mini_course, "another.html"), executor.running, list(phases)))
            marker.touch()

        result = build(mini_course, ["participant"], executor=executor, kept=kept,
                       wanted=OpenPage("unit.html", published))
    assert result.ok, [p for e in result.editions for p in e.problems]
    assert seen == [("unit.html", True, True, (), ["render", "sitecheck", "check", "publish"])]  # nothing runs meanwhile
    assert b"2 countries" in page(mini_course, "another.html")  # the rest followed
    assert sorted(r.unit for r in result.executed if r.cache == "miss") == ["book/another.ipynb", "book/unit.ipynb"]

    served = site_files(mini_course)
    clean = [built(copy_course(mini_course, tmp_path / f"clean-{n}")) for n in (1, 2)]
    assert differing(served, clean[0]) - differing(*clean) == set()  # byte for byte a clean build's site


def test_a_browser_s_address_names_a_page_of_the_site():
    assert site_path("/countries/th.html") == "countries/th.html"
    assert site_path("/") == "index.html" and site_path("/countries/") == "countries/index.html"
    assert site_path("/unit.html?x=1#top") == "unit.html"


def test_the_status_poll_names_the_open_page():
    state = PreviewState()
    state.seen("")
    assert state.page is None
    state.seen("page=%2Fcountries%2Fth.html")
    assert state.page == "countries/th.html"
    state.seen("page=countries/other.html")  # not a path of this site: ignored
    assert state.page == "countries/th.html"
