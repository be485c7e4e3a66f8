"""Values read from a file that remember the lines they came from (for `file:line` problems).

Kept apart from the YAML reader so that validation can name them without importing YAML.
"""

from __future__ import annotations

from typing import Any


class Map(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Seq(list[Any]):
    """A YAML sequence that remembers its own line and each item's line."""

    line: int
    item_lines: list[int]
