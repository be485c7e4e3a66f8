"""The one YAML reader: safe, with line numbers and duplicate-key detection.

Files are composed into nodes (by libyaml where present) and converted here, so that every
value keeps its line, a duplicate key is an error instead of a silent overwrite, and no tag
can build a Python object. Aliases are refused: catalog files have no use for them, and they
are how a small file expands into a huge one ("billion laughs").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback when libyaml is missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
MAX_DEPTH = 32  # catalog records nest three or four levels; deeper is a broken or hostile file


class YamlProblem(Exception):
    """A file that cannot be read as catalog YAML at all; `line` is 1-based or 0."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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


class _Converter:
    def __init__(self) -> None:
        self._scalars = yaml.constructor.SafeConstructor()
        self._seen: set[int] = set()

    def value(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise YamlProblem(_line(node), f"nested deeper than {MAX_DEPTH} levels")
        if id(node) in self._seen:
            raise YamlProblem(_line(node), "aliases (*name) are not allowed in catalog files")
        self._seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise YamlProblem(_line(node), f"tag {node.tag!r} is not allowed")
            try:
                return self._scalars.construct_object(node)
            except (yaml.YAMLError, ValueError):
                # Looks like a date but is not one (2022-13-45): keep the text, so the schema
                # can say which field is wrong.
                return node.value
        if isinstance(node, SequenceNode):
            if node.tag != _STD + "seq":
                raise YamlProblem(_line(node), f"tag {node.tag!r} is not allowed")
            seq = Seq(self.value(item, depth + 1) for item in node.value)
            seq.line = _line(node)
            seq.item_lines = [_line(item) for item in node.value]
            return seq
        if isinstance(node, MappingNode):
            if node.tag != _STD + "map":
                raise YamlProblem(_line(node), f"tag {node.tag!r} is not allowed")
            mapping = Map()
            mapping.line = _line(node)
            mapping.key_lines = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == _STD + "merge":
                    raise YamlProblem(_line(key_node), "keys must be plain names")
                key = str(key_node.value)
                if key in mapping.key_lines:
                    raise YamlProblem(
                        _line(key_node),
                        f"{key}: duplicate key (first on line {mapping.key_lines[key]})",
                    )
                mapping.key_lines[key] = _line(key_node)
                mapping[key] = self.value(value_node, depth + 1)
            return mapping
        raise YamlProblem(_line(node), "unsupported YAML node")  # pragma: no cover


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def parse(text: str | bytes) -> Any:
    """Parse one YAML document into plain values with line numbers (Map, Seq, scalars)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise YamlProblem(line, f"not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(0, f"not valid YAML: {exc}") from None
    if node is None:
        return None
    return _Converter().value(node)


def read(path: Path) -> Any:
    """Read and parse a YAML file; raises YamlProblem or OSError."""
    data = path.read_bytes()
    if b"\x00" in data:
        raise YamlProblem(0, "binary file (contains NUL bytes), not YAML")
    try:
        text = data.decode("utf-8-sig")  # a BOM is harmless: drop it
    except UnicodeDecodeError as exc:
        raise YamlProblem(data.count(b"\n", 0, exc.start) + 1, "not UTF-8 text") from None
    return parse(text)
