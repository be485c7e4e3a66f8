"""The one error type and the exit codes the CLI maps it to.

Exit codes (the README's list is this one):
  0    done
  1    nothing found, or a domain error (an unknown id, nothing within the budget)
  2    a usage or data error (bad arguments, bad catalog files, a path that cannot be used)
  70   a bug in microcred: an unexpected error; one line on stderr says where a report is
  74   a file or the output could not be written (disk full, read-only, stdout closed)
  130  interrupted (Ctrl-C)
A reader that stops early (`| head`) is not an error: the run exits 0.
"""

from __future__ import annotations

import os
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1  # nothing found, or a domain error (nothing fits the budget, ...)
    USAGE = 2  # bad arguments, or bad data files
    BUG = 70  # sysexits' EX_SOFTWARE: an unexpected exception, with a report written
    IO = 74  # sysexits' EX_IOERR: the system refused a write (ENOSPC, EROFS, EBADF, ...)
    INTERRUPTED = 130


DOCUMENTED = frozenset(int(code) for code in ExitCode)


class MicrocredError(Exception):
    """An expected failure: shown as `Error: message` with no traceback."""

    exit_code: ExitCode = ExitCode.NOT_FOUND

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFoundError(MicrocredError):
    """Nothing matched: an unknown id, an empty search, nothing within the budget."""

    exit_code = ExitCode.NOT_FOUND


class UsageError(MicrocredError):
    """The arguments are wrong (a bad number, an unknown currency, conflicting flags)."""

    exit_code = ExitCode.USAGE


class DataError(MicrocredError):
    """A catalog file is wrong. `problems` holds every `file:line: field: message` found."""

    exit_code = ExitCode.USAGE

    def __init__(self, problems: list[str]) -> None:
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the catalog data"
        super().__init__(head + ":\n" + "\n".join("  " + p for p in problems))
        self.problems = problems


class WriteError(MicrocredError):
    """The system refused to write a file or the output: the path (or stream) and the cause."""

    exit_code = ExitCode.IO

    def __init__(self, target: object, exc: OSError) -> None:
        super().__init__(f"cannot write {target}: {cause(exc)}")
        self.errno = exc.errno


class CacheDamaged(MicrocredError):
    """The catalog cache is damaged and could not be rebuilt in this run."""

    exit_code = ExitCode.IO

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(
            f"the catalog cache {path} is damaged ({reason}) and could not be rebuilt",
            hint="it holds nothing of yours: delete it, and the next run rebuilds it",
        )
        self.path = path
        self.reason = reason


def cause(exc: OSError) -> str:
    """What the system said, in its words ("No space left on device"), without the path."""
    if exc.strerror:
        return exc.strerror
    if exc.errno:
        return os.strerror(exc.errno)
    return str(exc) or type(exc).__name__
