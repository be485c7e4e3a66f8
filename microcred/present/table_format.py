"""Tables for people (Rich): the only module that knows about Rich."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import Chart, cell, shown
from .safe import safe, safe_line

if TYPE_CHECKING:
    from ..env import Environment
    from . import View


def console(env: Environment, stderr: bool = False) -> Any:
    from rich.console import Console

    # Rich itself honours NO_COLOR, TERM=dumb and a stream that is not a terminal.
    return Console(file=env.stderr if stderr else env.stdout, highlight=False, emoji=False, markup=False)


def render(view: View, env: Environment) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out = console(env)
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
