"""`microcred show ID`: everything about one program or degree."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .common import CurrencyOpt, FormatOpt, JsonOpt, PaceOpt, converter, load_catalog, output_format
from .common import Format as _Format


def show(
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="A program or degree id (see `search`, `degrees`).")
    ],
    hours_per_week: PaceOpt = None,
    currency: CurrencyOpt = "USD",
    fmt: FormatOpt = _Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Show one program (with its cost at your pace) or one degree."""
    from .. import render, serialize
    from ..costs import CostModel
    from ..search import resolve_id

    out_format = output_format(fmt, as_json)
    catalog = load_catalog()
    wanted = resolve_id("program or degree", item_id.strip(), [*catalog.programs, *catalog.degrees])
    convert = converter(catalog, currency, None, None)
    payload: dict[str, Any]
    if wanted in catalog.programs:
        program = catalog.programs[wanted]
        cost = CostModel(catalog, convert, hours_per_week).cost(program)
        payload = {**serialize.program(program), **serialize.cost(cost)}
        platform = catalog.platforms[program.platform]
        pairs = [
            ("Title", program.title),
            ("Platform", platform.name),
            (
                "Provider",
                program.provider + (f" with {', '.join(program.partners)}" if program.partners else ""),
            ),
            ("Credential", program.credential_type),
            ("Level", program.level),
            ("Fields", ", ".join(program.fields)),
            ("Skills", ", ".join(program.skills)),
            ("Courses", program.courses),
            ("Cost model", _cost_model_text(program, platform)),
            ("Total cost", render.money_text(cost.total.amount if cost.total else None, convert.target)),
            ("Audit", "free" if cost.audit is not None else "no free audit"),
            ("Effort", _effort_text(cost)),
            ("Credit", f"{program.credit.kind}: {program.credit.where}" if program.credit else "none"),
            ("Assessment", ", ".join(program.assessment) or None),
            ("URL", program.url),
            ("Source", f"{program.source} (as of {program.as_of})"),
            ("Approximate", "yes: a figure could not be checked" if program.is_approximate else None),
            ("Your catalog", program.origin if program.user else None),
            ("Notes", program.notes),
        ]
        notes = list(cost.assumptions) + [r.describe() for r in convert.rates_used()]
        title = f"{program.title} ({program.id})"
    else:
        degree = catalog.degrees[wanted]
        tuition = convert.convert(degree.tuition)
        payload = {**serialize.degree(degree), "total_cost": serialize.money(tuition)}
        pairs = [
            ("Title", degree.title),
            ("Institution", degree.institution),
            ("Level", degree.level),
            ("Tuition", render.money_text(degree.tuition.amount, degree.tuition.currency)),
            (f"In {convert.target}", render.money_text(tuition.amount, tuition.currency)),
            ("Years", f"{degree.years:g}"),
            ("Delivery", degree.delivery),
            ("Fields", ", ".join(degree.fields)),
            ("URL", degree.url),
            ("Source", f"{degree.source} (as of {degree.as_of})"),
            ("Approximate", "yes" if degree.approximate else None),
            ("Notes", degree.notes),
        ]
        notes = [r.describe() for r in convert.rates_used()]
        title = f"{degree.title} ({degree.id})"
    rows = [{"field": k, "value": v} for k, v in pairs if v not in (None, "")]
    columns = [render.Column("field", "", no_wrap=True), render.Column("value", "")]
    render.emit(
        render.Output(columns, rows, payload, title=title, notes=notes, show_header=False), out_format
    )


def _cost_model_text(program: Any, platform: Any) -> str:
    cost = program.cost
    price = cost.price
    priced = f"{price.amount:,.2f} {price.currency}" if price else None
    if cost.model == "subscription":
        plan = platform.monthly_plan()
        if price is None and plan is not None:
            trial = f", {plan.trial_days}-day free trial" if plan.trial_days else ""
            return f"subscription: {plan.price.amount:g} {plan.price.currency} a month ({plan.name}{trial})"
        return f"subscription: {priced or 'unknown'} a month"
    text = {
        "free": "free",
        "audit_then_certificate": f"free to audit; certificate {priced or 'price unknown'}",
        "one_time": f"one-time fee {priced or 'unknown'}",
        "per_course": f"{priced or 'unknown'} per course × {program.courses}",
    }[cost.model]
    return text + (" (approximate)" if cost.approximate else "")


def _effort_text(cost: Any) -> str:
    parts = []
    if cost.hours is not None:
        parts.append(f"{cost.hours:g} hours")
    if cost.weeks is not None:
        pace = f" at {cost.hours_per_week:g} h/week" if cost.hours_per_week else ""
        parts.append(f"{cost.weeks:.1f} weeks{pace} (~{cost.months:.1f} months)")
    return "; ".join(parts) or "unknown"
