"""What every importer shares: its output types, the file-level error, and a careful CSV reader."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from ..errors import UsageError
from .cleaning import FieldGuesser


class BadExport(UsageError):
    """The input as a whole cannot be imported (wrong format, truncated, binary, empty)."""


class WrongShape(BadExport):
    """The file is well-formed but of another shape than the format asked for: the fields it
    has are not the ones this format needs (the pipeline adds the formats that exist)."""

    def __init__(self, what: str, seen: Sequence[str], needs: Sequence[str]) -> None:
        shown = ", ".join(seen[:12]) + (", …" if len(seen) > 12 else "") if seen else "none"
        super().__init__(f"this is not {what}: its fields are {shown}; {what} has {', '.join(needs)}")
        self.seen = list(seen)
        self.needs = list(needs)


def check_fields(item: Any, what: str, needs: Sequence[str], enough: int | None = None) -> None:
    """Refuse a JSON export whose first item lacks the fields the format needs (at least
    `enough` of `needs`, all by default), before any row is read."""
    if not isinstance(item, dict):
        return  # a stray non-object is one rejected row, not a verdict on the file
    present = sum(1 for name in needs if name in item)
    if present < (len(needs) if enough is None else enough):
        raise WrongShape(what, [str(k) for k in item], needs)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A row that became a program record (in the schema's key order, without its id yet)."""

    line: int
    title: str
    provider: str
    record: dict[str, Any]
    where: str = ""  # for JSON: the list and index, e.g. "degrees[3]"
    url: str | None = None  # the program's own page in the export, when it gives one (its identity)


@dataclass(frozen=True, slots=True)
class Reject:
    """A row that cannot be imported, and why (`reason` is short and stable, for counting)."""

    line: int
    reason: str
    title: str | None = None
    where: str = ""
    provider: str | None = None  # with the title, recognises an incomplete repeat of a program


Row = Candidate | Reject


@dataclass
class Context:
    """What an importer may consult: the catalog's fields and currencies, and a place for
    notes about the whole file (the layout it found, what it assumed)."""

    fields: FieldGuesser
    currencies: frozenset[str]
    notes: list[str] = field(default_factory=list)


def missing_reason(**values: object) -> str | None:
    """`missing credential type, duration` for the required values that are None, else None."""
    absent = [name.replace("_", " ") for name, value in values.items() if value is None]
    return f"missing {', '.join(absent)}" if absent else None


def _int(text: str) -> int | float:
    # Python refuses to read integers of more than 4,300 digits; none is a real figure.
    return int(text) if len(text) <= 40 else float("inf")


def json_items(stream: TextIO) -> Iterator[tuple[str | None, int | None, Any]]:
    """(member, index, item) for a JSON export: for a top-level list, (None, i, item); for an
    object, (key, i, item) for each item of each list-valued member, and (key, None, value)
    for the others. The standard json module reads the whole file: exports are megabytes."""
    data = json.load(stream, parse_int=_int)
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield None, i, item
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list):
                for i, item in enumerate(value):
                    yield str(key), i, item
            else:
                yield str(key), None, value
    else:
        raise BadExport(f"expected a JSON object or list, got {type(data).__name__}")


def csv_rows(stream: TextIO) -> Iterator[tuple[int, list[str] | Reject]]:
    """(first line of the row, its cells) for each row, header included; a malformed row
    becomes a Reject. An unterminated quote at the end is a truncated file: BadExport."""
    reader = csv.reader(stream, strict=True)
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start, previous = previous + 1, reader.line_num
            message = str(exc)
            if "unexpected end of data" in message:
                raise BadExport(
                    f"line {start}: a quoted field is never closed (unterminated quote): "
                    "the file looks truncated"
                ) from None
            if "field larger than field limit" in message:
                raise BadExport(
                    f"line {start}: a field runs on for more than {csv.field_size_limit():,} "
                    "characters: an unbalanced quote?"
                ) from None
            yield start, Reject(start, f"malformed CSV ({message})")
            continue
        start, previous = previous + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells


def csv_header(stream: TextIO, what: str) -> tuple[list[str], Iterator[tuple[int, list[str] | Reject]]]:
    """(header cells, the data rows after it) of a CSV export; BadExport if it has no usable header."""
    rows = csv_rows(stream)
    first = next(rows, None)
    if first is None:
        raise BadExport("the file is empty")
    _, header = first
    if isinstance(header, Reject):
        raise BadExport(f"line 1: the header is not valid CSV ({header.reason})")
    wrong = not_csv(header, what)
    if wrong is not None:
        raise wrong
    return header, rows


def by_column(
    rows: Iterator[tuple[int, list[str] | Reject]],
    width: int,
    columns: dict[str, int],
    convert: Callable[[int, dict[str, str], Context], Candidate | Reject],
    context: Context,
) -> Iterator[Candidate | Reject]:
    """Each data row as {column name: cell} to `convert`; a row of the wrong width is rejected."""
    for line, cells in rows:
        if isinstance(cells, Reject):
            yield cells
        elif len(cells) != width:
            yield Reject(line, f"expected {width} columns, found {len(cells)}")
        else:
            yield convert(line, {name: cells[i] for name, i in columns.items()}, context)


def header_columns(cells: Sequence[str], required: Sequence[str]) -> dict[str, int] | None:
    """Column index by normalised name, or None when the required columns are not all there."""
    columns = {cell.strip().lower(): i for i, cell in enumerate(cells) if cell.strip()}
    return columns if all(name in columns for name in required) else None


def not_csv(first: Sequence[str], what: str) -> BadExport | None:
    """A clear error for JSON (or another format) handed to a CSV importer."""
    text = ",".join(first).lstrip()
    if text.startswith(("{", "[")):
        return BadExport(
            f"this is JSON, not {what}",
            hint="for JSON exports use udacity-json or futurelearn-json",
        )
    return None
