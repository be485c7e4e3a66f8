"""Write a file whole or not at all: a temp file in the same directory, then one rename.

A reader (or a crash) sees the old file or the new one, never half of one. The temp file's
name starts with a dot and ends in `.tmp`, so the catalog loader never picks it up.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


class FileExists(Exception):
    """The destination exists and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} exists")
        self.path = path


@contextlib.contextmanager
def atomic_write(path: Path, *, replace: bool = False, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Yield a text stream; on a clean exit it becomes `path`, on an exception it vanishes.

    Without `replace`, an existing `path` is never overwritten (raises FileExists), even if it
    appeared while the temp file was being written.
    """
    if not replace and path.exists():
        raise FileExists(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        _set_mode(tmp, path)
        if replace:
            tmp.replace(path)
        else:
            _rename_no_clobber(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _rename_no_clobber(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)  # fails if `path` exists: no window between a check and the rename
    except FileExistsError:
        raise FileExists(path) from None
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExists(path) from None
        tmp.replace(path)
        return
    tmp.unlink()


def _set_mode(tmp: Path, path: Path) -> None:
    """mkstemp makes 0600 files; give the new file the old one's mode, or the umask's default."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp.chmod(mode)
