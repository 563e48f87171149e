"""The `fast` tier (README, "The quick tests first"): tests/conftest.py marks each test fast, build or
browser from what its code reaches. Checked here on tests whose needs are known, through pytest's own
collection, as a contributor who types `pytest -m fast` gets it."""

from __future__ import annotations

import functools
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.fast  # it names builds and browsers but runs neither (only pytest's collection)

FILES = ["tests/engine/test_build.py", "tests/engine/test_trainer_boxes.py", "tests/kit/test_wordcheck.py",
         "tests/browser/test_trainer_site.py", "tests/commands/test_malformed.py"]


# One collection prints each test's tier as `pytest -m <tier>` sees it (the marker conftest.py gave it): one
# interpreter instead of one per tier, which cost about as much as the collection itself.
LIST_TIERS = """
import sys, pytest
class ShowTiers:
    def pytest_collection_finish(self, session):
        for item in session.items:
            for name in ("fast", "build", "browser"):
                if item.get_closest_marker(name):
                    print("TIER", name, item.nodeid)
sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *sys.argv[1:]], plugins=[ShowTiers()]))
"""


@functools.cache
def tiers() -> dict[str, set[str]]:
    res = subprocess.run([sys.executable, "-c", LIST_TIERS, *FILES], cwd=REPO, capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    found: dict[str, set[str]] = {"fast": set(), "build": set(), "browser": set()}
    for line in res.stdout.splitlines():
        if line.startswith("TIER "):
            _, name, nodeid = line.split(" ", 2)
            found[name].add(nodeid)
    return found


def selected(marker: str) -> set[str]:
    return tiers()[marker]


def test_fast_leaves_out_every_build_and_browser_and_keeps_the_rest():
    fast, build, browser = selected("fast"), selected("build"), selected("browser")
    boxes = "tests/engine/test_trainer_boxes.py::"
    # a build through the command line, and one reached only through a module fixture and a helper
    assert "tests/engine/test_build.py::test_mini_course_builds_and_links_every_unit" in build
    assert f"{boxes}test_built_trainer_page_shows_each_answer_and_note_collapsed_and_linked" in build
    # a test of the transforms alone, in the same file, is fast
    assert f"{boxes}test_card_transform_alone_links_nothing_it_cannot_find" in fast
    # one test run per command: the command decides
    malformed = "tests/commands/test_malformed.py::test_bad_input_is_refused_with_a_finding"
    assert f"{malformed}[validate-sources-impossible-date]" in fast
    assert f"{malformed}[build-sources-impossible-date]" in build
    # Chromium, inside tests/browser/ or outside it
    assert "tests/kit/test_wordcheck.py::test_a_word_broken_in_a_narrow_cell_is_found" in browser
    assert any(t.startswith("tests/browser/") for t in browser)
    assert not fast & build and not fast & browser and not build & browser, "a test is in two tiers"
    assert not any(t.startswith("tests/browser/") or "test_wordcheck" in t for t in fast)
