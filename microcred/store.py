"""A derived cache of the catalog: one SQLite file in the user's cache directory.

Parsing and validating YAML is what makes a large catalog slow, so the validated records are
kept as JSON in SQLite, with a compact search index (each word's postings packed in a blob).
A run opens the file, checks that every source file has the size and mtime it was built from
(hashing a file only when those changed), and then reads only what it needs: the small record
kinds whole, programs one by one as they are shown.

The cache is never trusted blindly: a missing, truncated, corrupted, foreign or stale file is
rebuilt (into a temporary file, then renamed over the old one, so concurrent runs never see
half a cache). Damage can also sit in a page that only a later query reads: every query goes
through one guarded connection, which rebuilds the cache once and asks again. Damage (as
opposed to staleness) is reported as a typed `CacheRebuilt` to the caller's callback, which
tells the user; a cache that cannot be rebuilt is a `CacheDamaged` error, never a traceback.
JSON, never pickle: the cache directory may be writable by someone else.
Where no cache can be written, the catalog is simply loaded from YAML.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, schema
from .errors import CacheDamaged
from .index import Index, build_postings
from .models import KINDS, Catalog, Program, file_kind, record_key

FORMAT = f"microcred-cache-8/{__version__}"
_SMALL_KINDS = tuple(k for k in KINDS if k != "programs")  # read whole at every start
_CHUNK = 500  # SQLite's limit on parameters is 999 in old builds

Stat = tuple[str, int, int, bool]  # path, size, mtime_ns, is the user's
Progress = Callable[[int], None]


def load_files(files: Sequence[tuple[Path, bool]], progress: Progress | None = None) -> Catalog:
    from .catalog import load_files as load  # YAML and validation: only when rebuilding

    return load(files, progress)


class CacheUnusable(Exception):
    """The cache file is missing, damaged, foreign or stale: rebuild it."""

    def __init__(self, reason: str, damaged: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.damaged = damaged  # False: only missing, stale or another version's


@dataclass(frozen=True)
class CacheRebuilt:
    """The cache was damaged and has been rebuilt from the catalog files (a notice for people)."""

    path: Path
    reason: str  # what SQLite or the checks said


OnRebuilt = Callable[[CacheRebuilt], None]


def _stats(files: Sequence[tuple[Path, bool]]) -> list[Stat]:
    out = []
    for path, user in files:
        st = path.stat()
        out.append((str(path), st.st_size, st.st_mtime_ns, user))
    return out


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_catalog(
    files: Sequence[tuple[Path, bool]],
    cache: Path,
    progress: Callable[[int], Progress | None] | None = None,
    on_rebuilt: OnRebuilt | None = None,
) -> Catalog:
    """The catalog of these files, from the cache when it is fresh, else rebuilt.

    `progress`, when given, is called with the total size in bytes before a rebuild and
    returns a callback for the bytes done (a progress bar), or None. `on_rebuilt` is told
    when the cache was damaged (not merely stale) and has been rebuilt.
    """
    try:
        stats = _stats(files)
    except OSError:
        return load_files(files)  # a file vanished or is unreadable: the loader names it

    def rebuild() -> None:
        write(load_files(files), stats, cache)

    try:
        return _open(cache, stats, rebuild, on_rebuilt)
    except CacheUnusable as exc:
        damage = exc if exc.damaged else None
    total = sum(s[1] for s in stats)
    step = progress(total) if progress else None
    catalog = load_files(files, step)
    try:
        write(catalog, stats, cache)
        # With its index, which the search would otherwise build again.
        reopened = _open(cache, stats, rebuild, on_rebuilt)
    except (OSError, sqlite3.Error, CacheUnusable):
        return catalog  # no cache can be written here: work from memory
    if damage is not None and on_rebuilt is not None:
        on_rebuilt(CacheRebuilt(cache, damage.reason))
    return reopened


def _connect(path: Path) -> sqlite3.Connection:
    # Read-only: a run never changes a cache it did not build.
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _check_size(path: Path) -> None:
    """A truncated file is caught before SQLite reads it: the header says how big it must be."""
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise CacheUnusable("not a SQLite file")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if path.stat().st_size < page_size * pages:
        raise CacheUnusable("truncated")


def _open(
    cache: Path,
    stats: list[Stat],
    rebuild: Callable[[], None] | None = None,
    on_rebuilt: OnRebuilt | None = None,
) -> Catalog:
    try:
        if not cache.exists():
            raise CacheUnusable("missing", damaged=False)
        _check_size(cache)
        db = _connect(cache)
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("format") != FORMAT or meta.get("complete") != "1":
            raise CacheUnusable("another format", damaged=False)
        built = {row[0]: row for row in db.execute("SELECT path, size, mtime_ns, user, sha256 FROM files")}
        if sorted(built) != sorted(s[0] for s in stats):
            raise CacheUnusable("other files", damaged=False)
        for path, size, mtime_ns, user in stats:
            _, b_size, b_mtime, b_user, sha = built[path]
            if b_size != size or bool(b_user) != user:
                raise CacheUnusable("changed", damaged=False)
            if b_mtime != mtime_ns and _sha256(path) != sha:  # touched: compare contents
                raise CacheUnusable("changed", damaged=False)
        catalog = Catalog()
        for kind, data in db.execute("SELECT kind, json FROM records ORDER BY rowid"):
            record = schema.decode(KINDS[kind].record, json.loads(data))
            getattr(catalog, kind)[record_key(kind, record)] = record
        catalog.files = [
            (p, k, n) for p, k, n in db.execute("SELECT path, kind, records FROM files ORDER BY rowid")
        ]
        count = int(meta["programs"])
        guarded = GuardedDb(cache, db, count, rebuild, on_rebuilt)
        catalog.programs = StoredPrograms(guarded, count)
        catalog.index = StoredIndex(guarded, meta)
        if len(catalog.index.title_order) != count:
            raise CacheUnusable("index and records disagree")
        return catalog
    except (sqlite3.Error, OSError, KeyError, ValueError, TypeError) as exc:
        raise CacheUnusable(str(exc) or type(exc).__name__) from None


def write(catalog: Catalog, stats: list[Stat], cache: Path) -> None:
    """Write the cache for this catalog atomically (temporary file, then rename)."""
    import tempfile

    cache.parent.mkdir(parents=True, exist_ok=True)
    # A fresh name that no one can have planted a link at (the old one was predictable).
    fd, name = tempfile.mkstemp(dir=cache.parent, prefix=f".{cache.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE files (path TEXT, kind TEXT, records INTEGER, size INTEGER, mtime_ns INTEGER,
                                user INTEGER, sha256 TEXT);
            CREATE TABLE records (kind TEXT, json TEXT);
            CREATE TABLE programs (doc INTEGER PRIMARY KEY, id TEXT UNIQUE, title TEXT, json TEXT);
            CREATE TABLE words (word TEXT PRIMARY KEY, postings BLOB) WITHOUT ROWID;
            """
        )
        counts = {path: n for path, _kind, n in catalog.files}
        db.executemany(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (p, file_kind(Path(p)), counts.get(p, 0), size, mtime, int(user), _sha256(p))
                for p, size, mtime, user in stats
            ],
        )
        db.executemany(
            "INSERT INTO records VALUES (?, ?)",
            [
                (kind, json.dumps(schema.encode(r)))
                for kind in _SMALL_KINDS
                for r in getattr(catalog, kind).values()
            ],
        )
        programs = list(catalog.programs.values())
        postings, title_words, title_order, by_title = build_postings(programs, catalog)
        for start in range(0, len(programs), 5000):
            db.executemany(
                "INSERT INTO programs VALUES (?, ?, ?, ?)",
                [
                    (doc, p.id, p.title, json.dumps(schema.encode(p)))
                    for doc, p in enumerate(programs[start : start + 5000], start)
                ],
            )
        db.executemany("INSERT INTO words VALUES (?, ?)", ((w, p.tobytes()) for w, p in postings.items()))
        meta: dict[str, str | bytes] = {
            "format": FORMAT,
            "programs": str(len(catalog.programs)),
            "vocabulary": "\n".join(sorted(postings)),
            "title_words": title_words.tobytes(),
            "title_order": title_order.tobytes(),
            "by_title": by_title.tobytes(),
            "complete": "1",
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
        db.close()
        if _stats([(Path(p), u) for p, _s, _m, u in stats]) != stats:
            return  # a file changed while it was read: this cache would describe neither version
        tmp.replace(cache)
    finally:
        with suppress(OSError):
            tmp.unlink()


class Rows(list[Any]):
    """A query's rows, read whole inside the guard (damage shows while rows are fetched)."""

    def fetchone(self) -> Any:
        return self[0] if self else None

    def fetchall(self) -> list[Any]:
        return list(self)


class GuardedDb:
    """The cache's one connection, every query guarded. A damaged page found by a query (not
    by the checks at open: they read only the small tables) rebuilds the cache from the
    catalog files once, tells `on_rebuilt`, and the query is asked again of the new file;
    a cache that cannot be rebuilt is a CacheDamaged error."""

    def __init__(
        self,
        path: Path,
        db: sqlite3.Connection,
        programs: int,
        rebuild: Callable[[], None] | None,
        on_rebuilt: OnRebuilt | None,
    ) -> None:
        self.path = path
        self._db = db
        self._programs = programs
        self._rebuild = rebuild
        self._on_rebuilt = on_rebuilt

    def execute(self, sql: str, args: Iterable[Any] = ()) -> Rows:
        params = tuple(args)
        try:
            return Rows(self._db.execute(sql, params).fetchall())
        except sqlite3.DatabaseError as exc:
            self._repair(str(exc))
        try:
            return Rows(self._db.execute(sql, params).fetchall())
        except sqlite3.DatabaseError as exc:
            raise CacheDamaged(self.path, str(exc)) from None

    def _repair(self, reason: str) -> None:
        rebuild = self._rebuild
        if rebuild is None:
            raise CacheDamaged(self.path, reason)
        self._rebuild = None  # once a run
        with suppress(sqlite3.Error):
            self._db.close()
        try:
            rebuild()
            db = _connect(self.path)
            meta = dict(db.execute("SELECT key, value FROM meta"))
        except (OSError, sqlite3.Error) as exc:
            with suppress(OSError):
                self.path.unlink()  # the next run starts afresh
            raise CacheDamaged(self.path, f"{reason}; rebuilding: {exc}") from None
        if meta.get("complete") != "1" or meta.get("programs") != str(self._programs):
            raise CacheDamaged(self.path, f"{reason}; the catalog files changed meanwhile")
        self._db = db
        if self._on_rebuilt is not None:
            self._on_rebuilt(CacheRebuilt(self.path, reason))


class StoredPrograms(Mapping[str, Program]):
    """Programs read from the cache on demand, each once."""

    def __init__(self, db: GuardedDb, count: int) -> None:
        self._db = db
        self._count = count
        self._loaded: dict[str, Program] = {}

    def __getitem__(self, key: str) -> Program:
        program = self._loaded.get(key)
        if program is None:
            row = self._db.execute("SELECT json FROM programs WHERE id = ?", (key,)).fetchone()
            if row is None:
                raise KeyError(key)
            program = self._loaded[key] = schema.decode(Program, json.loads(row[0]))
        return program

    def __contains__(self, key: object) -> bool:
        if key in self._loaded:
            return True
        return self._db.execute("SELECT 1 FROM programs WHERE id = ?", (key,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self._db.execute("SELECT id FROM programs ORDER BY doc"))

    def __len__(self) -> int:
        return self._count

    def values(self) -> Iterator[Program]:  # type: ignore[override]
        for key, data in self._db.execute("SELECT id, json FROM programs ORDER BY doc"):
            program = self._loaded.get(key)
            yield program if program is not None else schema.decode(Program, json.loads(data))


class StoredIndex(Index):
    """The search index kept in the cache: the vocabulary in one text, postings per word."""

    def __init__(self, db: GuardedDb, meta: dict[str, Any]) -> None:
        self._db = db
        self.vocabulary = meta["vocabulary"].split("\n") if meta["vocabulary"] else []
        self.title_words = array("H")
        self.title_words.frombytes(meta["title_words"])
        self.title_order = array("I")
        self.title_order.frombytes(meta["title_order"])
        self.by_title = array("I")
        self.by_title.frombytes(meta["by_title"])

    def postings(self, word: str) -> Sequence[int]:
        row = self._db.execute("SELECT postings FROM words WHERE word = ?", (word,)).fetchone()
        packed = array("I")
        if row is not None:
            packed.frombytes(row[0])
        return packed

    def documents(self, docs: Iterable[int]) -> dict[int, tuple[str, str]]:
        wanted = list(docs)
        out: dict[int, tuple[str, str]] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT doc, id, title FROM programs WHERE doc IN ({marks})"
            for doc, program_id, title in self._db.execute(sql, chunk):
                out[doc] = (program_id, title)
        return out
