"""bench: figures are medians of at least three runs with their ranges, per-unit times are reported,
and a figure that cannot be true fails the benchmark instead of passing it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import run_course
from coursekit.commands.bench import lines, show
from coursekit.engine import bench
from coursekit.engine.bench_figures import BenchResult, DataEdit, PreviewEdit, Spread, problems


def plausible() -> BenchResult:
    three = lambda *xs: Spread(tuple(xs))  # noqa: E731
    return BenchResult(
        units=3, workers=2, load=("1.0", "1.2"), plain=three(60, 62, 70), participant=three(20, 21, 25), both=30.0,
        nochange=three(1.0, 1.1, 1.3), nochange_inside=three(0.5, 0.5, 0.6), nochange_executed=0,
        edit=DataEdit(file="data/x.csv", readers=["book/a.ipynb"], units=3, seconds=three(3, 3.5, 4),
                      reexecuted=[["book/a.ipynb"]] * 3, pages_changed=1),
        preview=PreviewEdit(file="data/x.csv", page="a.html", seconds=three(2.0, 2.5, 3.0)),
        preview_many=PreviewEdit(file="data/y.csv", page="b.html", seconds=three(3.0, 3.5, 4.0), readers=2,
                                 change="with a name edited", whole=[6.0, 6.5, 7.0], phases=[{"validate": 1.0, "participant": {"execute": 3.0}}] * 3),
        per_unit={"book/countries/th.ipynb": three(0.5, 0.6, 0.7), "book/a.ipynb": three(0.1, 0.1, 0.2),
                  "book/b.ipynb": three(2.0, 2.1, 2.2)},
        synthetic={10: three(10, 11, 12), 40: three(25, 25, 27), 100: three(55, 56, 60)}, unit_fresh=3.0,
        unit_warm=0.4)


def test_plausible_figures_pass_and_print_medians_ranges_and_per_unit_times(capsys):
    res = plausible()
    assert problems(res) == []
    assert show(res) == 0
    out = capsys.readouterr().out
    assert "medians of 3 runs" in out and "BENCHMARK FAILED" not in out
    assert "21.0 s (range 20.0-25.0 s, 3 runs)" in out and "62.0 s (range 60.0-70.0 s, 3 runs)" in out
    assert "ratio of medians 0.34x" in out
    assert "per unit, on warm kernels: median 0.60 s" in out
    assert "slowest three: book/b.ipynb 2.10 s, book/countries/th.ipynb 0.60 s, book/a.ipynb 0.10 s" in out
    assert "slowest country update: 0.60 s (target <= 0.8 s: yes)" in out
    assert "each added unit costs 0.50 s" in out
    assert "(e) serve:" in out and "2.5 s (range 2.0-3.0 s, 3 runs) (target <= 5 s: yes)" in out


def _planted(change) -> BenchResult:
    res = copy.deepcopy(plausible())
    change(res)
    return res


@pytest.mark.parametrize(("plant", "named"), [
    (lambda r: setattr(r, "synthetic", {n: Spread((s, s, s)) for n, s in ((10, 30.0), (40, 25.0), (100, 20.0))}),
     "each added unit costs -0.11 s"),
    (lambda r: r.failures.append("jupyter-book build of stage failed"), "a run failed: jupyter-book build"),
    (lambda r: setattr(r, "plain", Spread((0.0, 60.0, 61.0))), "plain jupyter-book build: a run took 0.0 s"),
    (lambda r: setattr(r, "participant", Spread((20.0,))), "clean participant build: 1 run(s)"),
    (lambda r: setattr(r, "preview", PreviewEdit(seconds=Spread((-1.0, 2.0, 2.0)))), "preview after the data edit"),
    (lambda r: setattr(r, "unit_fresh", float("nan")), "a unit in a fresh kernel: nan s"),
])
def test_a_nonsensical_figure_fails_the_benchmark(capsys, plant, named: str):
    res = _planted(plant)
    found = problems(res)
    assert any(named in p for p in found), found
    assert show(res) == 1
    assert f"BENCHMARK FAILED: {next(p for p in found if named in p)}" in capsys.readouterr().out


def test_a_failed_run_gives_no_ratio():
    res = _planted(lambda r: r.failures.append("plain run failed"))
    assert res.ratio is None
    assert "ratio" in lines(_planted(lambda r: setattr(r, "plain", Spread((0.0, 0.0, 0.0)))))[1]
    assert _planted(lambda r: setattr(r, "plain", Spread((0.0, 0.0, 0.0)))).ratio is None


def test_fewer_than_three_runs_is_refused():
    res = run_course("bench", "--runs", "2")
    assert res.returncode == 1 and "at least 3" in res.stdout and "Traceback" not in res.stdout + res.stderr


@pytest.fixture
def tiny_course(mini_course: Path) -> Path:
    """The mini course and a second unit that reads no data: countries.csv is read by one unit of two."""
    unit = mini_course / "book" / "unit.ipynb"
    nb = json.loads(unit.read_text(encoding="utf-8"))
    shows = json.loads(json.dumps(nb))  # the data unit shows each country, so each edit shows on its page
    code = next(c for c in shows["cells"] if c["cell_type"] == "code")
    code["source"] = "from coursekit.book import data\n\nprint(', '.join(data.countries()['name']))"
    unit.write_text(json.dumps(shows, indent=1), encoding="utf-8")
    nb["metadata"]["course"]["id"] = "mini-second"
    nb["cells"] = [c for c in nb["cells"] if c["cell_type"] == "markdown"] + [
        {"cell_type": "code", "execution_count": None, "id": "plain", "metadata": {}, "outputs": [],
         "source": "print(6 * 7)"}]
    (mini_course / "book" / "second.ipynb").write_text(json.dumps(nb, indent=1), encoding="utf-8")
    toc = mini_course / "_toc.yml"
    toc.write_text(toc.read_text() + "      - file: book/second\n")
    with (mini_course / "data" / "countries.csv").open("a", encoding="utf-8") as fh:  # rows that no unit needs
        fh.write("TH,Thailand,Asia/Bangkok,South-East Asia,src-one\nVN,Viet Nam,Asia/Ho_Chi_Minh,South-East Asia,src-one\n"
                 "ID,Indonesia,Asia/Jakarta,South-East Asia,src-one\n")
    assert run_course("validate", root=mini_course).returncode == 0
    return mini_course


def test_bench_on_a_tiny_course_measures_every_figure_three_times(tiny_course: Path, tmp_path: Path):
    log: list[str] = []
    res = bench.run(tiny_course, tmp_path / "work", log.append, sizes=(1, 6), runs=3)
    print("\n" + "\n".join(lines(res)))
    assert res.failures == [], res.failures
    assert problems(res) == [], problems(res)
    for spread in (res.plain, res.participant, res.nochange, res.edit.seconds, res.preview.seconds, *res.synthetic.values()):
        assert len(spread.runs) == 3 and all(x > 0 for x in spread.runs)
    assert set(res.per_unit) == {"book/unit.ipynb", "book/second.ipynb"}
    assert res.edit.file == "data/countries.csv" and res.edit.readers == ["book/unit.ipynb"] and res.edit.exact
    assert res.nochange_executed == 0 and res.edit.pages_changed >= 1
    assert res.preview.file == "data/countries.csv" and res.preview.page == "unit.html"
    assert res.preview_many.file == "data/countries.csv" and len(res.preview_many.seconds.runs) == 3
    assert len(res.preview_many.whole) == 3 and all(p.get("participant") for p in res.preview_many.phases)
    assert any(line.startswith("(a) run 3 of 3") for line in log)
    assert "    no country-update units in this course" in lines(res)
    assert (tiny_course / "data" / "countries.csv").read_text().count("\n") == 7  # the course itself untouched


def test_the_language_figures_say_where_each_clean_build_spent_its_time():
    res = plausible()
    res.language = "id"
    res.one_language, res.two_languages = Spread((20.0, 21.0, 22.0)), Spread((38.0, 39.0, 40.0))
    res.nochange_one, res.nochange_two = Spread((1.0, 1.1, 1.2)), Spread((1.1, 1.2, 1.3))
    res.nochange_one_inside, res.nochange_two_inside = Spread((0.5, 0.6, 0.7)), Spread((0.8, 0.9, 1.0))
    res.language_phases = {
        "one_language": {"validate": 2.0, "participant": {"stage": 0.5, "execute": 10.0, "render": 5.0}},
        "two_languages": {"validate": 2.0, "participant": {"stage": 0.7, "execute": 20.0, "render": 10.0}}}
    assert problems(res) == []
    out = "\n".join(lines(res))
    assert "the language adds 0.86x of one edition's clean build (target <= 1.0x: yes)" in out
    assert "English only validate 2.0 s, stage 0.5 s, execute 10.0 s, render 5.0 s" in out
    assert "with id validate 2.0 s, stage 0.7 s, execute 20.0 s, render 10.0 s" in out
    assert "inside the build (without starting the command): English only 0.6 s, with id 0.9 s" in out


def _language_only() -> BenchResult:
    """What ``bench --only f`` measured: the language figure and nothing else."""
    res = BenchResult(workers=2, load=("1.0", "1.2"), only="f", language="id")
    res.one_language, res.two_languages = Spread((20.0, 21.0, 22.0)), Spread((38.0, 39.0, 40.0))
    res.nochange_one, res.nochange_two = Spread((1.0, 1.1, 1.2)), Spread((1.1, 1.2, 1.3))
    return res


def test_only_f_judges_and_prints_the_language_figure_alone(capsys):
    res = _language_only()
    assert problems(res) == []  # (a)-(e) were not measured: their empty figures are not failures
    assert show(res) == 0
    out = capsys.readouterr().out
    assert "(f) only" in out and "the language adds 0.86x" in out and "(a)" not in out and "(e)" not in out
    res.nochange_two = Spread((1.1,))
    assert any("no-change rebuild with id: 1 run(s)" in p for p in problems(res))


def test_only_f_without_a_translated_language_fails_and_says_why(mini_course: Path, tmp_path: Path):
    res = bench.run(mini_course, tmp_path / "work", lambda _line: None, only="f")
    assert res.only == "f" and not res.language and not res.one_language.runs  # nothing was built
    assert problems(res) == ["(f) cannot be measured: languages.yml lists no translated language"]


def test_only_takes_e_or_f_alone(capsys):
    """Checked on the command's parser: were "g" taken, the command would run the whole benchmark."""
    import argparse

    from coursekit.commands.bench import add_arguments
    parser = argparse.ArgumentParser(prog="course.py bench")
    add_arguments(parser)
    assert parser.parse_args(["--only", "f"]).only == "f" and parser.parse_args([]).only == ""
    assert parser.parse_args(["--only", "e"]).only == "e"
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["--only", "g"])
    assert exit_.value.code == 2 and "invalid choice: 'g' (choose from 'e', 'f')" in capsys.readouterr().err


def test_only_e_judges_and_prints_the_preview_figures_alone(capsys):
    full = plausible()
    res = BenchResult(workers=2, load=("1.0", "1.2"), only="e", preview=full.preview, preview_many=full.preview_many)
    assert problems(res) == []  # (a)-(d) and (f) were not measured: their empty figures are not failures
    assert show(res) == 0
    out = capsys.readouterr().out
    assert "(e) only" in out and "(a)" not in out and "(f)" not in out
    assert "from saving data/y.csv (read by 2 units) with a name edited (another each run) to the open page (b.html)" in out
    assert ("the whole build (every reader published): 6.5 s (range 6.0-7.0 s, 3 runs); last run: validate 1.0 s, "
            "execute 3.0 s, publish 0.0 s") in out
    res.preview_many = PreviewEdit(seconds=Spread((1.0,)))
    assert any("most read data file: 1 run(s)" in p for p in problems(res))
