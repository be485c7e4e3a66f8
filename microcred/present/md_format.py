"""Markdown: the table, its charts as lists, and its notes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import shown
from .safe import safe_line

if TYPE_CHECKING:
    from . import View


def render(view: View) -> str:
    columns = [c for c in view.columns if c.table]
    lines = []
    if view.title:
        lines += [f"## {_md(view.title)}", ""]
    lines.append("| " + " | ".join(_md(c.header) for c in columns) + " |")
    lines.append("|" + "|".join("---:" if c.right else "---" for c in columns) + "|")
    for item in view.items if view.export is None else view.export:
        lines.append("| " + " | ".join(_md(shown(c.get(item), c)) for c in columns) + " |")
    for chart in view.charts:
        lines += ["", f"**{_md(chart.title)}**", ""]
        lines += [f"- {_md(label)}: {_md(text)}" for label, _value, text in chart.bars]
    if view.notes:
        lines.append("")
        lines += [f"- {_md(note)}" for note in view.notes]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", safe_line(text))
