"""The sentences people read: assumptions, reasons, notices, comparisons. Core results carry
data only; this is where they become English."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..compare import Comparison
    from ..costs import Assumption, PlanHint
    from ..crash import Crash
    from ..models import Gap, Money, Platform
    from ..recommend import Notice, Recommendation, WhyNothing
    from ..store import CacheRebuilt


def money(value: Money | None, digits: int = 2) -> str:
    return "unknown" if value is None else f"{value.amount:,.{digits}f} {value.currency}"


def assumption(a: Assumption) -> str:
    """One assumption as a line of text, with the program (or other subject) it is about."""
    v = a.values
    kind = a.kind
    if kind == "rate":
        when = v["as_of"].isoformat() if v.get("as_of") else "your own rate for this run"
        return f"1 {a.subject} = {v['usd']:g} USD ({when})"
    if kind == "billed_months":
        months, price = v["months"], v["price"]
        trial = f" after a {v['trial_days']}-day free trial" if v["trial_days"] else ""
        pace = f" at {v['hours_per_week']:g} h/week" if v.get("hours_per_week") else ""
        plural = "s" if months != 1 else ""
        text = f"{months} month{plural} × {money(price)}{trial} ({v['weeks']:.1f} weeks{pace})"
    elif kind == "plan":
        text = f"{v['name']} ({v['as_of']}{', approximate' if v['approximate'] else ''})"
    elif kind == "access":
        text = {
            "free-audit": "the whole course can be studied free",
            "preview-only": f"since {v['since']} studying free opens only a preview (the first module)",
            "audit-expires": f"free access ends after {v.get('days') or 'some'} days",
            "certificate-only": "nothing can be studied free",
        }[v["rule"]] + (" (reported by learners)" if v.get("approximate") else "")
    elif kind == "newer_weak_plan":
        text = (
            f"{v['plan']} ({v['as_of']}) is used because it is the newest, though its source is weak; "
            f"the last checked plan was {v['checked']} at {money(v['checked_price'])} ({v['checked_as_of']})"
        )
    elif kind == "dated_price":
        text = f"price as of {v['as_of']}: {money(v['price'])}"
    elif kind == "tuition_kind":
        text = f"a {v['kind']} is paid as tuition, never by the platform's subscription"
    elif kind == "degree_years":
        text = f"{v['years']:g} years = {v['months']:g} months"
    else:
        text = {
            "duration_unknown": "duration unknown",
            "weeks_without_hours": f"the provider gives {v.get('weeks', 0):g} weeks but no hours;"
            " pace not applied",
            "default_pace": f"no suggested pace; assumed {v.get('hours_per_week', 0):g} hours a week",
            "effort_approximate": "the provider's time estimate is approximate",
            "price_approximate": "price approximate (not checked against a public page)",
            "figures_approximate": "some of its figures are approximate (see its notes)",
            "cost_unknown": f"cost unknown ({v.get('reason', 'no price')})",
            "price_unknown": "price unknown",
        }.get(kind, kind.replace("_", " "))
    return f"{a.subject}: {text}" if a.subject else text


def reason(r: Recommendation) -> str:
    """Why a program is recommended, in one line."""
    program, cost, covered = r.program, r.cost, r.covered
    parts = []
    if r.goal_size:
        listed = f" ({', '.join(covered[:4])}{'…' if len(covered) > 4 else ''})" if covered else ""
        parts.append(f"covers {len(covered)} of {r.goal_size} goal skills{listed}")
    elif r.fields_matched:
        parts.append(f"in {', '.join(r.fields_matched)}")
    if cost.total is None:
        parts.append("price unknown")
    else:
        parts.append(money(cost.total, 0))
    if cost.free_route == "preview":
        parts.append("free preview only")
    elif cost.free_route in ("whole", "limited") and cost.program.cost.model != "free":
        parts.append("free to study, certificate paid")
    if cost.months is not None:
        parts.append(f"{cost.months:.1f} months")
    if program.credit:
        parts.append(f"earns {program.credit.kind} credit: {program.credit.where}")
    if program.is_approximate:
        parts.append("some figures approximate")
    return "; ".join(parts)


def notice(n: Notice) -> str:
    if n.kind == "regulated":
        return (
            f"A {n.subject.lower()} is a regulated profession: micro-credentials cannot replace its "
            "full training and licence. The short courses below can add to that training, "
            "not stand in for it."
        )
    return f"No career matches {n.subject!r}; ranking by the goal's words instead."


def aid(platform: Platform) -> str | None:
    """How a platform's financial aid works, in a sentence, or None."""
    a = platform.aid
    if a is None:
        return f"{platform.name} offers financial aid." if platform.financial_aid else None
    days = f"; a decision takes up to {a.decision_days} days" if a.decision_days else ""
    return f"{platform.name}'s financial aid, per {a.per}: {a.how}{days}."


def gap(g: Gap) -> str:
    return f"{g.topic}: {g.note} Nearest: {', '.join(g.nearest)}."


def why_nothing(w: WhyNothing) -> str:
    """Why nothing fits, and what would."""
    what = f"{', '.join(w.fields)} program" if w.fields else "matching program"
    if not w.candidates:
        return f"no {what} passes the filters"
    pace = f" at {w.pace:g} h/week" if w.pace else " at the programs' own pace"
    pieces = [f"{w.candidates} {what}{'s' if w.candidates != 1 else ''}"]
    if w.budget is not None and w.all_over_budget:
        pieces.append(f"all exceed {money(w.budget, 0)}{pace}")
    if w.cheapest is not None:
        pieces.append(f"the cheapest ({w.cheapest[0]}) costs {money(w.cheapest[1], 0)}{pace}")
    if w.faster is not None:
        rate, program_id, cost = w.faster
        pieces.append(f"at {rate:g} h/week {program_id} costs {money(cost, 0)}")
    if w.quickest is not None:
        pieces.append(f"the quickest ({w.quickest[0]}) takes {w.quickest[1]:.1f} months{pace}")
    return "; ".join(pieces)


def comparison(c: Comparison) -> str:
    """The degree against the stack, right in both directions."""
    degree, stack = c.degree_total, c.stack_total
    if c.ratio is None:
        free = "the stack costs nothing" if stack.amount <= 0 else "the degree costs nothing"
        if stack.amount > 0 and degree.amount > 0:
            free = f"the stack's {money(stack)} is too far from it for a ratio"
        line = f"{c.degree}: {money(degree)}; {free}"
    elif c.ratio >= 1:
        line = (
            f"{c.degree}: {money(degree)} is {c.ratio:.1f}× the stack's {money(stack)} "
            f"({c.ratio:.1f}× cheaper to take the stack)"
        )
    else:
        line = f"{c.degree}: {money(degree)}; the stack's {money(stack)} is {1 / c.ratio:.1f}× the degree"
    if c.time_saved_months is not None:
        if c.time_saved_months >= 0:
            line += f"; the stack saves {c.time_saved_months:.1f} months"
        else:
            line += f"; the stack takes {-c.time_saved_months:.1f} months longer"
    return line


def plan_hint(h: PlanHint) -> str:
    return (
        f"Cheaper: {h.plan.name} would cost {money(h.plan_total)} for {', '.join(h.programs)} "
        f"({h.months:.1f} months at this pace) instead of {money(h.separate_total)} separately "
        f"(saves {money(h.saving)})."
    )


def plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def crash(c: Crash) -> str:
    """The one line an unexpected error prints."""
    head = f"unexpected {c.kind} at {c.where}: this is a bug in microcred"
    if c.report is None:
        return f"{head} (no report could be written: {c.why_no_report})"
    return f"{head}; the full report is in {c.report}"


def cache_rebuilt(event: CacheRebuilt) -> str:
    return (
        f"Notice: the catalog cache {event.path} was damaged ({event.reason}); "
        "rebuilt it from the catalog files."
    )
