"""Tables for people (Rich): the only module that knows about Rich."""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Any

from . import Chart, cell, shown
from .safe import safe, safe_line

if TYPE_CHECKING:
    from ..env import Environment
    from . import View


MIN_WIDTH = 40


def console(env: Environment, stderr: bool = False, file: Any = None) -> Any:
    from rich.console import Console

    stream = env.stderr if stderr else env.stdout
    # Rich itself honours NO_COLOR, TERM=dumb and a stream that is not a terminal, and reads
    # COLUMNS; a COLUMNS that is no width (0, "abc") means "unknown", not "zero columns".
    # Narrower than MIN_WIDTH, a table has no room for a single letter per column and Rich
    # prints blank lines: the table is drawn at MIN_WIDTH and the terminal wraps it.
    width = env.width
    if width is None and "COLUMNS" in os.environ:
        width = _terminal_width(stream)
    if width is not None:
        width = max(width, MIN_WIDTH)
    return Console(file=file or stream, width=width, highlight=False, emoji=False, markup=False)


def _terminal_width(stream: Any) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError):
        return 80


class _Rendered(io.StringIO):
    """Where Rich writes a table: text kept for the presenter to write, while Rich still sees
    the real stream's terminal, encoding and size."""

    def __init__(self, stream: Any) -> None:
        super().__init__()
        self.stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (AttributeError, ValueError, OSError):
            return False

    def fileno(self) -> int:
        return int(self.stream.fileno())


def render(view: View, env: Environment) -> str:
    """The table, its charts and notes as text (with the terminal's colours, if any): the
    presenter writes it, so that a closed or full stdout is handled in one place."""
    rendered = _Rendered(env.stdout)
    _table(console(env, file=rendered), view)
    return rendered.getvalue()


def _table(out: Any, view: View) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(safe_line(view.title), style="bold") if view.title else None,
        box=box.SIMPLE_HEAD,
        show_header=view.show_header,
    )
    columns = [c for c in view.columns if c.table]
    for column in columns:
        table.add_column(
            Text(column.header),
            justify="right" if column.right else "left",
            max_width=column.max_width,
            min_width=column.min_width,
            no_wrap=column.no_wrap,
            overflow="fold",
        )
    for item in view.items:
        cells = []
        for c in columns:
            text = Text(safe_line(shown(c.get(item), c)))
            second = c.sub(item) if c.sub else None
            if second:
                text.append("\n" + safe_line(cell(second)), style="dim")
            cells.append(text)
        table.add_row(*cells)
    out.print(table)
    for chart in view.charts:
        _chart(out, chart)
    for note in view.notes:
        out.print(Text(safe(note), style="dim"))


def _chart(out: Any, chart: Chart) -> None:
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
