"""The only module that knows about Rich: tables, bars, and JSON/CSV/Markdown for scripts.

Every string that came from a data file goes through `safe` before it reaches a terminal, so a
catalog cannot colour, move the cursor, hide text or reorder it. Rich is imported only for
tables, so `--format json` never pays for it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

FORMATS = ("table", "json", "csv", "md")

# C0/C1 controls (ESC starts terminal sequences), bidi overrides, zero-width characters, and
# lone surrogates (bytes of an argument that was not UTF-8, which could not even be printed).
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object) -> str:
    """Text from data, made inert for a terminal: invisible and control characters escaped."""
    return _UNSAFE.sub(_escape, str(text))


def safe_line(text: object) -> str:
    """As `safe`, on one line (newlines and tabs escaped too)."""
    return safe(str(text).replace("\r\n", "\n")).replace("\n", "\\n").replace("\t", "\\t")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    right: bool = False  # numbers align right
    max_width: int | None = None
    no_wrap: bool = False
    sub_key: str | None = None  # a second, dimmer line in the same table cell
    min_width: int | None = None
    spec: str | None = None  # a format spec for numbers in tables and Markdown, e.g. ",.2f"


@dataclass
class Output:
    """What a command shows: rows for a table/CSV/Markdown, a payload for JSON."""

    columns: list[Column]
    rows: list[dict[str, Any]]
    payload: Any  # the JSON document
    title: str | None = None
    notes: list[str] = field(default_factory=list)  # shown under a table or Markdown, to stderr for CSV
    charts: list[Chart] = field(default_factory=list)
    csv_keys: list[str] | None = None  # CSV columns (stable field names); default: the table's
    show_header: bool = True


@dataclass
class Chart:
    title: str
    bars: list[tuple[str, float, str]]  # (label, value, value as text)


def emit(output: Output, fmt: str) -> None:
    if fmt == "json":
        write(to_json(output.payload) + "\n")
    elif fmt == "csv":
        write(to_csv(output.csv_keys or [c.key for c in output.columns], output.rows))
    elif fmt == "md":
        write(to_markdown(output))
    else:
        print_table(output)


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def to_json(payload: Any) -> str:
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    # Still valid JSON that decodes to the same strings, but inert when printed to a terminal.
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def _shown(value: Any, column: Column) -> str:
    """A cell for people: numbers formatted by the column's spec; CSV keeps plain numbers."""
    if column.spec and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(value, column.spec)
    return _cell(value)


def to_csv(keys: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([_csv_cell(row.get(key)) for key in keys])
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    text = str(value) if isinstance(value, float) else safe(_cell(value))
    # A spreadsheet runs a cell that starts with one of these as a formula; numbers are left alone.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not isinstance(value, (int, float)):
        return "'" + text
    return text


def to_markdown(output: Output) -> str:
    lines = []
    if output.title:
        lines += [f"## {_md(output.title)}", ""]
    lines.append("| " + " | ".join(_md(c.header) for c in output.columns) + " |")
    lines.append("|" + "|".join("---:" if c.right else "---" for c in output.columns) + "|")
    for row in output.rows:
        lines.append("| " + " | ".join(_md(_shown(row.get(c.key), c)) for c in output.columns) + " |")
    for chart in output.charts:
        lines += ["", f"**{_md(chart.title)}**", ""]
        lines += [f"- {_md(label)}: {_md(text)}" for label, _value, text in chart.bars]
    if output.notes:
        lines.append("")
        lines += [f"- {_md(note)}" for note in output.notes]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", safe_line(text))


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    # Rich itself honours NO_COLOR, TERM=dumb and a stdout that is not a terminal.
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False)


def print_table(output: Output) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out = console()
    table = Table(
        title=Text(safe_line(output.title), style="bold") if output.title else None,
        box=box.SIMPLE_HEAD,
        show_header=output.show_header,
    )
    for column in output.columns:
        table.add_column(
            Text(column.header),
            justify="right" if column.right else "left",
            max_width=column.max_width,
            min_width=column.min_width,
            no_wrap=column.no_wrap,
            overflow="fold",
        )
    for row in output.rows:
        cells = []
        for c in output.columns:
            cell = Text(safe_line(_shown(row.get(c.key), c)))
            if c.sub_key and row.get(c.sub_key):
                cell.append("\n" + safe_line(_cell(row.get(c.sub_key))), style="dim")
            cells.append(cell)
        table.add_row(*cells)
    out.print(table)
    for chart in output.charts:
        print_chart(out, chart)
    for note in output.notes:
        out.print(Text(safe(note), style="dim"))


def print_chart(out: Any, chart: Chart) -> None:
    """Horizontal bars in proportion to the largest value; fits the terminal's width."""
    from rich.text import Text

    if not chart.bars:
        return
    label_width = min(max(len(safe_line(label)) for label, _, _ in chart.bars), 28)
    value_width = max(len(text) for _, _, text in chart.bars)
    room = max(out.width - label_width - value_width - 4, 10)
    largest = max(value for _, value, _ in chart.bars) or 1
    out.print(Text(chart.title, style="bold"))
    for label, value, text in chart.bars:
        length = value / largest * room
        bar = "█" * int(length) + ("▌" if length - int(length) >= 0.5 else "")
        if value > 0 and not bar:
            bar = "▏"
        line = Text(f"{safe_line(label)[:label_width]:<{label_width}}  ")
        line.append(bar, style="cyan")
        line.append(f" {text}")
        out.print(line, no_wrap=True, overflow="crop")
    out.print()


def message(text: str) -> None:
    """A note or warning for people, on stderr (never mixed into data on stdout)."""
    sys.stderr.write(safe(text) + "\n")


def money_text(amount: float | None, currency: str) -> str:
    return "unknown" if amount is None else f"{amount:,.2f} {currency}"
