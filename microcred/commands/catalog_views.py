"""`microcred platforms`, `degrees` and `explain`: the reference parts of the catalog."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    AsOfOpt,
    CurrencyOpt,
    Format,
    FormatOpt,
    JsonOpt,
    RateOpt,
    converter,
    emit,
    environment,
    load_catalog,
    output_format,
)


def platforms(ctx: typer.Context, fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """One row per platform: what it calls its programs and how it charges."""
    from .. import overview
    from ..present import views

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    emit(env, views.platforms(overview.platforms(load_catalog(env))), out_format)


def degrees(
    ctx: typer.Context,
    currency: CurrencyOpt = "USD",
    as_of: AsOfOpt = None,
    rate: RateOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """The degrees to compare against: tuition, years and delivery."""
    from .. import overview
    from ..present import views

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    catalog = load_catalog(env)
    convert = converter(catalog, currency, as_of, rate)
    emit(env, views.degrees(overview.degrees(catalog, convert), convert), out_format)


def explain(
    ctx: typer.Context,
    term: Annotated[
        str | None, typer.Argument(help="A name such as nano-degree or MicroMasters. Omit to list.")
    ] = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """What a name for a micro-credential means, and which platforms use it."""
    from .. import overview
    from ..errors import NotFoundError
    from ..present import views

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    catalog = load_catalog(env)
    try:
        terms = overview.terms(catalog, term)
    except NotFoundError as exc:
        exc.hint = exc.hint or "run `microcred explain` for the list"
        raise
    emit(env, views.glossary(terms, catalog), out_format)
