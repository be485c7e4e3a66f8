"""`microcred recommend`: ranked programs, or the best set of them, for a goal, a budget and time."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .common import (
    CurrencyOpt,
    FormatOpt,
    JsonOpt,
    MoneyLimitOpt,
    MonthsOpt,
    PaceOpt,
    converter,
    load_catalog,
    output_format,
)
from .common import Format as _Format


def recommend(
    field: Annotated[
        list[str] | None, typer.Option("--field", help="A field (repeatable): data-science, ai-ml, …")
    ] = None,
    goal: Annotated[str | None, typer.Option(help='Free text, e.g. "become a data analyst".')] = None,
    skills: Annotated[
        str | None, typer.Option(help="Skills you want, comma-separated: sql,tableau,python.")
    ] = None,
    budget: MoneyLimitOpt = None,
    currency: CurrencyOpt = "USD",
    hours_per_week: PaceOpt = None,
    months: MonthsOpt = None,
    level: Annotated[str | None, typer.Option(help="beginner, intermediate, advanced or mixed.")] = None,
    platform: Annotated[str | None, typer.Option(help="Only this platform.")] = None,
    free_audit: Annotated[bool, typer.Option("--free-audit", help="Only programs free to audit.")] = False,
    credit: Annotated[
        bool, typer.Option("--credit", help="Only programs that can earn university credit.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many.", min=1)] = 10,
    stack: Annotated[
        bool, typer.Option("--stack", help="The best set of programs that together cover the goal.")
    ] = False,
    stack_size: Annotated[
        int, typer.Option(help="With --stack: at most this many programs.", min=1, max=5)
    ] = 3,
    explain: Annotated[bool, typer.Option("--explain", help="Show the parts of each score.")] = False,
    fmt: FormatOpt = _Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Recommend programs for a field or goal, within a budget and the time you have.

    Budget and time are hard limits on the cost at your pace. Each result says why it ranks.
    """
    from .. import recommend as core
    from .. import render, serialize
    from ..costs import CostModel
    from ..errors import UsageError
    from ..models import LEVELS
    from ..search import Filters, resolve_option

    out_format = output_format(fmt, as_json)
    if not field and not goal and not skills:
        raise UsageError("say what you want: --field, --goal or --skills")
    if level is not None:
        resolve_option("level", level, LEVELS)
    catalog = load_catalog()
    convert = converter(catalog, currency, None, None)
    request = core.Request(
        fields=tuple(field or ()),
        goal=goal,
        skills=tuple(s for s in (skills or "").split(",") if s.strip()),
        budget=budget,
        months=months,
        filters=Filters(platform=platform, level=level, free_audit=free_audit, credit=credit),
        limit=limit,
        stack_size=stack_size if stack else None,
    )
    try:
        advice = core.recommend(catalog, CostModel(catalog, convert, hours_per_week), request)
    except core.NothingFits as exc:
        for notice in exc.notices:
            render.message(f"Note: {notice}")
        raise
    for notice in advice.notices:
        render.message(f"Note: {notice}")
    items = advice.stack_items if stack else advice.results

    def program_json(r: Any) -> dict[str, Any]:
        return {
            **serialize.program(r.program),
            "score": r.score,
            "score_parts": r.parts,
            "reason": r.reason,
            "covered_skills": list(r.covered),
            **serialize.cost(r.cost),
        }

    payload: Any = [program_json(r) for r in items]
    if stack and advice.stack is not None:
        payload = {
            "programs": payload,
            "total_cost": serialize.money(advice.stack_total),
            "months": round(advice.stack.months, 2),
            "covered_skills": sorted(advice.stack.covered),
            "missing_skills": sorted(advice.stack.missing),
            "goal_skills": advice.goal_skills,
        }
    rows = []
    for rank, r in enumerate(items, 1):
        row = {
            "rank": rank,
            "id": r.program.id,
            "title": r.program.title + (" *" if r.program.is_approximate else ""),
            "reason": r.reason,
            "total_cost": None if r.cost.total is None else round(r.cost.total.amount, 2),
            "currency": convert.target,
            "months": None if r.cost.months is None else round(r.cost.months, 1),
            "score": r.score,
        }
        if explain:
            row |= {f"{k}_score": v for k, v in r.parts.items()}
        row["why"] = r.reason
        if explain:
            row["why"] += "\nscore: " + ", ".join(f"{k} {v:g}" for k, v in r.parts.items())
        rows.append(row)
    columns = [
        render.Column("rank", "#", right=True),
        render.Column("title", "Program and why", sub_key="why"),
        render.Column("total_cost", f"Cost ({convert.target})", right=True, spec=",.2f"),
        render.Column("months", "Months", right=True, spec=".1f"),
        render.Column("score", "Score", right=True),
    ]
    notes = []
    if advice.career:
        notes.append(f"Goal: {advice.career.title}; skills: {', '.join(advice.goal_skills)}")
    elif advice.goal_skills:
        notes.append(f"Goal skills: {', '.join(advice.goal_skills)}")
    if stack and advice.stack is not None:
        missing = ", ".join(sorted(advice.stack.missing)) or "none"
        notes.append(
            f"Stack: {len(advice.stack.ids)} programs, {advice.stack.cost:,.2f} {convert.target}, "
            f"{advice.stack.months:.1f} months; covers {len(advice.stack.covered)} "
            f"of {len(advice.goal_skills)} goal skills; missing: {missing}"
        )
    if explain:
        notes.append("Score = " + " + ".join(f"{w:g}×{k}" for k, w in core.WEIGHTS.items()) + " (×100)")
    if any(r.program.is_approximate for r in items):
        notes.append("* approximate: a figure could not be checked against a public page.")
    output = render.Output(
        columns, rows, payload, notes=notes, csv_keys=[k for k in rows[0] if k != "why"] if rows else None
    )
    render.emit(output, out_format)
