"""Every place microcred reads or writes outside its package, in one module.

MICROCRED_HOME moves all of them (tests point it at a temporary directory); otherwise the
platform's conventions: XDG on Linux, ~/Library on macOS, %APPDATA% on Windows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path


def bundled_data() -> Path:
    """The bundled catalog; MICROCRED_CATALOG replaces it (for tests, or a catalog of one's own).

    The loader and the cache need paths they can stat. Installed on a file system, the package's
    data is the directory beside this module; anything else (a zip) goes through
    importlib.resources, which extracts it for the run. Importing importlib.resources costs
    ~9 ms at every start, so it is done only then.
    """
    override = os.environ.get("MICROCRED_CATALOG")
    if override:
        return Path(override).expanduser()
    here = Path(__file__).with_name("data")
    if here.is_dir():
        return here
    return _extracted()


def _extracted() -> Path:
    import atexit
    from contextlib import ExitStack
    from importlib.resources import as_file, files

    stack = ExitStack()
    atexit.register(stack.close)
    return stack.enter_context(as_file(files("microcred") / "data"))


def _home() -> Path | None:
    value = os.environ.get("MICROCRED_HOME")
    return Path(value).expanduser() if value else None


def user_data() -> Path:
    """Where the user's own catalog files live (merged over the bundled catalog)."""
    home = _home()
    if home is not None:
        return home / "data"
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "microcred"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "microcred"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "microcred"


def user_cache() -> Path:
    """Derived files only (safe to delete)."""
    home = _home()
    if home is not None:
        return home / "cache"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "microcred" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "microcred"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "microcred"


# Files at a catalog directory's top that are not catalog records: the skills mapping that
# skillmap.py reads (the project's own skills and program skill → ESCO concept).
NOT_CATALOG = frozenset({"skills.yaml", "skill-map.yaml"})


def catalog_files(root: Path) -> list[Path]:
    """The YAML files of one catalog directory, in a stable order."""
    if not root.is_dir():
        return []
    found = [
        p
        for p in root.rglob("*")
        if p.suffix in (".yaml", ".yml")
        and not p.name.startswith(".")
        and not (p.parent == root and p.name in NOT_CATALOG)
    ]
    return sorted(found)


def layer_files(user_dirs: Sequence[Path] = (), bundled: Path | None = None) -> list[tuple[Path, bool]]:
    """(file, is the user's) for the bundled catalog, then each user directory over it."""
    layers = [(bundled or bundled_data(), False)] + [(d, True) for d in user_dirs]
    return [(f, user) for root, user in layers for f in catalog_files(root)]
