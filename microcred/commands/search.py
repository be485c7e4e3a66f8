"""`microcred search`: typo-tolerant search over the catalog, with filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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
    RateOpt,
    WeeksLimitOpt,
    cost_model,
    emit,
    environment,
    load_catalog,
    not_empty,
    output_format,
    say,
)

if TYPE_CHECKING:
    from ..costs import CostModel
    from ..env import Environment
    from ..models import Catalog
    from ..search import Filters, Result


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
    rate: RateOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Find programs by title, provider, skill, field, credential type or platform.

    \b
    Examples:
      microcred search python
      microcred search "data analyst" --platform coursera --max-price 300
      microcred search --field ai-ml --sort price --json
    """
    from .. import search as core
    from ..present import views

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    catalog = load_catalog(env)
    costs = cost_model(catalog, currency, as_of, rate, hours_per_week)
    platform, level, sort = (v.strip().lower() if v else v for v in (platform, level, sort))
    filters = core.Filters(  # in the order Filters declares them
        platform, provider, field, credential_type, level, max_price, max_weeks, free_audit, credit
    )
    results = _answer(env, catalog, query, filters, costs, sort, limit or None)
    if limit and len(results) == limit:
        say(env, f"Showing the first {limit}; use --limit 0 for all, or narrow the search.")
    emit(env, views.search(results, costs), out_format)


def _answer(
    env: Environment,
    catalog: Catalog,
    query: str | None,
    filters: Filters,
    costs: CostModel,
    sort: str | None,
    limit: int | None,
) -> list[Result]:
    """The ranked programs; for a field the platforms lack, the nearest programs first; under a
    price limit that leaves nothing, what can still be studied free and how aid works."""
    from .. import overview
    from .. import search as core
    from ..errors import NotFoundError
    from ..models import Money
    from ..present import words

    gap = overview.gap_for(catalog, query)
    try:
        results = core.find(catalog, query, filters, costs, sort=sort, limit=limit)
    except NotFoundError:
        routes = core.free_routes(catalog, query, filters, costs, limit)
        if gap is None and not routes:
            raise
        if routes:
            limit_text = words.money(Money(filters.max_price or 0, costs.converter.target), 0)
            say(
                env,
                f"Note: no certificate within {limit_text}; these can be studied free (certificate paid).",
            )
            for platform in sorted({r.program.platform for r in routes}):
                aid = words.aid(catalog.platforms[platform])
                if aid:
                    say(env, f"Note: {aid}")
        results = routes
    if gap is not None:  # a field no platform here has: say so, and offer the nearest programs
        say(env, f"Note: {words.gap(gap)}")
        found = {r.program.id for r in results}
        nearest = [core.Result(costs.cost(catalog.programs[i])) for i in gap.nearest if i in catalog.programs]
        results = [*[r for r in nearest if r.program.id not in found], *results]
    return results
