"""The one error type and the exit codes the CLI maps it to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1  # nothing found, or a domain error (nothing fits the budget, ...)
    USAGE = 2  # bad arguments, or bad data files
    INTERRUPTED = 130


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
