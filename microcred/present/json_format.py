"""JSON: one encoder for every result, driven by the results' own declarations.

Catalog records are encoded from their schema (schema.encode, public fields); typed results
from their dataclass fields and the JSON metadata of results.out. Money is always
{"amount": number rounded to cents, "currency": code}. A few kinds of object gain a field for
people (an assumption's `text`, a recommendation's `reason`): `EXTRAS` says which.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from .. import schema
from ..models import Money, Program
from .safe import UNSAFE, json_escape


def _program_extra(p: Program) -> dict[str, Any]:
    return {"approximate": p.is_approximate}


def _extras() -> dict[str, Callable[[Any], dict[str, Any]]]:
    from . import words

    return {
        "Program": _program_extra,
        "Assumption": lambda a: {"text": words.assumption(a)},
        "Recommendation": lambda r: {"reason": words.reason(r)},
    }


EXTRAS = _extras()  # by class name: no need to import the modules that define them


@cache
def _result_fields(cls: type) -> tuple[tuple[str, str, dict[str, Any]], ...]:
    out = []
    for f in fields(cls):
        meta = f.metadata.get("json") or {}
        if meta.get("skip"):
            continue
        out.append((f.name, meta.get("name") or f.name, meta))
    return tuple(out)


def encode(value: Any, digits: int | None = None) -> Any:
    """Any result, record or value as plain JSON values."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None  # never Infinity or NaN: they are not JSON
        return round(value, digits) if digits is not None else value
    if isinstance(value, Money):
        amount = value.amount if math.isfinite(value.amount) else None
        return {"amount": None if amount is None else round(amount, 2), "currency": value.currency}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): encode(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [encode(v, digits) for v in items]
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any]
        if schema.declared(type(value)):
            out = {k: _clean(v) for k, v in schema.encode(value, public=True).items()}
        else:
            out = {}
            for attr, name, meta in _result_fields(type(value)):
                item = getattr(value, attr)
                if meta.get("shown_as") is not None:
                    item = meta["shown_as"](item)
                encoded = encode(item, meta.get("digits"))
                if meta.get("flatten") and isinstance(encoded, dict):
                    out.update(encoded)
                else:
                    out[name] = encoded
        extra = EXTRAS.get(type(value).__name__)
        if extra is not None:
            out.update({k: encode(v) for k, v in extra(value).items()})
        return out
    return str(value)


def _clean(value: Any) -> Any:
    """schema.encode's plain values, with money rounded and floats made valid JSON."""
    if isinstance(value, dict):
        if set(value) == {"amount", "currency"} and isinstance(value["amount"], (int, float)):
            return encode(Money(float(value["amount"]), value["currency"]))
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def dumps(value: Any, ascii_only: bool = False) -> str:
    """`ascii_only` for a stream that cannot encode Unicode: every other character escaped."""
    text = json.dumps(encode(value), ensure_ascii=ascii_only, indent=2, allow_nan=False)
    # Still valid JSON that decodes to the same strings, but inert when printed to a terminal.
    return UNSAFE.sub(json_escape, text)
