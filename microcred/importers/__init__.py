"""Turn a platform's catalog export into a user catalog file of programs.

Each format has one module (`coursera`, `edx`, `udacity`, `futurelearn`) with a `read(stream,
context)` that yields a Candidate (a program record) or a Reject (a row that cannot be one)
per row. Here, the one pipeline around them: open the file carefully, drop duplicates, give
ids, check each record against the schema, and stream the records into a temp file that
replaces the destination only when everything went well. Memory stays bounded: rows are
never held, only a few bytes per row to recognise duplicates and taken ids.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import io
import json
import textwrap
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from .. import schema
from ..atomic import FileExists, atomic_write
from ..errors import UsageError, WriteError, cause
from ..lines import Map
from ..models import KINDS, Catalog, Program
from . import yamlwrite
from .base import BadExport, Candidate, Context, Reject
from .cleaning import FieldGuesser, normalised, slugify

__all__ = ["FORMATS", "BadExport", "NothingImported", "Report", "import_file"]

# name → (module, what it reads)
FORMATS: dict[str, tuple[str, str]] = {
    "coursera-csv": ("coursera", "Coursera catalog CSV (2025 or 2020 layout)"),
    "edx-csv": ("edx", "edX catalog CSV"),
    "udacity-json": ("udacity", "Udacity catalog API dump (courses, tracks, degrees)"),
    "futurelearn-json": ("futurelearn", "FutureLearn courses feed"),
}
MAX_NAME = 100  # characters in a file name: with ".yaml" and a temp file's affixes, far below 255 bytes
SHOWN = 20  # rejects and near-duplicates listed one by one; the rest are counted
BATCH = 500  # records per write: fewer, larger writes; never the whole file in memory
PROGRESS_EVERY = 1000  # rows
_KEYS = [k for k in schema.file_keys(Program) if k != "id"]  # compared for near-duplicates


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    line: int
    first_line: int
    title: str
    provider: str
    detail: str  # "differs in: skills, level", or why this repeat could not be imported
    where: str = ""


@dataclass
class Report:
    """What an import did, for the summary."""

    format: str
    source: Path
    destination: Path
    imported: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason → rows
    rejects: list[Reject] = field(default_factory=list)  # the first SHOWN
    exact_duplicates: int = 0
    near_duplicates: list[NearDuplicate] = field(default_factory=list)  # the first SHOWN
    near_duplicate_count: int = 0
    notes: list[str] = field(default_factory=list)  # about the whole file

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped.values())

    @property
    def rows(self) -> int:
        return self.imported + self.skipped_count + self.exact_duplicates + self.near_duplicate_count


class NothingImported(UsageError):
    """Every row was skipped: nothing is written, and the report says why."""

    def __init__(self, report: Report) -> None:
        super().__init__(
            f"nothing imported from {report.source.name}: all {report.rows} rows were skipped",
            hint="the reasons are listed above",
        )
        self.report = report


def destination(user_data: Path, name: str) -> Path:
    """`<user data>/programs/<name>.yaml`; the name must be an id that is not a kind's name."""
    if not schema.SLUG.match(name):
        raise UsageError(f"--name {name!r}: use lower-case letters, digits and '-' (e.g. coursera-2025)")
    if len(name) > MAX_NAME:
        raise UsageError(f"--name {name[:20]}…: at most {MAX_NAME} characters (this one has {len(name)})")
    if name in KINDS and name != "programs":
        raise UsageError(f"--name {name!r}: a file named {name}.yaml would be read as {name}, not programs")
    return user_data / "programs" / f"{name}.yaml"


def default_name(source: Path) -> str:
    name = slugify(source.stem) or "import"
    return f"{name}-import" if name in KINDS else name


def import_file(
    fmt: str,
    source: Path,
    dest: Path,
    catalog: Catalog,
    *,
    replace: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> Report:
    """Convert `source` (in format `fmt`) into the programs file `dest`.

    Raises BadExport (the input cannot be read as that format), NothingImported (every row
    was skipped) or UsageError (dest exists and `replace` is false); in each case `dest` is
    left as it was. `on_progress(bytes read)` is called as the file is read.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f".{FORMATS[fmt][0]}", __name__)
    platform = catalog.platforms.get(module.PLATFORM)
    if platform is None:
        raise UsageError(f"the catalog has no platform {module.PLATFORM!r} for {fmt} records to belong to")
    _check_source(source)
    if not replace and _exists_at(dest):  # before reading anything; atomic_write checks again at the end
        raise _exists(dest)
    report = Report(fmt, source, dest)
    context = Context(FieldGuesser(catalog.fields), frozenset(catalog.currencies))
    # Ids already used anywhere, except in the file this import replaces.
    replaced = {str(dest), str(dest.resolve())}
    taken = {p.id for p in catalog.programs.values() if p.origin not in replaced}
    try:
        with _open(source) as (raw, text), atomic_write(dest, replace=replace) as out:
            rows = _guarded(module.read(text, context), source)
            _convert(rows, report, context, _Sink(out, report, context), taken, raw, on_progress)
            if report.imported == 0:
                raise NothingImported(report)
    except FileExists:
        raise _exists(dest) from None
    except OSError as exc:  # reading errors are BadExport already: this is the destination's
        raise WriteError(dest, exc) from None
    return report


def _check_source(source: Path) -> None:
    try:
        if source.is_file():
            return
        problem = "not a file" if source.exists() else "no such file"
    except OSError as exc:  # a name over 255 bytes, a loop of links
        problem = cause(exc)
    raise UsageError(f"{source}: {problem}")


def _exists_at(dest: Path) -> bool:
    try:
        return dest.exists()
    except OSError as exc:
        raise UsageError(f"{dest}: {cause(exc)}") from None


def _exists(dest: Path) -> UsageError:
    return UsageError(
        f"{dest} exists: not replaced", hint="add --force to replace it, or --name to choose another name"
    )


@contextlib.contextmanager
def _open(path: Path) -> Iterator[tuple[BinaryIO, TextIO]]:
    """The export as (binary, text) streams, after checking that it is text at all."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with raw:
        head = raw.read(8192)
        if not head.strip():
            raise BadExport(f"{path.name} is empty")
        if b"\x00" in head:
            raise BadExport(f"{path.name} is a binary file (it contains NUL bytes), not an export")
        raw.seek(0)
        # newline="" lets the csv module see line ends itself (quoted fields may hold them).
        with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            yield raw, text


def _guarded(rows: Iterator[Candidate | Reject], source: Path) -> Iterator[Candidate | Reject]:
    """The importer's rows, with decoding and JSON problems turned into BadExport."""
    try:
        yield from rows
    except UnicodeDecodeError as exc:
        raise BadExport(
            f"{source.name} is not UTF-8 text (byte {exc.object[exc.start : exc.start + 1]!r})",
            hint="save the export as UTF-8 and import it again",
        ) from None
    except json.JSONDecodeError as exc:
        raise BadExport(f"{source.name}: line {exc.lineno}: {_json_problem(exc)}") from None
    except RecursionError:
        raise BadExport(f"{source.name}: JSON nested too deeply to be an export") from None
    except OSError as exc:
        raise BadExport(f"{source}: cannot read: {cause(exc)}") from None


@dataclass(frozen=True, slots=True)
class _First:
    """What is kept of the first row of a title and provider: its line, a hash of the whole
    record, and a one-byte hash per field (enough to name the fields a repeat differs in)."""

    line: int
    whole: int
    fields: bytes


def _json_problem(exc: json.JSONDecodeError) -> str:
    text = exc.doc.lstrip()
    if text[:1] not in ("{", "["):
        return f"not JSON: the file starts with {text[:1]!r}"
    if exc.pos >= len(exc.doc.rstrip()):
        return "not valid JSON: the file ends inside a value (truncated?)"
    return f"not valid JSON ({exc.msg})"


def _convert(
    rows: Iterator[Candidate | Reject],
    report: Report,
    context: Context,
    sink: _Sink,
    taken: set[str],
    raw: BinaryIO,
    on_progress: Callable[[int], None] | None,
) -> None:
    seen: dict[int, _First] = {}  # title+provider -> the first row's summary
    ids = _Ids(taken)
    for count, row in enumerate(rows, 1):
        if on_progress is not None and count % PROGRESS_EVERY == 0:
            on_progress(raw.tell())
        if isinstance(row, Reject):
            known = row.title is not None and row.provider is not None
            first = seen.get(_title_key(row.title or "", row.provider or "")) if known else None
            if first is None:
                _reject(report, row)
            else:  # an incomplete repeat of a program already imported
                _near(report, row, first, row.reason)
            continue
        key = _title_key(row.title, row.provider)
        hashes = [0 if (v := row.record.get(k)) is None else hash(repr(v)) for k in _KEYS]
        summary = _First(row.line, hash(tuple(hashes)), bytes(h & 0xFF for h in hashes))
        first = seen.get(key)
        if first is not None:
            if first.whole == summary.whole:
                report.exact_duplicates += 1
            else:
                pairs = zip(_KEYS, first.fields, summary.fields, strict=True)
                differs = [name for name, a, b in pairs if a != b]
                _near(report, row, first, "differs in: " + ", ".join(differs))
            continue
        record = _ordered({"id": ids.next(row), **row.record})
        problems = _check(record, row.line)
        if problems:
            _reject(report, Reject(row.line, f"invalid record ({problems[0]})", row.title, row.where))
            continue
        ids.take(record["id"])
        seen[key] = summary
        sink.add(record)
        report.imported += 1
    sink.close()
    if on_progress is not None:
        on_progress(raw.tell())
    report.notes = context.notes


def _title_key(title: str, provider: str) -> int:
    """What makes two rows the same program: title and provider, case and punctuation aside."""
    return _hash(normalised(title) + "\x00" + normalised(provider))


def _near(report: Report, row: Candidate | Reject, first: _First, detail: str) -> None:
    report.near_duplicate_count += 1
    if len(report.near_duplicates) < SHOWN:
        title, provider = row.title or "", row.provider or ""
        report.near_duplicates.append(NearDuplicate(row.line, first.line, title, provider, detail, row.where))


def _reject(report: Report, reject: Reject) -> None:
    report.skipped[reject.reason] += 1
    if len(report.rejects) < SHOWN:
        report.rejects.append(reject)


def _hash(text: str, size: int = 8) -> int:
    """A `size`-byte hash, stable within this run (Python's own: the fastest there is)."""
    return hash(text) & ((1 << (8 * size)) - 1)


class _Ids:
    """Ids unique within the file and apart from every id already in the catalog: the slug of
    platform + title, then + provider when titles collide, then a number."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.used: set[int] = set()  # hashes: a false hit only lengthens an id

    def _free(self, candidate: str) -> bool:
        return bool(candidate) and candidate not in self.taken and _hash(candidate) not in self.used

    def next(self, row: Candidate) -> str:
        platform = str(row.record["platform"])
        base = slugify(f"{platform} {row.title}") or f"{platform}-{_hash(row.title) % 10**8}"
        longer = slugify(f"{platform} {row.title} {row.provider}", 120) or base
        for candidate in (base, longer):
            if self._free(candidate):
                return candidate
        number = 2
        while not self._free(f"{longer}-{number}"):
            number += 1
        return f"{longer}-{number}"

    def take(self, candidate: str) -> None:
        self.used.add(_hash(candidate))


def _ordered(record: dict[str, Any]) -> dict[str, Any]:
    """The record without empty optional values. Importers build records in the schema's key
    order (tests/test_importers.py checks it), so the file reads like the hand-written ones."""
    return {k: v for k, v in record.items() if v is not None and not (k in _OPTIONAL and v in ([], ""))}


_OPTIONAL = frozenset(k for k, spec in schema.declared(Program) if not spec.required)


def _check(record: dict[str, Any], line: int) -> list[str]:
    """The schema's own checks, so that every record written passes `data validate`: the one
    validation path that bundled and user files go through too."""
    problems: list[str] = []
    schema.build(_as_yaml(record, line), Program, "", line, problems)
    return [p.split(": ", 1)[1] if ": " in p else p for p in problems]


_NO_LINES: dict[str, int] = {}  # every key is on the record's line


def _as_yaml(value: Any, line: int) -> Any:
    """The record as the YAML reader would give it: mappings become Maps (schema.build asks
    for their lines); lists and scalars are checked as they are."""
    if not isinstance(value, dict):
        return value
    mapping = Map((k, _as_yaml(v, line)) for k, v in value.items())
    mapping.line = line
    mapping.key_lines = _NO_LINES
    return mapping


class _Sink:
    """Streams records into the YAML file, a batch at a time, under a header comment (a list
    written in parts reads back as one list)."""

    def __init__(self, out: TextIO, report: Report, context: Context) -> None:
        self.out = out
        self.report = report
        self.context = context
        self.batch: list[dict[str, Any]] = []
        self.started = False

    def add(self, record: dict[str, Any]) -> None:
        self.batch.append(record)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        if not self.started:
            self.out.write(self._header())
            self.started = True
        self.out.write(yamlwrite.records(self.batch))
        self.batch = []

    def close(self) -> None:
        self.flush()

    def _header(self) -> str:
        lines = [
            f"Programs imported by `microcred data import {self.report.format}` from "
            f"{self.report.source.name} on {dt.date.today().isoformat()}.",
            "Figures are the export's, as of its date; `approximate: true` marks estimates",
            "(duration buckets taken at their midpoint). Check with `microcred data validate`.",
            *self.context.notes,
        ]
        return "".join(f"# {part}\n" for line in lines for part in textwrap.wrap(line, 96))
