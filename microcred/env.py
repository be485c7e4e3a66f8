"""What a run sees of the world: its streams, whether they are terminals, and its directories.

One object, made once per run from the process (`Environment.from_process`) and handed to the
commands through the CLI's context, so tests can pass their own (streams they read back,
a directory of their own) instead of patching globals.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

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
        return cls(
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
        )

    @property
    def width(self) -> int | None:
        """The terminal's width when COLUMNS says it (Rich asks the terminal otherwise)."""
        try:
            value = int(os.environ.get("COLUMNS", ""))
        except ValueError:
            return None
        return value if value > 0 else None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
