"""One declaration per record kind, and everything derived from it.

A record kind is a frozen dataclass (in models.py) whose fields are declared with `spec(...)`:
the check that validates a value read from a file, whether it is required, and one line of
documentation. From that declaration alone come:

- `build`: YAML values (with lines) in, a typed record or `file:line: field: message` problems out;
- `encode`/`decode`: the cache's JSON codec (never pickle);
- the public JSON of a record (`encode(..., public=True)`, used by the presenter);
- the field tables of docs/DATA.md (`field_table`, checked against the file by a test).

So adding a field to a program means: its declaration, the data that uses it, and the docs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from .lines import Map, Seq

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")
MAX_NUMBER = 1e12  # far above any tuition, rate or hour count; larger is a broken file


class Bad(Exception):
    """A value of the wrong kind; the message says what was expected."""


def _codec(kind: str) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """Marks how a check's value is stored in JSON: 'date' as ISO text, 'tuple' as a list."""

    def mark(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
        check.codec = kind  # type: ignore[attr-defined]
        return check

    return mark


def text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Bad(f"expected text, got {describe(value)}")
    out = str(value).strip()
    if not out:
        raise Bad("must not be empty")
    if not out.isascii():
        _encodable(out)
    return out


def _encodable(out: str) -> None:
    """Text that UTF-8 can hold: a lone surrogate (from a JSON "\\ud800") could be written to
    no file that could be read back."""
    try:
        out.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Bad(f"not valid Unicode text (a lone surrogate U+{ord(out[exc.start]):04X})") from None


def slug(value: Any) -> str:
    out = text(value)
    if not SLUG.match(out):
        raise Bad(f"{out!r} is not an id (lower-case letters, digits and '-')")
    return out


def currency_code(value: Any) -> str:
    out = text(value)
    if not CURRENCY_CODE.match(out):
        raise Bad(f"{out!r} is not an ISO 4217 currency code (three capital letters)")
    return out


def country_code(value: Any) -> str:
    out = text(value)
    if not re.fullmatch(r"[A-Z]{2}", out):
        raise Bad(f"{out!r} is not an ISO 3166 country code (two capital letters, e.g. GB)")
    return out


def integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Bad(f"expected a whole number, got {describe(value)}")
    if value < 0:
        raise Bad(f"must not be negative, got {value}")
    if value > MAX_NUMBER:
        raise Bad(f"must be at most {MAX_NUMBER:,.0f}")
    return value


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Bad(f"expected a number, got {describe(value)}")
    if isinstance(value, int) and value > MAX_NUMBER:
        raise Bad(f"must be at most {MAX_NUMBER:,.0f}")
    if not math.isfinite(value):
        raise Bad(f"must be a finite number, got {value}")
    if value < 0:
        raise Bad(f"must not be negative, got {value}")
    if value > MAX_NUMBER:
        raise Bad(f"must be at most {MAX_NUMBER:,.0f}")
    return float(value)


def positive(value: Any) -> float:
    out = number(value)
    if out == 0:
        raise Bad("must be more than 0")
    return out


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Bad(f"expected true or false, got {describe(value)}")
    return value


@_codec("date")
def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise Bad(f"expected a date (YYYY-MM-DD), got {describe(value)}")
    if value > dt.date.today():
        raise Bad(f"{value.isoformat()} is in the future")
    return value


def url(value: Any) -> str:
    out = text(value)
    parts = urlsplit(out)
    if parts.scheme != "https" or not parts.netloc or " " in out:
        raise Bad(f"{out!r} is not an https URL")
    return out


@_codec("tuple")
def text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Bad(f"expected a list, got {describe(value)}")
    return tuple(text(item) for item in value)


@_codec("tuple")
def slug_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Bad(f"expected a list, got {describe(value)}")
    return tuple(slug(item) for item in value)


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        out = text(value)
        if out not in choices:
            raise Bad(f"{out!r} is not one of: {', '.join(choices)}")
        return out

    check.choices = choices  # type: ignore[attr-defined]
    return check


def describe(value: Any) -> str:
    """What a value is, for a problem message."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return f"a date ({value})"
    shown = repr(value)
    return f"{type(value).__name__} {shown if len(shown) <= 60 else shown[:57] + '...'}"


# --- declarations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ListOf:
    """A list of records of one kind (a platform's plans, a currency's rates)."""

    record: type


@dataclass(frozen=True)
class Spec:
    check: Any  # a check function, a record class (nested mapping) or ListOf
    required: bool
    doc: str
    internal: bool  # set by the loader (origin, user), never read from a file
    public: bool  # part of the JSON a command prints


def spec(
    check: Any,
    doc: str = "",
    *,
    default: Any = MISSING,
    internal: bool = False,
    public: bool = True,
) -> Any:
    """A declared field: required unless it has a default."""
    meta = {"spec": Spec(check, default is MISSING and not internal, doc, internal, public)}
    if default is MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


@cache
def declared(cls: type) -> tuple[tuple[str, Spec], ...]:
    """(name, Spec) of each declared field of a record class, in declaration order."""
    return tuple((f.name, f.metadata["spec"]) for f in fields(cls) if "spec" in f.metadata)


def file_keys(cls: type) -> list[str]:
    """The keys a file may give for this record kind, in the documented order."""
    return [name for name, s in declared(cls) if not s.internal]


# --- validation -----------------------------------------------------------------------------


def build(
    value: Any,
    cls: type,
    file: str,
    line: int,
    problems: list[str],
    prefix: str = "",
    extra: dict[str, Any] | None = None,
) -> Any:
    """Check one record; return the built object, or None after adding its problems."""
    if not isinstance(value, Map):
        problems.append(f"{file}:{line}: {prefix or 'record'}: expected a mapping, got {describe(value)}")
        return None
    before = len(problems)
    specs = dict(declared(cls))
    for key in value:
        if key not in specs or specs[key].internal:
            from .fuzzy import did_you_mean

            hint = did_you_mean(key, file_keys(cls))
            problems.append(f"{file}:{value.line_of(key)}: {prefix}{key}: unknown field{hint}")
    kwargs: dict[str, Any] = dict(extra or {})
    for key, s in specs.items():
        if s.internal:
            continue
        raw = value.get(key)
        where = value.line_of(key)
        if raw is None:
            if s.required:
                problems.append(f"{file}:{value.line}: {prefix}{key}: missing required field")
            continue
        check = s.check
        if isinstance(check, type):
            built = build(raw, check, file, where, problems, f"{prefix}{key}.")
            if built is not None:
                kwargs[key] = built
        elif isinstance(check, ListOf):
            if not isinstance(raw, Seq):
                problems.append(f"{file}:{where}: {prefix}{key}: expected a list, got {describe(raw)}")
                continue
            kwargs[key] = tuple(
                build(item, check.record, file, item_line, problems, f"{prefix}{key}[{i}].")
                for i, (item, item_line) in enumerate(zip(raw, raw.item_lines, strict=True))
            )
        else:
            try:
                kwargs[key] = check(raw)
            except Bad as exc:
                problems.append(f"{file}:{where}: {prefix}{key}: {exc}")
    if len(problems) > before:
        return None
    return cls(**kwargs)


# --- the JSON codec -------------------------------------------------------------------------

# A plan per class: (name, how to encode, how to decode); worked out once, so that encoding
# and decoding a large catalog does no reflection per record.
_Plan = tuple[tuple[str, Callable[[Any], Any], Callable[[Any], Any]], ...]


def _same(value: Any) -> Any:
    return value


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _from_iso(value: Any) -> Any:
    return None if value is None else dt.date.fromisoformat(value)


def _field_codec(check: Any, public: bool) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    if isinstance(check, type):
        sub = check

        def enc(v: Any) -> Any:
            return None if v is None else encode(v, public)

        def dec(v: Any) -> Any:
            return None if v is None else decode(sub, v)

        return enc, dec
    if isinstance(check, ListOf):
        item = check.record
        return (lambda v: [encode(x, public) for x in v]), (lambda v: tuple(decode(item, x) for x in v))
    kind = getattr(check, "codec", None)
    if kind == "date":
        return _iso, _from_iso
    if kind == "tuple":
        return list, tuple
    return _same, _same


_PLANS: dict[tuple[type, bool], _Plan] = {}


def _plan(cls: type, public: bool) -> _Plan:
    found = _PLANS.get((cls, public))
    if found is not None:
        return found
    out = []
    for name, s in declared(cls):
        if public and not s.public:
            continue
        enc, dec = _field_codec(s.check, public)
        out.append((name, enc, dec))
    plan = _PLANS[(cls, public)] = tuple(out)
    return plan


def encode(record: Any, public: bool = False) -> dict[str, Any]:
    """A record as plain JSON values; `public` leaves out what commands never print."""
    return {name: enc(getattr(record, name)) for name, enc, _dec in _plan(type(record), public)}


def decode(cls: type, data: dict[str, Any]) -> Any:
    """The record that `encode(record)` came from."""
    return cls(**{name: dec(data[name]) for name, _enc, dec in _plan(cls, False)})


def is_record(value: Any) -> bool:
    return is_dataclass(value) and not isinstance(value, type) and bool(declared(type(value)))


# --- documentation --------------------------------------------------------------------------


def _type_name(check: Any) -> str:
    if isinstance(check, type):
        return "mapping"
    if isinstance(check, ListOf):
        return "list of mappings"
    choices = getattr(check, "choices", None)
    if choices:
        return " \\| ".join(choices)
    names: dict[Any, str] = {
        text: "text",
        slug: "id",
        currency_code: "ISO 4217 code",
        country_code: "ISO 3166 code",
        integer: "whole number ≥ 0",
        number: "number ≥ 0",
        positive: "number > 0",
        boolean: "true \\| false",
        date: "YYYY-MM-DD",
        url: "https URL",
        text_list: "list of text",
        slug_list: "list of ids",
    }
    return names.get(check, "value")


def field_rows(cls: type, prefix: str = "") -> Iterator[tuple[str, str, str, str]]:
    """(key, type, required, meaning) for each key of a record kind, nested keys dotted."""
    for name, s in declared(cls):
        if s.internal:
            continue
        yield prefix + name, _type_name(s.check), "yes" if s.required else "", s.doc
        if isinstance(s.check, type):
            yield from field_rows(s.check, f"{prefix}{name}.")
        elif isinstance(s.check, ListOf):
            yield from field_rows(s.check.record, f"{prefix}{name}[].")


def field_table(cls: type) -> str:
    """The Markdown table of a record kind's keys, as docs/DATA.md carries it."""
    lines = ["| key | type | required | meaning |", "|---|---|---|---|"]
    lines += [f"| `{k}` | {t} | {r} | {d} |" for k, t, r, d in field_rows(cls)]
    return "\n".join(lines)
