"""What an unexpected error leaves behind: a report file with the whole traceback.

The run itself prints one line (what failed, where, and this file's path) and exits with
ExitCode.BUG, so a script can tell a bug from "nothing found" and a person has what a bug
report needs. The report goes to the cache directory (derived files, safe to delete), under a
fresh name from mkstemp, so nothing planted there is written through.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from . import __version__


@dataclass(frozen=True)
class Crash:
    kind: str  # the exception's class name
    where: str  # the innermost microcred frame: "store.py:123 in _open"
    report: Path | None  # None when no report could be written
    why_no_report: str | None = None


def where(exc: BaseException) -> str:
    """The innermost frame in microcred's own code (else the innermost at all)."""
    frames = traceback.extract_tb(exc.__traceback__)
    package = str(Path(__file__).parent)
    ours = [f for f in frames if f.filename.startswith(package)] or frames
    if not ours:
        return "?"
    frame = ours[-1]
    name = Path(frame.filename)
    shown = name.relative_to(Path(package).parent) if name.is_relative_to(Path(package).parent) else name
    return f"{shown}:{frame.lineno} in {frame.name}"


def record(exc: BaseException, directory: Path, argv: list[str]) -> Crash:
    """Write the report for `exc` into `directory` and say what the run should print."""
    kind = type(exc).__name__
    at = where(exc)
    text = "".join(
        [
            f"microcred {__version__} on Python {platform.python_version()} ({sys.platform})\n",
            f"{time.strftime('%Y-%m-%d %H:%M:%S %z')}\n",
            f"arguments: {argv!r}\n\n",
            *traceback.format_exception(type(exc), exc, exc.__traceback__),
        ]
    )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            dir=directory, prefix=f"crash-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".txt"
        )
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as out:
            out.write(text)
    except OSError as error:
        return Crash(kind, at, None, error.strerror or str(error))
    return Crash(kind, at, Path(name))
