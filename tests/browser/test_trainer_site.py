"""The trainer site says, at the top of every page a trainer might share, that it is not for distribution."""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.model.curriculum import is_trainer_page, load, staged_name
from playwright.sync_api import BrowserContext

from .browse import Site, recorded_page
from .pagecheck import PageVisit

BANNER = re.compile(r"trainer edition.*not for distribution", re.IGNORECASE | re.DOTALL)
TOP_OF_PAGE_PX = 250  # the banner must be seen without scrolling, above the page's title


def test_trainer_site_shows_its_banner_on_every_page_type(built_course: Path, trainer_site: Site,
                                                           context: BrowserContext):
    toc = [e for e in load(built_course).toc if e.path is not None]
    first_unit = [e for e in toc if e.path.suffix == ".ipynb" and not is_trainer_page(e.file)][:1]
    trainer_only = [e for e in toc if is_trainer_page(e.file)]
    pages = ["index.html"] + [staged_name(e.file) + ".html" for e in first_unit + trainer_only]
    unseen = []
    for path in pages:
        record = PageVisit(path)
        with recorded_page(context, record, trainer_site.base_url) as page:
            response = page.goto(trainer_site.url(path), wait_until="load")
            assert response is not None and response.status == 200, f"{path}: {response and response.status}"
            banner = page.get_by_text(BANNER).first
            box = banner.bounding_box() if banner.count() and banner.is_visible() else None
            if box is None or box["y"] > TOP_OF_PAGE_PX:
                unseen.append(f"{path}: {'banner below the fold at y=' + str(box['y']) if box else 'no visible banner'}")
        assert not record.offsite_requests, record.offsite_requests
    assert not unseen, "the trainer banner ('Trainer edition ... not for distribution') is missing:\n" + "\n".join(unseen)
