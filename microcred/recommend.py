"""Recommendations: the best programs, or the best set of them, for a goal, a budget and time.

Budget and time are hard limits on the pace-aware total. The ranking is a weighted sum of
parts that are returned with each result, so it can be explained:
relevance (field match and the share of the goal's skills covered), value (cost per hour of
study), fit (duration against the time available) and credit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import stacks
from .costs import CostModel, ProgramCost
from .errors import NotFoundError
from .models import Career, Catalog, Money, Program
from .results import out
from .search import Filters, resolve_field, resolve_option

WEIGHTS = {"relevance": 0.5, "value": 0.25, "fit": 0.15, "credit": 0.1}
VALUE_SCALE_USD = 5.0  # cost per study hour at which value is 0.5
_STOP = {
    "i",
    "a",
    "an",
    "the",
    "to",
    "be",
    "become",
    "want",
    "would",
    "like",
    "as",
    "work",
    "in",
    "job",
    "my",
    "career",
}


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the learner must know about the goal: `regulated` (a profession that no
    micro-credential can qualify for) or `no_career` (the goal matched no career)."""

    kind: str
    subject: str  # the career's title, or the goal as given


@dataclass(frozen=True, slots=True)
class WhyNothing:
    """Why nothing fits the limits, and what would."""

    candidates: int  # programs that pass the filters
    fields: tuple[str, ...]
    pace: float | None  # the learner's, or None: each program's own
    budget: Money | None
    all_over_budget: bool
    cheapest: tuple[str, Money] | None
    faster: tuple[float, str, Money] | None  # the slowest pace at which something fits
    months: float | None
    quickest: tuple[str, float] | None  # when even it takes longer than the months given


class NothingFits(NotFoundError):
    """Nothing within the limits; carries why and the notices that still apply."""

    def __init__(self, why: WhyNothing, notices: Sequence[Notice]) -> None:
        super().__init__("nothing fits")
        self.why = why
        self.notices = list(notices)


class NoStack(NotFoundError):
    """No set of programs covers any goal skill within the budget and time."""


@dataclass(frozen=True)
class Request:
    fields: tuple[str, ...] = ()
    goal: str | None = None
    skills: tuple[str, ...] = ()
    budget: float | None = None  # in the cost model's currency
    months: float | None = None
    filters: Filters = field(default_factory=Filters)
    limit: int = 10
    stack_size: int | None = None  # None: rank single programs


@dataclass(frozen=True, slots=True)
class Recommendation:
    cost: ProgramCost = field(metadata=out(flatten=True))  # with the program itself
    score: float = 0.0  # 0-100
    parts: dict[str, float] = field(metadata=out(name="score_parts"), default_factory=dict)
    covered: tuple[str, ...] = field(metadata=out(name="covered_skills"), default=())
    goal_size: int = field(metadata=out(skip=True), default=0)
    fields_matched: tuple[str, ...] = field(metadata=out(skip=True), default=())

    @property
    def program(self) -> Program:
        return self.cost.program


@dataclass(frozen=True, slots=True)
class StackAdvice:
    """The best set of programs for the goal, as one answer."""

    programs: list[Recommendation]
    total_cost: Money
    months: float = field(metadata=out(digits=2))
    covered_skills: list[str] = field(default_factory=list)
    missing_skills: list[str] = field(default_factory=list)
    goal_skills: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Advice:
    goal_skills: list[str]
    fields: list[str]
    career: Career | None
    notices: list[Notice]
    results: list[Recommendation]
    stack: stacks.Stack | None = None
    stack_items: list[Recommendation] = field(default_factory=list)
    stack_total: Money | None = None

    def stack_advice(self) -> StackAdvice | None:
        if self.stack is None or self.stack_total is None:
            return None
        return StackAdvice(
            self.stack_items,
            self.stack_total,
            self.stack.months,
            sorted(self.stack.covered),
            sorted(self.stack.missing),
            self.goal_skills,
        )


def match_career(catalog: Catalog, goal: str) -> Career | None:
    """The career a free-text goal names ("become a data analyst"), typo-tolerant."""
    from rapidfuzz import fuzz, process, utils

    words = [w for w in re.findall(r"[a-z0-9+#]+", goal.lower()) if w not in _STOP]
    text = " ".join(words)
    if not text:
        return None
    names = {}
    for career in catalog.careers.values():
        for name in (career.title, career.id.replace("-", " "), *career.aliases):
            names[name.lower()] = career
    found = process.extractOne(
        text, list(names), scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=80
    )
    return names[found[0]] if found else None


def _skill_matches(goal_skill: str, skills: Sequence[str]) -> bool:
    from rapidfuzz import fuzz

    return any(goal_skill == s or fuzz.ratio(goal_skill, s) >= 90 for s in skills)


def recommend(catalog: Catalog, costs: CostModel, request: Request) -> Advice:
    filters = request.filters
    if filters.platform is not None:
        resolve_option("platform", filters.platform, catalog.platforms)
    fields = [resolve_field(catalog, f) for f in request.fields]
    career = match_career(catalog, request.goal) if request.goal else None
    notices: list[Notice] = []
    goal_skills = [s.strip().lower() for s in request.skills if s.strip()]
    if career is not None:
        goal_skills = list(dict.fromkeys([*goal_skills, *(s.lower() for s in career.skills)]))
        if not fields:
            fields = list(career.fields)
        if career.regulated:
            notices.append(Notice("regulated", career.title))
    elif request.goal:
        notices.append(Notice("no_career", request.goal))

    pool, goal_hits = _candidates(catalog, request, fields, career)
    if not goal_skills:
        goal_skills = _common_skills(pool)
    goal = frozenset(goal_skills)

    usd5 = (
        costs.converter.convert(Money(VALUE_SCALE_USD, "USD")).amount
        if costs.converter.target != "USD"
        else 5.0
    )
    scored: list[Recommendation] = []
    priced: list[ProgramCost] = []
    for program in pool:
        cost = costs.cost(program)
        priced.append(cost)
        if not _within(cost, request):
            continue
        scored.append(_score(program, cost, goal, fields, goal_hits.get(program.id), request, usd5))
    if not scored:
        raise NothingFits(_why_nothing(catalog, costs, request, fields, priced), notices)
    scored.sort(key=lambda r: (-r.score, r.cost.total.amount if r.cost.total else math.inf, r.program.id))
    stack = items = stack_total = None
    if request.stack_size:
        candidates = [
            stacks.Candidate(
                r.program.id,
                frozenset(_covered(goal, r.program.skills)),
                r.cost.total.amount,
                r.cost.months or 0,
            )
            for r in scored
            if r.cost.total is not None
        ]
        best = stacks.best_stack(candidates, goal, request.stack_size, request.budget, request.months)
        if best is None:
            raise NoStack("no set of programs covers any of the goal's skills within the budget and time")
        by_id = {r.program.id: r for r in scored}
        stack, items = best, [by_id[i] for i in best.ids]
        stack_total = Money(best.cost, costs.converter.target)
    return Advice(
        goal_skills, fields, career, notices, scored[: request.limit], stack, items or [], stack_total
    )


def _candidates(
    catalog: Catalog, request: Request, fields: Sequence[str], career: Career | None
) -> tuple[list[Program], dict[str, float]]:
    """Programs that pass the filters and are about the goal (its fields, or its words)."""
    from .index import MemoryIndex

    filters = request.filters
    goal_hits: dict[str, float] = {}
    if request.goal and career is None:
        index = catalog.index or MemoryIndex(catalog)
        ranking, _missing = index.search(request.goal)
        if not ranking:  # an OR over the goal's words: some of them must match
            for word in re.findall(r"[a-z0-9+#]+", request.goal.lower()):
                if word in _STOP:
                    continue
                for hit in index.search(word)[0].hits():
                    goal_hits[hit.id] = max(goal_hits.get(hit.id, 0), hit.score / 100)
        else:
            goal_hits = {h.id: h.score / 100 for h in ranking.hits()}
    pool = []
    for program in catalog.programs.values():
        if fields and not set(fields) & set(program.fields):
            if program.id not in goal_hits:
                continue
        elif not fields and request.goal and career is None and program.id not in goal_hits:
            continue
        if filters.admits(program):
            pool.append(program)
    return pool, goal_hits


def _within(cost: ProgramCost, request: Request) -> bool:
    if request.budget is not None and (cost.total is None or cost.total.amount > request.budget + 0.005):
        return False
    return not (request.months is not None and (cost.months is None or cost.months > request.months + 1e-9))


def _covered(goal: frozenset[str], skills: Sequence[str]) -> list[str]:
    lowered = [s.lower() for s in skills]
    return sorted(g for g in goal if _skill_matches(g, lowered))


def _score(
    program: Program,
    cost: ProgramCost,
    goal: frozenset[str],
    fields: Sequence[str],
    goal_hit: float | None,
    request: Request,
    value_scale: float,
) -> Recommendation:
    covered = _covered(goal, program.skills)
    coverage = len(covered) / len(goal) if goal else 0.0
    if fields:
        field_match = (
            1.0 if program.fields[0] in fields else 0.7 if set(fields) & set(program.fields) else 0.0
        )
    else:
        field_match = 0.0
    if goal_hit is not None:
        field_match = max(field_match, goal_hit)
    relevance = 0.6 * coverage + 0.4 * field_match
    if cost.total is None or cost.hours is None or cost.hours == 0:
        value = 0.0
    else:
        per_hour = cost.total.amount / cost.hours
        value = 1 / (1 + per_hour / value_scale)
    if cost.months is None:
        fit = 0.0
    elif request.months:
        fit = 1 - 0.5 * min(cost.months / request.months, 1)
    else:
        fit = 1 - 0.5 * min(cost.months / 24, 1)
    credit = 1.0 if program.earns_university_credit else 0.0
    parts = {
        "relevance": round(relevance, 3),
        "value": round(value, 3),
        "fit": round(fit, 3),
        "credit": credit,
    }
    score = round(100 * sum(WEIGHTS[k] * v for k, v in parts.items()), 1)
    matched = tuple(f for f in program.fields if f in fields)
    return Recommendation(cost, score, parts, tuple(covered), len(goal), matched)


def _common_skills(programs: Sequence[Program], top: int = 8) -> list[str]:
    counts: dict[str, int] = {}
    for program in programs:
        for skill in program.skills:
            counts[skill.lower()] = counts.get(skill.lower(), 0) + 1
    return sorted(counts, key=lambda s: (-counts[s], s))[:top]


def _why_nothing(
    catalog: Catalog, costs: CostModel, request: Request, fields: Sequence[str], priced: Sequence[ProgramCost]
) -> WhyNothing:
    """Why nothing fits, and what would: the cheapest and quickest candidates, other paces."""
    target = costs.converter.target
    known = [c for c in priced if c.total is not None]
    budget = Money(request.budget, target) if request.budget is not None else None
    all_over = cheapest = faster = quickest = None
    if request.budget is not None:
        over = [c for c in known if c.total and c.total.amount > request.budget + 0.005]
        all_over = bool(known) and len(over) == len(known)
        best = min(known, key=lambda c: c.total.amount if c.total else math.inf, default=None)
        if best is not None and best.total is not None:
            cheapest = (best.program.id, best.total)
        faster = _fits_at_faster_pace(catalog, costs, request, [c.program for c in priced])
    if request.months is not None:
        timed = [c for c in priced if c.months is not None]
        quick = min(timed, key=lambda c: c.months or math.inf, default=None)
        if quick is not None and quick.months is not None and quick.months > request.months:
            quickest = (quick.program.id, quick.months)
    return WhyNothing(
        candidates=len(priced),
        fields=tuple(fields),
        pace=costs.hours_per_week,
        budget=budget,
        all_over_budget=bool(all_over),
        cheapest=cheapest,
        faster=faster,
        months=request.months,
        quickest=quickest,
    )


def _fits_at_faster_pace(
    catalog: Catalog, costs: CostModel, request: Request, programs: Sequence[Program]
) -> tuple[float, str, Money] | None:
    """A subscription gets cheaper at a faster pace: the slowest pace at which something fits."""
    current = costs.hours_per_week or 0
    for pace in (5, 10, 15, 20, 30, 40):
        if pace <= current:
            continue
        model = CostModel(catalog, costs.converter, float(pace))
        for program in programs:
            cost = model.cost(program)
            if _within(cost, request) and cost.total is not None:
                return float(pace), program.id, cost.total
    return None
