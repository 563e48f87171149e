"""The cooperation unit's tables: the sources' silence reads 'Not shown', never 'No'; secondary rows are marked."""

from __future__ import annotations

import datetime as dt

import pytest
from coursekit.book import cooperation
from coursekit.model.cooperation import Channel
from pydantic import ValidationError

NAMES = {"BN": "Brunei Darussalam", "MV": "Maldives", "SG": "Singapore"}


def _channel(**over) -> Channel:
    row = dict(id="x-scheme", name="Example scheme", short="Example", kind="scheme", binding="no", reach="BN SG",
               reach_from=None, subscriber="general", traffic="unknown", content="via-mla", preservation="named",
               timing="No time limit seen.", sources="harare-scheme-text-copy", evidence="secondary",
               as_of=dt.date(2026, 12, 7), note="A note long enough.")
    return Channel(**(row | over))


def test_a_country_the_sources_do_not_name_is_not_shown_never_no():
    frame = cooperation.reach_frame([_channel()], NAMES)
    cells = dict(zip(frame["Country"], frame["Example"], strict=True))
    assert cells == {"Brunei Darussalam": "Yes*", "Maldives": cooperation.NOT_SHOWN, "Singapore": "Yes*"}
    assert "No" not in cells.values()


def test_a_verified_row_is_not_starred_and_all_reaches_every_country():
    frame = cooperation.reach_frame([_channel(reach="all", evidence="verified")], NAMES)
    assert list(frame["Example"]) == ["Yes", "Yes", "Yes"]


def test_capabilities_name_each_kind_of_data_and_mark_secondary():
    frame = cooperation.capabilities_frame([_channel()], {"harare-scheme-text-copy": 1})
    row = frame.iloc[0]
    assert row["Preservation"] == "Yes: named in the text*"
    assert row["Content"] == "Only through a mutual legal assistance request*"
    assert row["Traffic data"].startswith("Unknown")
    assert row["Source"] == "[1]"
    assert row["Evidence"].startswith("Secondary source")


@pytest.mark.parametrize("over", [dict(reach="BN,SG"), dict(subscriber="maybe"), dict(kind="treaty-ish"),
                                  dict(reach="BN", reach_from="budapest_party"), dict(sources="Not An Id")])
def test_malformed_rows_are_refused(over):
    with pytest.raises(ValidationError):
        _channel(**over)


def test_shipped_tables_cover_the_ten_countries_and_leave_out_commitments():
    table = cooperation.reach_table()
    assert len(table.frame) == 10
    assert "ASEAN Declaration 2019" not in table.frame.columns
    assert "Not shown" in table.source  # the caption explains the word
