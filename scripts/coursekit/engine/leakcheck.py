"""The leak check: no trainer-only text in any file of the rendered participant site.

The participant edition is staged without trainer material, so this should never find anything;
it is the independent proof, run after rendering and before publishing. It collects the text
that only trainers may see (cells tagged ``trainer`` or ``solution``, ``trainer_notes`` in
metadata, pages under ``book/trainer/``, answers and rationales of the knowledge checks in
``data/assessments/``, participant codes and comments kept by ``course.py evaluation``, the
trainer banner), removes every passage that is also
public (participant cells and pages, data files, the library that writes page text), and looks
for what remains in every file of the site: HTML (text and attributes), ``_sources/``, notebook
downloads, JSON, the search index (which stores stemmed single words, so it is also checked for
words only trainers use), ``objects.inv`` (compressed), and text chunks of images.

Short trainer-only pieces (fewer than ``MIN_WORDS`` words, such as ``answer: b`` from a page that
includes the answer lines of a knowledge check) are searched too, as whole lines of the site's text.
Words that legitimately appear in the participant edition are never flagged: a short piece is left
out when public text says it too (participant cells and pages, data files, the strings the library
writes on pages, but not the data files' README or the library's docstrings), when it has no word of three letters or more, or when it is a line
Jupyter Book puts on every page (navigation, buttons, footer).

Matching ignores case, punctuation and markup: both sides become sequences of words, so
"**Answer:** the *law*" in a notebook matches "Answer: the law" in the HTML. Both sides are also
Unicode-normalised (NFKC, so a ligature or decomposed accents read as the plain letters) with format
characters removed (soft hyphen, zero-width characters, word joiner, bidirectional controls): text a
browser or a chart shows as the same words is the same words here, however it was spelled.

Answer keys are searched by their own lines, whatever their length (``key_lines``): a line of a
knowledge check's key (``answer:``, ``accept:``, ``keywords:``, ``rationale:``, or any other field a
question carries that participants do not see, lists included) is a leak wherever the participant
edition shows it, even when each of its words is public ("accept: [preservation, preserve, freeze]").
"""

from __future__ import annotations

import ast
import functools
import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import snowballstemmer

from ..delivery import evaluation_store
from ..model import assessments
from ..model.curriculum import Course, is_trainer_page, load, staged_name
from ..model.findings import Finding
from ..model.unitmeta import CELL_ROLES, cell_tags
from .answer_keys import answer_values, key_entries, key_lines, objective_labels
from .phrases import PhraseIndex
from .sitetext import search_index, strings, texts_of, words
from .transforms.add_edition_banner import TRAINER_BANNER
from .transforms.remove_trainer_metadata import TRAINER_FIELDS

MIN_WORDS = 4  # shorter passages are too common to find inside text ("see the table"): whole lines only
MIN_CHARS = 20
SHINGLE = 8  # longer passages are matched as overlapping runs of this many words
QUOTE = 3  # a run of this many words that is also in public text counts as quoted from it
MIN_OWN = 3  # a run is searched for only if at least this many of its words are not quoted
MIN_WORD_LEN = 5  # single words (search index only) at least this long
LIBRARY = Path(__file__).resolve().parents[1]  # the coursekit package

_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>")
_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n")
_HTML_TAG = re.compile(r"<[^<>]+>")
_stemmer = snowballstemmer.stemmer("porter")  # the stemmer of Sphinx's English search index


@functools.cache  # a course says the same words many times over; stemming is most of collecting them
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def _pieces(text: str) -> Iterator[tuple[str, ...]]:
    text = _ROLE.sub(" | ", _LINK_TARGET.sub("] | ", text))
    for piece in _SENTENCE.split(text):
        ws = tuple(words(piece))
        if ws:
            yield ws


def is_short(ws: tuple[str, ...]) -> bool:
    return len(ws) < MIN_WORDS or len(" ".join(ws)) < MIN_CHARS


def passages(text: str) -> Iterator[tuple[str, ...]]:
    """Sentences and lines of Markdown or code as word tuples, link targets and roles removed.

    Short pieces are left to ``short_lines``; a rendered page keeps each remaining piece's words together.
    """
    return (ws for ws in _pieces(text) if not is_short(ws))


def short_lines(text: str) -> Iterator[tuple[str, ...]]:
    """The short lines and sentences of a text ("answer: b", "Model answer."): searched as whole lines."""
    lines = (tuple(words(ln)) for ln in _ROLE.sub(" | ", _LINK_TARGET.sub("] | ", text)).splitlines())
    for ws in (*lines, *_pieces(text)):
        if ws and is_short(ws):
            yield ws


@dataclass
class TrainerText:
    """What must not appear in the participant site: passages, single words, page names."""

    phrases: PhraseIndex = field(default_factory=PhraseIndex)
    words: dict[str, str] = field(default_factory=dict)  # stemmed word -> origin
    pages: dict[str, str] = field(default_factory=dict)  # staged page name (no suffix) -> source
    lines: dict[tuple[str, ...], str] = field(default_factory=dict)  # short passage -> origin (whole lines only)


# ---- collecting trainer-only and public text ------------------------------------------------

def _source(cell: dict) -> str:
    """A cell's text; stored notebooks may keep it as a list of lines."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _split_metadata(meta: dict) -> tuple[list[str], list[str]]:
    """(trainer strings, public strings) of a notebook's or cell's metadata."""
    course = meta.get("course") if isinstance(meta.get("course"), dict) else {}
    trainer = [s for name in TRAINER_FIELDS for s in strings(course.get(name))]
    public_meta = {k: v for k, v in meta.items() if k != "course"}
    public_meta["course"] = {k: v for k, v in course.items() if k not in TRAINER_FIELDS}
    return trainer, list(strings(public_meta))


def _sorted_text(course: Course) -> tuple[list[tuple[str, str]], list[str]]:
    """(trainer text with its origin, public text) of every page of the book."""
    trainer: list[tuple[str, str]] = []
    public: list[str] = []
    units = {u.path: u for u in course.units}
    for page in course.pages():
        shown = course.shown(page)
        unit = units.get(page)
        if is_trainer_page(shown):
            if unit is not None and unit.notebook is not None:  # its cells and metadata, not its JSON's keys
                trainer += [(_source(c), shown) for c in unit.notebook.cells]
                trainer += [(s, shown) for s in strings(dict(unit.notebook.metadata))]
            else:  # a Markdown page may hold HTML (the agenda's cards): compared as the text a reader sees
                raw = page.read_text(encoding="utf-8", errors="replace")
                trainer.append((html.unescape(_HTML_TAG.sub(" ", raw)), shown))
            continue
        if unit is None or unit.notebook is None:
            public.append(page.read_text(encoding="utf-8", errors="replace"))
            continue
        nb = unit.notebook
        secret, shown_meta = _split_metadata(dict(nb.metadata))
        trainer += [(s, f"{shown}, notebook metadata trainer_notes") for s in secret]
        public += shown_meta
        for n, cell in enumerate(nb.cells, start=1):
            role = cell_tags(cell) & set(CELL_ROLES)
            secret, shown_meta = _split_metadata(dict(cell.get("metadata", {})))
            trainer += [(s, f"{shown}, cell {n} metadata trainer_notes") for s in secret]
            if role:
                trainer.append((_source(cell), f"{shown}, cell {n} ({'/'.join(sorted(role))})"))
            else:
                public += [_source(cell), *shown_meta]
    return trainer, public


def _assessment_text(root: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Knowledge checks: questions are public, answers and rationales trainer-only."""
    trainer: list[tuple[str, str]] = []
    public: list[str] = []
    for path in assessments.files(root):
        shown = path.relative_to(root).as_posix()
        parsed = assessments.parse(path, shown)
        if parsed.assessment is None:
            continue  # validate reports it; the build does not start
        view = assessments.question_view(parsed.assessment)
        public += strings(view)
        # each choice with its letter, as a printed list shows it to every participant ("b. Hanoi"): a
        # handout's text holds these lines, and an answer key's "b) Hanoi" alone is no leak of them
        public += [f"{c['id']}) {c['text']}" for q in view for c in q.get("choices") or []]
        for item in assessments.key_view(parsed.assessment):
            trainer += [(item["answer"], f"{shown}, answer to {item['id']}"),
                        (item["rationale"], f"{shown}, rationale of {item['id']}")]
        for q in parsed.assessment.questions:
            trainer += [(a, f"{shown}, accepted answer to {q.id}") for a in q.accept or []]
        # the file's own lines of the key ("answer: b"), as a page that includes the file would show them
        raw = path.read_text(encoding="utf-8", errors="replace")
        trainer += [(text.splitlines()[0], f"{shown}, line {n}") for n, text in key_lines(raw)]
    return trainer, public


def _evaluation_text(root: Path) -> list[tuple[str, str]]:
    """Evaluation data (``evaluation/<delivery>/``): participant codes and open comments are never public."""
    out: list[tuple[str, str]] = []
    for did in evaluation_store.imported(root):
        out += [(r["comment"], f"evaluation/{did}/comments.csv") for r in evaluation_store.read(root, did, "comments")]
        out += [(r["code"], f"evaluation/{did}/attendance.csv") for r in evaluation_store.read(root, did, "attendance")]
    return out


def _add_key_lines(out: TrainerText, keys: list[tuple[tuple[str, ...], str]],
                   values: list[tuple[tuple[str, ...], str]], public: list[str]) -> None:
    """Answer-key entries, searched by their own text whatever their length: as whole lines of the
    site, and (with three words or more: the field's name and a value) anywhere in its text, since
    "accept preservation preserve freeze" or "answer expedited preservation of the data" never runs
    together in participant text by chance.

    The one exception, and why it is safe: an entry whose whole run of words (the field's name
    included) is said in public text (participant pages and cells, data files, the questions'
    public wording, the library's page text) is left out. Then the participant edition already
    shows exactly those words as public wording on purpose, so finding them again there tells
    nothing about the key; the words of an answer alone ("preservation") are not enough for this
    exception, because the field's name is part of the run.

    An answer's value on its own (``values``) is searched as a whole line of the site, whatever its
    length, under the same exception: a value that public text says too ("preservation", a choice's
    words, "true") is left out, because such a line is on participant pages for other reasons (a
    table cell, a choice) and a page showing it cannot be told from a page showing the question.
    A value without a word of three letters ("b", "2021") is never searched (see ``_answer_values``).
    """
    public_words = [w for text in public for w in [*words(text), "|"]]
    said = PhraseIndex.of([*(ws for ws, _ in keys), *(ws for ws, _ in values)]).find(public_words)
    for ws, origin in keys:
        if ws in said:
            continue
        out.lines.setdefault(ws, origin)
        if len(ws) >= 3:
            out.phrases.add(ws, origin)
    for ws, origin in values:
        if ws not in said:
            out.lines.setdefault(ws, origin)


def _public_files(root: Path) -> Iterator[str]:
    """Data files, book configuration and the library's own text: all of it may appear publicly.

    Knowledge checks are the exception: their answers are trainer-only (see ``_assessment_text``).
    """
    files = [root / "_config.yml", root / "_toc.yml"]
    hidden = root / "data" / assessments.FOLDER
    files += sorted(p for p in (root / "data").rglob("*") if p.is_file() and hidden not in p.parents)
    files += sorted(p for p in LIBRARY.rglob("*.py") if "transforms" not in p.parts)
    for p in files:
        if p.is_file():
            text = p.read_text(encoding="utf-8", errors="replace")
            yield _NOT_ON_PAGES + text if p.name == "README.md" or p.suffix == ".py" else text
    yield from _page_strings()


@functools.cache
def _page_strings() -> tuple[str, ...]:
    """The string constants of the library's code, without its docstrings and comments: the text the
    library can put on a page (the short-line check must not take a docstring's example as public)."""
    found: list[str] = []
    for p in sorted(LIBRARY.rglob("*.py")):
        if "transforms" in p.parts:
            continue
        tree = ast.parse(p.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        found += [n.value for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]
    return tuple(found)


def _own_runs(found: list[tuple[tuple[str, ...], str]], public: list[str]) -> Iterator[tuple[tuple[str, ...], str]]:
    """The runs of trainer passages to search for: whole short passages, ``SHINGLE``-word windows of
    long ones, each only if enough of its words are the trainer's own rather than quoted.

    A model answer that quotes public text ("Article 9, Offences related to ...", a law's title from
    the data) would otherwise match pages that show that text from the data, which is no leak; so
    words inside any ``QUOTE``-word run that also occurs in public text do not count.
    """
    grams = {p[i:i + QUOTE] for p, _ in found for i in range(len(p) - QUOTE + 1)}
    quoted = set(PhraseIndex.of(grams).find(public))
    for passage, origin in found:
        own = [True] * len(passage)
        for i in range(len(passage) - QUOTE + 1):
            if passage[i:i + QUOTE] in quoted:
                own[i:i + QUOTE] = [False] * QUOTE
        spans = [(0, len(passage))] if len(passage) <= SHINGLE else \
            [(i, i + SHINGLE) for i in range(len(passage) - SHINGLE + 1)]
        for a, b in spans:
            if sum(own[a:b]) >= MIN_OWN:
                yield passage[a:b], origin


_NOT_ON_PAGES = "\0DOC\0"  # the data files' README and the library's source: public, but never a page


def _add_short_lines(out: TrainerText, trainer: list[tuple[str, str]], public: list[str]) -> None:
    """Short trainer-only pieces ("answer: b", 'answer: "06:00"', a two-word model answer), searched
    as whole lines of the site. A piece is left out when it is said in public text too (participant
    pages and cells, data files, the library's page text): such words legitimately appear in the
    participant edition. So is a piece without a word of three letters or more (a lone "b" or
    "2021" is on many pages for other reasons)."""
    shorts: dict[tuple[str, ...], str] = {}
    for text, origin in trainer:
        for piece in short_lines(text):
            if any(len(w) >= 3 and w.isalpha() for w in piece):
                shorts.setdefault(piece, origin)
    public_words = [w for text in public for w in [*words(text), "|"]]  # "|": texts never run together
    said = PhraseIndex.of(shorts).find(public_words)
    out.lines.update({p: o for p, o in shorts.items() if p not in said})


def trainer_text(root: Path) -> TrainerText:
    """The trainer-only passages, words and pages of the course at ``root``."""
    course = load(root)
    trainer, public = _sorted_text(course)
    checks_trainer, checks_public = _assessment_text(root)
    trainer += checks_trainer + _evaluation_text(root)
    public += checks_public + list(_public_files(root)) + objective_labels(course)
    out = TrainerText()
    public_words: list[str] = []
    for text in public:
        public_words += words(text)
    found = [(p, origin) for text, origin in trainer for p in passages(text)]
    for run, origin in _own_runs(found, public_words):
        out.phrases.add(run, origin)
    out.phrases.discard(out.phrases.find(public_words))  # said publicly too: not a leak
    out.phrases.add(tuple(words(TRAINER_BANNER)), "the trainer edition's banner")
    on_pages = [t for t in public if not t.startswith(_NOT_ON_PAGES)]
    _add_short_lines(out, trainer, on_pages)
    _add_key_lines(out, key_entries(root), answer_values(root), on_pages)
    public_stems = {stem(w) for w in set(public_words)}
    for text, origin in trainer:
        for w in words(text):
            if len(w) >= MIN_WORD_LEN and not w.isdigit() and stem(w) not in public_stems:
                out.words.setdefault(stem(w), origin)
    for page in course.pages():
        shown = course.shown(page)
        if is_trainer_page(shown):
            out.pages[staged_name(shown).rsplit(".", 1)[0]] = shown
    return out


# ---- the check ---------------------------------------------------------------------------

FIX = ("keep trainer-only text in cells tagged 'trainer' or 'solution', in trainer_notes or under "
       "book/trainer/, and never print it from a participant cell; if it is already there, the "
       "participant edition's transforms (scripts/coursekit/engine/editions.py) let it through: report it")


def frame_lines(site: Path) -> set[tuple[str, ...]]:
    """The lines Jupyter Book puts around every page (navigation, buttons, footer), taken from its
    search page, which has no content of its own: never a leak, whatever a trainer cell says."""
    page = site / "search.html"
    if not page.is_file():
        return set()
    found: set[tuple[str, ...]] = set()
    for text in texts_of("search.html", page.read_bytes()):
        found |= {tuple(words(line)) for line in text.splitlines()}
    return found


def scan(site: Path, secret: TrainerText, *, label: str = "participant site",
         searched: dict[tuple[str, str], dict[str, list[str]]] | None = None) -> list[Finding]:
    """Findings for every file of ``site`` that holds trainer-only text (empty when clean).

    Each finding names the file as ``<label>/<path in the site>`` and where the text came from.
    ``searched``: the hits of files already searched with this ``secret`` and frame (``leak_memo``), added to.
    """
    findings: list[Finding] = []
    frame = frame_lines(site)
    # A site with its languages nested in it holds the same theme files, fonts and images once per
    # language: a file's text hits depend only on its bytes and its name (which says how to read it), so
    # a copy is searched once and each copy is still reported under its own path.
    searched = {} if searched is None else searched
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        shown = f"{label}/{rel}"
        page = rel.removeprefix("_sources/").rsplit(".", 1)[0]
        for name, source in secret.pages.items():
            if page == name or page.startswith(name + "."):
                findings.append(Finding(shown, None, "LEAK-TRAINER-PAGE",
                                        f"the trainer page {source} was published here", FIX))
        data = path.read_bytes()
        same = (path.name.lower(), hashlib.sha256(data).hexdigest())
        if same not in searched:
            searched[same] = _hits(rel, data, secret, frame)
        for origin, found in sorted(searched[same].items()):
            found = list(dict.fromkeys(found))
            example = found[0] if len(found[0]) <= 80 else found[0][:77] + "..."
            more = f" and {len(found) - 1} more" if len(found) > 1 else ""
            findings.append(Finding(shown, None, "LEAK-TRAINER-TEXT",
                                    f"contains trainer-only text from {origin}: '{example}'{more}", FIX))
    return findings


def _hits(rel: str, data: bytes, secret: TrainerText, frame: set[tuple[str, ...]]) -> dict[str, list[str]]:
    """Origin -> the trainer-only text of it that one file of the site holds."""
    hits: dict[str, list[str]] = {}
    for text in texts_of(rel, data):
        for phrase, origin in secret.phrases.find(words(text)).items():
            hits.setdefault(origin, []).append(" ".join(phrase))
        if secret.lines:
            for line in text.splitlines():
                ws = tuple(words(line))
                if ws in secret.lines and ws not in frame:
                    hits.setdefault(secret.lines[ws], []).append(" ".join(ws))
    index = search_index(data.decode("utf-8", errors="ignore")) if rel.endswith(".js") else None
    if index is not None:
        terms = set(index.get("terms") or {}) | set(index.get("titleterms") or {})
        for word in sorted(terms & set(secret.words)):
            hits.setdefault(secret.words[word], []).append(f"the word '{word}'")
        for docname in index.get("docnames") or []:
            if docname in secret.pages:
                hits.setdefault(secret.pages[docname], []).append(f"the page '{docname}'")
    return hits


def check_site(root: Path, site: Path) -> list[Finding]:
    """The leak check of a rendered participant site against the course at ``root``."""
    return scan(site, trainer_text(root))

