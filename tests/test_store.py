"""The derived cache: used when fresh, rebuilt when stale, damaged or foreign, never trusted blindly."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from microcred import catalog, paths, store
from microcred.search import MemoryIndex

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def setup(tmp_path):
    data = tmp_path / "catalog"
    shutil.copytree(MINI, data)
    cache = tmp_path / "cache" / "catalog.sqlite3"
    return data, cache


def open_(data: Path, cache: Path):
    rebuilt = []

    def progress(total: int):
        rebuilt.append(total)

    loaded = store.open_catalog(paths.layer_files((), bundled=data), cache, progress)
    return loaded, bool(rebuilt)


def test_cache_is_built_then_used(setup):
    data, cache = setup
    first, rebuilt = open_(data, cache)
    assert rebuilt and cache.exists()
    second, rebuilt = open_(data, cache)
    assert not rebuilt
    assert isinstance(second.programs, store.StoredPrograms)
    assert dict(second.programs) == dict(catalog.load(bundled=data).programs)
    assert second.platforms == first.platforms
    assert second.currencies == first.currencies


def test_stored_index_ranks_like_the_memory_index(setup):
    data, cache = setup
    open_(data, cache)
    cached, _ = open_(data, cache)
    memory = MemoryIndex(catalog.load(bundled=data))
    for query in ("python", "pyhton", "machine lerning", "data science", "harvardx", "micromasters"):
        stored_hits = [(h.id, h.score) for h in cached.index.search(query)[0]]
        memory_hits = [(h.id, h.score) for h in memory.search(query)[0]]
        assert stored_hits == memory_hits, query


def test_changed_source_is_rebuilt(setup):
    data, cache = setup
    open_(data, cache)
    programs = data / "programs" / "mini.yaml"
    programs.write_text(programs.read_text().replace("Python for Everybody", "Python for All"))
    loaded, rebuilt = open_(data, cache)
    assert rebuilt
    assert loaded.programs["alpha-python"].title == "Python for All"


def test_touched_but_unchanged_source_is_not_rebuilt(setup):
    data, cache = setup
    open_(data, cache)
    programs = data / "programs" / "mini.yaml"
    os.utime(programs, ns=(programs.stat().st_atime_ns, programs.stat().st_mtime_ns + 10**9))
    _, rebuilt = open_(data, cache)
    assert not rebuilt


def test_new_or_removed_file_is_rebuilt(setup):
    data, cache = setup
    open_(data, cache)
    (data / "programs" / "extra.yaml").write_text("[]\n")
    assert open_(data, cache)[1]
    (data / "programs" / "extra.yaml").unlink()
    assert open_(data, cache)[1]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b"garbage" * 100, id="garbage"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b[:100] + bytes(len(b) - 100), id="zeroed-pages"),
    ],
)
def test_damaged_cache_is_rebuilt(setup, damage):
    data, cache = setup
    open_(data, cache)
    cache.write_bytes(damage(cache.read_bytes()))
    loaded, rebuilt = open_(data, cache)
    assert rebuilt
    assert loaded.programs["beta-tinyml"].cost.price.amount == 537


def test_foreign_or_tampered_cache_is_rebuilt(setup):
    data, cache = setup
    open_(data, cache)
    db = sqlite3.connect(cache)
    db.execute("UPDATE meta SET value = 'someone-else' WHERE key = 'format'")
    db.commit()
    db.close()
    assert open_(data, cache)[1]


def test_cache_holds_json_not_pickle(setup):
    data, cache = setup
    open_(data, cache)
    db = sqlite3.connect(cache)
    for (text,) in db.execute("SELECT json FROM programs"):
        assert isinstance(json.loads(text), dict)
    db.close()


def test_unwritable_cache_directory_still_works(setup):
    data, _cache = setup
    blocker = data.parent / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    loaded, rebuilt = open_(data, blocker / "catalog.sqlite3")
    assert rebuilt
    assert "alpha-python" in loaded.programs
