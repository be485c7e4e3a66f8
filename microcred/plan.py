"""A month-by-month study and payment plan: what is studied when, and what is billed when.

Programs are taken one after another at the learner's pace. A subscription is charged at the
start of each month it runs into after its free trial (as the cost model bills it); a program
paid once is paid when it starts; one paid per course is paid as each course starts. The plan
also says where a different order or a platform-wide plan would cost less.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .costs import DAYS_PER_MONTH, CostModel, PlanHint, ProgramCost, total
from .errors import UsageError
from .models import Money
from .results import out


@dataclass(frozen=True, slots=True)
class Charge:
    program: str
    kind: str  # subscription month | one-time fee | course fee | unknown price
    amount: Money | None  # None: the price is not known


@dataclass(frozen=True, slots=True)
class Month:
    month: str  # YYYY-MM
    studying: tuple[str, ...]
    hours: float = field(metadata=out(digits=1))
    charges: tuple[Charge, ...]
    billed: Money | None  # this month's charges; None when one is unknown
    to_date: Money | None


@dataclass(frozen=True, slots=True)
class Scheduled:
    """One program in the plan: when it starts and ends."""

    cost: ProgramCost = field(metadata=out(flatten=True))
    starts: dt.date
    ends: dt.date | None  # None: its duration is unknown


@dataclass(frozen=True)
class StudyPlan:
    currency: str
    hours_per_week: float
    start: dt.date
    programs: list[Scheduled]
    months: list[Month]
    total: Money | None
    finish: dt.date | None
    hints: list[PlanHint] = field(metadata=out(name="plan_hints"), default_factory=list)
    unknown: list[str] = field(default_factory=list)  # programs with no price or no duration


def month_start(text: str | None, today: dt.date) -> dt.date:
    """`YYYY-MM` (default: this month) as the first day of that month."""
    if text is None:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        raise UsageError(f"{text!r} is not a month (YYYY-MM)") from None


def _month_of(start: dt.date, day_offset: float) -> int:
    """The calendar month (counted from the plan's first) that a day offset falls in."""
    day = start + dt.timedelta(days=math.floor(day_offset))
    return (day.year - start.year) * 12 + day.month - start.month


def _label(start: dt.date, index: int) -> str:
    year, month = divmod(start.month - 1 + index, 12)
    return f"{start.year + year:04d}-{month + 1:02d}"


def study_plan(costs: CostModel, programs: Sequence[ProgramCost], start: dt.date) -> StudyPlan:
    """The programs taken one after another from `start`, month by month."""
    target = costs.converter.target
    charges: dict[int, list[Charge]] = {}
    hours: dict[int, float] = {}
    studying: dict[int, list[str]] = {}
    scheduled: list[Scheduled] = []
    unknown: list[str] = []
    offset = 0.0  # days since the start
    for c in programs:
        pid = c.program.id
        days = c.weeks * 7 if c.weeks is not None else None
        begins = start + dt.timedelta(days=math.floor(offset))
        ends = None if days is None else start + dt.timedelta(days=math.floor(offset + days))
        scheduled.append(Scheduled(c, begins, ends))
        if days is None or c.total is None:
            unknown.append(pid)
        span = max(days or 0.0, 1.0)
        first, last = _month_of(start, offset), _month_of(start, offset + span - 1)
        weekly = c.hours_per_week or 0.0
        for m in range(first, last + 1):
            studying.setdefault(m, []).append(pid)
            lo = max(offset, _day_of_month(start, m))
            hi = min(offset + span, _day_of_month(start, m + 1))
            hours[m] = hours.get(m, 0.0) + max(hi - lo, 0.0) / 7 * weekly
        for m, charge in _charges(c, offset, start):
            charges.setdefault(m, []).append(charge)
        offset += days or 0.0
    last_month = max([*charges, *studying], default=0)
    months: list[Month] = []
    running: float | None = 0.0
    for m in range(last_month + 1):
        items = tuple(charges.get(m, ()))
        known = (
            None
            if any(ch.amount is None for ch in items)
            else sum(ch.amount.amount for ch in items if ch.amount)
        )
        running = None if running is None or known is None else running + known
        months.append(
            Month(
                _label(start, m),
                tuple(studying.get(m, ())),
                round(hours.get(m, 0.0), 1),
                items,
                None if known is None else Money(known, target),
                None if running is None else Money(running, target),
            )
        )
    finish = (
        None
        if unknown and any(s.ends is None for s in scheduled)
        else max((s.ends for s in scheduled if s.ends), default=None)
    )
    return StudyPlan(
        currency=target,
        hours_per_week=costs.pace,
        start=start,
        programs=scheduled,
        months=months,
        total=total(programs, target),
        finish=finish,
        hints=costs.plan_hints(programs),
        unknown=unknown,
    )


def _day_of_month(start: dt.date, index: int) -> float:
    year, month = divmod(start.month - 1 + index, 12)
    return float((dt.date(start.year + year, month + 1, 1) - start).days)


def _charges(c: ProgramCost, offset: float, start: dt.date) -> list[tuple[int, Charge]]:
    pid = c.program.id
    model = c.program.cost.model
    if c.total is None:
        return [(_month_of(start, offset), Charge(pid, "unknown price", None))]
    if model == "free" or c.total.amount == 0:
        return []
    if model == "subscription" and c.billed_months and c.monthly_price is not None:
        trial = c.plan.trial_days if c.plan else 0
        return [
            (
                _month_of(start, offset + trial + k * DAYS_PER_MONTH),
                Charge(pid, "subscription month", c.monthly_price),
            )
            for k in range(c.billed_months)
        ]
    if model == "per_course" and c.program.courses and c.weeks:
        n = c.program.courses
        each = Money(c.total.amount / n, c.total.currency)
        step = c.weeks * 7 / n
        return [(_month_of(start, offset + k * step), Charge(pid, "course fee", each)) for k in range(n)]
    return [(_month_of(start, offset), Charge(pid, "one-time fee", c.total))]
