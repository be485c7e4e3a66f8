"""The pace-aware cost model: what a program costs a learner, and how long it takes.

A subscription is paid for each month started, so its total depends on the learner's pace;
every other model has a fixed price. Each result carries the assumptions behind it as typed
values (a kind and its figures), so the output can show its working in any format.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .models import TUITION_KINDS, WEEKS_PER_MONTH, Catalog, Money, Plan, Program
from .money import Converter
from .results import out

DAYS_PER_MONTH = 365.25 / 12
# Every row of one answer is costed at one pace: the learner's, else this. 5 hours a week is the
# median of the paces the bundled programs suggest (77 that state one, 2026-12), and what a
# working adult can usually give; programs' own suggestions (often 10) assume more.
DEFAULT_PACE = 5.0
MAX_BILLED_MONTHS = 12 * 100  # a century: beyond that a pace is not a plan
# What studying free opens, by the platform's access rule in force.
FREE_ROUTES = {"free-audit": "whole", "audit-expires": "limited", "preview-only": "preview"}


@dataclass(frozen=True, slots=True)
class Assumption:
    """One thing a figure rests on: a kind (see present/words.py for each) and its values."""

    kind: str
    subject: str = ""  # the program, degree or currency it is about
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ProgramCost:
    program: Program = field(metadata=out(flatten=True))
    # The certificate at this pace, in the target currency; None = unknown.
    total: Money | None = field(metadata=out(name="total_cost"))
    # Studying without the certificate: 0 where the content is free.
    audit: Money | None = field(metadata=out(name="audit_cost"))
    hours: float | None = field(metadata=out(digits=2))
    hours_per_week: float | None = field(metadata=out(digits=2))
    weeks: float | None = field(metadata=out(digits=2))
    months: float | None = field(metadata=out(digits=2))
    billed_months: int | None = None  # subscriptions only
    monthly_price: Money | None = None  # subscriptions only, in the target currency
    plan: Plan | None = field(metadata=out(shown_as=lambda plan: plan.id if plan else None), default=None)
    # Studying without paying: whole (all of it), limited (for some days), preview (the first
    # module), or None (nothing free).
    free_route: str | None = None
    assumptions: tuple[Assumption, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanHint:
    plan: Plan = field(metadata=out(shown_as=lambda plan: plan.id))
    platform: str = field(metadata=out(skip=True))
    programs: tuple[str, ...]
    plan_total: Money
    separate_total: Money
    months: float = field(metadata=out(skip=True))

    @property
    def saving(self) -> Money:
        return Money(self.separate_total.amount - self.plan_total.amount, self.plan_total.currency)


@dataclass
class CostModel:
    """Costs for one learner on one day: a pace (None: the one default), a converter, a date
    (plans, access rules and prices as they were then; default today)."""

    catalog: Catalog
    converter: Converter
    hours_per_week: float | None = None
    as_of: dt.date = field(default_factory=dt.date.today)

    @property
    def pace(self) -> float:
        """The one pace every row of an answer is costed at."""
        return self.hours_per_week or DEFAULT_PACE

    def duration(self, program: Program) -> tuple[float | None, float | None, float | None, list[Assumption]]:
        """(total hours, hours a week, weeks) at this learner's pace, with assumptions."""
        effort = program.effort
        said: list[Assumption] = []
        hours = effort.total_hours
        if hours is None and effort.weeks is None:
            said.append(Assumption("duration_unknown", program.id))
            return None, None, None, said
        if hours is None:
            # Weeks without hours: the provider gave no pace, so the learner's pace cannot change it.
            said.append(Assumption("weeks_without_hours", program.id, {"weeks": effort.weeks}))
            return None, None, effort.weeks, said
        pace = self.pace
        if effort.approximate:
            said.append(Assumption("effort_approximate", program.id))
        return hours, pace, hours / pace, said

    def free_route(self, program: Program, said: list[Assumption]) -> str | None:
        """What of the program can be studied without paying, on this model's day."""
        if program.cost.model == "free":
            return "whole"
        if not program.can_audit:
            return None
        platform = self.catalog.platforms.get(program.platform)
        rule = platform.access_rule(self.as_of) if platform else None
        if rule is None:
            return "whole"
        said.append(
            Assumption(
                "access",
                program.id,
                {"rule": rule.rule, "since": rule.since, "days": rule.days, "approximate": rule.approximate},
            )
        )
        return FREE_ROUTES.get(rule.rule)

    def price(self, program: Program, said: list[Assumption]) -> Money | None:
        """The program's own price in force on this model's day (its newest dated figure then)."""
        cost = program.cost
        if cost.price is None:
            return None
        dated = [(program.as_of, cost.price), *((h.as_of, h.price) for h in cost.history)]
        known = [d for d in dated if d[0] <= self.as_of]
        when, price = max(known, key=lambda d: d[0]) if known else min(dated, key=lambda d: d[0])
        if when != program.as_of:
            said.append(Assumption("dated_price", program.id, {"as_of": when, "price": price}))
        return price

    def cost(self, program: Program) -> ProgramCost:
        hours, pace, weeks, said = self.duration(program)
        months = weeks / WEEKS_PER_MONTH if weeks is not None else None
        cost = program.cost
        convert = self.converter.convert
        zero = Money(0.0, self.converter.target)
        route = self.free_route(program, said)
        audit = zero if route in ("whole", "limited") else None
        if cost.approximate:
            said.append(Assumption("price_approximate", program.id))
        elif program.approximate:
            said.append(Assumption("figures_approximate", program.id))
        base = ProgramCost(
            program=program,
            total=None,
            audit=audit,
            hours=hours,
            hours_per_week=pace,
            weeks=weeks,
            months=months,
            free_route=route,
        )
        if cost.model == "free":
            return replace(base, total=zero, assumptions=tuple(said))
        own = self.price(program, said)
        if cost.model == "subscription" and program.kind in TUITION_KINDS:
            # A degree, MasterTrack or graduate certificate is paid as tuition: never costed
            # from a platform's subscription, whatever its file says.
            said.append(Assumption("tuition_kind", program.id, {"kind": program.kind}))
            if own is None:
                return replace(base, assumptions=tuple(said))
            return replace(base, total=convert(own), assumptions=tuple(said))
        if cost.model == "subscription":
            plan = None
            monthly = own
            if monthly is None:
                platform = self.catalog.platforms.get(program.platform)
                plan = platform.monthly_plan(self.as_of) if platform else None
                monthly = plan.price if plan else None
                if plan is not None and plan.approximate and platform is not None:
                    checked = platform.last_checked_plan(self.as_of)
                    if checked is not None and checked.id != plan.id:
                        said.append(
                            Assumption(
                                "newer_weak_plan",
                                program.id,
                                {
                                    "plan": plan.name,
                                    "as_of": plan.as_of,
                                    "checked": checked.name,
                                    "checked_price": checked.price,
                                    "checked_as_of": checked.as_of,
                                },
                            )
                        )
            if monthly is None or weeks is None:
                said.append(
                    Assumption(
                        "cost_unknown",
                        program.id,
                        {"reason": "no price" if monthly is None else "no duration"},
                    )
                )
                return replace(base, assumptions=tuple(said))
            trial = plan.trial_days if plan else 0
            if plan is not None:
                said.append(
                    Assumption(
                        "plan",
                        program.id,
                        {
                            "plan": plan.id,
                            "name": plan.name,
                            "as_of": plan.as_of,
                            "approximate": plan.approximate,
                        },
                    )
                )
            billed = billed_months(weeks, trial)
            price = convert(monthly)
            said.append(
                Assumption(
                    "billed_months",
                    program.id,
                    {
                        "months": billed,
                        "price": price,
                        "trial_days": trial,
                        "weeks": weeks,
                        "hours_per_week": pace,
                    },
                )
            )
            return replace(
                base,
                total=Money(price.amount * billed, price.currency),
                billed_months=billed,
                monthly_price=price,
                plan=plan,
                assumptions=tuple(said),
            )
        if own is None:
            said.append(Assumption("price_unknown", program.id))
            return replace(base, assumptions=tuple(said))
        price = convert(own)
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
    months = days / DAYS_PER_MONTH - 1e-9
    if not math.isfinite(months) or months > MAX_BILLED_MONTHS:
        return MAX_BILLED_MONTHS
    return math.ceil(months)


def total(costs: Sequence[ProgramCost], currency: str) -> Money | None:
    """The sum of known totals; None when any is unknown (an unknown is never counted as 0)."""
    if any(c.total is None for c in costs):
        return None
    return Money(sum(c.total.amount for c in costs if c.total is not None), currency)
