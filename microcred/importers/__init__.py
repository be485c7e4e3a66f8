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
import hashlib
import importlib
import io
import json
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from .. import results, schema
from ..atomic import FileExists, atomic_write
from ..errors import UsageError, WriteError, cause
from ..lines import Map
from ..models import KINDS, Catalog, Program
from . import cleaning as c
from . import yamlwrite
from .base import BadExport, Candidate, Context, Reject, WrongShape
from .cleaning import FieldGuesser, slugify

__all__ = ["FORMATS", "AlreadyImported", "BadExport", "NothingImported", "Report", "import_file", "locked"]

# name → (module, what it reads)
FORMATS: dict[str, tuple[str, str]] = {
    "coursera-csv": ("coursera", "Coursera catalog CSV (2025 or 2020 layout)"),
    "edx-csv": ("edx", "edX catalog CSV"),
    "udacity-json": ("udacity", "Udacity catalog API dump (courses, tracks, degrees)"),
    "futurelearn-json": ("futurelearn", "FutureLearn courses feed"),
}
MAX_NAME = 100  # characters in a file name: with ".yaml" and a temp file's affixes, far below 255 bytes
BATCH = 500  # records per write: fewer, larger writes; never the whole file in memory
PROGRESS_EVERY = 1000  # rows
LOCK_NAME = ".import.lock"
_KEYS = [k for k in schema.file_keys(Program) if k != "id"]  # compared for near-duplicates
_SOURCE = re.compile(r"^# Source sha256: ([0-9a-f]{64})", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """A row that is the same program as an earlier one (the first is kept)."""

    line: int
    first_line: int
    title: str
    provider: str
    detail: str  # "exact repeat", or "differs in: skills, level"
    where: str = ""
    first_where: str = ""


@dataclass(frozen=True, slots=True)
class Twin:
    """A row that is a program the bundled catalog has already: not written, the bundled one stays."""

    line: int
    title: str
    provider: str
    bundled: str  # the bundled program's id
    by: str  # "url" or "title, provider and kind"
    where: str = ""


def _text(value: object) -> str:
    return str(value)


@dataclass
class Report:
    """What an import did, every row accounted for:
    rows = imported + skipped + exact duplicates + near duplicates + twins."""

    format: str
    source: Path = field(metadata=results.out(shown_as=_text))
    destination: Path = field(metadata=results.out(shown_as=_text))
    imported: int = 0
    unknown_duration: int = 0  # imported with `effort: {}`: the export's duration absent or unreadable
    skipped: Counter[str] = field(default_factory=Counter)  # reason → rows
    rejects: list[Reject] = field(default_factory=list)  # every skipped row
    exact_duplicates: int = 0
    exact: list[NearDuplicate] = field(default_factory=list)  # every exact repeat
    near_duplicates: list[NearDuplicate] = field(default_factory=list)  # every near-duplicate
    near_duplicate_count: int = 0
    twins: list[Twin] = field(default_factory=list)  # every row the bundled catalog has already
    notes: list[str] = field(default_factory=list)  # about the whole file
    source_sha256: str = ""

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped.values())

    @property
    def rows(self) -> int:
        return (
            self.imported
            + self.skipped_count
            + self.exact_duplicates
            + self.near_duplicate_count
            + len(self.twins)
        )


class NothingImported(UsageError):
    """Every row was skipped: nothing is written, and the report says why."""

    def __init__(self, report: Report) -> None:
        super().__init__(
            f"nothing imported from {report.source.name}: none of its {report.rows} rows is a new program",
            hint="the reasons are listed above",
        )
        self.report = report


class AlreadyImported(UsageError):
    """The same export (byte for byte) is in one of the user's files already."""

    def __init__(self, source: Path, existing: Path) -> None:
        super().__init__(
            f"{source.name} was imported already: {existing} holds the programs of the same file",
            hint="add --force to import it again (its programs would then be listed twice)",
        )
        self.existing = existing


@contextlib.contextmanager
def locked(user_data: Path) -> Iterator[None]:
    """Hold the user data directory's import lock, or fail at once if another import holds it.

    flock on an open file: the lock goes with the process, so a crash never leaves it behind."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no lock, as before
        yield
        return
    user_data.mkdir(parents=True, exist_ok=True)
    with (user_data / LOCK_NAME).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"another import is writing to {user_data} now",
                hint="wait for it to finish, then import again",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
    again: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> Report:
    """Convert `source` (in format `fmt`) into the programs file `dest`.

    Raises BadExport (the input cannot be read as that format), NothingImported (every row
    was skipped), AlreadyImported (another file of dest's directory holds the same export, and
    `again` is false) or UsageError (dest exists and `replace` is false); in each case `dest`
    is left as it was. `on_progress(bytes read)` is called as the file is read.
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
    report = Report(fmt, source, dest, source_sha256=_sha256(source))
    if not again:
        existing = _imported_already(report.source_sha256, dest)
        if existing is not None:
            raise AlreadyImported(source, existing)
    context = Context(FieldGuesser(catalog.fields), frozenset(catalog.currencies))
    # Ids already used anywhere, except in the file this import replaces.
    replaced = {str(dest), str(dest.resolve())}
    taken = {p.id for p in catalog.programs.values() if p.origin not in replaced}
    bundled = _Bundled(p for p in catalog.programs.values() if not p.user)
    try:
        with _open(source) as (raw, text), atomic_write(dest, replace=replace) as out:
            rows = _guarded(module.read(text, context), source)
            sink = _Sink(out, report, context)
            _convert(rows, report, context, sink, _Ids(taken), bundled, raw, on_progress)
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as raw:
            for chunk in iter(lambda: raw.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return digest.hexdigest()


def _imported_already(sha256: str, dest: Path) -> Path | None:
    """The file beside dest (not dest itself, which --force replaces) whose header names the
    same source hash."""
    if not dest.parent.is_dir():
        return None
    for path in sorted(dest.parent.iterdir()):
        if path.suffix not in (".yaml", ".yml") or path.name == dest.name or not path.is_file():
            continue
        try:
            with path.open("r", encoding="utf-8", errors="replace") as handle:
                head = handle.read(4096)
        except OSError:
            continue
        if any(found == sha256 for found in _SOURCE.findall(head)):
            return path
    return None


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
    except WrongShape as exc:
        exc.hint = "the formats: " + "; ".join(f"{name} ({what})" for name, (_m, what) in FORMATS.items())
        raise
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
    """What is kept of the first row of a program: its place, a hash of the whole record, and
    a one-byte hash per field (enough to name the fields a repeat differs in)."""

    line: int
    where: str
    whole: int
    fields: bytes


def _json_problem(exc: json.JSONDecodeError) -> str:
    text = exc.doc.lstrip()
    if text[:1] not in ("{", "["):
        return f"not JSON: the file starts with {text[:1]!r}"
    if exc.pos >= len(exc.doc.rstrip()):
        return "not valid JSON: the file ends inside a value (truncated?)"
    return f"not valid JSON ({exc.msg})"


def _identity(record: dict[str, Any], url: str | None) -> tuple[str | None, str]:
    """(canonical URL key or None, the title-provider-kind key) of a record."""
    title = c.title_key(str(record["title"]), str(record.get("credential_type") or ""))
    named = "\x00".join(
        (str(record["platform"]), title, c.identity_text(str(record["provider"])), str(record["kind"]))
    )
    return c.url_key(url), named


class _Bundled:
    """The bundled programs by identity, to recognise an imported row as one of them."""

    def __init__(self, programs: Iterable[Program]) -> None:
        self.by_url: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        for p in programs:
            record = {"title": p.title, "credential_type": p.credential_type, "platform": p.platform}
            url, named = _identity({**record, "provider": p.provider, "kind": p.kind}, p.url)
            if url is not None:
                self.by_url.setdefault(url, p.id)
            self.by_name.setdefault(named, p.id)

    def twin(self, url: str | None, named: str) -> tuple[str, str] | None:
        if url is not None and url in self.by_url:
            return self.by_url[url], "url"
        if named in self.by_name:
            return self.by_name[named], "title, provider and kind"
        return None


def _convert(
    rows: Iterator[Candidate | Reject],
    report: Report,
    context: Context,
    sink: _Sink,
    ids: _Ids,
    bundled: _Bundled,
    raw: BinaryIO,
    on_progress: Callable[[int], None] | None,
) -> None:
    seen: dict[int, _First] = {}  # identity -> the first row's summary
    for count, row in enumerate(rows, 1):
        if on_progress is not None and count % PROGRESS_EVERY == 0:
            on_progress(raw.tell())
        if isinstance(row, Reject):
            _reject(report, row)
            continue
        url, named = _identity(row.record, row.url)
        identity = url or named  # the canonical page when there is one, else title, provider, kind
        key = _hash(identity)
        hashes = [0 if (v := row.record.get(k)) is None else hash(repr(v)) for k in _KEYS]
        summary = _First(row.line, row.where, hash(tuple(hashes)), bytes(h & 0xFF for h in hashes))
        first = seen.get(key)
        if first is not None:
            if first.whole == summary.whole:
                report.exact_duplicates += 1
                report.exact.append(_near(row, first, "exact repeat"))
            else:
                pairs = zip(_KEYS, first.fields, summary.fields, strict=True)
                differs = [name for name, a, b in pairs if a != b]
                report.near_duplicate_count += 1
                report.near_duplicates.append(_near(row, first, "differs in: " + ", ".join(differs)))
            continue
        twin = bundled.twin(url, named)
        if twin is not None:
            report.twins.append(Twin(row.line, row.title, row.provider, twin[0], twin[1], row.where))
            seen[key] = summary
            continue
        record = _ordered({"id": ids.next(row, identity), **row.record})
        problems = _check(record, row.line)
        if problems:
            _reject(report, Reject(row.line, f"invalid record ({problems[0]})", row.title, row.where))
            continue
        ids.take(record["id"])
        seen[key] = summary
        sink.add(record)
        report.imported += 1
        if not record["effort"]:
            report.unknown_duration += 1
    sink.close()
    if on_progress is not None:
        on_progress(raw.tell())
    report.notes = context.notes


def _near(row: Candidate, first: _First, detail: str) -> NearDuplicate:
    return NearDuplicate(row.line, first.line, row.title, row.provider, detail, row.where, first.where)


def _reject(report: Report, reject: Reject) -> None:
    report.skipped[reject.reason] += 1
    report.rejects.append(reject)


def _hash(text: str, size: int = 8) -> int:
    """A `size`-byte hash, stable within this run (Python's own: the fastest there is)."""
    return hash(text) & ((1 << (8 * size)) - 1)


class _Ids:
    """Ids unique within the file and apart from every id already in the catalog, readable and
    the same on every import of the same export: platform + the page's slug, or platform + the
    title (when its letters are all Latin), then + provider when titles collide, then + a short
    hash of the program's identity; a title in another script gives its Latin words + that hash."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.used: set[int] = set()  # hashes: a false hit only lengthens an id

    def _free(self, candidate: str) -> bool:
        return bool(candidate) and candidate not in self.taken and _hash(candidate) not in self.used

    def next(self, row: Candidate, identity: str) -> str:
        platform = str(row.record["platform"])
        stable = c.stable_hash(identity, 6)
        readable = c.latin_only(row.title)
        slug = c.url_slug(row.url) or (slugify(row.title) if readable else "")
        if len(slug) < 3 or not c.latin_only(slug):
            slug = "-".join(part for part in (slugify(row.title, 60), stable) if part)
        base = slugify(f"{platform} {slug}")
        candidates = [base]
        if readable:
            candidates.append(slugify(f"{platform} {row.title} {row.provider}", 120) or base)
        candidates.append(f"{base}-{stable}")
        for candidate in candidates:
            if self._free(candidate):
                return candidate
        number = 2
        while not self._free(f"{base}-{stable}-{number}"):
            number += 1
        return f"{base}-{stable}-{number}"

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
            "(duration buckets taken at their midpoint); `effort: {}` is a duration the export",
            "does not give or that could not be read. Check with `microcred data validate`.",
            *self.context.notes,
        ]
        text = "".join(f"# {part}\n" for line in lines for part in textwrap.wrap(line, 96))
        # Recognises a re-import of the same export under another name.
        return text + f"# Source sha256: {self.report.source_sha256}\n"
