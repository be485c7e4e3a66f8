"""Records to and from plain JSON values, for the derived cache (never pickle: a cache
directory may be written by someone else, and JSON cannot run code when read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from . import models


def dump(record: Any) -> dict[str, Any]:
    if isinstance(record, models.Program):
        return dump_program(record)
    out: dict[str, Any] = _plain(asdict(record))
    return out


def dump_program(p: models.Program) -> dict[str, Any]:
    """As `dump`, written out: asdict's deep copies dominate the time to cache a large catalog."""
    cost, effort, credit = p.cost, p.effort, p.credit
    price = cost.price
    return {
        "id": p.id,
        "title": p.title,
        "platform": p.platform,
        "provider": p.provider,
        "credential_type": p.credential_type,
        "kind": p.kind,
        "fields": list(p.fields),
        "skills": list(p.skills),
        "level": p.level,
        "cost": {
            "model": cost.model,
            "price": None if price is None else {"amount": price.amount, "currency": price.currency},
            "free_audit": cost.free_audit,
            "approximate": cost.approximate,
            "history": [
                {
                    "price": {"amount": h.price.amount, "currency": h.price.currency},
                    "as_of": h.as_of.isoformat(),
                    "source": h.source,
                    "approximate": h.approximate,
                }
                for h in cost.history
            ],
        },
        "effort": {
            "hours_per_week": effort.hours_per_week,
            "weeks": effort.weeks,
            "hours": effort.hours,
            "approximate": effort.approximate,
        },
        "url": p.url,
        "source": p.source,
        "as_of": p.as_of.isoformat(),
        "partners": list(p.partners),
        "courses": p.courses,
        "credit": None
        if credit is None
        else {"kind": credit.kind, "where": credit.where, "ects": credit.ects},
        "assessment": list(p.assessment),
        "delivery": p.delivery,
        "approximate": p.approximate,
        "notes": p.notes,
        "checked": None if p.checked is None else p.checked.isoformat(),
        "origin": p.origin,
        "user": p.user,
    }


def _plain(value: Any) -> Any:
    """Tuples to lists and dates to ISO text, all the way down."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _money(d: dict[str, Any] | None) -> models.Money | None:
    return None if d is None else models.Money(d["amount"], d["currency"])


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def program(d: dict[str, Any]) -> models.Program:
    cost = d["cost"]
    credit = d["credit"]
    return models.Program(
        **{
            **d,
            "fields": tuple(d["fields"]),
            "skills": tuple(d["skills"]),
            "partners": tuple(d["partners"]),
            "assessment": tuple(d["assessment"]),
            "cost": models.Cost(
                cost["model"],
                _money(cost["price"]),
                cost["free_audit"],
                cost["approximate"],
                tuple(
                    models.PricePoint(
                        models.Money(h["price"]["amount"], h["price"]["currency"]),
                        _date(h["as_of"]),
                        h["source"],
                        h["approximate"],
                    )
                    for h in cost["history"]
                ),
            ),
            "effort": models.Effort(**d["effort"]),
            "credit": None if credit is None else models.Credit(**credit),
            "as_of": _date(d["as_of"]),
            "checked": None if d["checked"] is None else _date(d["checked"]),
        }
    )


def platform(d: dict[str, Any]) -> models.Platform:
    plans = tuple(
        models.Plan(**{**p, "price": _money(p["price"]), "as_of": _date(p["as_of"])}) for p in d["plans"]
    )
    return models.Platform(
        **{
            **d,
            "plans": plans,
            "credential_names": tuple(d["credential_names"]),
            "partners": tuple(d["partners"]),
            "as_of": _date(d["as_of"]),
        }
    )


def degree(d: dict[str, Any]) -> models.Degree:
    return models.Degree(
        **{
            **d,
            "tuition": _money(d["tuition"]),
            "fields": tuple(d["fields"]),
            "skills": tuple(d["skills"]),
            "as_of": _date(d["as_of"]),
            "checked": None if d["checked"] is None else _date(d["checked"]),
        }
    )


def currency(d: dict[str, Any]) -> models.Currency:
    rates = tuple(models.Rate(r["usd"], _date(r["as_of"]), r["source"]) for r in d["rates"])
    return models.Currency(**{**d, "rates": rates})


def field(d: dict[str, Any]) -> models.FieldOfStudy:
    return models.FieldOfStudy(**{**d, "aliases": tuple(d["aliases"])})


def term(d: dict[str, Any]) -> models.Term:
    return models.Term(**{**d, "aliases": tuple(d["aliases"]), "platforms": tuple(d["platforms"])})


def career(d: dict[str, Any]) -> models.Career:
    return models.Career(
        **{**d, "aliases": tuple(d["aliases"]), "fields": tuple(d["fields"]), "skills": tuple(d["skills"])}
    )


LOADERS = {
    "platforms": platform,
    "degrees": degree,
    "currencies": currency,
    "fields": field,
    "glossary": term,
    "careers": career,
    "programs": program,
}
