"""Programs against degrees: totals, durations, the cost ratio and the time saved."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import stacks
from .costs import Assumption, CostModel, PlanHint, ProgramCost, total
from .errors import NotFoundError, UsageError
from .models import Catalog, Degree, Money
from .money import Converter
from .results import out
from .search import resolve_id


@dataclass(frozen=True, slots=True)
class DegreeCost:
    degree: Degree = field(metadata=out(flatten=True))
    total: Money = field(metadata=out(name="total_cost"))  # in the target currency
    months: float = field(metadata=out(digits=2))


@dataclass(frozen=True, slots=True)
class Comparison:
    degree: str
    degree_total: Money
    stack_total: Money
    # The degree costs this many times the stack; None when either costs nothing (or the two
    # are so far apart that the ratio is no number).
    ratio: float | None = field(metadata=out(digits=2))
    time_saved_months: float | None = field(metadata=out(digits=2))


@dataclass(frozen=True, slots=True)
class Compared:
    """A program in a comparison, and its roles: stack, cheapest, median."""

    cost: ProgramCost = field(metadata=out(flatten=True))
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompareResult:
    currency: str
    degrees: list[DegreeCost]
    programs: list[Compared]
    stack: list[ProgramCost] = field(metadata=out(shown_as=lambda costs: [c.program.id for c in costs]))
    stack_total: Money | None = None
    stack_months: float | None = field(metadata=out(digits=2), default=None)
    stack_hours: float | None = field(metadata=out(skip=True), default=None)
    comparisons: list[Comparison] = field(default_factory=list)
    hints: list[PlanHint] = field(metadata=out(name="plan_hints"), default_factory=list)
    missing_skills: list[str] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)


def compare(
    catalog: Catalog, costs: CostModel, degree_ids: Sequence[str], program_ids: Sequence[str]
) -> CompareResult:
    if not degree_ids and not program_ids:
        raise UsageError("give at least one degree or program")
    degrees = [catalog.degrees[resolve_id("degree", d, catalog.degrees)] for d in dict.fromkeys(degree_ids)]
    programs = [
        catalog.programs[resolve_id("program", p, catalog.programs)] for p in dict.fromkeys(program_ids)
    ]
    target = costs.converter.target
    degree_costs = [DegreeCost(d, costs.converter.convert(d.tuition), d.years * 12) for d in degrees]
    roles: dict[str, list[str]] = {}
    missing: list[str] = []
    if programs:
        chosen = [costs.cost(p) for p in programs]
        shown = list(chosen)
        for c in chosen:
            roles[c.program.id] = ["stack"]
    else:
        shown, chosen, missing = _auto(catalog, costs, degrees, roles)
    stack_total = total(chosen, target)
    months = None if any(c.months is None for c in chosen) else sum(c.months or 0 for c in chosen)
    hours = None if any(c.hours is None for c in chosen) else sum(c.hours or 0 for c in chosen)
    comparisons = []
    if stack_total is not None:
        for d in degree_costs:
            ratio = _ratio(d.total.amount, stack_total.amount)
            saved = d.months - months if months is not None else None
            comparisons.append(Comparison(d.degree.id, d.total, stack_total, ratio, saved))
    assumptions = [a for c in shown for a in c.assumptions]
    assumptions += [
        Assumption("degree_years", d.degree.id, {"years": d.degree.years, "months": d.months})
        for d in degree_costs
    ]
    assumptions += rate_assumptions(costs.converter)
    return CompareResult(
        currency=target,
        degrees=degree_costs,
        programs=[Compared(c, tuple(roles.get(c.program.id, ()))) for c in shown],
        stack=chosen,
        stack_total=stack_total,
        stack_months=months,
        stack_hours=hours,
        comparisons=comparisons,
        hints=costs.plan_hints(chosen),
        missing_skills=missing,
        assumptions=assumptions,
    )


def rate_assumptions(converter: Converter) -> list[Assumption]:
    """The exchange rates a converter used, as assumptions."""
    return [
        Assumption("rate", r.code, {"usd": r.usd, "as_of": r.as_of, "source": r.source})
        for r in converter.rates_used()
    ]


def _auto(
    catalog: Catalog, costs: CostModel, degrees: Sequence[Degree], roles: dict[str, list[str]]
) -> tuple[list[ProgramCost], list[ProgramCost], list[str]]:
    """With degrees and no programs: the cheapest, the median and a stack over the degrees' skills."""
    fields = {f for d in degrees for f in d.fields}
    pool = [costs.cost(p) for p in catalog.programs.values() if fields & set(p.fields)]
    priced = sorted(
        (c for c in pool if c.total is not None and c.months is not None),
        key=lambda c: (c.total.amount if c.total else 0, c.program.id),
    )
    if not priced:
        raise NotFoundError(f"no priced program in the degree's fields ({', '.join(sorted(fields))})")
    cheapest = priced[0]
    median_cost = statistics.median_low([c.total.amount for c in priced if c.total])
    median = next(c for c in priced if c.total and c.total.amount == median_cost)
    goal = frozenset(s.lower() for d in degrees for s in d.skills)
    if not goal:  # a degree without listed skills: cover what its fields' programs teach most
        counts: dict[str, int] = {}
        for c in priced:
            for s in c.program.skills:
                counts[s.lower()] = counts.get(s.lower(), 0) + 1
        goal = frozenset(sorted(counts, key=lambda s: (-counts[s], s))[:8])
    candidates = [
        stacks.Candidate(
            c.program.id, frozenset(s.lower() for s in c.program.skills), c.total.amount, c.months or 0
        )
        for c in priced
        if c.total is not None
    ]
    best = stacks.best_stack(candidates, goal)
    by_id = {c.program.id: c for c in priced}
    chosen = [by_id[i] for i in best.ids] if best else [cheapest]
    for c in chosen:
        roles.setdefault(c.program.id, []).append("stack")
    roles.setdefault(cheapest.program.id, []).append("cheapest")
    roles.setdefault(median.program.id, []).append("median")
    shown = list({c.program.id: c for c in [*chosen, cheapest, median]}.values())
    return shown, chosen, sorted(best.missing) if best else sorted(goal)


def _ratio(degree: float, stack: float) -> float | None:
    if degree <= 0 or stack <= 0:
        return None
    ratio = degree / stack
    return ratio if 0 < ratio < math.inf else None
