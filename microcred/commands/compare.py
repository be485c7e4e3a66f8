"""`microcred compare`: what programs really cost at your pace, beside a degree."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .common import (
    CurrencyOpt,
    FormatOpt,
    JsonOpt,
    PaceOpt,
    RateOpt,
    RatesAsOfOpt,
    converter,
    load_catalog,
    output_format,
)
from .common import Format as _Format


def compare(
    degree: Annotated[
        list[str] | None, typer.Option("--degree", "-d", help="A degree id (repeatable).")
    ] = None,
    program: Annotated[
        list[str] | None,
        typer.Option("--program", "-p", help="A program id (repeatable): a stack taken together."),
    ] = None,
    hours_per_week: PaceOpt = None,
    currency: CurrencyOpt = "USD",
    rates_as_of: RatesAsOfOpt = None,
    rate: RateOpt = None,
    fmt: FormatOpt = _Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Compare programs (a stack) with degrees: cost at your pace, time, the ratio and a chart.

    With a degree and no programs, compares against the cheapest and the median program in the
    degree's fields and the cheapest small stack that covers the degree's skills.
    """
    from .. import compare as core
    from .. import render, serialize
    from ..costs import CostModel

    out_format = output_format(fmt, as_json)
    catalog = load_catalog()
    convert = converter(catalog, currency, rates_as_of, rate)
    result = core.compare(catalog, CostModel(catalog, convert, hours_per_week), degree or [], program or [])
    cur = result.currency

    def amount(m: Any) -> float | None:
        return None if m is None else round(m.amount, 2)

    rows: list[dict[str, Any]] = []
    for c in result.programs:
        rows.append(
            {
                "kind": "program",
                "id": c.program.id,
                "title": c.program.title + (" *" if c.program.is_approximate else ""),
                "role": ", ".join(result.roles.get(c.program.id, [])),
                "total_cost": amount(c.total),
                "currency": cur,
                "months": None if c.months is None else round(c.months, 1),
                "hours": None if c.hours is None else round(c.hours),
            }
        )
    if len(result.stack) > 1 or result.degrees:
        rows.append(
            {
                "kind": "stack",
                "id": "",
                "title": f"Stack of {len(result.stack)} program{'s' if len(result.stack) != 1 else ''}",
                "role": "total",
                "total_cost": amount(result.stack_total),
                "currency": cur,
                "months": None if result.stack_months is None else round(result.stack_months, 1),
                "hours": None if result.stack_hours is None else round(result.stack_hours),
            }
        )
    for d in result.degrees:
        rows.append(
            {
                "kind": "degree",
                "id": d.degree.id,
                "title": f"{d.degree.title}, {d.degree.institution}" + (" *" if d.degree.approximate else ""),
                "role": f"degree ({d.degree.tuition.amount:,.0f} {d.degree.tuition.currency})",
                "total_cost": amount(d.total),
                "currency": cur,
                "months": round(d.months, 1),
                "hours": None,
            }
        )
    notes = []
    for comp in result.comparisons:
        if comp.ratio is not None:
            line = (
                f"{comp.degree}: {comp.degree_total.amount:,.2f} {cur} is {comp.ratio:.1f}× the stack's "
                f"{comp.stack_total.amount:,.2f} {cur} ({comp.ratio:.1f}× cheaper to take the stack)"
            )
        else:
            line = f"{comp.degree}: {comp.degree_total.amount:,.2f} {cur}; the stack costs nothing"
        if comp.time_saved_months is not None:
            verb = "saves" if comp.time_saved_months >= 0 else "takes"
            line += f"; the stack {verb} {abs(comp.time_saved_months):.1f} months"
            line += "" if comp.time_saved_months >= 0 else " longer"
        notes.append(line)
    if result.stack_total is None and result.degrees:
        notes.append("No ratio: a program in the stack has no published price.")
    for hint in result.hints:
        notes.append(
            f"Cheaper: {hint.plan.name} would cost {hint.plan_total.amount:,.2f} {cur} for "
            f"{', '.join(hint.programs)} ({hint.months:.1f} months at this pace) instead of "
            f"{hint.separate_total.amount:,.2f} {cur} separately (saves {hint.saving:,.2f} {cur})."
        )
    if result.missing_skills:
        notes.append(f"Skills of the degree the stack does not cover: {', '.join(result.missing_skills)}")
    notes += [f"Assumed: {a}" for a in result.assumptions]
    if any(c.program.is_approximate for c in result.programs):
        notes.append("* approximate: a figure could not be checked against a public page.")
    charts = [
        render.Chart(
            f"Cost ({cur})",
            [
                (r["title"], r["total_cost"] or 0, render.money_text(r["total_cost"], cur))
                for r in rows
                if r["kind"] != "program" or len(result.stack) == 1 or not result.degrees
            ],
        ),
        render.Chart(
            "Time (months)",
            [
                (r["title"], r["months"] or 0, "unknown" if r["months"] is None else f"{r['months']:.1f}")
                for r in rows
                if r["kind"] != "program" or len(result.stack) == 1 or not result.degrees
            ],
        ),
    ]
    payload = {
        "currency": cur,
        "degrees": [
            {**serialize.degree(d.degree), "total_cost": serialize.money(d.total), "months": d.months}
            for d in result.degrees
        ],
        "programs": [
            {**serialize.program(c.program), **serialize.cost(c), "roles": result.roles.get(c.program.id, [])}
            for c in result.programs
        ],
        "stack": [c.program.id for c in result.stack],
        "stack_total": serialize.money(result.stack_total),
        "stack_months": None if result.stack_months is None else round(result.stack_months, 2),
        "comparisons": [
            {
                "degree": comp.degree,
                "degree_total": serialize.money(comp.degree_total),
                "stack_total": serialize.money(comp.stack_total),
                "ratio": None if comp.ratio is None else round(comp.ratio, 2),
                "time_saved_months": None
                if comp.time_saved_months is None
                else round(comp.time_saved_months, 2),
            }
            for comp in result.comparisons
        ],
        "plan_hints": [
            {
                "plan": h.plan.id,
                "programs": list(h.programs),
                "plan_total": serialize.money(h.plan_total),
                "separate_total": serialize.money(h.separate_total),
            }
            for h in result.hints
        ],
        "missing_skills": result.missing_skills,
        "assumptions": result.assumptions,
    }
    columns = [
        render.Column("title", "What", sub_key="role"),
        render.Column("total_cost", f"Cost ({cur})", right=True, spec=",.2f"),
        render.Column("months", "Months", right=True, spec=".1f"),
        render.Column("hours", "Hours", right=True),
    ]
    output = render.Output(columns, rows, payload, notes=notes, charts=charts, csv_keys=list(rows[0]))
    render.emit(output, out_format)
