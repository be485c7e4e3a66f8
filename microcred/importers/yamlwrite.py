"""Write program records as YAML quickly, in the style of the hand-written catalog files.

`yaml.safe_dump` spends about 200 µs a record in PyYAML's Python representer, even with
libyaml's CSafeDumper (measured on the Coursera sample): 20 s for a 100,000-row export.
Records have a fixed shape (scalars, lists of scalars, small mappings), so each line is
written here directly. A string is written plain only when YAML cannot read it as anything
else (PyYAML's own resolver decides), and otherwise double-quoted with JSON's escapes, which
YAML reads the same, after escaping the characters YAML treats as line breaks or refuses.
tests/test_importers.py round-trips arbitrary strings through the project's YAML reader.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

WIDTH = 100  # long flow lists wrap onto indented lines
_STR = "tag:yaml.org,2002:str"
_RESOLVER = Resolver()
_IMPLICIT = set(_RESOLVER.yaml_implicit_resolvers)  # first characters that may not mean a string
_SEEN: dict[tuple[str, bool], str] = {}
# Characters that must not appear raw: controls, C1, YAML 1.1 line breaks, BOM, non-characters.
_RAW_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# Plain scalars: a safe first character, then nothing that could start a comment, a key, a
# flow collection (in flow context), or a break; '#' and ':' are refused outright, to be safe.
_PLAIN_BLOCK = re.compile("[A-Za-z0-9(][^#:\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]*")
_PLAIN_FLOW = re.compile(
    "[A-Za-z0-9(][^#:,\\[\\]{}\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]*"
)


def scalar(value: Any, flow: bool = False) -> str:
    """One value as a YAML scalar (`flow`: inside [...] or {...}, where commas end it)."""
    if type(value) is str:  # by far the most common: first
        return _string(value, flow)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value}")
        text = repr(value)
        return text if ("." in text or "e" in text) else text + ".0"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        return _string(value, flow)
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def _string(value: str, flow: bool) -> str:
    key = (value, flow)
    known = _SEEN.get(key)
    if known is not None:
        return known
    if not value.isascii():
        # The last guard before the file: a lone surrogate would be written as an escape that
        # no YAML reader accepts, and one such line makes the whole catalog unreadable.
        value.encode("utf-8")  # raises UnicodeEncodeError
    plain = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if plain.fullmatch(value) and value[-1] != " " and (value[0] not in _IMPLICIT or _resolve(value) == _STR):
        out = value
    else:
        out = _RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))
    if flow and len(_SEEN) < 20_000:  # list items (skills, fields) repeat from row to row
        _SEEN[key] = out
    return out


def _resolve(value: str) -> str:
    """The tag PyYAML would give this text as a plain scalar (str, bool, int, float, …)."""
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


def _is_scalar(value: Any) -> bool:
    return type(value) not in (dict, list, tuple)


def record(mapping: dict[str, Any]) -> str:
    """One record as an item of a top-level YAML list ("- key: value" lines)."""
    lines = _mapping(mapping, indent=2)
    return "- " + "\n".join(lines)[2:] + "\n"


def records(items: list[dict[str, Any]]) -> str:
    return "".join(record(item) for item in items)


def _mapping(mapping: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for key, value in mapping.items():
        head = f"{pad}{key}:"
        if _is_scalar(value):
            lines.append(f"{head} {scalar(value)}")
        elif isinstance(value, (list, tuple)):
            if not all(_is_scalar(v) for v in value):
                raise TypeError(f"{key}: only lists of scalars are written")
            lines.extend(_flow(head, [scalar(v, flow=True) for v in value], "[]", indent))
        elif all(_is_scalar(v) for v in value.values()):
            items = [f"{k}: {scalar(v, flow=True)}" for k, v in value.items()]
            lines.extend(_flow(head, items, "{}", indent))
        else:
            lines.append(head)
            lines.extend(_mapping(value, indent + 2))
    return lines


def _flow(head: str, items: list[str], brackets: str, indent: int) -> list[str]:
    """`key: [a, b, c]`, wrapped onto lines indented past the key when it gets long."""
    open_, close = brackets[0], brackets[1]
    lines = []
    line = f"{head} {open_}"
    fresh = True  # nothing after the bracket on this line yet: never wrap there
    for i, item in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if not fresh and len(line) + len(item) + len(comma) > WIDTH:
            lines.append(line.rstrip())
            line = " " * (indent + 2)
        line += item + comma + " "
        fresh = False
    lines.append(line.rstrip() + close)
    return lines
