"""The pace-aware cost model: what a program costs a learner, and how long it takes.

A subscription is paid for each month started, so its total depends on the learner's pace;
every other model has a fixed price. Each result carries the assumptions behind it, so the
output can show its working.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .models import WEEKS_PER_MONTH, Catalog, Money, Plan, Program
from .money import Converter

DAYS_PER_MONTH = 365.25 / 12
DEFAULT_PACE = 10.0  # hours a week, used only when a provider gives total hours but no pace


@dataclass(frozen=True, slots=True)
class ProgramCost:
    program: Program
    total: Money | None  # the certificate at this pace, in the target currency; None = unknown
    audit: Money | None  # studying without the certificate: 0 where the content is free
    hours: float | None
    hours_per_week: float | None
    weeks: float | None
    months: float | None
    billed_months: int | None = None  # subscriptions only
    monthly_price: Money | None = None  # subscriptions only, in the target currency
    plan: Plan | None = None
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanHint:
    plan: Plan
    platform: str
    programs: tuple[str, ...]
    plan_total: Money
    separate_total: Money
    months: float

    @property
    def saving(self) -> float:
        return self.separate_total.amount - self.plan_total.amount


@dataclass
class CostModel:
    """Costs for one learner: a pace (None = each program's own) and a converter."""

    catalog: Catalog
    converter: Converter
    hours_per_week: float | None = None
    notes: list[str] = field(default_factory=list)

    def duration(self, program: Program) -> tuple[float | None, float | None, float | None, list[str]]:
        """(total hours, hours a week, weeks) at this learner's pace, with assumptions."""
        effort = program.effort
        said: list[str] = []
        hours = effort.total_hours
        if hours is None and effort.weeks is None:
            said.append(f"{program.id}: duration unknown")
            return None, None, None, said
        if hours is None:
            # Weeks without hours: the provider gave no pace, so the learner's pace cannot change it.
            said.append(
                f"{program.id}: the provider gives {effort.weeks:g} weeks but no hours; pace not applied"
            )
            return None, None, effort.weeks, said
        pace = self.hours_per_week or effort.hours_per_week
        if pace is None:
            pace = DEFAULT_PACE
            said.append(f"{program.id}: no suggested pace; assumed {DEFAULT_PACE:g} hours a week")
        if effort.approximate:
            said.append(f"{program.id}: the provider's time estimate is approximate")
        return hours, pace, hours / pace, said

    def cost(self, program: Program) -> ProgramCost:
        hours, pace, weeks, said = self.duration(program)
        months = weeks / WEEKS_PER_MONTH if weeks is not None else None
        cost = program.cost
        convert = self.converter.convert
        zero = Money(0.0, self.converter.target)
        audit = zero if program.can_audit else None
        if cost.approximate:
            said.append(f"{program.id}: price approximate (not checked against a public page)")
        elif program.approximate:
            said.append(f"{program.id}: some of its figures are approximate (see its notes)")
        base = ProgramCost(
            program=program,
            total=None,
            audit=audit,
            hours=hours,
            hours_per_week=pace,
            weeks=weeks,
            months=months,
        )
        if cost.model == "free":
            return replace(base, total=zero, assumptions=tuple(said))
        if cost.model == "subscription":
            plan = None
            monthly = cost.price
            if monthly is None:
                platform = self.catalog.platforms.get(program.platform)
                plan = platform.monthly_plan() if platform else None
                monthly = plan.price if plan else None
            if monthly is None or weeks is None:
                said.append(f"{program.id}: cost unknown (no monthly price or no duration)")
                return replace(base, assumptions=tuple(said))
            trial = plan.trial_days if plan else 0
            if plan is not None:
                approx = ", approximate" if plan.approximate else ""
                said.append(f"{program.id}: {plan.name} ({plan.as_of}{approx})")
            billed = billed_months(weeks, trial)
            price = convert(monthly)
            trial_text = f" after a {trial}-day free trial" if trial else ""
            pace_text = f" ({weeks:.1f} weeks at {pace:g} h/week)" if pace else f" ({weeks:.1f} weeks)"
            said.append(
                f"{program.id}: {billed} month{'s' if billed != 1 else ''} × {price.amount:,.2f} "
                f"{price.currency}{trial_text}{pace_text}"
            )
            return replace(
                base,
                total=Money(price.amount * billed, price.currency),
                billed_months=billed,
                monthly_price=price,
                plan=plan,
                assumptions=tuple(said),
            )
        if cost.price is None:
            said.append(f"{program.id}: price unknown")
            return replace(base, assumptions=tuple(said))
        price = convert(cost.price)
        if cost.model == "per_course":
            price = Money(price.amount * (program.courses or 0), price.currency)
        return replace(base, total=price, assumptions=tuple(said))

    def plan_hints(self, costs: Sequence[ProgramCost]) -> list[PlanHint]:
        """Platform-wide plans (e.g. Coursera Plus) that would cost less for these programs."""
        hints = []
        by_platform: dict[str, list[ProgramCost]] = {}
        for c in costs:
            if c.program.cost.model == "subscription" and c.total is not None and c.months is not None:
                by_platform.setdefault(c.program.platform, []).append(c)
        for platform_id, group in by_platform.items():
            platform = self.catalog.platforms.get(platform_id)
            if platform is None:
                continue
            months = sum(c.months or 0 for c in group)
            separate = sum(c.total.amount for c in group if c.total is not None)
            best: tuple[float, Plan] | None = None
            for plan in platform.plans:
                if plan.scope != "platform":
                    continue
                price = self.converter.convert(plan.price).amount
                if plan.period == "year":
                    total = price * math.ceil(months / 12 - 1e-9)
                elif plan.period == "month":
                    total = price * billed_months(months * WEEKS_PER_MONTH, plan.trial_days)
                else:
                    total = price
                if total < separate - 0.005 and (best is None or total < best[0]):
                    best = (total, plan)
            if best is not None:
                target = self.converter.target
                hints.append(
                    PlanHint(
                        plan=best[1],
                        platform=platform.name,
                        programs=tuple(c.program.id for c in group),
                        plan_total=Money(best[0], target),
                        separate_total=Money(separate, target),
                        months=months,
                    )
                )
        return hints


def billed_months(weeks: float, trial_days: int = 0) -> int:
    """Months started after the free trial: a subscription bills each month it runs into."""
    days = weeks * 7 - trial_days
    if days <= 1e-9:
        return 0
    return math.ceil(days / DAYS_PER_MONTH - 1e-9)


def total(costs: Sequence[ProgramCost], currency: str) -> Money | None:
    """The sum of known totals; None when any is unknown (an unknown is never counted as 0)."""
    if any(c.total is None for c in costs):
        return None
    return Money(sum(c.total.amount for c in costs if c.total is not None), currency)
