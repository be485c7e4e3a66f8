"""`microcred recommend`: ranked programs, or the best set of them, for a goal, a budget and time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import NotFoundError, UsageError
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
    MonthsOpt,
    PaceOpt,
    PlatformOpt,
    RateOpt,
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
    from ..recommend import Advice, Request


FieldsOpt = Annotated[
    list[str] | None,
    typer.Option("--field", help="A field (repeatable): data-science, ai-ml, …", callback=not_empty),
]
GoalOpt = Annotated[
    str | None, typer.Option(help='Free text, e.g. "become a data analyst".', callback=not_empty)
]
SkillsOpt = Annotated[
    str | None,
    typer.Option(help="Skills you want, comma-separated: sql,tableau,python.", callback=not_empty),
]


def recommend(
    ctx: typer.Context,
    field: FieldsOpt = None,
    goal: GoalOpt = None,
    skills: SkillsOpt = None,
    budget: MoneyLimitOpt = None,
    currency: CurrencyOpt = "USD",
    as_of: AsOfOpt = None,
    rate: RateOpt = None,
    hours_per_week: PaceOpt = None,
    months: MonthsOpt = None,
    level: LevelOpt = None,
    platform: PlatformOpt = None,
    free_audit: FreeAuditOpt = False,
    credit: CreditOpt = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many.", min=1)] = 10,
    stack: Annotated[
        bool, typer.Option("--stack", help="The best set of programs that together cover the goal.")
    ] = False,
    stack_size: Annotated[
        int, typer.Option(help="With --stack: at most this many programs.", min=1, max=5)
    ] = 3,
    explain: Annotated[bool, typer.Option("--explain", help="Show the parts of each score.")] = False,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Recommend programs for a field or goal, within a budget and the time you have.

    Budget and time are hard limits on the cost at your pace. Each result says why it ranks.

    \b
    Example: microcred recommend --goal "become a data analyst" --budget 800 --stack
    """
    from .. import recommend as core
    from ..models import LEVELS
    from ..present import views
    from ..search import Filters, resolve_option

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    if not field and not goal and not skills:
        raise UsageError("say what you want: --field, --goal or --skills")
    level = _lower(level)
    if level is not None:
        resolve_option("level", level, LEVELS)
    catalog = load_catalog(env)
    wanted = tuple(s for s in (skills or "").split(",") if s.strip())
    filters = Filters(platform=_lower(platform), level=level, free_audit=free_audit, credit=credit)
    request = core.Request(
        tuple(field or ()), goal, wanted, budget, months, filters, limit, stack_size if stack else None
    )
    costs = cost_model(catalog, currency, as_of, rate, hours_per_week)
    advice = _advise(env, catalog, request, costs)
    emit(env, views.recommend(advice, costs, stack, explain), out_format)


def _lower(value: str | None) -> str | None:
    """Choices whose case carries no meaning (Coursera is coursera)."""
    return value.strip().lower() if value else value


def _advise(env: Environment, catalog: Catalog, request: Request, costs: CostModel) -> Advice:
    """The advice, with the notices said on stderr; why nothing fits as the error."""
    from .. import recommend as core
    from ..present import words

    try:
        advice = core.recommend(catalog, costs, request)
    except core.NothingFits as exc:
        for notice in exc.notices:
            say(env, f"Note: {words.notice(notice)}")
        raise NotFoundError(words.why_nothing(exc.why)) from None
    except core.NoStack as exc:
        exc.hint = "raise --budget or --months, or give --skills"
        raise
    for notice in advice.notices:
        say(env, f"Note: {words.notice(notice)}")
    from .. import overview

    gap = overview.gap_for(catalog, request.goal)
    if gap is not None:
        say(env, f"Note: {words.gap(gap)}")
    return advice
