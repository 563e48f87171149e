"""The pages whose raw HTML the guard lets through (the agenda's own) are kept between builds, because
planning every delivery took a second of a no-change build; the kept list must follow every edit of the
course and the date the rules compare with, or a page could keep a right it no longer has."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import FIXTURES
from coursekit.delivery.agenda_pages import generated_pages
from coursekit.engine import stage
from coursekit.engine.cache import course_digest
from coursekit.model.curriculum import load

DELIVERY = Path("data/deliveries/mini-workshop.yaml")


def planned_now(root: Path) -> list[str]:
    """What the agenda would write now, hashed: computed without the kept list."""
    return sorted(hashlib.sha256(t.encode("utf-8")).hexdigest() for t in generated_pages(load(root)).values())


@pytest.fixture
def course_with_delivery(mini_course: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (mini_course / DELIVERY).parent.mkdir(parents=True)
    (mini_course / DELIVERY).write_bytes((FIXTURES / "malformed" / DELIVERY).read_bytes())
    monkeypatch.setenv("COURSE_TODAY", "2030-11-01")  # before the delivery's day
    return mini_course


def test_a_kept_list_is_used_while_nothing_changed(course_with_delivery: Path, monkeypatch: pytest.MonkeyPatch):
    first = stage.raw_allowed(course_with_delivery)
    assert first and first == planned_now(course_with_delivery)

    def no_planning(course: object) -> dict:
        raise AssertionError("planned again although nothing changed")

    monkeypatch.setattr(stage, "generated_pages", no_planning)
    assert stage.raw_allowed(course_with_delivery) == first


def test_an_edited_delivery_gives_the_new_pages(course_with_delivery: Path):
    first = stage.raw_allowed(course_with_delivery)
    path = course_with_delivery / DELIVERY
    path.write_text(path.read_text(encoding="utf-8").replace("Mini test workshop", "Renamed workshop"), encoding="utf-8")
    again = stage.raw_allowed(course_with_delivery)
    assert again == planned_now(course_with_delivery)
    assert again != first


def test_the_day_passing_gives_the_past_delivery_s_pages(course_with_delivery: Path, monkeypatch: pytest.MonkeyPatch):
    before = stage.raw_allowed(course_with_delivery)
    monkeypatch.setenv("COURSE_TODAY", "2031-01-01")  # the delivery is past: its pages are those of a past delivery
    after = stage.raw_allowed(course_with_delivery)
    assert after == planned_now(course_with_delivery)
    assert after != before


def test_a_broken_kept_list_is_made_again(course_with_delivery: Path):
    first = stage.raw_allowed(course_with_delivery)
    (course_with_delivery / stage.RAW_ALLOWED).write_text('{"key": "x", "pages"', encoding="utf-8")
    assert stage.raw_allowed(course_with_delivery) == first


def test_the_course_s_key_follows_the_fixed_clock(mini_course: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COURSE_TODAY", "2030-11-01")
    one = course_digest(mini_course)
    monkeypatch.setenv("COURSE_TODAY", "2030-11-02")
    assert course_digest(mini_course) != one
    monkeypatch.setenv("COURSE_TODAY", "2030-11-01")
    assert course_digest(mini_course) == one
