"""Options shared by every command, declared once, and the one way to load the catalog."""

from __future__ import annotations

import math
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import UsageError


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class State:
    """Global options (given before the command), read by every command."""

    data_dir: Path | None = None


def _finite_positive(value: float | None) -> float | None:
    if value is not None and (not math.isfinite(value) or value <= 0):
        raise typer.BadParameter(f"must be a positive number, got {value}")
    return value


def _finite_non_negative(value: float | None) -> float | None:
    if value is not None and (not math.isfinite(value) or value < 0):
        raise typer.BadParameter(f"must be a number >= 0, got {value}")
    return value


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output: a table, or json, csv or md for scripts.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
CurrencyOpt = Annotated[str, typer.Option("--currency", "-c", help="Show money in this currency (ISO code).")]
PaceOpt = Annotated[
    float | None,
    typer.Option(
        "--hours-per-week",
        help="Your pace; subscriptions cost more when you study fewer hours a week "
        "(default: each program's own estimate).",
        callback=_finite_positive,
    ),
]
RatesAsOfOpt = Annotated[
    str | None,
    typer.Option("--rates-as-of", help="Use the newest exchange rates on or before this date (YYYY-MM-DD)."),
]
RateOpt = Annotated[
    list[str] | None,
    typer.Option("--rate", help="Override one rate for this run: CODE=USD per unit, e.g. GBP=1.27."),
]
MoneyLimitOpt = Annotated[
    float | None, typer.Option(help="At most this much (in --currency).", callback=_finite_non_negative)
]
WeeksLimitOpt = Annotated[
    float | None, typer.Option(help="At most this many weeks at your pace.", callback=_finite_positive)
]
MonthsOpt = Annotated[
    float | None, typer.Option(help="The time you have, in months (a hard limit).", callback=_finite_positive)
]
LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", help="Show at most this many.", min=1)]


def output_format(fmt: Format, as_json: bool) -> str:
    if as_json and fmt not in (Format.table, Format.json):
        raise UsageError(f"--json and --format {fmt.value} conflict: choose one")
    return "json" if as_json else fmt.value


def load_catalog() -> Any:
    """Bundled catalog, the user's data directory and --data, through the cache."""
    from .. import paths, store

    dirs = [paths.user_data()]
    if State.data_dir is not None:
        if not State.data_dir.is_dir():
            raise UsageError(f"--data {State.data_dir}: not a directory")
        dirs.append(State.data_dir)
    files = paths.layer_files([d for d in dirs if d.is_dir()])
    return store.open_catalog(files, paths.user_cache() / "catalog.sqlite3", _progress_bar)


def _progress_bar(total: int) -> Any:
    """A progress bar on stderr while a large catalog is rebuilt, on a terminal only."""
    import sys

    if total < 5_000_000 or not sys.stderr.isatty():
        return None
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "Indexing the catalog", BarColumn(), DownloadColumn(), TimeRemainingColumn(), transient=True
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


def parse_date(text: str | None, option: str) -> Any:
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


def converter(catalog: Any, currency: str, rates_as_of: str | None, rates: list[str] | None) -> Any:
    from ..money import Converter, parse_rate

    overrides = dict(parse_rate(r) for r in rates or [])
    return Converter(catalog, currency, parse_date(rates_as_of, "--rates-as-of"), overrides)
