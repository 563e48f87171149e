"""Acceptance 2 of issue 25: with a 2021 delivery that was held and a 2027 plan, the participant
edition's navigation shows only the 2027 schedule, and the 2021 one is on the archive page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_course, run_course
from playwright.sync_api import Browser

from .browse import serve, site_pages

CLOCK = {"COURSE_TODAY": "2026-12-07"}


def _delivery(root: Path, name: str, day: str, status: str) -> None:
    path = root / "data" / "deliveries" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"title: Workshop held in {day[:4]}\nstatus: {status}\ndate: {day}\nstart: \"09:00\"\n"
                    "time_zone: Asia/Manila\nlength_minutes: 120\ncountries: [PH, LK]\nblocks:\n  - unit: mini-unit\n")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    root = copy_course(FIXTURES / "mini-course", tmp_path_factory.mktemp("life") / "course")
    _delivery(root, "workshop-2021", "2021-09-21", "delivered")
    _delivery(root, "workshop-2027", "2027-03-15", "plan")
    for verb in (["agenda", "data/deliveries/workshop-2021.yaml"], ["agenda", "data/deliveries/workshop-2027.yaml"],
                 ["build"]):
        res = run_course(*verb, root=root, env=CLOCK)
        assert res.returncode == 0, f"{verb}: {res.stdout}\n{res.stderr}"
    yield {e: root / "_build" / e / "html" for e in ("participant", "trainer")}


NAV = """() => Array.from(document.querySelectorAll('.bd-sidebar-primary a[href], .bd-docs-nav a[href]'))
    .map(a => [a.textContent.trim(), a.getAttribute('href')])"""


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 900)])
def test_participant_navigation_shows_only_the_2027_schedule(browser: Browser, sites: dict[str, Path],
                                                            width: int, height: int):
    html = sites["participant"]
    assert "schedules/workshop-2021.html" not in site_pages(html)
    ctx = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 500)
    try:
        with serve(html) as base:
            page = ctx.new_page()
            page.goto(base + "index.html", wait_until="load")
            nav = page.evaluate(NAV)
            hrefs = [h for _, h in nav]
            assert any("schedules/workshop-2027" in h for h in hrefs), nav
            assert not any("workshop-2021" in h for h in hrefs), nav
            assert not any("2021" in text for text, _ in nav), nav
            archive = next(h for h in hrefs if "schedules/archive" in h)
            page.goto(base + archive.lstrip("./") if not archive.startswith("http") else archive, wait_until="load")
            body = page.inner_text("article")
            assert "Workshop held in 2021" in body and "Workshop held in 2027" not in body
            assert "Sri Lanka" in body  # the past schedule's local times are kept in the archive
    finally:
        ctx.close()
