"""Options shared by every command, declared once; the environment; the one way to load the catalog."""

from __future__ import annotations

import math
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError, cause

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from ..costs import CostModel
    from ..env import Environment
    from ..models import Catalog
    from ..money import Converter
    from ..present import View


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


def _finite_positive(value: float | None) -> float | None:
    if value is not None and (not math.isfinite(value) or value <= 0):
        raise typer.BadParameter(f"must be a positive number, got {value}")
    return value


def _pace(value: float | None) -> float | None:
    if value is not None and (not math.isfinite(value) or not 0.1 <= value <= 168):
        raise typer.BadParameter(f"must be between 0.1 and 168 hours a week, got {value}")
    return value


def _finite_non_negative(value: float | None) -> float | None:
    if value is not None and (not math.isfinite(value) or value < 0 or value > 1e12):
        raise typer.BadParameter(f"must be a number from 0 to 1e12, got {value}")
    return value


def not_empty(value: str | list[str] | None) -> str | list[str] | None:
    """An option given as '' is refused: silently ignored, it would mean "no filter at all"."""
    values = [value] if isinstance(value, str) else value or []
    if any(not v.strip() for v in values):
        raise typer.BadParameter("must not be empty")
    return value


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output: a table, or json, csv or md for scripts.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
CurrencyOpt = Annotated[
    str,
    typer.Option("--currency", "-c", help="Show money in this currency (ISO code).", callback=not_empty),
]
PaceOpt = Annotated[
    float | None,
    typer.Option(
        "--hours-per-week",
        help="Your pace; subscriptions cost more when you study fewer hours a week "
        "(default: each program's own estimate).",
        callback=_pace,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        "--rates-as-of",
        help="Price plans, free access and exchange rates as they were on this date (YYYY-MM-DD; "
        "default today). --rates-as-of is the old name.",
    ),
]
RateOpt = Annotated[
    list[str] | None,
    typer.Option("--rate", help="Override one rate for this run: CODE=USD per unit, e.g. GBP=1.27."),
]
# The filters search and recommend share, declared once.
PlatformOpt = Annotated[
    str | None, typer.Option(help="Only this platform (coursera, edx, …).", callback=not_empty)
]
LevelOpt = Annotated[
    str | None, typer.Option(help="beginner, intermediate, advanced or mixed.", callback=not_empty)
]
FreeAuditOpt = Annotated[bool, typer.Option("--free-audit", help="Only programs free to audit.")]
CreditOpt = Annotated[bool, typer.Option("--credit", help="Only programs that can earn university credit.")]
MoneyLimitOpt = Annotated[
    float | None, typer.Option(help="At most this much (in --currency).", callback=_finite_non_negative)
]
WeeksLimitOpt = Annotated[
    float | None, typer.Option(help="At most this many weeks at your pace.", callback=_finite_positive)
]
MonthsOpt = Annotated[
    float | None, typer.Option(help="The time you have, in months (a hard limit).", callback=_finite_positive)
]


def environment(ctx: typer.Context) -> Environment:
    """The environment of this run, injected through the CLI's context (tests pass their own)."""
    from ..env import Environment

    root = ctx.find_root()
    if not isinstance(root.obj, Environment):
        root.obj = Environment.from_process()
    return root.obj


def output_format(fmt: Format, as_json: bool) -> str:
    if as_json and fmt not in (Format.table, Format.json):
        raise UsageError(f"--json and --format {fmt.value} conflict: choose one")
    return "json" if as_json else fmt.value


def emit(env: Environment, view: View, fmt: str) -> None:
    from ..present import emit as present

    present(view, fmt, env)


def say(env: Environment, text: str) -> None:
    from ..present import message

    message(env, text)


def load_catalog(env: Environment) -> Catalog:
    """Bundled catalog, the user's data directory and each --data, through the cache."""
    from .. import paths, store
    from ..present import words

    files = paths.layer_files(catalog_dirs(env), bundled_dir(env))
    return store.open_catalog(
        files,
        env.cache / "catalog.sqlite3",
        lambda total: _progress_bar(env, total),
        on_rebuilt=lambda event: say(env, words.cache_rebuilt(event)),
    )


def bundled_dir(env: Environment) -> Path:
    """The bundled catalog's directory, which must exist (MICROCRED_CATALOG may name another)."""
    if not _is_dir(env.bundled, f"the catalog directory {env.bundled}"):
        raise UsageError(
            f"the catalog directory {env.bundled} does not exist or is not a directory",
            hint="MICROCRED_CATALOG names it; unset it to use the bundled catalog",
        )
    return env.bundled


def catalog_dirs(env: Environment) -> list[Path]:
    """The user's data directory (when there is one) and each --data directory (which must be)."""
    for extra in env.extra_data:
        if not _is_dir(extra, f"--data {extra}"):
            raise UsageError(f"--data {extra}: not a directory")
    mine = f"your data directory {env.user_data} (MICROCRED_HOME or XDG_DATA_HOME moves it)"
    return [d for d in [env.user_data, *env.extra_data] if _is_dir(d, mine)]


def _is_dir(path: Path, what: str) -> bool:
    """Whether `path` is a directory; a path the system cannot even look up (a name over 255
    bytes, a loop of links) is a usage error that names it and the cause."""
    try:
        return path.is_dir()
    except OSError as exc:
        raise UsageError(f"{what}: {cause(exc)}") from None


def _progress_bar(env: Environment, total: int) -> Callable[[int], None] | None:
    """A progress bar on stderr while a large catalog is rebuilt, on a terminal only."""
    if total < 5_000_000 or not env.stderr_isatty:
        return None
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from ..present.table_format import console

    bar = Progress(
        "Indexing the catalog",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=console(env, stderr=True),
    )
    bar.start()
    import atexit

    atexit.register(bar.stop)  # also when loading fails: never leave the cursor hidden
    task = bar.add_task("index", total=total)

    def advance(done: int) -> None:
        bar.update(task, completed=done)
        if done >= total:
            bar.stop()

    return advance


def parse_date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    import datetime as dt

    try:
        value = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} {text!r}: not a date (YYYY-MM-DD)") from None
    if value > dt.date.today():
        raise UsageError(f"{option} {text}: the date is in the future")
    return value


MIN_RATE, MAX_RATE = 1e-9, 1e6  # USD per unit: from the weakest currency to far beyond the strongest


def parse_rate(text: str) -> tuple[str, float]:
    """`GBP=1.27` (one GBP in USD) -> ("GBP", 1.27)."""
    code, sep, value = text.partition("=")
    if not sep or not code.strip() or not value.strip():
        raise UsageError(f"--rate {text!r}: expected CODE=USD_PER_UNIT, for example GBP=1.27")
    if "," in value:
        raise UsageError(
            f"--rate {text!r}: write the number with a dot, without separators", hint="for example GBP=1.27"
        )
    try:
        usd = float(value)
    except ValueError:
        raise UsageError(f"--rate {text!r}: {value.strip()!r} is not a number") from None
    if not math.isfinite(usd) or usd <= 0:
        raise UsageError(f"--rate {text!r}: the rate must be a positive number")
    if not MIN_RATE <= usd <= MAX_RATE:
        raise UsageError(
            f"--rate {text!r}: a rate must be between {MIN_RATE:g} and {MAX_RATE:g} USD per unit"
        )
    return code.strip().upper(), usd


def converter(catalog: Catalog, currency: str, as_of: str | None, rates: list[str] | None) -> Converter:
    from ..money import Converter

    overrides = dict(parse_rate(r) for r in rates or [])
    return Converter(catalog, currency, parse_date(as_of, "--as-of"), overrides)


def cost_model(
    catalog: Catalog, currency: str, as_of: str | None, rates: list[str] | None, pace: float | None
) -> CostModel:
    """Costs at one pace, in one currency, with the plans, access rules and rates of one day."""
    import datetime as dt

    from ..costs import CostModel

    convert = converter(catalog, currency, as_of, rates)
    return CostModel(catalog, convert, pace, convert.as_of or dt.date.today())
