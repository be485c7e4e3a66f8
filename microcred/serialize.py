"""Records as JSON-ready dicts, with stable field names: money is always {amount, currency}."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .costs import ProgramCost
from .models import Degree, Money, Program


def money(value: Money | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"amount": round(value.amount, 2), "currency": value.currency}


def program(p: Program) -> dict[str, Any]:
    out = asdict(p)
    out["as_of"] = p.as_of.isoformat()
    out.pop("origin")
    for key in ("partners", "fields", "skills", "assessment"):
        out[key] = list(out[key])
    out["approximate"] = p.is_approximate
    return out


def cost(c: ProgramCost) -> dict[str, Any]:
    return {
        "total_cost": money(c.total),
        "audit_cost": money(c.audit),
        "hours": _round(c.hours),
        "hours_per_week": _round(c.hours_per_week),
        "weeks": _round(c.weeks),
        "months": _round(c.months),
        "billed_months": c.billed_months,
        "monthly_price": money(c.monthly_price),
        "assumptions": list(c.assumptions),
    }


def degree(d: Degree) -> dict[str, Any]:
    out = asdict(d)
    out["as_of"] = d.as_of.isoformat()
    out.pop("origin")
    out["fields"] = list(d.fields)
    out["skills"] = list(d.skills)
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
