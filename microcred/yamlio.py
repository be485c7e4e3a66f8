"""The one YAML reader: safe, streaming, with line numbers and duplicate-key detection.

libyaml (PyYAML's C parser) turns the file into events, and values are built here from the
events, so that every value keeps its line, a duplicate key is an error instead of a silent
overwrite, and no tag can build a Python object. The items of a top-level list are yielded one
at a time, so a large catalog is never held whole; nothing cuts the text by hand, so every valid
file reads the same however long it is. Aliases are refused: catalog files have no use for
them, and they are how a small file expands into a huge one ("billion laughs"). Numbers are
plain decimals: YAML 1.1's base-60 (`1:30`), hex and octal forms stay text, which the schema
then refuses with the field's name.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import yaml
from yaml import events
from yaml.nodes import ScalarNode

from .lines import Map, Seq

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback when libyaml is missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STD = "tag:yaml.org,2002:"
MAX_DEPTH = 32  # catalog records nest three or four levels; deeper is a broken or hostile file
MAX_BYTES = 1 << 30  # a catalog file larger than 1 GiB is not one


class YamlProblem(Exception):
    """A file that cannot be read as catalog YAML at all; `line` is 1-based or 0."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_MAX_DIGITS = 40  # far beyond any real figure, far below Python's 4,300-digit limit


class _Builder:
    """Values from parser events."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.resolved: dict[str, str] = {}  # plain scalar text -> its tag

    def line(self, event: Any) -> int:
        return int(event.start_mark.line) + 1

    def value(self, event: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise YamlProblem(self.line(event), f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(event, events.ScalarEvent):
            return self.scalar(event)
        if isinstance(event, events.AliasEvent):
            raise YamlProblem(self.line(event), "aliases (*name) are not allowed in catalog files")
        if isinstance(event, events.SequenceStartEvent):
            self.tag_allowed(event, "seq")
            seq = Seq()
            seq.line = self.line(event)
            seq.item_lines = []
            get = self.loader.get_event
            while True:
                item = get()
                if isinstance(item, events.SequenceEndEvent):
                    return seq
                seq.item_lines.append(self.line(item))
                seq.append(self.value(item, depth + 1))
        if isinstance(event, events.MappingStartEvent):
            self.tag_allowed(event, "map")
            mapping = Map()
            mapping.line = self.line(event)
            mapping.key_lines = {}
            get = self.loader.get_event
            while True:
                key_event = get()
                if isinstance(key_event, events.MappingEndEvent):
                    return mapping
                line = self.line(key_event)
                if not isinstance(key_event, events.ScalarEvent) or key_event.value == "<<":
                    raise YamlProblem(line, "keys must be plain names")
                key = str(key_event.value)
                if key in mapping.key_lines:
                    raise YamlProblem(line, f"{key}: duplicate key (first on line {mapping.key_lines[key]})")
                mapping.key_lines[key] = line
                mapping[key] = self.value(get(), depth + 1)
        raise YamlProblem(self.line(event), "unsupported YAML")  # pragma: no cover

    def tag_allowed(self, event: Any, kind: str) -> None:
        if event.tag is not None and event.tag not in ("!", _STD + kind):
            raise YamlProblem(self.line(event), f"tag {event.tag!r} is not allowed")

    def scalar(self, event: events.ScalarEvent) -> Any:
        text = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted: always text
                return text
            tag = self.resolved.get(text)
            if tag is None:
                tag = self.loader.resolve(ScalarNode, text, (True, False))
                if len(self.resolved) < 100_000:
                    self.resolved[text] = tag
        elif not tag.startswith(_STD):
            raise YamlProblem(self.line(event), f"tag {tag!r} is not allowed")
        name = tag[len(_STD) :]
        if name == "str":
            return text
        if name == "null":
            return None
        if name == "bool":
            return _BOOLS.get(text.lower(), text)
        if name == "int":
            if _INT.fullmatch(text.replace("_", "")) and len(text) <= _MAX_DIGITS and "_" not in text:
                return int(text)
            return text  # hex, octal, base-60 or absurdly long: the schema names the field
        if name == "float":
            if _FLOAT.fullmatch(text) and len(text) <= _MAX_DIGITS:
                return float(text)
            return text  # .inf, .nan, base-60
        if name == "timestamp":
            try:
                if len(text) == 10:
                    return dt.date.fromisoformat(text)
                node = ScalarNode(tag, text)
                return yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
            except (ValueError, yaml.YAMLError):
                return text  # looks like a date but is not one (2022-13-45): the schema says which field
        raise YamlProblem(self.line(event), f"tag {tag!r} is not allowed")


def _head(source: Any, exc: yaml.YAMLError) -> bytes | None:
    """The bytes before a reader error, to count its line (a file is read again up to there)."""
    if isinstance(source, bytes):
        return source
    position = getattr(exc, "position", None)
    if position is None or not hasattr(source, "seek"):
        return None
    try:
        source.seek(0)
        data: bytes = source.read(position)
        return data
    except (OSError, ValueError):
        return None


def _problem(exc: yaml.YAMLError, data: bytes | None = None) -> YamlProblem:
    if isinstance(exc, yaml.reader.ReaderError):
        if exc.character == 0:
            return YamlProblem(0, "binary file (contains NUL bytes), not YAML")
        line = data.count(b"\n", 0, exc.position) + 1 if data is not None else 0
        if "UTF-8" in exc.reason or "utf-8" in exc.reason:
            return YamlProblem(line, "not UTF-8 text")
        return YamlProblem(line, f"not valid YAML: {exc.reason}")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    reason = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    return YamlProblem(line, f"not valid YAML: {reason}")


def open_catalog_file(path: Path) -> IO[bytes]:
    """A catalog file opened for reading, after checking it is a regular file of a sane size
    (a FIFO would block every command, a link to /dev/zero would read forever)."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise YamlProblem(0, "not a regular file (a pipe, device or directory): not read")
    if info.st_size > MAX_BYTES:
        raise YamlProblem(0, f"{info.st_size:,} bytes: larger than a catalog file can be ({MAX_BYTES:,})")
    return path.open("rb")


def iter_items(
    source: IO[bytes] | str | bytes, progress: Callable[[], None] | None = None
) -> Iterator[tuple[Any, int]]:
    """The top-level list's items with their lines, one at a time. Any other shape (a mapping, a
    scalar) is yielded whole, as one value with line 0; an empty document yields nothing.
    `progress` is called after each item."""
    loader = _Loader(source)
    builder = _Builder(loader)
    try:
        loader.get_event()  # stream start
        if loader.check_event(events.StreamEndEvent):
            return
        loader.get_event()  # document start
        if loader.check_event(events.DocumentEndEvent):
            return
        first = loader.get_event()
        if isinstance(first, events.SequenceStartEvent) and first.tag in (None, "!", _STD + "seq"):
            while not loader.check_event(events.SequenceEndEvent):
                event = loader.get_event()
                line = builder.line(event)
                yield builder.value(event, 1), line
                if progress is not None:
                    progress()
            loader.get_event()
        else:
            yield builder.value(first), 0
        loader.get_event()  # document end
        if not loader.check_event(events.StreamEndEvent):
            raise YamlProblem(builder.line(loader.peek_event()), "more than one YAML document in the file")
    except yaml.YAMLError as exc:
        raise _problem(exc, _head(source, exc)) from None
    except UnicodeDecodeError as exc:
        raise YamlProblem(0, f"not UTF-8 text ({exc.reason})") from None
    finally:
        loader.dispose()


def parse(text: str | bytes) -> Any:
    """One YAML document as plain values with line numbers (Map, Seq, scalars), or None."""
    items = list(iter_items(text))
    if not items:
        return None
    if len(items) == 1 and items[0][1] == 0:
        return items[0][0]
    seq = Seq(value for value, _line in items)
    seq.item_lines = [line for _value, line in items]
    seq.line = 1
    return seq


def read(path: Path) -> Any:
    """Read and parse a YAML file; raises YamlProblem or OSError."""
    with open_catalog_file(path) as f:
        return parse(f.read())
