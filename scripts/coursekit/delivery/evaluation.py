"""Evaluation figures of one delivery or of several together, with no group under 5 shown apart.

What capacity-building programmes report per cohort: participants by role, agency type, country
and sex; completion; satisfaction per session; knowledge before and after (means, normalised gain,
share reaching mastery) per learning objective and per role; and a follow-up where there is one.

Small groups identify people (the only judge from Maldives), so every breakdown by a participant's
attribute goes through ``protect``: a group under ``MIN_GROUP`` participants is not shown apart.
Small groups are merged into one "Other" row; when the merged row would itself be under 5 (or a
single small group could be worked out from the total by subtraction), the next smallest groups
join it until it is not. If even that cannot reach 5, the row is suppressed. Every table says how
many groups were merged or suppressed. Session ratings and objectives are not groups of people,
but a figure based on fewer than 5 answers is suppressed the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

MIN_GROUP = 5
MASTERY = Fraction(4, 5)  # a participant reaches mastery with at least 80% right in the post check
SUPPRESSED = f"fewer than {MIN_GROUP}: not shown"


@dataclass
class Cohort:
    """One delivery's evaluation data, as kept by the imports (participant codes unique per cohort)."""

    id: str
    title: str
    date: str
    sessions: list[tuple[str, str]]  # (unit id, title) in the delivery's order
    attendance: list[dict[str, str]]
    ratings: list[dict[str, str]]
    knowledge: list[dict[str, str]]


@dataclass
class Table:
    """A table of figures: a title, column headers, rows and notes (what was merged or suppressed)."""

    name: str  # file name of its CSV, e.g. participants-by-role
    title: str
    headers: list[str]
    rows: list[list[object]]
    notes: list[str] = field(default_factory=list)


def protect(groups: dict[str, list[str]], what: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """Groups of participant codes with none under MIN_GROUP shown apart (see the module docstring)."""
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    big = [(k, v) for k, v in ordered if len(v) >= MIN_GROUP]
    small = [(k, v) for k, v in ordered if len(v) < MIN_GROUP]
    if not small:
        return big, []
    merged = [m for _, v in small for m in v]
    while len(merged) < MIN_GROUP and big:  # a lone small group would show through the total
        k, v = big.pop()  # the smallest shown group joins the merged row
        small.append((k, v))
        merged += v
    if not big:  # everyone ended up in the merged row: a breakdown would only repeat the total
        return [], [f"Not broken down by {what}: fewer than two {what} groups have {MIN_GROUP} or more "
                    "participants, and showing one would reveal the smaller ones by subtraction."]
    notes = [f"{len(small)} {what} group(s) with fewer than {MIN_GROUP} participants "
             + ("merged into 'Other'." if len(merged) >= MIN_GROUP else "not shown (too few even together).")]
    shown = big + ([(f"Other ({len(small)} groups merged)", merged)] if len(merged) >= MIN_GROUP else [])
    return shown, notes


def _pct(x: Fraction | None) -> str:
    return "n/a" if x is None else f"{float(x) * 100:.0f}%"


def _gain(pre: Fraction, post: Fraction) -> Fraction | None:
    return None if pre == 1 else (post - pre) / (1 - pre)


def _g(x: Fraction | None) -> str:
    return "n/a" if x is None else f"{float(x):.2f}"


class Evaluation:
    """All figures of a set of cohorts (one delivery, or several together)."""

    def __init__(self, cohorts: list[Cohort]):
        self.cohorts = cohorts
        self.people: dict[str, dict[str, str]] = {f"{c.id}/{r['code']}": r for c in cohorts for r in c.attendance}
        # answers[stage][person][(question, objective)] = correct
        self.answers: dict[str, dict[str, dict[tuple[str, str], int]]] = defaultdict(lambda: defaultdict(dict))
        for c in cohorts:
            for r in c.knowledge:
                self.answers[r["stage"]][f"{c.id}/{r['code']}"][(r["question"], r["objective"])] = int(r["correct"])

    # ---- who took part --------------------------------------------------------------------
    def by(self, key: str, what: str) -> Table:
        groups: dict[str, list[str]] = defaultdict(list)
        for code, r in self.people.items():
            groups[r[key] or "not given"].append(code)
        shown, notes = protect(groups, what)
        total = len(self.people)
        rows: list[list[object]] = [[label, len(v), _pct(Fraction(len(v), total))] for label, v in shown]
        return Table(f"participants-by-{key.replace('_', '-')}", f"Participants by {what}",
                     [what.capitalize(), "Participants", "Share"], rows, notes)

    def completion(self) -> Table:
        rows: list[list[object]] = []
        for c in self.cohorts:
            given = [r for r in c.attendance if r.get("sessions_attended", "") != ""]
            if len(given) < MIN_GROUP:
                rows.append([c.id, len(given), SUPPRESSED if given else "not recorded"])
                continue
            done = sum(1 for r in given if int(r["sessions_attended"]) >= len(c.sessions))
            rows.append([c.id, len(given), _pct(Fraction(done, len(given)))])
        return Table("completion", "Completion: attended every session", ["Delivery", "Participants", "Completed"], rows)

    # ---- reaction -------------------------------------------------------------------------
    def satisfaction(self) -> Table:
        titles: dict[str, str] = {}
        scores: dict[str, list[int]] = defaultdict(list)
        for c in self.cohorts:
            titles.update(dict(c.sessions))
            for r in c.ratings:
                scores[r["session"]].append(int(r["rating"]))
        order = list(dict.fromkeys(uid for c in self.cohorts for uid, _ in c.sessions)) + ["overall"]
        rows: list[list[object]] = []
        notes = []
        for uid in [u for u in order if u in scores]:
            vals = scores[uid]
            label = titles.get(uid, "The delivery overall")
            if len(vals) < MIN_GROUP:
                rows.append([label, len(vals), SUPPRESSED, ""])
                notes.append(f"'{label}' has fewer than {MIN_GROUP} ratings: not shown.")
                continue
            rows.append([label, len(vals), f"{sum(vals) / len(vals):.1f}",
                         _pct(Fraction(sum(1 for v in vals if v >= 4), len(vals)))])
        return Table("satisfaction-by-session", "Satisfaction per session (1 to 5)",
                     ["Session", "Ratings", "Mean", "Satisfied (4-5)"], rows, notes)

    # ---- learning -------------------------------------------------------------------------
    def matched(self) -> list[str]:
        """Participants with both a pre and a post check: the only ones a before/after figure counts."""
        return sorted(set(self.answers["pre"]) & set(self.answers["post"]))

    def _rate(self, stage: str, people: Iterable[str], keep: Callable[[tuple[str, str]], bool]) -> Fraction | None:
        seen: dict[tuple[str, str], int] = {}
        for p in people:
            for (q, o), ok in self.answers[stage].get(p, {}).items():
                if keep((q, o)):
                    seen[(p, q)] = ok  # a question counts once per person even if it has two objectives
        return Fraction(sum(seen.values()), len(seen)) if seen else None

    def _score(self, stage: str, person: str) -> Fraction | None:
        return self._rate(stage, [person], lambda _: True)

    def knowledge_by_objective(self) -> Table:
        people = self.matched()
        objectives = sorted({o for p in people for (_, o) in self.answers["pre"].get(p, {})},
                            key=lambda o: (o.split("#")[0], int(o.split("#")[1])))
        rows: list[list[object]] = []
        notes = []
        if len(people) < MIN_GROUP:
            notes.append(f"Fewer than {MIN_GROUP} participants took both checks: no figure is shown.")
            return Table("knowledge-by-objective", "Knowledge before and after, per objective",
                         ["Objective", "Participants", "Before", "After", "Gain (g)"], [], notes)
        for o in objectives:
            pre = self._rate("pre", people, lambda k, o=o: k[1] == o)
            post = self._rate("post", people, lambda k, o=o: k[1] == o)
            if pre is None or post is None:
                continue
            rows.append([o, len(people), _pct(pre), _pct(post), _g(_gain(pre, post))])
        return Table("knowledge-by-objective", "Knowledge before and after, per objective",
                     ["Objective", "Participants", "Before", "After", "Gain (g)"], rows, notes)

    def knowledge_by_role(self) -> Table:
        groups: dict[str, list[str]] = defaultdict(list)
        for p in self.matched():
            groups[self.people.get(p, {}).get("role", "not in attendance")].append(p)
        shown, notes = protect(groups, "role")
        rows: list[list[object]] = []
        for label, people in [("All", self.matched())] + shown:
            if len(people) < MIN_GROUP:
                continue
            pre = self._rate("pre", people, lambda _: True)
            post = self._rate("post", people, lambda _: True)
            assert pre is not None and post is not None
            mastery = Fraction(sum(1 for p in people if (self._score("post", p) or 0) >= MASTERY), len(people))
            rows.append([label, len(people), _pct(pre), _pct(post), _g(_gain(pre, post)), _pct(mastery)])
        return Table("knowledge-by-role", "Knowledge before and after, per role",
                     ["Role", "Participants", "Before", "After", "Gain (g)",
                      f"Mastery ≥{float(MASTERY) * 100:.0f}%"], rows, notes)

    def follow_up(self) -> Table:
        people = sorted(set(self.answers["follow-up"]) & set(self.answers["post"]))
        headers = ["Participants", "After the delivery", "At follow-up", "Kept (follow-up / after)"]
        if not people:
            return Table("follow-up", "Follow-up", headers, [], ["No follow-up check was imported."])
        if len(people) < MIN_GROUP:
            return Table("follow-up", "Follow-up", headers, [[len(people), SUPPRESSED, "", ""]],
                         [f"Fewer than {MIN_GROUP} participants took the follow-up: not shown."])
        post = self._rate("post", people, lambda _: True)
        later = self._rate("follow-up", people, lambda _: True)
        assert post is not None and later is not None
        kept = _pct(later / post) if post else "n/a"
        return Table("follow-up", "Follow-up", headers, [[len(people), _pct(post), _pct(later), kept]])

    def tables(self) -> list[Table]:
        return [self.by("role", "role"), self.by("country", "country"), self.by("agency_type", "agency type"),
                self.by("sex", "sex"), self.completion(), self.satisfaction(), self.knowledge_by_objective(),
                self.knowledge_by_role(), self.follow_up()]

    # ---- raw series for charts ------------------------------------------------------------
    def satisfaction_series(self) -> list[tuple[str, float]]:
        t = self.satisfaction()
        return [(str(r[0]), float(str(r[2]))) for r in t.rows if r[2] != SUPPRESSED]

    def objective_series(self) -> list[tuple[str, float, float]]:
        t = self.knowledge_by_objective()
        return [(str(r[0]), float(str(r[2]).rstrip("%")), float(str(r[3]).rstrip("%"))) for r in t.rows]
