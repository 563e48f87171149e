"""The benchmark's figures as data: runs, their medians and ranges, and the sanity checks.

A figure is never a single sample: each one keeps every run, and is shown as a median with its range.
Before anything is called "met", ``problems`` checks that each figure can be true at all: a time is
positive, each figure has its runs, a ratio comes only from runs that succeeded, an added unit does
not make a build faster. A figure that fails that check fails the benchmark instead of passing it.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

MIN_RUNS = 3


@dataclass(frozen=True)
class Spread:
    """The seconds of repeated runs of one measurement."""

    runs: tuple[float, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else math.nan

    @property
    def lo(self) -> float:
        return min(self.runs) if self.runs else math.nan

    @property
    def hi(self) -> float:
        return max(self.runs) if self.runs else math.nan

    def __str__(self) -> str:
        return f"{self.median:.1f} s (range {self.lo:.1f}-{self.hi:.1f} s, {len(self.runs)} runs)"

    def added(self, seconds: float) -> Spread:
        return Spread((*self.runs, seconds))


@dataclass
class DataEdit:
    file: str = ""
    readers: list[str] = field(default_factory=list)  # units that read it in the last build
    units: int = 0
    seconds: Spread = field(default_factory=Spread)
    reexecuted: list[list[str]] = field(default_factory=list)  # per run
    pages_changed: int = 0
    images_changed: int = 0
    jb_reexecuted: int = 0
    jb_changed: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        """Every run re-executed exactly the units that read the file."""
        return bool(self.reexecuted) and all(set(r) == set(self.readers) for r in self.reexecuted)


@dataclass
class PreviewEdit:
    """``serve``: from saving one edited data row to the served page showing it."""

    file: str = ""
    page: str = ""  # the page open in the browser: the file's first reader
    seconds: Spread = field(default_factory=Spread)  # until that page changed
    readers: int = 0  # units that read the file
    change: str = "without one row"  # what each run changed in it
    whole: list[float] = field(default_factory=list)  # each run's whole build (serve's own seconds), every reader
    phases: list[dict] = field(default_factory=list)  # each run's build phases (execution.json)


@dataclass
class BenchResult:
    units: int = 0
    workers: int = 0
    load: tuple[str, str] = ("", "")
    plain: Spread = field(default_factory=Spread)  # plain jupyter-book, execution forced, participant pages
    participant: Spread = field(default_factory=Spread)  # ours, clean, participant edition
    both: float = 0.0
    nochange: Spread = field(default_factory=Spread)
    nochange_inside: Spread = field(default_factory=Spread)  # of which inside the build
    nochange_executed: int = -1  # the most units any no-change run executed
    edit: DataEdit = field(default_factory=DataEdit)
    preview: PreviewEdit = field(default_factory=PreviewEdit)  # the least read data file edited
    preview_many: PreviewEdit = field(default_factory=PreviewEdit)  # the most read one
    per_unit: dict[str, Spread] = field(default_factory=dict)  # unit -> its execution seconds in our clean runs
    synthetic: dict[int, Spread] = field(default_factory=dict)  # added units -> clean build seconds
    unit_fresh: float = 0.0  # one synthetic unit alone, fresh kernel (the plain way)
    unit_warm: float = 0.0  # median execution of a synthetic unit in our build
    phases: dict = field(default_factory=dict)  # where a clean participant build spent its time
    failures: list[str] = field(default_factory=list)  # runs that did not succeed
    language: str = ""  # (f) the translated language measured ("" when languages.yml lists none)
    one_language: Spread = field(default_factory=Spread)  # clean participant build, English only
    two_languages: Spread = field(default_factory=Spread)  # the same with ``language``
    nochange_one: Spread = field(default_factory=Spread)  # no-change rebuild, English only
    nochange_two: Spread = field(default_factory=Spread)  # no-change rebuild with ``language``
    nochange_one_inside: Spread = field(default_factory=Spread)  # of which inside the build (no command start)
    nochange_two_inside: Spread = field(default_factory=Spread)
    language_phases: dict = field(default_factory=dict)  # "one_language"/"two_languages" -> last clean build's phases
    only: str = ""  # "" when every figure was measured; "e" or "f" when only that one was (``bench --only``)

    @property
    def language_cost(self) -> float:
        """What one more language adds to a clean participant build, as a share of it (medians)."""
        one, two = self.one_language.median, self.two_languages.median
        return (two - one) / one if _positive(one) and _positive(two) else math.nan

    @property
    def ratio(self) -> float | None:
        """Ours over plain Jupyter Book, medians; none if a run failed or a median is not a time."""
        if self.failures or not (_positive(self.plain.median) and _positive(self.participant.median)):
            return None
        return self.participant.median / self.plain.median

    @property
    def per_added_unit(self) -> float:
        """Seconds each synthetic unit adds: the least-squares slope over the sizes."""
        sizes = sorted(self.synthetic)
        if len(sizes) < 2:
            return math.nan
        xs, ys = sizes, [self.synthetic[n].median for n in sizes]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)

    def unit_times(self) -> Spread:
        """Each unit's median time, as one spread over the units."""
        return Spread(tuple(s.median for s in self.per_unit.values()))

    def slowest(self, n: int = 3) -> list[tuple[str, float]]:
        return sorted(((u, s.median) for u, s in self.per_unit.items()), key=lambda us: -us[1])[:n]


def _language_spreads(res: BenchResult) -> dict[str, Spread]:
    return {"clean build, English only": res.one_language, f"clean build with {res.language}": res.two_languages,
            "no-change rebuild, English only": res.nochange_one, f"no-change rebuild with {res.language}": res.nochange_two}


def _preview_spreads(res: BenchResult) -> dict[str, Spread]:
    return {"preview after the data edit": res.preview.seconds,
            "preview after the edit of the most read data file": res.preview_many.seconds}


def _spread_problems(spreads: dict[str, Spread]) -> list[str]:
    """Figures with too few runs, or a run that is not a time."""
    out = []
    for name, spread in spreads.items():
        if len(spread.runs) < MIN_RUNS:
            out.append(f"{name}: {len(spread.runs)} run(s); a figure needs at least {MIN_RUNS}")
        bad = [x for x in spread.runs if not _positive(x)]
        if bad:
            out.append(f"{name}: a run took {bad[0]} s, which is not a time")
    return out


def _positive(x: float) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x) and x > 0


def problems(res: BenchResult) -> list[str]:
    """Why figures of ``res`` cannot be true; empty if every figure is plausible. Only the figures
    that were measured are judged (``res.only``)."""
    out = [f"a run failed: {f}" for f in res.failures]
    if res.only == "f":
        if not res.language:
            return [*out, "(f) cannot be measured: languages.yml lists no translated language"]
        return out + _spread_problems(_language_spreads(res))
    if res.only == "e":
        return out + _spread_problems(_preview_spreads(res))
    spreads = {"plain jupyter-book build": res.plain, "clean participant build": res.participant,
               "no-change rebuild": res.nochange, "rebuild after the data edit": res.edit.seconds,
               **_preview_spreads(res)}
    for n, spread in sorted(res.synthetic.items()):
        spreads[f"build with +{n} units"] = spread
    if res.language:
        spreads |= _language_spreads(res)
    out += _spread_problems(spreads)
    for name, seconds in [("clean build of both editions", res.both), ("a unit in a fresh kernel", res.unit_fresh),
                          ("a unit on a warm kernel", res.unit_warm)]:
        if not _positive(seconds):
            out.append(f"{name}: {seconds} s is not a time")
    for unit, spread in res.per_unit.items():
        if not spread.runs or not all(_positive(x) or x == 0 for x in spread.runs):
            out.append(f"per-unit time of {unit}: {spread.runs} are not times")
    cost = res.per_added_unit
    if not (math.isfinite(cost) and cost > 0):
        out.append(f"each added unit costs {cost:.2f} s: a build of more units cannot be cheaper; "
                   "the measurement is wrong, not the build")
    if res.nochange_executed < 0 or res.edit.units <= 0 or not res.per_unit:
        out.append("a count of units is missing (a build report was not read)")
    return out
