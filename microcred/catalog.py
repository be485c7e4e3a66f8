"""Load the catalog: bundled files, then the user's, validated, merged by id.

Every problem in every file is collected before anything fails, so a maintainer fixes a file
in one pass. A user's record with the id of a bundled one replaces it and is marked as theirs.
Records are checked as they stream from the parser, so a large file is never held whole as
YAML nodes; only the typed records are kept.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import models, schema, yamlio
from .errors import DataError
from .paths import layer_files

# Kinds that others refer to come first, so references can be checked as records stream in.
_ORDER = ("fields", "currencies", "platforms", "degrees", "glossary", "careers", "programs")
Progress = Callable[[int], None]  # called with the number of bytes read so far, over all files


@dataclass
class _Entry:
    record: Any
    raw: yamlio.Map
    file: str


def kind_of(path: Path) -> str:
    """The record kind a file holds, from its name; anything else holds programs."""
    return path.stem if path.stem in models.KINDS else "programs"


def iter_records(
    path: Path, problems: list[str], user: bool = False, progress: Progress | None = None
) -> Iterator[_Entry]:
    """Parse and check one file, record by record; its problems are added to `problems`."""
    kind = kind_of(path)
    name = str(path)
    record_type = schema.KINDS[kind]
    try:
        for raw, line in yamlio.iter_items(path, progress=progress):
            if line == 0:  # the file is not a top-level list
                if raw is not None and not isinstance(raw, yamlio.Seq):
                    problems.append(f"{name}:1: expected a list of {kind} records, got {schema._kind(raw)}")
                    return
                for item, item_line in zip(raw or [], (raw.item_lines if raw else []), strict=True):
                    built = schema.build(
                        item, record_type, name, item_line, problems, extra={"origin": name, "user": user}
                    )
                    if built is not None:
                        yield _Entry(built, item, name)
                return
            built = schema.build(raw, record_type, name, line, problems, extra={"origin": name, "user": user})
            if built is not None:
                yield _Entry(built, raw, name)
    except yamlio.YamlProblem as exc:
        problems.append(f"{name}:{exc.line}: {exc.message}")
    except OSError as exc:
        problems.append(f"{name}:0: cannot read: {exc.strerror or exc}")


def load(user_dirs: Sequence[Path] = (), bundled: Path | None = None) -> models.Catalog:
    """The whole catalog: bundled data, then each user directory over it (no cache)."""
    return load_files(layer_files(user_dirs, bundled))


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Building many small objects triggers the cyclic collector again and again for nothing
    # (nothing here makes cycles): pausing it makes a large load 2-3 times faster.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


PARALLEL_BYTES = 4_000_000  # a programs file larger than this is parsed on every core


def _read_piece(
    piece: str, offset: int, name: str, user: bool, context: models.Catalog
) -> tuple[list[tuple[Any, int, int]], list[str]]:
    """Parse and check one piece of a programs file: ([(record, line, id line)], problems)."""
    problems: list[str] = []
    out = []
    try:
        items = yamlio.parse(piece, offset)
    except yamlio.YamlProblem as exc:
        return [], [f"{name}:{exc.line}: {exc.message}"]
    for raw, line in zip(items or [], (items.item_lines if items else []), strict=True):
        built = schema.build(raw, schema.PROGRAM, name, line, problems, extra={"origin": name, "user": user})
        if built is not None:
            entry = _Entry(built, raw, name)
            _check_references(context, "programs", entry, problems)
            out.append((built, raw.line, raw.line_of("id")))
    return out, problems


def _worker_start() -> None:
    gc.disable()  # as in _gc_paused: the worker only builds small acyclic objects


def _read_programs_parallel(
    path: Path, user: bool, context: models.Catalog, problems: list[str], step: Progress
) -> Iterator[tuple[Any, int, int]] | None:
    """A large programs file, its pieces parsed by a pool of processes; None if not possible."""
    import os

    cores = os.cpu_count() or 1
    try:
        if cores < 2 or path.stat().st_size < PARALLEL_BYTES:
            return None
        text = yamlio.decode(path.read_bytes())
        pieces = yamlio.split_items(text, chunk=1000)
    except (yamlio.YamlProblem, OSError):
        return None  # the ordinary path reports it
    if pieces is None:
        return None
    return _run_pool(pieces, str(path), user, context, problems, step, min(cores, 8))


def _run_pool(
    pieces: list[tuple[str, int, int]],
    name: str,
    user: bool,
    context: models.Catalog,
    problems: list[str],
    step: Progress,
    workers: int,
) -> Iterator[tuple[Any, int, int]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    mp = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(workers, mp_context=mp, initializer=_worker_start) as pool:
        jobs = [
            pool.submit(_read_piece, piece, offset, name, user, context) for piece, offset, _end in pieces
        ]
        for job, (_piece, _offset, end) in zip(jobs, pieces, strict=True):
            found, piece_problems = job.result()
            problems.extend(piece_problems)
            yield from found
            step(end)


def load_files(files: Iterable[tuple[Path, bool]], progress: Progress | None = None) -> models.Catalog:
    problems: list[str] = []
    catalog = models.Catalog()
    first: dict[tuple[str, str], tuple[str, int, bool]] = {}  # (kind, key) -> (file, line, user)
    ordered = sorted(files, key=lambda fu: _ORDER.index(kind_of(fu[0])))
    done = 0
    with _gc_paused():
        for path, user in ordered:
            kind = kind_of(path)
            records: dict[str, Any] = getattr(catalog, kind)
            count = 0
            base = done

            def step(n: int, base: int = base) -> None:
                if progress:
                    progress(base + n)

            found: Iterable[tuple[Any, int, int]] | None = None
            if kind == "programs":
                context = models.Catalog(
                    platforms=catalog.platforms, fields=catalog.fields, currencies=catalog.currencies
                )
                found = _read_programs_parallel(path, user, context, problems, step)
            if found is None:
                found = _checked(kind, iter_records(path, problems, user, step), catalog, problems)
            id_field = models.ID_FIELDS.get(kind, "id")
            for record, line, id_line in found:
                key = models.record_key(kind, record)
                seen = first.get((kind, key))
                if seen is not None and seen[2] == user:
                    problems.append(
                        f"{path}:{id_line}: {id_field}: duplicate {key!r} (first at {seen[0]}:{seen[1]})"
                    )
                    continue
                first[(kind, key)] = (str(path), line, user)
                records[key] = record
                count += 1
            catalog.files.append((str(path), kind, count))
            with suppress(OSError):
                done += path.stat().st_size
    if problems:
        raise DataError(problems)
    return catalog


def _checked(
    kind: str, entries: Iterable[_Entry], catalog: models.Catalog, problems: list[str]
) -> Iterator[tuple[Any, int, int]]:
    id_field = models.ID_FIELDS.get(kind, "id")
    for entry in entries:
        _check_references(catalog, kind, entry, problems)
        yield entry.record, entry.raw.line, entry.raw.line_of(id_field)


def _check_references(catalog: models.Catalog, kind: str, entry: _Entry, problems: list[str]) -> None:
    """Checks that need the rest of the catalog: ids that must exist, prices that must be known."""

    def problem(key: str, message: str, raw: yamlio.Map | None = None) -> None:
        node = raw if raw is not None else entry.raw
        problems.append(f"{entry.file}:{node.line_of(key)}: {key}: {message}")

    def check_ids(key: str, wanted: Iterable[str], known: dict[str, Any], what: str) -> None:
        for value in wanted:
            if value not in known:
                from .fuzzy import did_you_mean

                problem(key, f"unknown {what} {value!r}{did_you_mean(value, known)}")

    def check_money(key: str, money: models.Money | None, raw: yamlio.Map) -> None:
        if money is not None and money.currency not in catalog.currencies:
            problem(key, f"unknown currency {money.currency!r}", raw)

    record = entry.record
    if kind == "programs":
        program: models.Program = record
        check_ids("platform", [program.platform], catalog.platforms, "platform")
        check_ids("fields", program.fields, catalog.fields, "field")
        cost_raw = entry.raw["cost"]
        check_money("price", program.cost.price, cost_raw)
        platform = catalog.platforms.get(program.platform)
        model = program.cost.model
        if (
            model == "subscription"
            and program.cost.price is None
            and platform
            and platform.monthly_plan() is None
        ):
            problem("price", f"a subscription needs a price: {platform.name} has no monthly plan", cost_raw)
        if model == "per_course" and program.courses is None:
            problem("courses", "per_course pricing needs the number of courses")
        if model == "free" and program.cost.price is not None:
            problem("price", "a free program has no price", cost_raw)
        effort = program.effort
        if effort.hours_per_week is not None and effort.weeks is None and effort.hours is None:
            problem("effort", "a pace needs weeks or total hours with it ({} when the duration is unknown)")
    elif kind == "platforms":
        for plan, raw in zip(record.plans, entry.raw.get("plans") or [], strict=False):
            check_money("price", plan.price, raw)
    elif kind == "degrees":
        degree: models.Degree = record
        check_money("tuition", degree.tuition, entry.raw)
        check_ids("fields", degree.fields, catalog.fields, "field")
        if degree.platform is not None:
            check_ids("platform", [degree.platform], catalog.platforms, "platform")
    elif kind == "glossary":
        check_ids("platforms", record.platforms, catalog.platforms, "platform")
    elif kind == "careers":
        check_ids("fields", record.fields, catalog.fields, "field")
