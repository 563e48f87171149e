"""The plain notices a page shows instead of an empty chart or table name the country as typed: a
country name from data/countries.csv never becomes markup there (issue 14, case 1)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from coursekit.book.country_updates import NoChallenges
from coursekit.book.figures import NoFigures
from hostile import HOSTILE, one_line


def rendered_tags(markdown: str) -> list[str]:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "dollarmath", "substitution"})
    tags: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            tags.append(tag)

    Tags().feed(create_md_parser(config, RendererHTML).render(markdown))
    return tags


@pytest.mark.parametrize("notice", [NoChallenges, NoFigures])
@pytest.mark.parametrize("name", HOSTILE)
def test_a_notice_shows_a_hostile_country_name_as_text(notice: type, name: str):
    tags = rendered_tags(notice(one_line(name))._repr_markdown_())
    assert set(tags) <= {"p", "code"}, tags
