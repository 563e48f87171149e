"""model.records: one rule for every CSV column that takes words from a fixed list (capacity offers,
cooperation kinds and what a channel obtains) and for every ';'-separated list of source ids."""

from __future__ import annotations

import pytest
from coursekit.model.records import in_vocabulary, listed_source_ids, source_ids

WORDS = {"treaty": "Treaty", "scheme": "Non-binding scheme"}


def test_a_word_of_the_list_passes_unchanged():
    assert in_vocabulary("scheme", WORDS, "kind") == "scheme"
    assert in_vocabulary("treaty;scheme", WORDS, "kind", separated=True) == "treaty;scheme"


def test_a_word_outside_the_list_is_named_with_the_list_to_choose_from():
    with pytest.raises(ValueError) as exc:
        in_vocabulary("treety", WORDS, "kind")
    assert str(exc.value) == "kind 'treety' is not in the list; use: treaty, scheme"


def test_every_wrong_part_of_a_separated_value_is_named_and_how_to_separate_them():
    with pytest.raises(ValueError) as exc:
        in_vocabulary("treaty;law;pact", WORDS, "offer", separated=True)
    assert str(exc.value) == "offers 'law', 'pact' are not in the list; use: treaty, scheme, separated by ';'"


def test_a_separated_value_is_refused_where_one_word_is_expected():
    with pytest.raises(ValueError, match="'treaty;scheme' is not in the list"):
        in_vocabulary("treaty;scheme", WORDS, "kind")


def test_source_ids_are_split_on_semicolons_and_spaces_around_them_ignored():
    assert source_ids("coe-glacy; unodc-2021") == ["coe-glacy", "unodc-2021"]
    assert listed_source_ids("coe-glacy; unodc-2021") == "coe-glacy; unodc-2021"


@pytest.mark.parametrize("bad", ["Coe-Glacy", "coe glacy", "coe-glacy;", "coe-glacy,unodc", "-coe"])
def test_a_source_id_not_in_the_form_of_sources_yaml_is_refused(bad: str):
    with pytest.raises(ValueError, match="write source ids of data/sources.yaml separated by ';'"):
        listed_source_ids(bad)
