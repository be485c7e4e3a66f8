"""Load the catalog: bundled files, then the user's, validated, merged by key.

Every problem in every file is collected before anything fails, so a maintainer fixes a file
in one pass. A user's record with the key of a bundled one replaces it and is marked as theirs.
Records are checked as they stream from the parser, so a large file is never held whole as
YAML values; only the typed records are kept.
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
from .lines import Map
from .paths import layer_files

Progress = Callable[[int], None]  # called with the number of bytes read so far, over all files


@dataclass
class Entry:
    record: Any
    raw: Map
    file: str


def iter_records(
    path: Path, problems: list[str], user: bool = False, progress: Progress | None = None
) -> Iterator[Entry]:
    """Parse and check one file, record by record; its problems are added to `problems`."""
    kind = models.KINDS[models.file_kind(path)]
    name = str(path)
    extra = {"origin": name, "user": user}
    try:
        with yamlio.open_catalog_file(path) as f:
            tell = (lambda: progress(f.tell())) if progress else None
            for raw, line in yamlio.iter_items(f, tell):
                if line == 0:  # the file is not a top-level list
                    if raw is not None:
                        problems.append(
                            f"{name}:1: expected a list of {kind.name} records, got {schema.describe(raw)}"
                        )
                    return
                built = schema.build(raw, kind.record, name, line, problems, extra=extra)
                if built is not None:
                    yield Entry(built, raw, name)
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


def load_files(files: Iterable[tuple[Path, bool]], progress: Progress | None = None) -> models.Catalog:
    problems: list[str] = []
    catalog = models.Catalog()
    first: dict[tuple[str, str], tuple[str, int, bool]] = {}  # (kind, key) -> (file, line, user)
    order = list(models.KINDS)
    ordered = sorted(files, key=lambda fu: order.index(models.file_kind(fu[0])))
    done = 0
    with _gc_paused():
        for path, user in ordered:
            kind = models.file_kind(path)
            key_field = models.KINDS[kind].key
            records: dict[str, Any] = getattr(catalog, kind)
            count = 0

            def step(n: int, base: int = done) -> None:
                if progress:
                    progress(base + n)

            for entry in iter_records(path, problems, user, step):
                check_references(catalog, kind, entry, problems)
                key = models.record_key(kind, entry.record)
                seen = first.get((kind, key))
                line = entry.raw.line_of(key_field)
                if seen is not None and seen[2] == user:
                    problems.append(
                        f"{path}:{line}: {key_field}: duplicate {key!r} (first at {seen[0]}:{seen[1]})"
                    )
                    continue
                first[(kind, key)] = (str(path), entry.raw.line, user)
                records[key] = entry.record
                count += 1
            catalog.files.append((str(path), kind, count))
            with suppress(OSError):
                done += path.stat().st_size
    if problems:
        raise DataError(problems)
    return catalog


def check_references(catalog: models.Catalog, kind: str, entry: Entry, problems: list[str]) -> None:
    """Checks that need the rest of the catalog: ids that must exist, prices that must be known."""

    def problem(key: str, message: str, raw: Map | None = None) -> None:
        node = raw if raw is not None else entry.raw
        problems.append(f"{entry.file}:{node.line_of(key)}: {key}: {message}")

    def check_ids(key: str, wanted: Iterable[str], known: dict[str, Any], what: str) -> None:
        for value in wanted:
            if value not in known:
                from .fuzzy import did_you_mean

                problem(key, f"unknown {what} {value!r}{did_you_mean(value, known)}")

    def check_money(key: str, money: models.Money | None, raw: Map) -> None:
        if money is not None and money.currency not in catalog.currencies:
            problem(key, f"unknown currency {money.currency!r}", raw)

    record = entry.record
    if kind == "programs":
        program: models.Program = record
        check_ids("platform", [program.platform], catalog.platforms, "platform")
        check_ids("fields", program.fields, catalog.fields, "field")
        cost_raw = entry.raw["cost"]
        check_money("price", program.cost.price, cost_raw)
        for point, raw in zip(program.cost.history, cost_raw.get("history") or [], strict=False):
            check_money("price", point.price, raw)
        model = program.cost.model
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
    elif kind == "currencies":
        if not record.rates:  # money in it could never be converted
            problem("rates", "a currency needs at least one dated rate to USD")
        if record.code == "USD" and any(r.usd != 1 for r in record.rates):
            problem("rates", "the US dollar's rate is 1 by definition (rates are USD per unit)")
    elif kind == "glossary":
        check_ids("platforms", record.platforms, catalog.platforms, "platform")
    elif kind == "careers":
        check_ids("fields", record.fields, catalog.fields, "field")
    elif kind == "gaps":
        check_ids("nearest", record.nearest, dict(catalog.programs), "program")
