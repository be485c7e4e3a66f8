"""Validation of catalog records: YAML values (with lines) in, typed records or problems out.

Each record type is declared once, as a table of keys; `build` walks it and reports every
problem as `file:line: field: message`, so one run shows all that is wrong with a file.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from . import models
from .yamlio import Map, Seq

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


class Bad(Exception):
    """A value of the wrong kind; the message says what was expected."""


def text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Bad(f"expected text, got {_kind(value)}")
    out = str(value).strip()
    if not out:
        raise Bad("must not be empty")
    return out


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
        raise Bad(f"expected a whole number, got {_kind(value)}")
    if value < 0:
        raise Bad(f"must not be negative, got {value}")
    return value


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Bad(f"expected a number, got {_kind(value)}")
    if not math.isfinite(value):
        raise Bad(f"must be a finite number, got {value}")
    if value < 0:
        raise Bad(f"must not be negative, got {value}")
    return float(value)


def positive(value: Any) -> float:
    out = number(value)
    if out == 0:
        raise Bad("must be more than 0")
    return out


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Bad(f"expected true or false, got {_kind(value)}")
    return value


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise Bad(f"expected a date (YYYY-MM-DD), got {_kind(value)}")
    if value > dt.date.today():
        raise Bad(f"{value.isoformat()} is in the future")
    return value


def url(value: Any) -> str:
    out = text(value)
    parts = urlsplit(out)
    if parts.scheme != "https" or not parts.netloc or " " in out:
        raise Bad(f"{out!r} is not an https URL")
    return out


def text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Bad(f"expected a list, got {_kind(value)}")
    return tuple(text(item) for item in value)


def slug_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Bad(f"expected a list, got {_kind(value)}")
    return tuple(slug(item) for item in value)


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        out = text(value)
        if out not in choices:
            raise Bad(f"{out!r} is not one of: {', '.join(choices)}")
        return out

    return check


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return f"a date ({value})"
    return f"{type(value).__name__} {value!r}"


@dataclass(frozen=True)
class Record:
    """A record type: its keys (key -> (check, required)) and the class it builds."""

    keys: dict[str, tuple[Any, bool]]
    make: Callable[..., Any]


@dataclass(frozen=True)
class ListOf:
    record: Record


MONEY = Record({"amount": (number, True), "currency": (currency_code, True)}, models.Money)
PRICE_POINT = Record(
    {
        "price": (MONEY, True),
        "as_of": (date, True),
        "source": (url, True),
        "approximate": (boolean, False),
    },
    models.PricePoint,
)
COST = Record(
    {
        "model": (one_of(*models.COST_MODELS), True),
        "price": (MONEY, False),
        "free_audit": (boolean, False),
        "approximate": (boolean, False),
        "history": (ListOf(PRICE_POINT), False),
    },
    models.Cost,
)
EFFORT = Record(
    {
        "hours_per_week": (positive, False),
        "weeks": (positive, False),
        "hours": (positive, False),
        "approximate": (boolean, False),
    },
    models.Effort,
)
CREDIT = Record(
    {
        "kind": (one_of("masters", "bachelors", "college", "professional"), True),
        "where": (text, True),
        "ects": (positive, False),
    },
    models.Credit,
)
PROGRAM = Record(
    {
        "id": (slug, True),
        "title": (text, True),
        "platform": (slug, True),
        "provider": (text, True),
        "partners": (text_list, False),
        "credential_type": (text, True),
        "kind": (one_of(*models.PROGRAM_KINDS), True),
        "fields": (slug_list, True),
        "skills": (text_list, True),
        "level": (one_of(*models.LEVELS), True),
        "courses": (integer, False),
        "cost": (COST, True),
        "effort": (EFFORT, True),  # {} when the duration is unknown
        "credit": (CREDIT, False),
        "assessment": (text_list, False),
        "delivery": (one_of("online", "blended", "in person"), False),
        "url": (url, True),
        "source": (url, True),
        "as_of": (date, True),
        "checked": (date, False),
        "approximate": (boolean, False),
        "notes": (text, False),
    },
    models.Program,
)
PLAN = Record(
    {
        "id": (slug, True),
        "name": (text, True),
        "price": (MONEY, True),
        "period": (one_of("month", "year", "one_time"), True),
        "trial_days": (integer, False),
        "scope": (one_of("program", "platform"), False),
        "source": (url, True),
        "as_of": (date, True),
        "approximate": (boolean, False),
        "notes": (text, False),
    },
    models.Plan,
)
PLATFORM = Record(
    {
        "id": (slug, True),
        "name": (text, True),
        "founded": (integer, True),
        "founders": (text, True),
        "business": (text, True),
        "credential_names": (text_list, True),
        "pricing": (text, True),
        "plans": (ListOf(PLAN), False),
        "financial_aid": (boolean, False),
        "refund_days": (integer, False),
        "partners": (text_list, False),
        "url": (url, True),
        "source": (url, True),
        "as_of": (date, True),
        "notes": (text, False),
    },
    models.Platform,
)
DEGREE = Record(
    {
        "id": (slug, True),
        "title": (text, True),
        "institution": (text, True),
        "level": (one_of("bachelors", "masters"), True),
        "tuition": (MONEY, True),
        "years": (positive, True),
        "delivery": (one_of("online", "on campus", "blended"), True),
        "country": (country_code, False),
        "platform": (slug, False),
        "fields": (slug_list, True),
        "skills": (text_list, False),
        "url": (url, True),
        "source": (url, True),
        "as_of": (date, True),
        "checked": (date, False),
        "approximate": (boolean, False),
        "notes": (text, False),
    },
    models.Degree,
)
RATE = Record({"usd": (positive, True), "as_of": (date, True), "source": (url, True)}, models.Rate)
CURRENCY = Record(
    {"code": (currency_code, True), "name": (text, True), "rates": (ListOf(RATE), True)},
    models.Currency,
)
FIELD = Record(
    {"id": (slug, True), "name": (text, True), "aliases": (text_list, False)},
    models.FieldOfStudy,
)
TERM = Record(
    {
        "term": (text, True),
        "aliases": (text_list, False),
        "meaning": (text, True),
        "platforms": (slug_list, False),
        "source": (url, True),
    },
    models.Term,
)
CAREER = Record(
    {
        "id": (slug, True),
        "title": (text, True),
        "aliases": (text_list, False),
        "fields": (slug_list, True),
        "skills": (text_list, True),
        "regulated": (boolean, False),
        "notes": (text, False),
        "source": (url, False),
    },
    models.Career,
)

# The kind of each catalog file, by its name; any other file holds programs.
KINDS: dict[str, Record] = {
    "platforms": PLATFORM,
    "programs": PROGRAM,
    "degrees": DEGREE,
    "currencies": CURRENCY,
    "fields": FIELD,
    "glossary": TERM,
    "careers": CAREER,
}


def build(
    value: Any,
    record: Record,
    file: str,
    line: int,
    problems: list[str],
    prefix: str = "",
    extra: dict[str, Any] | None = None,
) -> Any:
    """Check one record; return the built object, or None after adding its problems."""
    if not isinstance(value, Map):
        problems.append(f"{file}:{line}: {prefix or 'record'}: expected a mapping, got {_kind(value)}")
        return None
    before = len(problems)
    for key in value:
        if key not in record.keys:
            hint = _nearest(key, list(record.keys))
            problems.append(f"{file}:{value.line_of(key)}: {prefix}{key}: unknown field{hint}")
    kwargs: dict[str, Any] = dict(extra or {})
    for key, (check, required) in record.keys.items():
        raw = value.get(key)
        where = value.line_of(key)
        if raw is None:
            if required:
                problems.append(f"{file}:{value.line}: {prefix}{key}: missing required field")
            continue
        if isinstance(check, Record):
            built = build(raw, check, file, where, problems, f"{prefix}{key}.")
            if built is not None:
                kwargs[key] = built
        elif isinstance(check, ListOf):
            if not isinstance(raw, Seq):
                problems.append(f"{file}:{where}: {prefix}{key}: expected a list, got {_kind(raw)}")
                continue
            items = [
                build(item, check.record, file, item_line, problems, f"{prefix}{key}[{i}].")
                for i, (item, item_line) in enumerate(zip(raw, raw.item_lines, strict=True))
            ]
            kwargs[key] = tuple(items)
        else:
            try:
                kwargs[key] = check(raw)
            except Bad as exc:
                problems.append(f"{file}:{where}: {prefix}{key}: {exc}")
    if len(problems) > before:
        return None
    return record.make(**kwargs)


def _nearest(word: str, choices: list[str]) -> str:
    from .fuzzy import did_you_mean

    return did_you_mean(word, choices)
