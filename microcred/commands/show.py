"""`microcred show ID`: everything about one program or degree."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    AsOfOpt,
    CurrencyOpt,
    Format,
    FormatOpt,
    JsonOpt,
    PaceOpt,
    RateOpt,
    cost_model,
    emit,
    environment,
    load_catalog,
    output_format,
)


def show(
    ctx: typer.Context,
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="A program or degree id (see `search`, `degrees`).")
    ],
    hours_per_week: PaceOpt = None,
    currency: CurrencyOpt = "USD",
    as_of: AsOfOpt = None,
    rate: RateOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Show one program (with its cost at your pace) or one degree.

    \b
    Examples:
      microcred show google-data-analytics --hours-per-week 8
      microcred show imperial-msc --currency EUR
    """
    from .. import overview
    from ..present import views
    from ..search import resolve_id

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    catalog = load_catalog(env)
    wanted = resolve_id("program or degree", item_id.strip(), [*catalog.programs, *catalog.degrees])
    costs = cost_model(catalog, currency, as_of, rate, hours_per_week)
    if wanted in catalog.programs:
        view = views.program_detail(costs.cost(catalog.programs[wanted]), costs)
    else:
        view = views.degree_detail(overview.degree(catalog, costs.converter, wanted), costs.converter)
    emit(env, view, out_format)
