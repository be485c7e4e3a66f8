"""What a run sees of the world: its streams, whether they are terminals, and its directories.

One object, made once per run from the process (`Environment.from_process`) and handed to the
commands through the CLI's context, so tests can pass their own (streams they read back,
a directory of their own) instead of patching globals.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, cast

from . import paths


@dataclass
class Environment:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    bundled: Path = field(default_factory=paths.bundled_data)
    user_data: Path = field(default_factory=paths.user_data)
    cache: Path = field(default_factory=paths.user_cache)
    extra_data: list[Path] = field(default_factory=list)  # --data directories, in the order given

    @classmethod
    def from_process(cls) -> Environment:
        # Started with a stream closed (`>&-`), Python has None for it: writing data there is
        # an error the run reports (exit 74); messages to a closed stderr are simply lost.
        stdout = sys.stdout if sys.stdout is not None else cast(TextIO, _Closed())
        stderr = sys.stderr if sys.stderr is not None else cast(TextIO, _Closed())
        return cls(
            stdout=stdout,
            stderr=stderr,
            stdout_isatty=_isatty(stdout),
            stderr_isatty=_isatty(stderr),
        )

    @property
    def width(self) -> int | None:
        """The terminal's width when COLUMNS says it (Rich asks the terminal otherwise)."""
        try:
            value = int(os.environ.get("COLUMNS", ""))
        except ValueError:
            return None
        return value if value > 0 else None


class _Closed(io.TextIOBase):
    """A stream the process was started without: every write fails as the system's would."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "the stream was closed when microcred started (>&-)")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
