"""CSV: every column a view declares for CSV, plain numbers, cells a spreadsheet will not run."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from . import cell
from .safe import safe

if TYPE_CHECKING:
    from . import View


def render(view: View) -> str:
    columns = [c for c in view.columns if c.csv]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for item in view.items if view.export is None else view.export:
        writer.writerow([_cell(c.get(item)) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    text = str(value) if isinstance(value, float) else safe(cell(value))
    # A spreadsheet runs a cell that starts with one of these as a formula; numbers are left alone.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not isinstance(value, (int, float)):
        return "'" + text
    return text
