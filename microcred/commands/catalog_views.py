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
    """One row per platform: what it calls its programs and how it charges.

    \b
    Example:
      microcred platforms --format md
    """
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
    """The degrees to compare against: tuition, years and delivery.

    \b
    Example:
      microcred degrees --currency INR
    """
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
    """What a name for a micro-credential means, and which platforms use it.

    \b
    Examples:
      microcred explain nano-degree
      microcred explain
    """
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


def choices(
    ctx: typer.Context,
    what: Annotated[
        str | None,
        typer.Argument(
            help="fields, platforms, credential-types, kinds, levels, currencies or careers (omit: all)."
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """The values each option takes: --field, --platform, --credential-type, --level, --currency, ...

    \b
    Examples:
      microcred choices fields
      microcred choices currencies --json
    """
    from .. import overview
    from ..present import views
    from ..search import resolve_option

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    catalog = load_catalog(env)
    groups = overview.choices(catalog, converter(catalog, "USD", None, None).supported())
    if what is not None:
        wanted = resolve_option("list", what.strip().lower(), [g.name for g in groups])
        groups = [g for g in groups if g.name == wanted]
    emit(env, views.choices(groups), out_format)
