"""`microcred search`: typo-tolerant search over the catalog, with filters."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    AsOfOpt,
    CreditOpt,
    CurrencyOpt,
    Format,
    FormatOpt,
    FreeAuditOpt,
    JsonOpt,
    LevelOpt,
    MoneyLimitOpt,
    PaceOpt,
    PlatformOpt,
    WeeksLimitOpt,
    cost_model,
    emit,
    environment,
    load_catalog,
    not_empty,
    output_format,
    say,
)


def search(
    ctx: typer.Context,
    query: Annotated[
        str | None, typer.Argument(help="Words to look for (typos are fine). Omit to list all.")
    ] = None,
    platform: PlatformOpt = None,
    provider: Annotated[
        str | None, typer.Option(help="Only programs by this university or company.", callback=not_empty)
    ] = None,
    field: Annotated[
        str | None, typer.Option(help="Only this field (data-science, ai-ml, …).", callback=not_empty)
    ] = None,
    credential_type: Annotated[
        str | None,
        typer.Option(
            help="Only this kind (Specialization, Nanodegree, MicroMasters, …).", callback=not_empty
        ),
    ] = None,
    level: LevelOpt = None,
    max_price: MoneyLimitOpt = None,
    max_weeks: WeeksLimitOpt = None,
    free_audit: FreeAuditOpt = False,
    credit: CreditOpt = False,
    sort: Annotated[
        str | None, typer.Option(help="relevance, price, duration or title.", callback=not_empty)
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many (0: all).", min=0)] = 50,
    hours_per_week: PaceOpt = None,
    currency: CurrencyOpt = "USD",
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Find programs by title, provider, skill, field, credential type or platform."""
    from .. import search as core
    from ..present import views

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    catalog = load_catalog(env)
    costs = cost_model(catalog, currency, as_of, None, hours_per_week)
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
    if limit and len(results) == limit:
        say(env, f"Showing the first {limit}; use --limit 0 for all, or narrow the search.")
    emit(env, views.search(results, costs), out_format)
