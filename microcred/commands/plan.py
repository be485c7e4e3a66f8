"""`microcred plan`: month by month, what is studied and what is billed."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UsageError
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


def plan(
    ctx: typer.Context,
    program_ids: Annotated[
        list[str], typer.Argument(metavar="ID...", help="Program ids, in the order to take them.")
    ],
    hours_per_week: PaceOpt = None,
    start: Annotated[str | None, typer.Option(help="The first month, YYYY-MM (default: this month).")] = None,
    order: Annotated[
        str, typer.Option(help="given (as listed) or shortest (the quickest first: a credential sooner).")
    ] = "given",
    currency: CurrencyOpt = "USD",
    as_of: AsOfOpt = None,
    rate: RateOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Lay out, month by month, what you study (at your pace) and what is billed, with the total,
    the finish date, and where a platform-wide plan would cost less.

    \b
    Example:
      microcred plan google-data-analytics ibm-data-science --hours-per-week 8 --start 2027-01
    """
    from .. import plan as core
    from ..present import views
    from ..search import resolve_id

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    if order not in ("given", "shortest"):
        raise UsageError(f"unknown order {order!r}: use given or shortest")
    catalog = load_catalog(env)
    costs = cost_model(catalog, currency, as_of, rate, hours_per_week)
    wanted = [resolve_id("program", p.strip(), catalog.programs) for p in dict.fromkeys(program_ids)]
    chosen = [costs.cost(catalog.programs[p]) for p in wanted]
    if order == "shortest":
        chosen.sort(key=lambda c: (c.weeks is None, c.weeks or 0, c.program.id))
    result = core.study_plan(costs, chosen, core.month_start(start, costs.as_of))
    emit(env, views.study_plan(result, costs), out_format)
