"""A derived cache of the catalog: one SQLite file in the user's cache directory.

Parsing and validating YAML is what makes a large catalog slow, so the validated records are
kept as JSON in SQLite, with a compact search index (each word's postings packed in a blob).
A run opens the file, checks that every source file has the size and mtime it was built from
(hashing a file only when those changed), and then reads only what it needs: the small record
kinds whole, programs one by one as they are shown.

The cache is never trusted blindly: a missing, truncated, corrupted, foreign or stale file is
rebuilt (into a temporary file, then renamed over the old one, so concurrent runs never see
half a cache). JSON, never pickle: the cache directory may be writable by someone else.
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
from pathlib import Path
from typing import Any

from . import __version__, schema
from .errors import DataError
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
) -> Catalog:
    """The catalog of these files, from the cache when it is fresh, else rebuilt.

    `progress`, when given, is called with the total size in bytes before a rebuild and
    returns a callback for the bytes done (a progress bar), or None.
    """
    try:
        stats = _stats(files)
    except OSError:
        return load_files(files)  # a file vanished or is unreadable: the loader names it
    with suppress(CacheUnusable):
        return _open(cache, stats)
    total = sum(s[1] for s in stats)
    step = progress(total) if progress else None
    catalog = load_files(files, step)
    try:
        write(catalog, stats, cache)
        return _open(cache, stats)  # with its index, which the search would otherwise build again
    except (OSError, sqlite3.Error, CacheUnusable):
        return catalog  # no cache can be written here: work from memory


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


def _open(cache: Path, stats: list[Stat]) -> Catalog:
    try:
        _check_size(cache)
        db = _connect(cache)
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("format") != FORMAT or meta.get("complete") != "1":
            raise CacheUnusable("another format")
        built = {row[0]: row for row in db.execute("SELECT path, size, mtime_ns, user, sha256 FROM files")}
        if sorted(built) != sorted(s[0] for s in stats):
            raise CacheUnusable("other files")
        for path, size, mtime_ns, user in stats:
            _, b_size, b_mtime, b_user, sha = built[path]
            if b_size != size or bool(b_user) != user:
                raise CacheUnusable("changed")
            if b_mtime != mtime_ns and _sha256(path) != sha:  # touched: compare contents
                raise CacheUnusable("changed")
        catalog = Catalog()
        for kind, data in db.execute("SELECT kind, json FROM records ORDER BY rowid"):
            record = schema.decode(KINDS[kind].record, json.loads(data))
            getattr(catalog, kind)[record_key(kind, record)] = record
        catalog.files = [
            (p, k, n) for p, k, n in db.execute("SELECT path, kind, records FROM files ORDER BY rowid")
        ]
        count = int(meta["programs"])
        catalog.programs = StoredPrograms(db, count)
        catalog.index = StoredIndex(db, meta)
        if len(catalog.index.title_order) != count:
            raise CacheUnusable("index and records disagree")
        return catalog
    except (sqlite3.Error, OSError, KeyError, ValueError, TypeError) as exc:
        raise CacheUnusable(str(exc)) from None


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


class StoredPrograms(Mapping[str, Program]):
    """Programs read from the cache on demand, each once."""

    def __init__(self, db: sqlite3.Connection, count: int) -> None:
        self._db = db
        self._count = count
        self._loaded: dict[str, Program] = {}

    def __getitem__(self, key: str) -> Program:
        program = self._loaded.get(key)
        if program is None:
            row = self._query("SELECT json FROM programs WHERE id = ?", (key,)).fetchone()
            if row is None:
                raise KeyError(key)
            program = self._loaded[key] = schema.decode(Program, json.loads(row[0]))
        return program

    def __contains__(self, key: object) -> bool:
        if key in self._loaded:
            return True
        return self._query("SELECT 1 FROM programs WHERE id = ?", (key,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self._query("SELECT id FROM programs ORDER BY doc", ()).fetchall())

    def __len__(self) -> int:
        return self._count

    def values(self) -> Iterator[Program]:  # type: ignore[override]
        for key, data in self._query("SELECT id, json FROM programs ORDER BY doc", ()).fetchall():
            program = self._loaded.get(key)
            yield program if program is not None else schema.decode(Program, json.loads(data))

    def _query(self, sql: str, args: Iterable[Any]) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, tuple(args))
        except sqlite3.DatabaseError as exc:
            raise DataError(
                [f"the catalog cache is damaged ({exc}); delete it or run again to rebuild"]
            ) from None


class StoredIndex(Index):
    """The search index kept in the cache: the vocabulary in one text, postings per word."""

    def __init__(self, db: sqlite3.Connection, meta: dict[str, Any]) -> None:
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
