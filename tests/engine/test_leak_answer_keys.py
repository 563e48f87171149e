"""The leak check finds an answer key by its own text, whatever its length, and trainer-only text however
its letters are spelled (issue 21): an ``accept:`` list or a model answer whose words are all public is
still a leak when a participant page shows it as an answer; soft hyphens, zero-width spaces, a ligature
or decomposed accents in a chart title or printed output do not hide a trainer note. Public wording (the
question, a choice, a word of the answer alone) is never flagged."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import matplotlib
import pytest
from conftest import FIXTURES, copy_course
from coursekit.engine import leakcheck
from coursekit.engine.leakcheck import TrainerText, scan, trainer_text

matplotlib.use("Agg")

KEY = "data/assessments/knowledge-check.yaml"
TRAINER_CELL = "ask each group to compare the preservation request with the production order"


@pytest.fixture(scope="module")
def checks(tmp_path_factory: pytest.TempPathFactory) -> TrainerText:
    return trainer_text(copy_course(FIXTURES / "assessments" / "course", tmp_path_factory.mktemp("keys") / "course"))


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> TrainerText:
    return trainer_text(copy_course(FIXTURES / "editions", tmp_path_factory.mktemp("notes") / "course"))


def site(tmp_path: Path, body: str, name: str = "page.html") -> Path:
    root = tmp_path / "site"
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / "search.html").write_text("<nav><p>Contents</p>\n<p>Search</p></nav>")
    (root / name).write_text(body if name.endswith(".svg") else f"<html><body>{body}</body></html>", encoding="utf-8")
    return root


def yaml_block(lines: list[str]) -> str:
    """YAML lines as Sphinx's highlighter writes an included file: one span per token."""
    out = []
    for line in lines:
        key, _, value = line.partition(":")
        out.append(f'<span class="nt">{key}</span><span class="p">:</span><span class="w"> </span>'
                   f'<span class="l l-Scalar l-Scalar-Plain">{value.strip()}</span>' if value else line)
    return '<div class="highlight-yaml"><pre>' + "\n".join(out) + "</pre></div>"


@pytest.mark.parametrize("lines", [
    ["    accept: [preservation, preserve, freeze]"],
    ["    answer: Expedited preservation of the data."],
    ["    accept:", "    - preservation", "    - preserve", "    - freeze"],
])
def test_an_answer_key_line_is_a_leak_whatever_its_length(tmp_path: Path, checks: TrainerText, lines: list[str]):
    found = scan(site(tmp_path, yaml_block(lines)), checks)
    assert found and {f.code for f in found} == {"LEAK-TRAINER-TEXT"}, found
    assert any(f"{KEY}, line" in f.message for f in found), found


def test_a_model_answer_shown_under_its_question_is_a_leak(tmp_path: Path, checks: TrainerText):
    body = ("<p>Name the measure that keeps data from being deleted while a request is prepared.</p>\n"
            "<p>Expedited preservation of the data.</p>")
    found = scan(site(tmp_path, body), checks)
    assert [f.code for f in found] == ["LEAK-TRAINER-TEXT"], found
    assert "answer to q3" in found[0].message


def test_the_public_wording_and_single_public_words_are_not_flagged(tmp_path: Path, checks: TrainerText):
    body = ("<p>Name the measure that keeps data from being deleted while a request is prepared.</p>\n"
            "<p>preservation</p>\n<p>The second option</p>\n<p>true</p>\n<p>b</p>\n"
            "<p>Which option names the offence in the fixture law?</p>")
    assert scan(site(tmp_path, body), checks) == []


def test_key_lines_join_a_block_list_and_skip_the_questions_public_fields():
    from coursekit.engine.leakcheck import key_lines

    raw = ("id: kc\nquestions:\n  - id: q1\n    text: A question of ten letters?\n    choices:\n"
           "      - id: a\n        text: One\n    accept:\n    - one\n    - first\n    objectives: [u#1]\n"
           "    keywords: [alpha, beta]\n")
    assert list(key_lines(raw)) == [(8, "    accept:\n    - one\n    - first"), (12, "    keywords: [alpha, beta]")]


SPELLINGS = {
    "soft hyphen": "Ask each group to com\u00adpare the preser\u00advation request with the pro\u00adduction order",
    "zero-width space": "Ask each group to com\u200bpare the preser\u200bvation request with the production order",
    "word joiner and bidi": "Ask each group to com\u2060pare the \u202epreservation\u202c request with the production order",
    "decomposed accents": "Ask each groupe\u0301 to compare the preservation request with the production order",
}


def test_format_characters_and_compatibility_forms_read_as_plain_words():
    assert leakcheck.words("preser\u00advation re\u200bquest \ufb01le cafe\u0301 \u202eorder\u202c") == \
        ["preservation", "request", "file", "café", "order"]


@pytest.mark.parametrize("spelling", ["soft hyphen", "zero-width space", "word joiner and bidi"])
def test_trainer_note_printed_by_a_public_cell_is_found_however_spelled(tmp_path: Path, notes: TrainerText,
                                                                        spelling: str):
    body = f'<div class="cell_output"><pre>{SPELLINGS[spelling]}</pre></div>'
    assert [f.code for f in scan(site(tmp_path, body), notes)] == ["LEAK-TRAINER-TEXT"]


def test_trainer_note_in_alt_text_in_full_width_letters_is_found(tmp_path: Path, notes: TrainerText):
    alt = TRAINER_CELL.replace("compare", "\uff43\uff4f\uff4d\uff50\uff41\uff52\uff45")  # NFKC: "compare"
    assert [f.code for f in scan(site(tmp_path, f'<img src="c.png" alt="{alt}">'), notes)] == ["LEAK-TRAINER-TEXT"]


FRENCH = "Demandez à chaque équipe de comparer la requête de préservation avec l'ordonnance de production"
LIGATURES = "Tell the officer to file the affidavit first and find the offender profile before the office closes"


def with_note(tmp_path: Path, note: str) -> TrainerText:
    """The trainer text of the editions fixture, its trainer cell saying ``note`` (composed letters)."""
    root = copy_course(FIXTURES / "editions", tmp_path / "course")
    nb = (root / "book" / "unit.ipynb").read_text(encoding="utf-8")
    assert TRAINER_CELL in nb
    (root / "book" / "unit.ipynb").write_text(nb.replace(TRAINER_CELL, note), encoding="utf-8")
    return trainer_text(root)


def test_trainer_note_printed_with_ligatures_is_found(tmp_path: Path):
    printed = LIGATURES.replace("ffi", "\ufb03").replace("fi", "\ufb01").replace("ff", "\ufb00")
    assert printed != LIGATURES
    assert [f.code for f in scan(site(tmp_path, f"<pre>{printed}</pre>"), with_note(tmp_path, LIGATURES))] == \
        ["LEAK-TRAINER-TEXT"]


@pytest.mark.parametrize("spelling", ["soft hyphen", "zero-width space", "decomposed accents"])
def test_trainer_note_as_a_chart_title_in_svg_is_found(tmp_path: Path, spelling: str):
    """A public code cell draws the note as a chart's title: the SVG holds it (as text or as a comment
    over the glyphs' paths) spelled so that it reads normally but differs in its code points."""
    from matplotlib.figure import Figure

    if spelling == "decomposed accents":
        secret, title = with_note(tmp_path, FRENCH), unicodedata.normalize("NFD", FRENCH)
        assert title != FRENCH
    else:
        secret = trainer_text(copy_course(FIXTURES / "editions", tmp_path / "course"))
        title = SPELLINGS[spelling]
    fig = Figure()
    fig.add_subplot().set_title(title)
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    found = scan(site(tmp_path, buf.getvalue(), "_images/chart.svg"), secret)
    assert [f.code for f in found] == ["LEAK-TRAINER-TEXT"], found


def test_a_score_report_page_does_not_make_the_self_checks_objectives_a_leak(tmp_path: Path):
    """Issue 21: after ``score --page`` the results page (a trainer page) names each objective as the
    participant self-check pages do ("Law basics, objective 1: ..."); the build then failed on every
    later run with a false leak finding. Objective labels of participant units are public."""
    import course as cli
    from coursekit.model.assessments import objective_index
    from coursekit.model.curriculum import load

    root = copy_course(FIXTURES / "assessments" / "course", tmp_path / "course")
    responses = FIXTURES / "assessments" / "responses"
    assert cli.main(["--root", str(root), "score", str(root / KEY), str(responses / "pre.csv"),
                     str(responses / "post.csv"), "--page", "--date", "2021-09-21"]) == 0
    labels = [o.label() for o in objective_index(load(root)).values()]
    page = "".join(f"<p>Objectives: {label}</p>\n<p>{label.split(':')[0]}</p>\n" for label in labels)
    assert scan(site(tmp_path, page), trainer_text(root)) == []


def test_a_trainer_note_with_words_split_by_inline_markup_is_found(tmp_path: Path, notes: TrainerText):
    """'pre<span>serv</span>ation' reads as one word in the browser."""
    body = ("<p>ask each gr<span>ou</span>p to com<b>pa</b>re the pre<em>serv</em>ation re<code>qu</code>est "
            "with the pro<a href='#x'>duct</a>ion or<wbr>der</p>")
    assert [f.code for f in scan(site(tmp_path, body), notes)] == ["LEAK-TRAINER-TEXT"]



def test_a_key_line_that_a_participant_page_says_on_purpose_is_no_leak(tmp_path: Path):
    """The one exception: a participant page that shows the same line (a unit teaching how a knowledge
    check is written) makes it public wording; the answer alone is then public too."""
    root = copy_course(FIXTURES / "assessments" / "course", tmp_path / "course")
    index = root / "book" / "index.md"
    index.write_text(index.read_text() + "\nA model answer is written like this:\n\n"
                     "    answer: Expedited preservation of the data.\n")
    body = "<pre>answer: Expedited preservation of the data.</pre>\n<p>Expedited preservation of the data.</p>"
    assert scan(site(tmp_path, body), trainer_text(root)) == []


@pytest.mark.parametrize("spelling", ["soft hyphen", "zero-width space"])
def test_trainer_note_in_a_pdf_handout_is_found_however_spelled(tmp_path: Path, notes: TrainerText, spelling: str):
    from matplotlib.figure import Figure

    fig = Figure()
    fig.text(0.01, 0.5, SPELLINGS[spelling], fontsize=6)
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):  # text as text, as a printed handout has it
        fig.savefig(buf, format="pdf")
    root = site(tmp_path, "<p>Handouts</p>")
    (root / "handout.pdf").write_bytes(buf.getvalue())
    assert [f.code for f in scan(root, notes)] == ["LEAK-TRAINER-TEXT"]


def test_a_questions_sources_line_is_not_a_key(tmp_path: Path, checks: TrainerText):
    """A page citing the source a question draws on ("Sources: src one") shows no answer."""
    from coursekit.engine.answer_keys import key_lines

    assert all("sources" not in text for _, text in key_lines((FIXTURES / "assessments" / "course" / KEY).read_text()))
    assert scan(site(tmp_path, "<p>Sources: src-one</p>\n<pre>sources: [src-one]</pre>"), checks) == []
