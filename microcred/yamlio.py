"""The one YAML reader: safe, with line numbers and duplicate-key detection.

Files are composed into nodes (by libyaml where present) and converted here, so that every
value keeps its line, a duplicate key is an error instead of a silent overwrite, and no tag
can build a Python object. Aliases are refused: catalog files have no use for them, and they
are how a small file expands into a huge one ("billion laughs").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
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


_BOOLS = {
    "true": True,
    "false": False,
    "yes": True,
    "no": False,
    "on": True,
    "off": False,
    "y": True,
    "n": False,
}


class _Converter:
    def __init__(self, offset: int = 0) -> None:
        self._scalars = yaml.constructor.SafeConstructor()
        self._seen: set[int] = set()
        self._offset = offset  # lines before the text that was parsed (a chunk of a larger file)

    def line(self, node: Node) -> int:
        return node.start_mark.line + 1 + self._offset

    def value(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise YamlProblem(self.line(node), f"nested deeper than {MAX_DEPTH} levels")
        if id(node) in self._seen:
            raise YamlProblem(self.line(node), "aliases (*name) are not allowed in catalog files")
        self._seen.add(id(node))
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _STD + "seq":
                raise YamlProblem(self.line(node), f"tag {node.tag!r} is not allowed")
            seq = Seq(self.value(item, depth + 1) for item in node.value)
            seq.line = self.line(node)
            seq.item_lines = [self.line(item) for item in node.value]
            return seq
        if isinstance(node, MappingNode):
            if node.tag != _STD + "map":
                raise YamlProblem(self.line(node), f"tag {node.tag!r} is not allowed")
            mapping = Map()
            mapping.line = self.line(node)
            mapping.key_lines = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == _STD + "merge":
                    raise YamlProblem(self.line(key_node), "keys must be plain names")
                key = str(key_node.value)
                line = self.line(key_node)
                if key in mapping.key_lines:
                    raise YamlProblem(line, f"{key}: duplicate key (first on line {mapping.key_lines[key]})")
                mapping.key_lines[key] = line
                mapping[key] = self.value(value_node, depth + 1)
            return mapping
        raise YamlProblem(self.line(node), "unsupported YAML node")  # pragma: no cover

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        # Fast paths for the common plain forms; anything unusual goes to PyYAML's constructor.
        if tag == _STD + "str":
            return text
        if tag == _STD + "int" and text.isdigit():
            return int(text)
        if tag == _STD + "null":
            return None
        if tag == _STD + "bool" and text.lower() in _BOOLS:
            return _BOOLS[text.lower()]
        if tag == _STD + "timestamp" and len(text) == 10:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return text  # looks like a date but is not one (2022-13-45): the schema says which field
        if tag not in _SCALAR_TAGS:
            raise YamlProblem(self.line(node), f"tag {tag!r} is not allowed")
        try:
            return self._scalars.construct_object(node)
        except (yaml.YAMLError, ValueError):
            return text


def parse(text: str | bytes, offset: int = 0) -> Any:
    """Parse one YAML document into plain values with line numbers (Map, Seq, scalars)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark is not None else 0
        raise YamlProblem(line, f"not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(0, f"not valid YAML: {exc}") from None
    if node is None:
        return None
    return _Converter(offset).value(node)


def decode(data: bytes) -> str:
    if b"\x00" in data:
        raise YamlProblem(0, "binary file (contains NUL bytes), not YAML")
    try:
        return data.decode("utf-8-sig")  # a BOM is harmless: drop it
    except UnicodeDecodeError as exc:
        raise YamlProblem(data.count(b"\n", 0, exc.start) + 1, "not UTF-8 text") from None


_ITEM = re.compile(r"^- ", re.MULTILINE)
_TOP_LEVEL = re.compile(r"^[^\s#-]", re.MULTILINE)


def split_items(text: str, chunk: int = 2000) -> list[tuple[str, int, int]] | None:
    """The text of a top-level block list cut into pieces of `chunk` items: (piece, lines
    before it, end offset). None when the text has another shape (parse it whole).

    A line that starts with "- " at column 0 always begins a new item of a top-level block
    list, so the text can be cut there and the pieces parsed apart (even in parallel).
    """
    starts = [m.start() for m in _ITEM.finditer(text)]
    if not starts:
        return None
    head = text[: starts[0]]
    if _TOP_LEVEL.search(head) or _TOP_LEVEL.search(text, starts[0]):
        return None
    parse(head)  # comments or a document marker only; still refuse anything odd in it
    pieces = []
    line = text.count("\n", 0, starts[0])
    for i in range(0, len(starts), chunk):
        begin = starts[i]
        end = starts[i + chunk] if i + chunk < len(starts) else len(text)
        piece = text[begin:end]
        pieces.append((piece, line, end))
        line += piece.count("\n")
    return pieces


def iter_items(
    path: Path, chunk: int = 2000, progress: Callable[[int], None] | None = None
) -> Iterator[tuple[Any, int]]:
    """The top-level list's items with their lines, parsed `chunk` items at a time, so a large
    catalog is never held as one node tree. Any other shape (a mapping, a flow list) is parsed
    whole and yielded as one value with line 0. `progress` gets the characters done."""
    text = decode(path.read_bytes())
    pieces = split_items(text, chunk)
    if pieces is None:
        yield parse(text), 0
        if progress:
            progress(len(text))
        return
    for piece, offset, end in pieces:
        items = parse(piece, offset)
        if items is not None:
            yield from zip(items, items.item_lines, strict=True)
        if progress:
            progress(end)


def read(path: Path) -> Any:
    """Read and parse a YAML file; raises YamlProblem or OSError."""
    return parse(decode(path.read_bytes()))
