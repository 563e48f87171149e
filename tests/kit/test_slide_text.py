"""What a slide says is whole and readable: a law's status keeps its law and section whole (its source
goes to a short line under it), a long point ends at a sentence's end and never after an
abbreviation ("inserted by s."), a list too long for one slide goes on to the next in type a room can
read, and text joined from a link and its sentence has no space before its punctuation.

Malaysia's "Key laws" slide once set four status sentences in 20 pt, each cut at 220 characters at
what looked like a sentence's end: one item stopped at "inserted by s.".
"""

from __future__ import annotations

import io
from pathlib import Path

from conftest import missing_tool
from coursekit.book.status import StatusSentence
from coursekit.kit.slide_content import _cut, charts_of, close_up, content_sections, section_items, sentences
from coursekit.kit.slides import Deck, Section, write_deck
from deckcheck import body_paragraphs, overflows, soffice
from PIL import Image
from pptx import Presentation

LIST_PT = 24  # a list of several items: 24 pt at least (the one long lone item may go to 20)
LAWS = [  # Malaysia's rows of data/legislation.csv when the defect was seen: long laws, sections with "s."
    ("csam_possession", "Sexual Offences against Children Act 2017 (Act 792), as amended by Act A1687 (2023)",
     "s. 10", None),
    ("livestream_offence", "Sexual Offences against Children (Amendment) Act 2023 (Act A1687), inserting s.15A "
     "into Act 792", "s. 15A (inserted by s. 14 of Act A1687)", "2023"),
    ("online_solicitation", "Sexual Offences against Children Act 2017 (Act 792)",
     "ss. 11-13 (Part III, Offences relating to child grooming)", "2017-07-10"),
    ("expedited_preservation", "Communications and Multimedia (Amendment) Act 2025 (Act A1743), inserting s.252A "
     "into the Communications and Multimedia Act 1998; also Online Safety Act 2025, s.60",
     "s. 252A CMA (inserted by s. 112 of Act A1743)", "2025"),
]


def _sentences() -> list[StatusSentence]:
    return [StatusSentence("MY", prov, "yes", law, section, since, "A source title; with a semicolon", "secondary",
                           "2026-12-01", None) for prov, law, section, since in LAWS]


def _page(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    return page


def _status_li(s: StatusSentence) -> str:
    subject, _, rest = s.text().partition(": ")  # as MyST writes StatusSentence.markdown()
    return f"<li><p><strong>{subject}:</strong> {rest}</p></li>"


def _key_laws(tmp_path: Path) -> Section:
    items = "".join(_status_li(s) for s in _sentences())
    page = _page(tmp_path, f'<section id="key-laws"><h2>Key laws</h2><p>Intro.</p><ul>{items}</ul>'
                           "<p><em>Secondary source:</em> a summary or copy.</p></section>")
    [section] = content_sections(page)
    return section


def test_a_law_status_shows_its_law_and_section_whole_and_its_source_below(tmp_path: Path):
    section = _key_laws(tmp_path)
    assert section.heading == "Key laws" and len(section.points) == len(LAWS)
    for point, (_prov, law, sec, _since) in zip(section.points, LAWS, strict=True):
        assert f"{law}, {sec}" in point, point  # the law's name and its section, whole
        assert "source:" not in point and "as of" not in point  # chosen fields, not the whole sentence
        assert not point.endswith(("s.", "ss.", "…"))
    assert section.source.startswith("Secondary sources, as of 1 December 2026")


def test_a_long_point_ends_at_a_sentence_end_never_after_an_abbreviation():
    text = ("Section 15A makes it an offence to offer, cause, take part in as participant or viewer, advertise or "
            "facilitate a sexual performance by a child, as inserted by s. 14 of Act A1687 into the 2017 Act; the "
            "penalty is up to 20 years. Commencement date not seen. A third sentence that does not fit.")
    cut = _cut(text)
    assert cut.startswith("Section 15A") and cut.endswith("up to 20 years."), cut
    assert sentences("It was inserted by s. 14 of Act A1687. Art. 16 applies. Done.") == [
        "It was inserted by s. 14 of Act A1687.", "Art. 16 applies.", "Done."]
    one = "A single sentence " + "that goes on " * 60 + "and ends."
    assert _cut(one).endswith("…") and not _cut(one).endswith(" …")  # at a word, with an ellipsis


def test_a_link_leaves_no_space_before_the_punctuation_after_it(tmp_path: Path):
    page = _page(tmp_path, '<section><h2>Discussion questions</h2><ol><li>Which challenge is yours (see '
                           '<a href="challenges.html">Regional challenges</a>)? Say why, in <em>one</em> '
                           'line.</li></ol></section>')
    assert section_items(page, "Discussion questions") == [
        "Which challenge is yours (see Regional challenges)? Say why, in one line."]
    assert close_up("a ( b ) , c ; d : e .") == "a (b), c; d: e."
    assert close_up("5 % of 10 - 12") == "5 % of 10 - 12"  # only punctuation that closes up


def test_the_key_laws_slides_keep_type_a_room_reads_and_nothing_overflows(tmp_path: Path):
    section = _key_laws(tmp_path)
    deck = tmp_path / "deck.pptx"
    write_deck(Deck("Malaysia: country update", sections=[section]), deck)
    prs = Presentation(str(deck))
    body = [(n, size, text) for _d, n, size, text in body_paragraphs({"deck.pptx": deck.read_bytes()}) if n > 1]
    print(f"\nkey laws: {len({n for n, _s, _t in body})} slides, {sorted({size for _n, size, _t in body})} pt")
    assert len(body) == len(LAWS)
    assert all(size >= LIST_PT for _n, size, _t in body)  # split onto a second slide rather than set small
    shown = " ".join(text for _n, _s, text in body)
    assert all(f"{law}, {sec}" in shown for _prov, law, sec, _since in LAWS)
    feet = [sh.text_frame.text for s in prs.slides for sh in s.shapes
            if sh.has_text_frame and sh.text_frame.text.startswith("Secondary sources")]
    assert feet and len(feet) == len({n for n, _s, _t in body})  # the source line on every slide of the list
    if soffice() is None:
        missing_tool("LibreOffice Impress is not installed (apt-get install libreoffice-impress)")
    assert overflows({"deck.pptx": deck.read_bytes()}, tmp_path / "probe") == []


def test_a_chart_caption_too_long_for_the_slide_is_whole_in_the_notes(tmp_path: Path):
    """The coverage grids number their units and name them in the caption ("Units: 1 ...; 2 ..."),
    which the slide's two-sentence source line leaves out: the notes have it."""
    (tmp_path / "grid.png").write_bytes(_png())
    page = _page(tmp_path, '<figure><img src="grid.png"><figcaption><span class="caption-text"><strong>Grid.</strong> '
                           "Source: Treaty Office. Article data as of November 2026. Units: 1 Budapest Convention I; 2 Lanzarote."
                           "</span></figcaption></figure>")
    [chart] = charts_of(page)
    assert chart.caption == "Source: Treaty Office. Article data as of November 2026."
    deck = tmp_path / "deck.pptx"
    write_deck(Deck("A unit", charts=[chart]), deck)
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(deck)).slides if s.has_notes_slide]
    assert any("Units: 1 Budapest Convention I; 2 Lanzarote." in n for n in notes)


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (120, 60), "white").save(buf, format="PNG")
    return buf.getvalue()


def test_a_paragraph_that_introduces_a_table_is_not_a_point_on_its_own(tmp_path: Path):
    """The coverage deck's "Summary" slide said "How many articles ... which are not taught:" and
    nothing after it: the table it introduces is not on the slide."""
    table = ("<table class='course-table'><thead><tr><th>Instrument</th><th>Taught</th></tr></thead>"
             "<tbody><tr><td>Budapest Convention</td><td>35</td></tr></tbody></table>")
    page = _page(tmp_path, "<section><h2>Summary</h2><p>How many articles each unit teaches:</p>" + table
                 + "</section><section><h2>Scope</h2><p>The course teaches 35 articles.</p>"
                 "<p>Which ones each unit teaches:</p>" + table + "</section>")
    sections = {s.heading: s.points for s in content_sections(page)}
    assert "Summary" not in sections
    assert sections["Scope"] == ["The course teaches 35 articles."]
