"""A translated handbook's title (cover, running header, footer) comes from its language's catalogue,
in English where the catalogue has no usable translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursekit.kit.language_handbooks import TITLE, title
from coursekit.model.languages import Language

ENTRY = '''
# provenance: machine-assisted
{flag}msgid "Participant handbook"
msgstr "คู่มือผู้เข้าอบรม"
'''


def _catalogue(root: Path, code: str, flag: str = "") -> None:
    path = root / "locales" / code / "LC_MESSAGES" / "coursekit.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + ENTRY.format(flag=flag),
                    encoding="utf-8")


def test_the_title_is_the_catalogues_translation(tmp_path: Path):
    _catalogue(tmp_path, "th")
    assert title(tmp_path, Language("th", "ไทย")) == "คู่มือผู้เข้าอบรม"


@pytest.mark.parametrize("flag", ["#, fuzzy\n", None])  # a stale translation; no catalogue at all
def test_without_a_usable_translation_the_title_is_english(tmp_path: Path, flag: str | None):
    if flag is not None:
        _catalogue(tmp_path, "lo", flag)
    assert title(tmp_path, Language("lo", "ລາວ")) == TITLE == "Participant handbook"
