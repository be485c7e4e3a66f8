"""The one presenter: a view (columns declared once, the items, the data for JSON) in, every
format out. Table (Rich, imported only for tables), CSV, Markdown and JSON each live in a
module of their own and are imported only when asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .safe import safe, safe_line

if TYPE_CHECKING:
    from ..env import Environment

__all__ = ["Chart", "Column", "View", "emit", "message", "safe", "safe_line", "write"]


@dataclass(frozen=True)
class Column:
    """One column of a view: its stable name (CSV header), its header for people, and how to
    get its value from an item."""

    key: str
    header: str
    get: Callable[[Any], Any]
    right: bool = False  # numbers align right
    spec: str | None = None  # a format for numbers in tables and Markdown, e.g. ",.2f"
    sub: Callable[[Any], Any] | None = None  # a second, dimmer line in the same table cell
    table: bool = True  # shown in tables and Markdown
    csv: bool = True  # written to CSV
    max_width: int | None = None
    min_width: int | None = None
    no_wrap: bool = False


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[tuple[str, float, str]]  # (label, value, value as text)


@dataclass
class View:
    """What a command shows: items under columns, and the data printed as JSON."""

    columns: Sequence[Column]
    items: Sequence[Any]
    data: Any  # the result (or the part of it) that JSON prints
    title: str | None = None
    notes: list[str] = field(default_factory=list)  # under a table or Markdown; to stderr with CSV
    charts: list[Chart] = field(default_factory=list)
    show_header: bool = True
    # Rows for CSV and Markdown when they carry more than the table (which says it in notes).
    export: Sequence[Any] | None = None


def emit(view: View, fmt: str, env: Environment) -> None:
    """Render the view in one format and write it to stdout at once (as the stream can encode
    it); CSV's notes go to stderr."""
    from . import streams

    if fmt == "json":
        from .json_format import dumps

        text = dumps(view.data, ascii_only=not streams.unicode_ok(env.stdout)) + "\n"
    elif fmt == "csv":
        from .csv_format import render as render_csv

        text = render_csv(view)
    elif fmt == "md":
        from .md_format import render as render_md

        text = render_md(view)
    else:
        from . import table_format

        text = table_format.render(view, env)
    streams.write(env.stdout, text)
    if fmt == "csv":
        for note in view.notes:
            message(env, note)


def write(env: Environment, text: str) -> None:
    """Plain text as a command's output (data validate's lines), through the same path."""
    from . import streams

    streams.write(env.stdout, text)


def message(env: Environment, text: str) -> None:
    """A note or warning for people, on stderr (never mixed into data on stdout)."""
    from . import streams

    streams.write_message(env.stderr, safe(text) + "\n")


def cell(value: Any) -> str:
    """A value as the text of a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    return str(value)


def shown(value: Any, column: Column) -> str:
    """A cell for people: numbers formatted by the column's spec."""
    if column.spec and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(value, column.spec)
    return cell(value)
