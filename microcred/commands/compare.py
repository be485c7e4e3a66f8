"""`microcred compare`: what programs really cost at your pace, beside a degree."""

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


def compare(
    ctx: typer.Context,
    degree: Annotated[
        list[str] | None, typer.Option("--degree", "-d", help="A degree id (repeatable).")
    ] = None,
    program: Annotated[
        list[str] | None,
        typer.Option("--program", "-p", help="A program id (repeatable): a stack taken together."),
    ] = None,
    hours_per_week: PaceOpt = None,
    currency: CurrencyOpt = "USD",
    as_of: AsOfOpt = None,
    rate: RateOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Compare programs (a stack) with degrees: cost at your pace, time, the ratio and a chart.

    With a degree and no programs, compares against the cheapest and the median program in the
    degree's fields and the cheapest small stack that covers the degree's skills.

    \b
    Examples:
      microcred compare --degree imperial-msc -p harvardx-tiny-machine-learning -p harvardx-data-science
      microcred compare --degree gatech-omscs --hours-per-week 6 --currency INR
    """
    from .. import compare as core
    from ..present import views

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    if not degree and not program:
        raise UsageError("give at least one --degree or --program")
    catalog = load_catalog(env)
    costs = cost_model(catalog, currency, as_of, rate, hours_per_week)
    result = core.compare(catalog, costs, degree or [], program or [])
    emit(env, views.compare(result), out_format)
