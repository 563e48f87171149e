"""Bad input never crashes or loses work.

Each case plants one problem in a copy of a valid course, runs the command a trainer would run, and
checks four things:

1. the command exits 1 with a finding that names the file, the line (where a line makes sense) and
   how to fix it: ``path:line: CODE message (fix: ...)``;
2. no traceback and no internal error;
3. no file of the course changed (``conftest.snapshot`` before and after);
4. for ``build``, the last good site is byte-identical: the mini course is built once per module and
   its built tree is copied for every case.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import course as cli  # scripts/course.py, on sys.path through conftest
import pytest
from conftest import FIXTURES, SCRIPTS, copy_course, run_course, snapshot

Break = Callable[[Path], None]


# ---- ways to break a course (each takes the course root) -------------------------------------

def replace(rel: str, old: str, new: str, count: int = 1) -> Break:
    """Replace text in a file; fails loudly if ``old`` is not there, so a case cannot silently test nothing."""
    def apply(root: Path) -> None:
        p = root / rel
        text = p.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        p.write_text(text.replace(old, new, count), encoding="utf-8")
    return apply


def write(rel: str, content: str | bytes) -> Break:
    def apply(root: Path) -> None:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return apply


def remove(rel: str) -> Break:
    return lambda root: (root / rel).unlink()


def encode(rel: str, encoding: str, old: str = "", new: str = "") -> Break:
    """Save a file in another encoding (as Excel or an old editor would), optionally after an edit."""
    def apply(root: Path) -> None:
        p = root / rel
        p.write_bytes(p.read_text(encoding="utf-8").replace(old, new).encode(encoding))
    return apply


def notebook(edit: Callable[[dict], object], rel: str = "book/unit.ipynb") -> Break:
    """Edit a notebook's JSON in place and save it as Jupyter does (indent 1)."""
    def apply(root: Path) -> None:
        p = root / rel
        nb = json.loads(p.read_text(encoding="utf-8"))
        edit(nb)
        p.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return apply


def meta(**fields: object) -> Break:
    return notebook(lambda nb: nb["metadata"]["course"].update(fields))


def add_cell(source: str) -> Break:
    return notebook(lambda nb: nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "planted",
                                                   "metadata": {}, "outputs": [], "source": source}))


def both(*steps: Break) -> Break:
    def apply(root: Path) -> None:
        for step in steps:
            step(root)
    return apply


def big_file(path: Path, header: str, row: str, megabytes: int = 50) -> None:
    """A file of ``megabytes`` MB of valid-looking rows, written a megabyte at a time."""
    block = row * (1024 * 1024 // len(row) + 1)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header)
        for _ in range(megabytes):
            fh.write(block)


def big_countries_csv(root: Path) -> None:
    big_file(root / "data" / "countries.csv", "iso2,name,time_zone,subregion,source\n",
             "PH,Philippines,Asia/Manila,South-East Asia,src-one\n")


NB_OUTPUT = {"output_type": "stream", "name": "stdout", "text": ["3 countries\n"]}


# ---- the cases ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    id: str
    breaks: Break
    path: str          # the file the finding must name ({export}: the survey export outside the course)
    line: int | None   # the line it must name; None where the problem is the whole file
    code: str
    commands: tuple[str, ...] = ("validate", "build")
    args: tuple[str, ...] = ()  # after the command; {export} is the survey export's path
    expect: str | None = None   # a regex for reports that are not findings (an import's rejected rows)


S, C, NB, TOC = "data/sources.yaml", "data/countries.csv", "book/unit.ipynb", "_toc.yml"
L, CH, INS = "data/legislation.csv", "data/challenges.csv", "data/instruments/budapest.yaml"
D = "data/deliveries/mini-workshop.yaml"
DELIVERY_COMMANDS, DELIVERY_ARGS = ("agenda", "validate", "build"), (D,)
STRAY = "id: x\n  title: indented under a value\n"  # YAML: "mapping values are not allowed here", line 2
NEW_ARGS = ("case-study", "--country", "PH", "--title", "In the way")
EXPORT = "../survey-export.csv"  # beside the course, as a download would be
IMPORT, IMPORT_ARGS = ("import-challenges",), ("{export}", "--source", "src-one", "--date", "2026-11-02")
SURVEY_HEADER = "Country,Challenge category,Describe the challenge\n"
SURVEY_ROW = "Philippines,Victim support,Shelters for child victims are far from the capital\n"

CASES = [
    # data/sources.yaml: YAML syntax
    Case("sources-bad-indentation", replace(S, "    title: First source", "   title: First source"), S, 3, "YAML-SYNTAX"),
    Case("sources-tab-indentation", replace(S, "    title: First source", "\ttitle: First source"), S, 3, "YAML-SYNTAX"),
    Case("sources-duplicate-key", replace(S, "    year: 2020\n", "    year: 2020\n    year: 2021\n"), S, 7, "YAML-SYNTAX"),
    Case("sources-impossible-date", replace(S, "accessed: 2026-11-01", "accessed: 2026-02-30"), S, 8, "YAML-SYNTAX"),
    # data/sources.yaml: fields
    Case("sources-date-not-iso", replace(S, "accessed: 2026-11-01", "accessed: 01/11/2026"), S, 8, "YAML-FIELD"),
    Case("sources-missing-field", replace(S, "    publisher: Test publisher\n", ""), S, 2, "YAML-FIELD"),
    Case("sources-misspelt-field", replace(S, "    title: First", "    titel: First"), S, 3, "YAML-FIELD"),
    Case("sources-year-not-a-number", replace(S, "year: 2020", "year: twenty"), S, 6, "YAML-FIELD"),
    Case("sources-duplicate-id", replace(S, "id: src-two", "id: src-one"), S, 9, "SOURCE-DUPLICATE"),
    Case("sources-javascript-url", replace(S, "url: https://example.org/one", "url: javascript:alert(1)"), S, 7, "YAML-FIELD"),
    Case("sources-script-in-id", replace(S, "id: src-two", 'id: "<script>alert(1)</script>"'), S, 9, "YAML-FIELD"),
    Case("sources-not-a-list", write(S, "sources:\n  id: src-one\n"), S, 1, "SOURCES-FORMAT"),
    # data/sources.yaml: the file itself
    Case("sources-empty-file", write(S, ""), S, None, "FILE-EMPTY"),
    Case("sources-latin-1", encode(S, "latin-1", "First source", "Premi\u00e8re source"), S, 3, "FILE-ENCODING"),
    Case("sources-missing-file", remove(S), S, None, "FILE-MISSING"),
    # data/countries.csv: columns and cells
    Case("countries-missing-column", replace(C, ",subregion", ""), C, 1, "CSV-COLUMNS"),
    Case("countries-extra-column", replace(C, "source\n", "source,population\n"), C, 1, "CSV-COLUMNS"),
    Case("countries-semicolons", replace(C, ",", ";", -1), C, 1, "CSV-COLUMNS"),
    Case("countries-extra-cell", replace(C, "LK,Sri Lanka,", "LK,Sri Lanka,Colombo,"), C, 3, "CSV-CELLS"),
    Case("countries-unclosed-quote", replace(C, "LK,Sri Lanka", 'LK,"Sri Lanka'), C, 3, "CSV-CELLS"),
    # data/countries.csv: values and references
    Case("countries-unknown-time-zone", replace(C, "Asia/Manila", "Asia/Manilla"), C, 2, "CSV-ROW"),
    Case("countries-script-in-code", replace(C, "MV,Maldives", "<b>,Maldives"), C, 4, "CSV-ROW"),
    Case("countries-unknown-subregion", replace(C, "Maldives,Indian/Maldives,South Asia", "Maldives,Indian/Maldives,Oceania"), C, 4, "CSV-ROW"),
    Case("countries-duplicate-code", replace(C, "LK,Sri Lanka", "PH,Sri Lanka"), C, 3, "COUNTRY-DUPLICATE"),
    Case("countries-unknown-source", replace(C, "South Asia,src-two", "South Asia,src-nine"), C, 4, "SOURCE-UNKNOWN"),
    # data/countries.csv: the file itself
    Case("countries-utf-16", encode(C, "utf-16"), C, 1, "FILE-ENCODING"),
    Case("countries-windows-1252", encode(C, "cp1252", "Sri Lanka", "Sri Lanka \u2013 Colombo"), C, 3, "FILE-ENCODING"),
    Case("countries-nul-byte", replace(C, "Maldives,", "Mal\x00dives,"), C, 4, "FILE-BINARY"),
    Case("countries-empty-file", write(C, ""), C, None, "FILE-EMPTY"),
    Case("countries-50-mb", big_countries_csv, C, None, "FILE-TOO-LARGE"),
    # notebooks
    Case("notebook-truncated-json", lambda r: (r / NB).write_bytes((r / NB).read_bytes()[:400]), NB, 25, "NB-JSON"),
    Case("notebook-nbformat-3", write(NB, json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {},
                                                      "worksheets": [{"cells": []}]}, indent=1)), NB, 2, "NB-FORMAT"),
    Case("notebook-cells-not-a-list", notebook(lambda nb: nb.update(cells="text")), NB, None, "NB-STRUCTURE"),
    Case("notebook-stored-with-outputs", notebook(lambda nb: nb["cells"][1].update(outputs=[NB_OUTPUT], execution_count=1)),
         NB, 15, "NB-OUTPUTS"),
    Case("notebook-without-course-metadata", notebook(lambda nb: nb["metadata"].pop("course")), NB, None, "META-MISSING"),
    Case("notebook-minutes-not-a-number", meta(teaching="thirty"), NB, 27, "META-SCHEMA"),
    Case("notebook-script-in-unit-id", meta(id="<script>alert(1)</script>"), NB, 27, "META-SCHEMA"),
    Case("notebook-unknown-country", meta(countries=["XX"]), NB, 27, "COUNTRY-UNKNOWN"),
    Case("notebook-unknown-source", meta(sources=["src-nine"]), NB, 27, "SOURCE-UNKNOWN"),
    Case("notebook-duplicate-unit-id", both(lambda r: shutil.copy(r / NB, r / "book/unit2.ipynb"),
                                            replace(TOC, "- file: book/unit\n", "- file: book/unit\n      - file: book/unit2\n")),
         "book/unit2.ipynb", 27, "META-DUPLICATE-ID"),
    Case("notebook-empty-file", write(NB, ""), NB, None, "FILE-EMPTY"),
    Case("notebook-not-utf-8", encode(NB, "latin-1", "Some narrative.", "Some narrative \u00e0 la carte."), NB, 10, "FILE-ENCODING"),
    # _toc.yml and _config.yml
    Case("toc-entry-points-nowhere", replace(TOC, "book/unit", "book/unit-gone"), TOC, 6, "TOC-NO-FILE"),
    Case("toc-lists-file-twice", replace(TOC, "- file: book/unit\n", "- file: book/unit\n      - file: book/unit.ipynb\n"),
         TOC, 7, "TOC-DUPLICATE"),
    Case("toc-broken-yaml", replace(TOC, "  - caption: Units", "  - caption: [Units"), TOC, 5, "YAML-SYNTAX"),
    Case("toc-chapters-not-a-list", write(TOC, "format: jb-book\nroot: book/index\nparts:\n  - caption: Units\n"
                                               "    chapters: book/unit\n"), TOC, 5, "TOC-FORMAT"),
    Case("toc-without-root", replace(TOC, "root: book/index\n", ""), TOC, 1, "TOC-FORMAT"),
    Case("toc-missing-file", remove(TOC), TOC, None, "TOC-MISSING"),
    Case("config-broken-yaml", write("_config.yml", "title: [Mini course\nauthor: x\n"), "_config.yml", 2, "YAML-SYNTAX"),
    Case("config-section-not-a-mapping", lambda r: (r / "_config.yml").write_text((r / "_config.yml").read_text()
                                                                                 + "html: [a]\n"),
         "_config.yml", 11, "CONFIG-SCHEMA"),
    Case("config-unknown-execution-mode", replace("_config.yml", "execute_notebooks: force", "execute_notebooks: sometimes"),
         "_config.yml", 5, "CONFIG-SCHEMA"),
    # problems only running a notebook can find: build names the unit, the cell and the error
    Case("notebook-cell-raises", add_cell("raise ValueError('planted failure')"), NB, None, "", ("build",),
         expect=r"book/unit\.ipynb cell 3: ValueError: planted failure"),
    Case("notebook-reads-broken-data-file", both(
        write("data/extra.csv", "iso2,name,time_zone,subregion,source\nPH,Philippines,Asia/Manilla,South-East Asia,src-one\n"),
        add_cell("from coursekit.book import data\nfrom coursekit.model.records import Country\ndata.table('extra.csv', Country)")),
        NB, None, "", ("build",),
        expect=r"book/unit\.ipynb cell 3: InputError: data/extra\.csv:2: CSV-ROW time_zone: .*Asia/Manilla.* \(fix: "),
    # data/legislation.csv (line 2: PH csam_possession yes)
    Case("legislation-impossible-date", replace(L, "src-one,2026-11-01", "src-one,2026-02-30"), L, 2, "CSV-ROW"),
    Case("legislation-date-day-first", replace(L, "src-one,2026-11-01", "src-one,01/11/2026"), L, 2, "CSV-ROW"),
    Case("legislation-unknown-status", replace(L, "csam_possession,yes", "csam_possession,maybe"), L, 2, "CSV-ROW"),
    Case("legislation-missing-column", replace(L, ",as_of", ""), L, 1, "CSV-COLUMNS"),
    Case("legislation-unknown-provision", replace(L, "PH,csam_possession", "PH,csam_posession"), L, 2,
         "LEGISLATION-PROVISION-UNKNOWN"),
    Case("legislation-unknown-country", replace(L, "PH,csam_possession", "XX,csam_possession"), L, 2, "COUNTRY-UNKNOWN"),
    Case("legislation-duplicate-row", replace(L, "PH,livestream_offence", "PH,csam_possession"), L, 3,
         "LEGISLATION-DUPLICATE"),
    Case("legislation-yes-without-source", replace(L, "2009,src-one,", "2009,,"), L, 2, "LEGISLATION-NO-SOURCE"),
    # data/challenges.csv (line 2: PH, line 3: LK)
    Case("challenges-unknown-category", replace(CH, "PH,electronic-evidence", "PH,weather"), CH, 2,
         "CHALLENGE-CATEGORY-UNKNOWN"),
    Case("challenges-impossible-date", replace(CH, "src-two,2026-11-01", "src-two,2026-02-30"), CH, 3, "CSV-ROW"),
    Case("challenges-unknown-source", replace(CH, "src-two", "src-nine"), CH, 3, "SOURCE-UNKNOWN"),
    Case("challenges-duplicate-row", lambda r: (r / CH).write_text((r / CH).read_text() + "PH,electronic-evidence,"
                                                                  "A test description of a reported challenge.,src-one,2026-11,verified\n"),
         CH, 4, "CHALLENGE-DUPLICATE"),
    Case("challenges-missing-description", replace(CH, "A test description of a reported challenge.", ""), CH, 2, "CSV-ROW"),
    # data/instruments/budapest.yaml and the articles units name
    Case("instrument-broken-yaml", replace(INS, "  - number: 9", "  - number: 9\n   title: [x"), INS, 9, "YAML-SYNTAX"),
    Case("instrument-missing-summary", replace(INS, "    summary: A neutral test summary of what this article "
                                                    "requires of national law.\n", ""), INS, 8, "INSTRUMENT-FIELD"),
    Case("instrument-duplicate-article", lambda r: (r / INS).write_text((r / INS).read_text() + (
        "  - number: 9\n    title: Test offences again\n    summary: A second neutral test summary of the same "
        "article.\n    tags: [offence]\n    sources: [src-one]\n    verified: true\n")), INS, 14,
        "INSTRUMENT-DUPLICATE-ARTICLE"),
    Case("notebook-unknown-article", meta(standards=["budapest:99"]), NB, 49, "STANDARD-UNKNOWN"),
    Case("notebook-unknown-instrument", meta(standards=["treaty:1"]), NB, 49, "STANDARD-UNKNOWN"),
    # the other data folders: a file that is not YAML is named, wherever it is
    Case("assessment-broken-yaml", write("data/assessments/pre-post.yaml", STRAY), "data/assessments/pre-post.yaml", 2,
         "YAML-SYNTAX"),
    Case("case-study-data-broken-yaml", write("data/case-studies/ph-case.yaml", STRAY), "data/case-studies/ph-case.yaml",
         2, "YAML-SYNTAX"),
    Case("country-update-data-broken-yaml", write("data/country-updates/lk.yaml", STRAY), "data/country-updates/lk.yaml",
         2, "YAML-SYNTAX"),
    # data/deliveries/mini-workshop.yaml: agenda refuses it, and validate and build report it too
    Case("delivery-tab-indentation", replace(D, "    minutes: 15", "\tminutes: 15"), D, 11, "YAML-SYNTAX", DELIVERY_COMMANDS, DELIVERY_ARGS),
    Case("delivery-impossible-date", replace(D, "date: 2030-12-01", "date: 2030-02-30"), D, 3, "YAML-SYNTAX", DELIVERY_COMMANDS, DELIVERY_ARGS),
    Case("delivery-start-not-a-time", replace(D, 'start: "09:00"', 'start: "9 o\'clock"'), D, 4, "DELIVERY-FIELD", DELIVERY_COMMANDS, DELIVERY_ARGS),
    Case("delivery-unknown-time-zone", replace(D, "Asia/Manila", "Asia/Manilla"), D, 5, "DELIVERY-FIELD", DELIVERY_COMMANDS, DELIVERY_ARGS),
    Case("delivery-blocks-overrun-length", replace(D, "length_minutes: 90", "length_minutes: 50"), D, 6, "DELIVERY-OVERRUN", DELIVERY_COMMANDS, DELIVERY_ARGS),
    Case("delivery-unknown-country", replace(D, "[PH, LK, MV]", "[PH, LK, XX]"), D, 7, "DELIVERY-UNKNOWN-COUNTRY", DELIVERY_COMMANDS, DELIVERY_ARGS),
    Case("delivery-unknown-unit", replace(D, "unit: mini-unit", "unit: mini-unti"), D, 9, "DELIVERY-UNKNOWN-UNIT", DELIVERY_COMMANDS, DELIVERY_ARGS),
    Case("delivery-break-without-minutes", replace(D, "    minutes: 15\n", ""), D, 10, "DELIVERY-BLOCK", DELIVERY_COMMANDS, DELIVERY_ARGS),
    Case("delivery-empty-file", write(D, ""), D, None, "FILE-EMPTY", DELIVERY_COMMANDS, DELIVERY_ARGS),
    Case("agenda-page-in-the-way", write("book/schedules/mini-workshop.md", "# My own notes\n"),
         "book/schedules/mini-workshop.md", None, "AGENDA-NOT-OURS", ("agenda",), DELIVERY_ARGS),
    # new: it never overwrites, and refuses what it cannot place
    Case("new-file-in-the-way", write("data/case-studies/ph-in-the-way.yaml", "my: notes\n"), "", None, "", ("new",),
         NEW_ARGS, expect=r"Nothing was created or changed, because this unit exists already: "
                          r"data/case-studies/ph-in-the-way\.yaml"),
    Case("new-unknown-country", lambda r: None, "--country", None, "COUNTRY-UNKNOWN", ("new",),
         ("case-study", "--country", "XX", "--title", "In the way")),
    # a survey export for import-challenges (outside the course); data/challenges.csv must stay as it is
    Case("import-wrong-headers", write(EXPORT, "Name,Email,Comments\nA. Participant,a@example.org,hello\n"),
         "{export}", 1, "IMPORT-COLUMNS", IMPORT, IMPORT_ARGS),
    Case("import-empty-file", write(EXPORT, ""), "{export}", None, "FILE-EMPTY", IMPORT, IMPORT_ARGS),
    Case("import-windows-1252", write(EXPORT, SURVEY_HEADER.encode() + "PH,Victim support,Caf\u00e9 owners report "
                                      "nothing\n".encode("cp1252")), "{export}", 2, "FILE-ENCODING", IMPORT, IMPORT_ARGS),
    Case("import-utf-16", write(EXPORT, (SURVEY_HEADER + SURVEY_ROW).encode("utf-16")), "{export}", 1, "FILE-ENCODING",
         IMPORT, IMPORT_ARGS),
    Case("import-missing-file", lambda r: None, "{export}", None, "FILE-MISSING", IMPORT, IMPORT_ARGS),
    Case("import-50-mb", lambda r: big_file(r / EXPORT, SURVEY_HEADER, SURVEY_ROW), "{export}", None, "FILE-TOO-LARGE",
         IMPORT, IMPORT_ARGS),
    Case("import-unknown-source-option", write(EXPORT, SURVEY_HEADER + SURVEY_ROW), "--source", None, "SOURCE-UNKNOWN",
         IMPORT, ("{export}", "--source", "src-nine", "--date", "2026-11-02")),
    Case("import-impossible-date-option", write(EXPORT, SURVEY_HEADER + SURVEY_ROW), "--date", None, "IMPORT-DATE",
         IMPORT, ("{export}", "--source", "src-one", "--date", "2026-02-30")),
    Case("import-every-row-bad", write(EXPORT, SURVEY_HEADER + "Atlantis,Victim support,A description long enough\n"
                                       "PH,Weather,A description long enough\n"), "{export}", None, "", IMPORT, IMPORT_ARGS,
         expect=r"^{export}: row 2: not imported: country 'Atlantis' .*\n{export}: row 3: not imported: category 'Weather'"),
    Case("import-script-as-country", write(EXPORT, SURVEY_HEADER + "<script>alert(1)</script>,Victim support,"
                                           "A description long enough\n"), "{export}", None, "", IMPORT, IMPORT_ARGS,
         expect=r"^{export}: row 2: not imported: country '<script>alert\(1\)</script>' is not"),
]


def expected(case: Case, root: Path) -> re.Pattern[str]:
    """What the command must print: the finding ``path:line: CODE message (fix: ...)``, or the case's own regex."""
    export = re.escape(str(export_path(root)))
    if case.expect:
        return re.compile(case.expect.replace("{export}", export), re.MULTILINE)
    where = re.escape(case.path).replace(re.escape("{export}"), export)
    where += f":{case.line}" if case.line else r"(:\d+)?"
    return re.compile(rf"^{where}: {re.escape(case.code)} \S.* \(fix: \S.*\)$", re.MULTILINE)


def export_path(root: Path) -> Path:
    return (root / EXPORT).resolve()


# ---- the course every case starts from, and the last good site built once ----------------------

def fresh_course(dest: Path) -> Path:
    """The mini course with one valid file of every other kind of data (tests/fixtures/malformed)."""
    root = copy_course(FIXTURES / "mini-course", dest)
    shutil.copytree(FIXTURES / "malformed" / "data", root / "data", dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def good_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course built once: the last good site every build case must leave untouched."""
    root = fresh_course(tmp_path_factory.mktemp("good") / "course")
    res = run_course("build", root=root)
    assert res.returncode == 0, res.stdout + res.stderr
    return root


def site(root: Path) -> dict[str, bytes]:
    """Every published file of every edition, by path, plus where each ``html`` link points."""
    out: dict[str, bytes] = {}
    for link in sorted((root / "_build").glob("*/html")):
        out[link.relative_to(root).as_posix()] = str(link.readlink() if link.is_symlink() else "").encode()
        for p in sorted(link.rglob("*")):
            if p.is_file():
                out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


def course_for(command: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    if command == "build":
        good = request.getfixturevalue("good_course")
        return Path(shutil.copytree(good, tmp_path / "course", symlinks=True))
    return fresh_course(tmp_path / "course")


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def run_in_process(argv: list[str]) -> Outcome:
    """``course.py ARGV`` in this process: the same ``main`` as the command line, without a new
    interpreter per case. COURSE_DEBUG makes an internal error raise, so the test shows it."""
    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("COURSE_DEBUG")
    os.environ["COURSE_DEBUG"] = "1"
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exc:
                code = exc.code
    finally:
        if old is None:
            os.environ.pop("COURSE_DEBUG", None)
        else:
            os.environ["COURSE_DEBUG"] = old
    return Outcome(code, out.getvalue(), err.getvalue())


def run_on_command_line(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return run_course(*argv, timeout=120)


def check_case(command: str, case: Case, tmp_path: Path, request: pytest.FixtureRequest, run) -> None:
    root = course_for(command, tmp_path, request)
    case.breaks(root)
    before = snapshot(root)
    site_before = site(root)
    assert command != "build" or site_before, "the good site is missing"
    given = case.args if command not in ("validate", "build") else ()  # validate and build take no file
    args = [a.replace("{export}", str(export_path(root))) for a in given]
    res = run(["--root", str(root), command, *args])
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "Traceback" not in out and "Internal error" not in out, out
    assert expected(case, root).search(res.stdout), f"expected /{expected(case, root).pattern}/ in:\n{out}"
    assert snapshot(root) == before, "a file of the course changed"
    assert site(root) == site_before, "the last good site changed"


@pytest.mark.parametrize(("command", "case"),
                         [pytest.param(cmd, c, id=f"{cmd}-{c.id}") for c in CASES for cmd in c.commands])
def test_bad_input_is_refused_with_a_finding(command: str, case: Case, tmp_path: Path,
                                             request: pytest.FixtureRequest):
    check_case(command, case, tmp_path, request, run_in_process)


# one case per kind of input, through the real command line (a new interpreter, the real exit code)
CLI_SAMPLE = {"sources-impossible-date": "validate", "countries-unclosed-quote": "build",
              "notebook-truncated-json": "build", "toc-broken-yaml": "validate",
              "delivery-blocks-overrun-length": "agenda", "import-wrong-headers": "import-challenges"}


@pytest.mark.parametrize(("command", "case"),
                         [pytest.param(CLI_SAMPLE[c.id], c, id=f"{CLI_SAMPLE[c.id]}-{c.id}") for c in CASES
                          if c.id in CLI_SAMPLE])
def test_command_line_refuses_bad_input(command: str, case: Case, tmp_path: Path, request: pytest.FixtureRequest):
    check_case(command, case, tmp_path, request, run_on_command_line)


def test_50_mb_csv_is_refused_quickly_without_reading_it(tmp_path: Path):
    """A huge file dropped into data/ gets a finding in seconds and is never loaded into memory."""
    root = fresh_course(tmp_path / "course")
    big_countries_csv(root)
    # CPU seconds, not wall-clock ones: the machine may be busy; a hang is caught by the timeout
    probe = ("import resource, subprocess, sys; "
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(r.returncode, u.ru_utime + u.ru_stime, u.ru_maxrss); print(r.stdout)")
    res = subprocess.run([sys.executable, "-c", probe, sys.executable, str(SCRIPTS / "course.py"),
                          "--root", str(root), "validate"], capture_output=True, text=True, timeout=300)
    code, cpu_seconds, max_kb = res.stdout.split("\n", 1)[0].split()
    assert int(code) == 1, res.stdout + res.stderr
    assert "data/countries.csv: FILE-TOO-LARGE" in res.stdout
    assert float(cpu_seconds) < 15, f"took {cpu_seconds} s of CPU"
    assert int(max_kb) < 300 * 1024, f"used {int(max_kb) // 1024} MB: the file was read"


def test_case_ids_are_unique_and_enough():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 30


def test_every_case_starts_from_a_valid_course(tmp_path: Path):
    """So a case's finding can only come from what it planted."""
    res = run_in_process(["--root", str(fresh_course(tmp_path / "course")), "validate"])
    assert res.returncode == 0, res.stdout
    assert "warning" not in res.stdout, res.stdout


# ---- accepted input --------------------------------------------------------------------------

BOM = b"\xef\xbb\xbf"
BOM_FILES = [S, C, TOC, "_config.yml", NB, "book/index.md", L, CH, INS, D]


def add_bom(root: Path, rel: str) -> None:
    p = root / rel
    p.write_bytes(BOM + p.read_bytes())


@pytest.mark.parametrize("rel", BOM_FILES, ids=lambda rel: rel.replace("/", "-"))
def test_byte_order_mark_is_accepted_by_validate(rel: str, tmp_path: Path):
    root = fresh_course(tmp_path / "course")
    add_bom(root, rel)
    res = run_in_process(["--root", str(root), "validate"])
    assert res.returncode == 0, res.stdout + res.stderr


def test_byte_order_mark_is_accepted_by_agenda_and_import(tmp_path: Path):
    root = fresh_course(tmp_path / "course")
    add_bom(root, D)
    res = run_in_process(["--root", str(root), "agenda", D])
    assert res.returncode == 0, res.stdout + res.stderr
    export = tmp_path / "export.csv"
    export.write_bytes(BOM + (SURVEY_HEADER + SURVEY_ROW).encode())
    res = run_in_process(["--root", str(root), "import-challenges", str(export), *IMPORT_ARGS[1:]])
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Shelters for child victims" in (root / CH).read_text(encoding="utf-8")


def test_byte_order_marks_build(tmp_path: Path):
    """Windows editors (Notepad, Excel's 'CSV UTF-8') add a byte-order mark: the build must not care."""
    root = fresh_course(tmp_path / "course")
    for rel in BOM_FILES:
        add_bom(root, rel)
    res = run_course("build", "--edition", "participant", root=root)
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert "Traceback" not in out and "Internal error" not in out, out
    assert "3 countries" in (root / "_build" / "participant" / "html" / "unit.html").read_text()
