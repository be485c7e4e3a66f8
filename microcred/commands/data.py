"""`microcred data …`: where the catalog files are, what they hold, checking them, importing exports."""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import DataError
from .common import Format as _Format
from .common import FormatOpt, JsonOpt, load_catalog, output_format

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
def path(fmt: FormatOpt = _Format.table, as_json: JsonOpt = False) -> None:
    """Where the bundled catalog, your own catalog files and the cache are."""
    from .. import paths, render

    out_format = output_format(fmt, as_json)
    places = [
        ("bundled", "Bundled catalog (MICROCRED_CATALOG replaces it)", paths.bundled_data()),
        ("user_data", "Your catalog files (merged over the bundled ones)", paths.user_data()),
        ("cache", "Cache (safe to delete)", paths.user_cache()),
    ]
    rows = [{"key": k, "what": what, "path": str(p), "exists": p.is_dir()} for k, what, p in places]
    columns = [
        render.Column("what", "What"),
        render.Column("path", "Path", no_wrap=True),
        render.Column("exists", "Exists"),
    ]
    payload = {k: str(p) for k, _, p in places}
    notes = ["MICROCRED_HOME moves your catalog files and the cache."]
    render.emit(render.Output(columns, rows, payload, notes=notes), out_format)


@app.command("list")
def list_files(fmt: FormatOpt = _Format.table, as_json: JsonOpt = False) -> None:
    """The catalog files in use, bundled and yours, with their kind and number of records."""
    from .. import paths, render

    out_format = output_format(fmt, as_json)
    catalog = load_catalog()
    bundled, user = paths.bundled_data(), paths.user_data()
    rows = [
        {"path": name, "kind": kind, "records": count, "source": _source(Path(name), bundled, user)}
        for name, kind, count in catalog.files
    ]
    columns = [
        render.Column("source", "Source", no_wrap=True),
        render.Column("kind", "Kind", no_wrap=True),
        render.Column("records", "Records", right=True),
        render.Column("path", "File"),
    ]
    mine = sum(1 for r in rows if r["source"] != "bundled")
    notes = [f"{len(rows)} files, {mine} of them yours; yours are in {user}."]
    output = render.Output(columns, rows, rows, notes=notes, csv_keys=["path", "kind", "records", "source"])
    render.emit(output, out_format)


def _source(file: Path, bundled: Path, user: Path) -> str:
    if file.is_relative_to(bundled):
        return "bundled"
    return "user" if file.is_relative_to(user) else "--data"


class ProblemsFound(DataError):
    """The problems are on stdout already: the error line only counts them."""

    def __init__(self, problems: list[str], files: int) -> None:
        super().__init__(problems)
        self.message = f"{_count(len(problems), 'problem')} in {_count(files, 'file')}"


@app.command("validate")
def validate(
    targets: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Catalog files or directories to check (default: your catalog directory).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check catalog files without using them: each problem as `file:line: field: message`.

    Ids of platforms, fields and currencies are looked up in the bundled catalog and the
    files given. Exits 2 when there is any problem.
    """
    from .. import catalog, paths, render
    from ..errors import UsageError

    files: dict[Path, None] = {}
    for target in targets or [paths.user_data()]:
        if target.is_dir():
            files.update(dict.fromkeys(paths.catalog_files(target)))
        elif target.is_file():
            files[target] = None
        elif targets:
            raise UsageError(f"{target}: no such file or directory")
    mine = list(files)
    bundled = [(f, False) for f in paths.catalog_files(paths.bundled_data()) if f not in files]
    try:
        loaded = catalog.load_files([*bundled, *((f, True) for f in mine)])
    except DataError as exc:
        render.write("".join(f"{render.safe_line(problem)}\n" for problem in exc.problems))
        raise ProblemsFound(exc.problems, len(mine)) from None
    given = {str(f) for f in mine}
    records = sum(count for name, _kind, count in loaded.files if name in given)
    render.write(f"{_count(len(mine), 'file')}, {_count(records, 'record')}, no problems\n")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


@app.command("stats")
def stats(fmt: FormatOpt = _Format.table, as_json: JsonOpt = False) -> None:
    """Programs per platform, field, credential type, cost model, level and year of their
    figures, so a maintainer sees where the catalog is thin or stale."""
    from .. import render

    out_format = output_format(fmt, as_json)
    catalog = load_catalog()
    programs = sorted(catalog.programs.values(), key=lambda p: p.id)
    groups: dict[str, Counter[str]] = {
        "platform": Counter(p.platform for p in programs),
        "field": Counter(f for p in programs for f in (p.fields or ("(none)",))),
        "credential_type": Counter(p.credential_type for p in programs),
        "cost_model": Counter(p.cost.model for p in programs),
        "level": Counter(p.level for p in programs),
        "as_of_year": Counter(str(p.as_of.year) for p in programs),
    }
    unknown = [p.id for p in programs if _price_unknown(p, catalog)]
    oldest = min((p.as_of for p in programs), default=None)
    oldest_ids = [p.id for p in programs if p.as_of == oldest]
    rows = [
        {"group": group.replace("_", " "), "value": value, "programs": n}
        for group, counts in groups.items()
        for value, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    payload: dict[str, Any] = {
        "programs": len(programs),
        "user_programs": sum(1 for p in programs if p.user),
        "approximate": sum(1 for p in programs if p.is_approximate),
        "unknown_price": len(unknown),
        "oldest_as_of": oldest.isoformat() if oldest else None,
        "oldest": oldest_ids,
        **{f"by_{group}": dict(sorted(counts.items())) for group, counts in groups.items()},
    }
    notes = [
        f"{_count(len(programs), 'program')} ({payload['user_programs']:,} from your files); "
        f"{payload['approximate']:,} approximate; {len(unknown):,} with no known price."
    ]
    if oldest is not None:
        more = f" and {len(oldest_ids) - 1:,} more" if len(oldest_ids) > 1 else ""
        notes.append(f"Oldest figures: as of {oldest.isoformat()} ({oldest_ids[0]}{more}).")
    columns = [
        render.Column("group", "Group", no_wrap=True),
        render.Column("value", "Value"),
        render.Column("programs", "Programs", right=True),
    ]
    output = render.Output(columns, rows, payload, title="Programs in the catalog", notes=notes)
    render.emit(output, out_format)


def _price_unknown(program: Any, catalog: Any) -> bool:
    cost = program.cost
    if cost.model == "free" or cost.price is not None:
        return False
    if cost.model == "subscription":
        platform = catalog.platforms.get(program.platform)
        return platform is None or platform.monthly_plan() is None
    return True


@app.command("import")
def import_export(
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
        typer.Option(help="The catalog file's name: <your data>/programs/NAME.yaml (default: from FILE)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the catalog file if it exists.")] = False,
) -> None:
    """Convert a platform's catalog export into one of your catalog files.

    Rows that cannot be imported are reported with their line and reason; exact duplicates
    are dropped and near-duplicates (same title and provider) reported. The file is written
    whole or not at all.
    """
    from .. import importers, paths

    catalog = load_catalog()
    wanted = name.removesuffix(".yaml").removesuffix(".yml") if name else importers.default_name(file)
    dest = importers.destination(paths.user_data(), wanted)
    size = file.stat().st_size if file.is_file() else 0
    with _progress(size, file.name) as on_progress:
        try:
            report = importers.import_file(
                fmt.value, file, dest, catalog, replace=force, on_progress=on_progress
            )
        except importers.NothingImported as exc:
            _summary(exc.report, written=False)
            raise
    _summary(report, written=True)


@contextlib.contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr, only when stderr is a terminal (never in pipes, logs, tests)."""
    if total <= 0 or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from .. import render

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=render.console(stderr=True), transient=True) as bar:
        task = bar.add_task(render.safe_line(label), total=total)
        yield lambda done: bar.update(task, completed=done)


def _summary(report: Any, written: bool) -> None:
    """What the import did, for people, on stderr."""
    from .. import render

    say = render.message
    if written:
        say(
            f"Imported {_count(report.imported, 'program')} from {report.source.name} "
            f"({_count(report.rows, 'row')}) into {report.destination}"
        )
    for note in report.notes:
        say(f"Note: {note}")
    say(f"Skipped: {report.skipped_count:,}")
    for reason, n in sorted(report.skipped.items(), key=lambda item: (-item[1], item[0])):
        say(f"  {n:>6,}  {reason}")
    say(f"Exact duplicates dropped: {report.exact_duplicates:,}")
    say(
        "Near-duplicates (same title and provider as an earlier row; the first kept): "
        f"{report.near_duplicate_count:,}"
    )
    for near in report.near_duplicates:
        where = _where(near.line, near.where)
        say(f"  {where}: {near.title} ({near.provider}) repeats line {near.first_line}: {near.detail}")
    _more(report.near_duplicate_count, len(report.near_duplicates))
    if report.rejects:
        say("Rows not imported:")
    for reject in report.rejects:
        title = f" ({reject.title})" if reject.title else ""
        say(f"  {_where(reject.line, reject.where)}: {reject.reason}{title}")
    _more(report.skipped_count, len(report.rejects))


def _where(line: int, where: str) -> str:
    return f"line {line}" + (f", {where}" if where else "")


def _more(total: int, shown: int) -> None:
    from .. import render

    if total > shown:
        render.message(f"  … and {total - shown:,} more")
