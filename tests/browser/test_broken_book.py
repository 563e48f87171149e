"""The page checks fail on a book with a broken image, a broken link, a missing anchor and images
without alt text (tests/fixtures/broken-book), and only on those: the same functions that pass on
the course."""

from __future__ import annotations

from .pagecheck import (
    ACCESSIBILITY,
    BROKEN_ANCHOR,
    BROKEN_IMAGE,
    BROKEN_LINK,
    CONSOLE_ERROR,
    FAILED_REQUEST,
    MISSING_ALT,
    Crawl,
    describe,
    find_problems,
    of_kind,
)


def test_broken_image_is_reported(broken_book_crawl: Crawl):
    found = of_kind(find_problems(broken_book_crawl), BROKEN_IMAGE)
    assert [p.page for p in found] == ["mistakes.html"], describe(found)
    assert "images/missing-chart.png" in found[0].detail


def test_broken_internal_link_and_missing_anchor_are_reported(broken_book_crawl: Crawl):
    problems = find_problems(broken_book_crawl)
    links, anchors = of_kind(problems, BROKEN_LINK), of_kind(problems, BROKEN_ANCHOR)
    assert len(links) == 1 and "never-written.html" in links[0].detail and "404" in links[0].detail, describe(links)
    assert sorted(a.detail.split(": ", 1)[0] for a in anchors) == ["#never-written.md", "index.html#no-such-section"], \
        describe(anchors)
    assert {p.page for p in links + anchors} == {"mistakes.html"}


def test_images_without_alt_text_are_reported(broken_book_crawl: Crawl):
    found = of_kind(find_problems(broken_book_crawl), MISSING_ALT)
    assert len(found) == 2, describe(found)  # no alt attribute, and alt="" on a content image
    assert all(p.page == "mistakes.html" for p in found)


def test_axe_reports_the_image_without_alt_as_critical(broken_book_crawl: Crawl):
    found = of_kind(find_problems(broken_book_crawl), ACCESSIBILITY)
    assert any("image-alt (critical)" in p.detail for p in found), describe(found)


def test_correct_pages_and_elements_are_not_reported(broken_book_crawl: Crawl):
    problems = find_problems(broken_book_crawl)
    assert not [p for p in problems if p.page != "mistakes.html"], describe(problems)
    assert not [p for p in problems if "A blue square" in p.detail or "the first page" in p.detail], describe(problems)
    # the missing chart also shows as the failed request and console error it causes, nothing else
    assert {p.kind for p in problems} == {BROKEN_IMAGE, MISSING_ALT, BROKEN_LINK, BROKEN_ANCHOR, ACCESSIBILITY,
                                          FAILED_REQUEST, CONSOLE_ERROR}, describe(problems)
    assert all("missing-chart.png" in p.detail or "404" in p.detail
               for p in of_kind(problems, FAILED_REQUEST) + of_kind(problems, CONSOLE_ERROR)), describe(problems)
