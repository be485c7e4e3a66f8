"""How a typed result is named when printed as JSON: field metadata that the one encoder reads.

Core results are frozen dataclasses of data only. A field may be renamed (`total` is printed as
`total_cost`), flattened into its parent (a program's fields beside its cost), left out, shown
as something simpler (a plan by its id) or rounded. The encoder is in present/json_format.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def out(
    *,
    name: str | None = None,
    flatten: bool = False,
    skip: bool = False,
    digits: int | None = None,
    shown_as: Callable[[Any], Any] | None = None,
) -> dict[str, Any]:
    """A result field's JSON treatment, as `dataclasses.field(metadata=out(...))`."""
    return {"json": {"name": name, "flatten": flatten, "skip": skip, "digits": digits, "shown_as": shown_as}}
