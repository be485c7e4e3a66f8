"""`microcred search`: typo-tolerant search over the catalog, with filters."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    CurrencyOpt,
    FormatOpt,
    JsonOpt,
    MoneyLimitOpt,
    PaceOpt,
    WeeksLimitOpt,
    converter,
    load_catalog,
    output_format,
)
from .common import Format as _Format


def search(
    query: Annotated[
        str | None, typer.Argument(help="Words to look for (typos are fine). Omit to list all.")
    ] = None,
    platform: Annotated[str | None, typer.Option(help="Only this platform (coursera, edx, …).")] = None,
    provider: Annotated[str | None, typer.Option(help="Only programs by this university or company.")] = None,
    field: Annotated[str | None, typer.Option(help="Only this field (data-science, ai-ml, …).")] = None,
    credential_type: Annotated[
        str | None, typer.Option(help="Only this kind (Specialization, Nanodegree, MicroMasters, …).")
    ] = None,
    level: Annotated[str | None, typer.Option(help="beginner, intermediate, advanced or mixed.")] = None,
    max_price: MoneyLimitOpt = None,
    max_weeks: WeeksLimitOpt = None,
    free_audit: Annotated[bool, typer.Option("--free-audit", help="Only programs free to audit.")] = False,
    credit: Annotated[
        bool, typer.Option("--credit", help="Only programs that can earn university credit.")
    ] = False,
    sort: Annotated[str | None, typer.Option(help="relevance, price, duration or title.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many (0: all).", min=0)] = 50,
    hours_per_week: PaceOpt = None,
    currency: CurrencyOpt = "USD",
    fmt: FormatOpt = _Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Find programs by title, provider, skill, field, credential type or platform."""
    from .. import render, serialize
    from .. import search as core
    from ..costs import CostModel

    out_format = output_format(fmt, as_json)
    catalog = load_catalog()
    convert = converter(catalog, currency, None, None)
    costs = CostModel(catalog, convert, hours_per_week)
    filters = core.Filters(
        platform=platform,
        provider=provider,
        field=field,
        credential_type=credential_type,
        level=level,
        max_price=max_price,
        max_weeks=max_weeks,
        free_audit=free_audit,
        credit=credit,
    )
    results = core.find(catalog, query, filters, costs, sort=sort, limit=limit or None)
    rows, payload = [], []
    for r in results:
        total = r.cost.total
        rows.append(
            {
                "id": r.program.id,
                "title": r.program.title + (" *" if r.program.is_approximate else ""),
                "provider": r.program.provider,
                "platform": r.program.platform,
                "credential_type": r.program.credential_type,
                "level": r.program.level,
                "total_cost": None if total is None else round(total.amount, 2),
                "currency": convert.target,
                "weeks": None if r.cost.weeks is None else round(r.cost.weeks, 1),
                "credit": r.program.credit.kind if r.program.credit else None,
                "byline": f"{r.program.id} · {r.program.provider} · {r.program.credential_type}",
                "score": r.score,
            }
        )
        payload.append({**serialize.program(r.program), "score": r.score, **serialize.cost(r.cost)})
    columns = [
        render.Column("title", "Program (id · provider · credential)", sub_key="byline"),
        render.Column("total_cost", f"Cost ({convert.target})", right=True, spec=",.2f"),
        render.Column("weeks", "Weeks", right=True, spec=".1f"),
        render.Column("score", "Score", right=True),
    ]
    notes = [
        f"{len(results)} program{'s' if len(results) != 1 else ''}; cost for the certificate at "
        + (f"{hours_per_week:g} h/week" if hours_per_week else "each program's suggested pace")
        + "; 'unknown' means no published price."
    ]
    if limit and len(results) == limit:
        render.message(f"Showing the first {limit}; use --limit 0 for all, or narrow the search.")
    if any(r.program.is_approximate for r in results):
        notes.append("* approximate: a figure could not be checked against a public page.")
    output = render.Output(
        columns, rows, payload, notes=notes, csv_keys=[k for k in rows[0] if k != "byline"]
    )
    render.emit(output, out_format)
