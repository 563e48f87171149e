"""serve in a real browser: the open page reloads by itself after a data edit, and a problem shows as a
banner of plain text (never markup) over the last good page, gone once the problem is fixed."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from conftest import FIXTURES, REPO, SCRIPTS, copy_course
from coursekit.engine.bench import ServeProcess, drop_last_row
from coursekit.model.curriculum import SITE_FILES
from playwright.sync_api import Browser

BANNER = "#course-preview-banner"
UPDATING = "#course-preview-updating"


def test_the_open_page_follows_the_edits(browser: Browser, tmp_path: Path):
    course = copy_course(FIXTURES / "mini-course", tmp_path / "course")
    for name in ("_config.yml", *SITE_FILES):  # the book's own settings, logo and icon: a console as clean as its own
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, course / name)
    csv = course / "data" / "countries.csv"
    serve = ServeProcess(SCRIPTS, course, timeout=600)
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    try:
        page.goto(serve.page("book/unit.ipynb"))
        page.get_by_text("3 countries").wait_for()

        drop_last_row(csv)
        start = time.perf_counter()
        updating = page.locator(UPDATING)
        updating.wait_for(timeout=60_000)  # while the build runs, the page says so
        assert updating.inner_text().startswith("Updating after your change")
        page.get_by_text("2 countries").wait_for(timeout=60_000)  # nobody pressed reload
        assert page.locator(UPDATING).count() == 0  # the reloaded page: the build is done
        print(f"\nthe open page showed the edit {time.perf_counter() - start:.1f} s after the save")

        csv.write_text(csv.read_text() + "QQ,Nowhere,<b>Not/AZone</b>,South-East Asia,src-one\n")
        banner = page.locator(BANNER)
        banner.wait_for(timeout=60_000)
        text = banner.inner_text()
        assert "data/countries.csv:4" in text and "<b>Not/AZone</b>" in text  # shown as text, not as markup
        assert banner.locator("b").count() == 0
        assert page.get_by_text("2 countries").is_visible()  # the last good page stays

        drop_last_row(csv)
        banner.wait_for(state="detached", timeout=60_000)
        # the fixed course is built again and the open page, published first, reloads: wait for it
        page.get_by_text("2 countries").wait_for(timeout=60_000)
        assert errors == []
    finally:
        page.close()
        serve.stop()
