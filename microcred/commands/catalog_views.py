"""`microcred platforms`, `degrees` and `explain`: the reference parts of the catalog."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import CurrencyOpt, FormatOpt, JsonOpt, RatesAsOfOpt, converter, load_catalog, output_format
from .common import Format as _Format


def platforms(fmt: FormatOpt = _Format.table, as_json: JsonOpt = False) -> None:
    """One row per platform: what it calls its programs and how it charges."""
    from dataclasses import asdict

    from .. import render

    out_format = output_format(fmt, as_json)
    catalog = load_catalog()
    counts: dict[str, int] = {}
    for p in catalog.programs.values():
        counts[p.platform] = counts.get(p.platform, 0) + 1
    rows, payload = [], []
    for p in sorted(catalog.platforms.values(), key=lambda p: p.name.lower()):
        plans = "; ".join(
            f"{plan.name}: {plan.price.amount:g} {plan.price.currency}"
            f"{'/' + plan.period if plan.period != 'one_time' else ''}"
            f"{f', {plan.trial_days}-day trial' if plan.trial_days else ''} ({plan.as_of})"
            for plan in p.plans
        )
        rows.append(
            {
                "id": p.id,
                "name": p.name,
                "founded": p.founded,
                "founders": p.founders,
                "business": p.business,
                "credentials": ", ".join(p.credential_names),
                "pricing": p.pricing,
                "plans": plans,
                "refund_days": p.refund_days,
                "financial_aid": p.financial_aid,
                "programs": counts.get(p.id, 0),
                "byline": f"{p.id} · founded {p.founded} · {p.business}",
            }
        )
        record = asdict(p)
        record.pop("origin")
        record["programs"] = counts.get(p.id, 0)
        payload.append(record)
    columns = [
        render.Column("name", "Platform", sub_key="byline", max_width=22),
        render.Column("credentials", "Calls its programs", max_width=22),
        render.Column("pricing", "How it charges", sub_key="plans"),
        render.Column("programs", "Programs", right=True),
    ]
    csv_keys = [k for k in rows[0] if k != "byline"] if rows else None
    render.emit(render.Output(columns, rows, payload, csv_keys=csv_keys), out_format)


def degrees(
    currency: CurrencyOpt = "USD",
    rates_as_of: RatesAsOfOpt = None,
    fmt: FormatOpt = _Format.table,
    as_json: JsonOpt = False,
) -> None:
    """The degrees to compare against: tuition, years and delivery."""
    from .. import render, serialize

    out_format = output_format(fmt, as_json)
    catalog = load_catalog()
    convert = converter(catalog, currency, rates_as_of, None)
    rows, payload = [], []
    for d in sorted(catalog.degrees.values(), key=lambda d: (d.level, d.title.lower())):
        total = convert.convert(d.tuition)
        rows.append(
            {
                "id": d.id,
                "title": d.title + (" *" if d.approximate else ""),
                "institution": d.institution,
                "level": d.level,
                "tuition": d.tuition.amount,
                "tuition_currency": d.tuition.currency,
                "total_cost": round(total.amount, 2),
                "currency": total.currency,
                "years": d.years,
                "delivery": d.delivery,
            }
        )
        payload.append({**serialize.degree(d), "total_cost": serialize.money(total)})
    columns = [
        render.Column("id", "ID", no_wrap=True),
        render.Column("title", "Degree", max_width=36),
        render.Column("institution", "Institution", max_width=24),
        render.Column("total_cost", f"Tuition ({convert.target})", right=True, spec=",.2f"),
        render.Column("years", "Years", right=True),
        render.Column("delivery", "Delivery"),
    ]
    notes = [r.describe() for r in convert.rates_used()]
    if any(d.approximate for d in catalog.degrees.values()):
        notes.append("* approximate: a typical or averaged figure.")
    render.emit(
        render.Output(columns, rows, payload, notes=notes, csv_keys=list(rows[0]) if rows else None),
        out_format,
    )


def explain(
    term: Annotated[
        str | None, typer.Argument(help="A name such as nano-degree or MicroMasters. Omit to list.")
    ] = None,
    fmt: FormatOpt = _Format.table,
    as_json: JsonOpt = False,
) -> None:
    """What a name for a micro-credential means, and which platforms use it."""
    from .. import render
    from ..errors import NotFoundError
    from ..fuzzy import nearest

    out_format = output_format(fmt, as_json)
    catalog = load_catalog()
    terms = sorted(catalog.glossary.values(), key=lambda t: t.term.lower())
    if term is not None:
        names = {name.lower(): t for t in terms for name in (t.term, *t.aliases)}
        wanted = term.strip().lower()
        if wanted not in names:
            close = nearest(wanted, names, limit=1, cutoff=80, whole=True)
            if not close:
                suggestions = nearest(wanted, names)
                raise NotFoundError(
                    f"no term {term!r}",
                    hint=f"did you mean: {', '.join(suggestions)}?"
                    if suggestions
                    else "run `microcred explain` for the list",
                )
            wanted = close[0]
        terms = [names[wanted]]
    rows = [
        {
            "term": t.term,
            "aliases": ", ".join(t.aliases),
            "platforms": ", ".join(catalog.platforms[p].name for p in t.platforms if p in catalog.platforms),
            "meaning": t.meaning,
            "source": t.source,
        }
        for t in terms
    ]
    payload = [
        {**r, "aliases": list(t.aliases), "platforms": list(t.platforms)}
        for r, t in zip(rows, terms, strict=True)
    ]
    columns = [
        render.Column("term", "Term", no_wrap=True),
        render.Column("aliases", "Also called", max_width=24),
        render.Column("platforms", "Used by", max_width=16),
        render.Column("meaning", "Meaning"),
    ]
    render.emit(render.Output(columns, rows, payload, csv_keys=list(rows[0]) if rows else None), out_format)
