"""The site tests fail on a book with a broken image, a broken internal link, missing anchors and
images without alt text (tests/fixtures/broken-book), and only on those: the same crawl, the same
checks and the same assertion (``assert_none_of_kind``) as the tests of the course."""

from __future__ import annotations

import pytest

from .pagecheck import (
    ACCESSIBILITY,
    BROKEN_ANCHOR,
    BROKEN_IMAGE,
    BROKEN_LINK,
    CONSOLE_ERROR,
    FAILED_REQUEST,
    MISSING_ALT,
    Crawl,
    assert_none_of_kind,
    describe,
    find_problems,
    of_kind,
)


@pytest.fixture(scope="module")
def problems(broken_book_crawl: Crawl):
    return find_problems(broken_book_crawl)


def test_broken_image_fails_the_suite(problems):
    with pytest.raises(AssertionError, match=r"mistakes\.html: broken-image: images/missing-chart\.png"):
        assert_none_of_kind(problems, BROKEN_IMAGE)
    assert len(of_kind(problems, BROKEN_IMAGE)) == 1, describe(problems)


def test_broken_internal_link_fails_the_suite(problems):
    with pytest.raises(AssertionError, match=r"mistakes\.html: broken-link: never-written\.html .*404"):
        assert_none_of_kind(problems, BROKEN_LINK)
    assert len(of_kind(problems, BROKEN_LINK)) == 1, describe(problems)


def test_links_to_missing_anchors_fail_the_suite(problems):
    """MyST writes a link it cannot resolve as an anchor on the page, which then leads nowhere."""
    with pytest.raises(AssertionError) as failure:
        assert_none_of_kind(problems, BROKEN_ANCHOR)
    assert "'never-written.md'" in str(failure.value) and "'no-such-section'" in str(failure.value)
    assert len(of_kind(problems, BROKEN_ANCHOR)) == 2, describe(problems)


def test_images_without_alt_text_fail_the_suite(problems):
    with pytest.raises(AssertionError, match=r"mistakes\.html: missing-alt: _images/square\.svg has no alt text"):
        assert_none_of_kind(problems, MISSING_ALT)
    assert len(of_kind(problems, MISSING_ALT)) == 2, describe(problems)  # no alt attribute; alt="" in content


def test_axe_reports_the_image_without_alt_as_critical(problems):
    with pytest.raises(AssertionError, match=r"image-alt \(critical\)"):
        assert_none_of_kind(problems, ACCESSIBILITY)


def test_correct_pages_and_elements_are_not_reported(problems):
    assert not [p for p in problems if p.page != "mistakes.html"], describe(problems)
    assert not [p for p in problems if "A blue square" in p.detail or "the first page" in p.detail], describe(problems)
    # besides the planted mistakes, only the failed request and console error of the missing chart
    assert {p.kind for p in problems} == {BROKEN_IMAGE, MISSING_ALT, BROKEN_LINK, BROKEN_ANCHOR, ACCESSIBILITY,
                                          FAILED_REQUEST, CONSOLE_ERROR}, describe(problems)
    side_effects = of_kind(problems, FAILED_REQUEST) + of_kind(problems, CONSOLE_ERROR)
    assert all("missing-chart.png" in p.detail or "404" in p.detail for p in side_effects), describe(problems)
