"""`microcred data …`: where the catalog files are, what they hold, checking them, importing exports."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import DataError, cause
from .common import (
    Format,
    FormatOpt,
    JsonOpt,
    bundled_dir,
    catalog_dirs,
    emit,
    environment,
    load_catalog,
    not_empty,
    output_format,
    say,
)

if TYPE_CHECKING:
    from ..env import Environment
    from ..importers import Report

app = typer.Typer(
    help="Your own catalog files: where they live, what they hold, checking them, importing exports.",
    no_args_is_help=True,
)


class ImportFormat(str, Enum):
    coursera_csv = "coursera-csv"
    edx_csv = "edx-csv"
    udacity_json = "udacity-json"
    futurelearn_json = "futurelearn-json"


@app.command("path")
def path(ctx: typer.Context, fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Where the bundled catalog, your own catalog files and the cache are.

    \b
    Example:
      microcred data path
    """
    from ..overview import Places
    from ..present import views

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    emit(env, views.places(Places(env.bundled, env.user_data, env.cache)), out_format)


@app.command("list")
def list_files(ctx: typer.Context, fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """The catalog files in use, bundled and yours, with their kind and number of records.

    \b
    Example:
      microcred data list --format csv
    """
    from .. import overview
    from ..present import views

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    rows = overview.files(load_catalog(env), env.bundled, env.user_data)
    emit(env, views.files(rows, str(env.user_data)), out_format)


class ProblemsFound(DataError):
    """The problems are on stdout already: the error line only counts them."""

    def __init__(self, problems: list[str], files: int) -> None:
        super().__init__(problems)
        self.message = f"{_count(len(problems), 'problem')} in {_count(files, 'file')}"


@app.command("validate")
def validate(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Catalog files or directories to check (default: your catalog directory).",
            show_default=False,
            callback=not_empty,  # '' would mean the current directory
        ),
    ] = None,
) -> None:
    """Check catalog files without using them: each problem as `file:line: field: message`.

    Ids of platforms, fields and currencies are looked up in the bundled catalog and the
    files given. Exits 2 when there is any problem.
    """
    from .. import catalog, paths
    from ..errors import UsageError
    from ..present import safe_line, write

    env = environment(ctx)
    files: dict[Path, None] = {}
    for target in [Path(t) for t in targets] if targets else [env.user_data]:
        kind = _kind_of(target)
        if kind == "dir":
            files.update(dict.fromkeys(paths.catalog_files(target)))
        elif kind == "file":
            files[target] = None
        elif targets:
            raise UsageError(f"{target}: {kind}")
    mine = list(files)
    bundled = [(f, False) for f in paths.catalog_files(bundled_dir(env)) if f not in files]
    try:
        loaded = catalog.load_files([*bundled, *((f, True) for f in mine)])
    except DataError as exc:
        write(env, "".join(f"{safe_line(problem)}\n" for problem in exc.problems))
        raise ProblemsFound(exc.problems, len(mine)) from None
    given = {str(f) for f in mine}
    records = sum(count for name, _kind, count in loaded.files if name in given)
    write(env, f"{_count(len(mine), 'file')}, {_count(records, 'record')}, no problems\n")


def _kind_of(path: Path) -> str:
    """ "dir", "file" (anything else is read, and refused, by the loader), or why it is neither."""
    try:
        if path.is_dir():
            return "dir"
        return "file" if path.exists() else "no such file or directory"
    except OSError as exc:
        return cause(exc)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


@app.command("stats")
def stats(ctx: typer.Context, fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Programs per platform, field, credential type, kind, cost model, level and year of their
    figures, so a maintainer sees where the catalog is thin or stale."""
    from ..present import views
    from ..stats import catalog_stats

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    emit(env, views.stats(catalog_stats(load_catalog(env))), out_format)


@app.command("audit")
def audit(ctx: typer.Context, fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """For a maintainer: where the figures come from (primary page, review, other), how fresh
    they are, how many have a price and a duration, and which rest on no page."""
    import datetime as dt

    from .. import audit as core
    from ..present import views

    out_format = output_format(fmt, as_json)
    env = environment(ctx)
    emit(env, views.audit(core.audit(load_catalog(env), dt.date.today())), out_format)


@app.command("import")
def import_export(
    ctx: typer.Context,
    fmt: Annotated[
        ImportFormat,
        typer.Argument(
            metavar="FORMAT",
            help="The export's format: coursera-csv (2025 or 2020 layout), edx-csv, udacity-json "
            "or futurelearn-json.",
        ),
    ],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The export file to convert.")],
    name: Annotated[
        str | None,
        typer.Option(
            help="The catalog file's name: <your data>/programs/NAME.yaml (default: from FILE).",
            callback=not_empty,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the catalog file if it exists; import an export again.")
    ] = False,
    report_file: Annotated[
        Path | None,
        typer.Option(
            "--report", metavar="FILE", help="Write the whole report (every row not imported) as JSON."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Convert a platform's catalog export into one of your catalog files.

    Every row is accounted for: imported, skipped (with its line and reason), an exact or near
    duplicate of an earlier row (the first kept), or a twin of a bundled program (the bundled
    one kept). The screen shows a summary; --report FILE and --json give every row. The file is
    written whole or not at all; the same export is not imported twice without --force.
    """
    from .. import importers

    env = environment(ctx)
    wanted = name.removesuffix(".yaml").removesuffix(".yml") if name else importers.default_name(file)
    dest = importers.destination(env.user_data, wanted)
    try:
        size = file.stat().st_size
    except OSError:
        size = 0  # import_file says what is wrong with it
    catalog_dirs(env)  # a data directory the system cannot look up is named before anything
    with importers.locked(env.user_data):  # before loading: the ids taken must stay taken
        catalog = load_catalog(env)
        with _progress(env, size, file.name) as on_progress:
            try:
                report = importers.import_file(
                    fmt.value, file, dest, catalog, replace=force, again=force, on_progress=on_progress
                )
            except importers.NothingImported as exc:
                _finish(env, exc.report, False, report_file, as_json)
                raise
    _finish(env, report, True, report_file, as_json)


def _finish(env: Environment, report: Report, written: bool, report_file: Path | None, as_json: bool) -> None:
    from ..present.json_format import dumps

    if report_file is not None:
        from ..atomic import atomic_write

        with atomic_write(report_file, replace=True) as out:
            out.write(dumps(report) + "\n")
    if as_json:
        env.stdout.write(dumps(report) + "\n")
        env.stdout.flush()
    _summary(env, report, written, full=report_file is not None or as_json)


@contextlib.contextmanager
def _progress(env: Environment, total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr, only when stderr is a terminal (never in pipes, logs, tests)."""
    if total <= 0 or not env.stderr_isatty:
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from ..present import safe_line
    from ..present.table_format import console

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console(env, stderr=True), transient=True) as bar:
        task = bar.add_task(safe_line(label), total=total)
        yield lambda done: bar.update(task, completed=done)


SHOWN = 20  # rows listed one by one on screen, per kind; --report and --json list them all


def _summary(env: Environment, report: Report, written: bool, full: bool) -> None:
    """What the import did, for people, on stderr: counts, and the first rows of each kind."""
    if written:
        say(
            env,
            f"Imported {_count(report.imported, 'program')} from {report.source.name} "
            f"({_count(report.rows, 'row')}) into {report.destination}",
        )
    for note in report.notes:
        say(env, f"Note: {note}")
    if report.unknown_duration:
        say(env, f"Imported with an unknown duration (effort: {{}}): {report.unknown_duration:,}")
    say(env, f"Skipped: {report.skipped_count:,}")
    for reason, n in sorted(report.skipped.items(), key=lambda item: (-item[1], item[0])):
        say(env, f"  {n:>6,}  {reason}")
    exact = [
        f"{_where(d.line, d.where)}: {d.title} repeats {_where(d.first_line, d.first_where)}"
        for d in report.exact
    ]
    _listed(env, f"Exact duplicates dropped (the first kept): {report.exact_duplicates:,}", exact, full)
    near = [
        f"{_where(d.line, d.where)}: {d.title} ({d.provider}) repeats {_where(d.first_line, d.first_where)}: "
        f"{d.detail}"
        for d in report.near_duplicates
    ]
    heading = (
        f"Near-duplicates (one program as an earlier row; the first kept): {report.near_duplicate_count:,}"
    )
    _listed(env, heading, near, full)
    twins = [
        f"{_where(t.line, t.where)}: {t.title} ({t.provider}): same as bundled {t.bundled}"
        for t in report.twins
    ]
    _listed(env, f"Already in the bundled catalog (the bundled program kept): {len(twins):,}", twins, full)
    rejects = [
        f"{_where(r.line, r.where)}: {r.reason}" + (f" ({r.title})" if r.title else "")
        for r in report.rejects
    ]
    if rejects:
        _listed(env, "Rows not imported:", rejects, full)


def _listed(env: Environment, heading: str, lines: list[str], full: bool) -> None:
    say(env, heading)
    for line in lines[:SHOWN]:
        say(env, f"  {line}")
    if len(lines) > SHOWN:
        rest = "in the JSON report" if full else "all of them with --report FILE or --json"
        say(env, f"  … and {len(lines) - SHOWN:,} more ({rest})")


def _where(line: int, where: str) -> str:
    return ", ".join(part for part in (f"line {line}" if line else "", where) if part)
