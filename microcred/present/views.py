"""Each command's view: its columns, declared once, and the notes under them.

A view turns a core result into a `View`; the presenter derives table, CSV, Markdown and JSON
from it. Nothing here computes a figure: it only chooses what to show and says it in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import Chart, Column, View, words

if TYPE_CHECKING:
    from ..audit import Audit
    from ..compare import CompareResult
    from ..costs import CostModel, ProgramCost
    from ..models import Catalog, Degree, Platform, Program
    from ..money import Converter
    from ..overview import Choices, DegreeRow, Places, PlatformRow
    from ..plan import StudyPlan
    from ..recommend import Advice
    from ..search import Result
    from ..stats import CatalogStats

APPROXIMATE = "* approximate: a figure could not be checked against a public page."
YOURS = "(yours): from your own catalog files, in place of any bundled record with the same id."


def _stale(programs: Sequence[Program]) -> list[str]:
    """A note naming the figures used here that are stale (over three years old) or undated."""
    import datetime as dt

    from ..audit import freshness

    today = dt.date.today()
    old = [p for p in programs if freshness(p.as_of, today, p.undated) == "stale"]
    undated = [p for p in programs if p.undated]
    notes = []
    if old:
        listed = ", ".join(f"{p.id} (as of {p.as_of.isoformat()})" for p in old)
        notes.append(f"Stale figures (over three years old): {listed}.")
    if undated:
        notes.append(
            f"Undated sources (figures read {today.year} on pages that show no date): "
            + ", ".join(p.id for p in undated)
            + "."
        )
    return notes


def _starred(title: str, approximate: bool, yours: bool = False) -> str:
    return title + (" *" if approximate else "") + (" (yours)" if yours else "")


def _marks(programs: Sequence[Program]) -> list[str]:
    """The notes that explain the marks on titles: approximate figures, your own records."""
    notes = [APPROXIMATE] if any(p.is_approximate for p in programs) else []
    return notes + ([YOURS] if any(p.user for p in programs) else [])


def _amount(money: Any) -> float | None:
    return None if money is None else round(money.amount, 2)


def _months(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


FREE_ROUTE = {"whole": "free", "limited": "free, limited", "preview": "preview"}


def pace_note(costs: CostModel) -> str:
    """The one pace and the day every cost of an answer is worked out at."""
    import datetime as dt

    whose = "your pace" if costs.hours_per_week else "the default pace; --hours-per-week sets yours"
    day = "" if costs.as_of == dt.date.today() else f"; plans, free access and rates as of {costs.as_of}"
    return f"Costs for the certificate at {costs.pace:g} h/week ({whose}){day}."


def search(results: Sequence[Result], costs: CostModel) -> View:
    currency = costs.converter.target
    columns = [
        Column("id", "ID", lambda r: r.program.id, table=False),
        Column(
            "title",
            "Program (id · provider · credential)",
            lambda r: r.program.title,
            sub=lambda r: f"{r.program.id} · {r.program.provider} · {r.program.credential_type}",
            csv=False,
        ),
        Column("title", "Title", lambda r: r.program.title, table=False),
        Column("provider", "Provider", lambda r: r.program.provider, table=False),
        Column("platform", "Platform", lambda r: r.program.platform, table=False),
        Column("credential_type", "Credential", lambda r: r.program.credential_type, table=False),
        Column("level", "Level", lambda r: r.program.level, table=False),
        Column("total_cost", f"Cost ({currency})", lambda r: _amount(r.cost.total), right=True, spec=",.2f"),
        Column("currency", "Currency", lambda r: currency, table=False),
        Column("weeks", "Weeks", lambda r: _months(r.cost.weeks), right=True, spec=".1f"),
        Column("free_route", "Free", lambda r: FREE_ROUTE.get(r.cost.free_route or "", ""), csv=False),
        Column("free_route", "Free route", lambda r: r.cost.free_route, table=False),
        Column(
            "suggested_hours_per_week",
            "Suggested pace",
            lambda r: r.program.effort.hours_per_week,
            table=False,
        ),
        Column(
            "credit", "Credit", lambda r: r.program.credit.kind if r.program.credit else None, table=False
        ),
        Column("score", "Score", lambda r: r.score, right=True),
        Column("approximate", "Approximate", lambda r: r.program.is_approximate, table=False),
    ]
    _star_titles(columns)
    notes = [
        f"{words.plural(len(results), 'program')}. {pace_note(costs)} 'unknown' means no published "
        "price; Free: what can be studied without paying (preview: the first module only)."
    ]
    notes += _marks([r.program for r in results])
    return View(columns, results, list(results), notes=notes)


def _star_titles(columns: list[Column]) -> None:
    """In tables, an approximate program's title carries a star (CSV has its own column)."""
    for i, c in enumerate(columns):
        if c.key == "title" and c.table:
            get = c.get

            def starred(r: Any, get: Any = get) -> str:
                program = _item_program(r)
                return _starred(get(r), program.is_approximate, program.user)

            columns[i] = Column(
                c.key,
                c.header,
                starred,
                sub=c.sub,
                csv=c.csv,
            )


def _item_program(item: Any) -> Program:
    program: Program = item.program
    return program


def program_detail(cost: ProgramCost, costs: CostModel) -> View:
    from ..compare import rate_assumptions

    program = cost.program
    converter = costs.converter
    platform = costs.catalog.platforms[program.platform]
    pairs = [
        ("Title", program.title),
        ("Platform", platform.name),
        ("Provider", program.provider + (f" with {', '.join(program.partners)}" if program.partners else "")),
        ("Credential", f"{program.credential_type} ({program.kind})"),
        ("Level", program.level),
        ("Fields", ", ".join(program.fields)),
        ("Skills", ", ".join(program.skills)),
        ("Courses", program.courses),
        ("Cost model", _cost_model_text(cost)),
        ("Total cost", words.money(cost.total) + (f" at {costs.pace:g} h/week" if cost.total else "")),
        ("Free to study", _free_text(cost)),
        ("Financial aid", _aid_text(platform)),
        ("Effort", _effort_text(cost)),
        (
            "Suggested pace",
            f"{program.effort.hours_per_week:g} h/week" if program.effort.hours_per_week else None,
        ),
        ("Credit", f"{program.credit.kind}: {program.credit.where}" if program.credit else "none"),
        ("Assessment", ", ".join(program.assessment) or None),
        ("URL", program.url),
        (
            "Source",
            f"{program.source} (as of {program.as_of}"
            + (f", checked {program.checked})" if program.checked else ")"),
        ),
        ("Approximate", "yes: a figure could not be checked" if program.is_approximate else None),
        ("Your catalog", program.origin if program.user else None),
        ("Notes", program.notes),
    ]
    notes = [words.assumption(a) for a in (*cost.assumptions, *rate_assumptions(converter))]
    notes += _stale([program])
    return _pairs_view(pairs, cost, f"{program.title} ({program.id})", notes)


def _source_text(program: Program) -> str:
    import datetime as dt

    from ..audit import freshness

    fresh = freshness(program.as_of, dt.date.today(), program.undated)
    when = "undated page, read" if program.undated else f"as of {program.as_of}, {fresh}"
    checked = f"; checked {program.checked}" if program.checked and not program.undated else ""
    if program.undated:
        return f"{program.source} ({when} {program.checked or program.as_of})"
    return f"{program.source} ({when}{checked})"


def degree_detail(row: DegreeRow, converter: Converter) -> View:
    from ..compare import rate_assumptions

    degree = row.degree
    pairs = [
        ("Title", degree.title),
        ("Institution", degree.institution),
        ("Country", degree.country or None),
        ("Level", degree.level),
        ("Tuition", words.money(degree.tuition)),
        (f"In {row.total.currency}", words.money(row.total)),
        ("Years", f"{degree.years:g}"),
        ("Delivery", degree.delivery),
        ("Fields", ", ".join(degree.fields)),
        ("URL", degree.url),
        ("Source", f"{degree.source} (as of {degree.as_of})"),
        ("Approximate", "yes" if degree.approximate else None),
        ("Your catalog", degree.origin if degree.user else None),
        ("Notes", degree.notes),
    ]
    notes = [words.assumption(a) for a in rate_assumptions(converter)]
    return _pairs_view(pairs, row, f"{degree.title} ({degree.id})", notes)


def _pairs_view(pairs: list[tuple[str, Any]], data: Any, title: str, notes: list[str]) -> View:
    rows = [(k, v) for k, v in pairs if v not in (None, "")]
    columns = [
        Column("field", "", lambda kv: kv[0], no_wrap=True),
        Column("value", "", lambda kv: kv[1]),
    ]
    return View(columns, rows, data, title=title, notes=notes, show_header=False)


def _free_text(cost: ProgramCost) -> str:
    route = cost.free_route
    if route is None:
        return "no: the course is paid"
    return {
        "whole": "yes, all of it (the certificate is paid)" if cost.program.cost.model != "free" else "yes",
        "limited": "yes, for a limited time",
        "preview": "a preview only (the first module)",
    }[route]


def _aid_text(platform: Any) -> str | None:
    aid = platform.aid
    if aid is None:
        return "yes" if platform.financial_aid else None
    days = f"; a decision takes up to {aid.decision_days} days" if aid.decision_days else ""
    return f"per {aid.per}: {aid.how}{days}"


def _cost_model_text(c: ProgramCost) -> str:
    program = c.program
    cost = program.cost
    price = cost.price
    priced = words.money(price) if price else None
    if cost.model == "subscription":
        plan = c.plan
        if price is None and plan is not None:
            trial = f", {plan.trial_days}-day free trial" if plan.trial_days else ""
            weak = ", approximate" if plan.approximate else ""
            return (
                f"subscription: {plan.price.amount:g} {plan.price.currency} a month "
                f"({plan.name}, {plan.as_of}{weak}{trial})"
            )
        return f"subscription: {priced or 'unknown'} a month"
    text = {
        "free": "free",
        "audit_then_certificate": f"free to audit; certificate {priced or 'price unknown'}",
        "one_time": f"one-time fee {priced or 'unknown'}",
        "per_course": f"{priced or 'unknown'} per course × {program.courses}",
    }[cost.model]
    return text + (" (approximate)" if cost.approximate else "")


def _effort_text(cost: ProgramCost) -> str:
    parts = []
    if cost.hours is not None:
        parts.append(f"{cost.hours:g} hours")
    if cost.weeks is not None:
        pace = f" at {cost.hours_per_week:g} h/week" if cost.hours_per_week else ""
        months = f" (~{cost.months:.1f} months)" if cost.months is not None else ""
        parts.append(f"{cost.weeks:.1f} weeks{pace}{months}")
    return "; ".join(parts) or "unknown"


# --- compare ---------------------------------------------------------------------------------


ROLES = {"stack": "your stack", "cheapest": "cheapest option", "median": "median option"}


def compare(result: CompareResult) -> View:
    cur = result.currency
    rows: list[dict[str, Any]] = [
        {
            "kind": "program",
            "id": c.cost.program.id,
            "title": c.cost.program.title,
            "approximate": c.cost.program.is_approximate,
            "user": c.cost.program.user,
            "role": ", ".join(ROLES.get(r, r) for r in c.roles),
            "total_cost": _amount(c.cost.total),
            "months": _months(c.cost.months),
            "hours": None if c.cost.hours is None else round(c.cost.hours),
        }
        for c in result.programs
    ]
    if len(result.stack) > 1 or result.degrees:
        n = len(result.stack)
        rows.append(
            {
                "kind": "stack",
                "id": "",
                "title": f"Your stack: {words.plural(n, 'program')} together",
                "approximate": any(c.program.is_approximate for c in result.stack),
                "role": "your stack, in all",
                "total_cost": _amount(result.stack_total),
                "months": _months(result.stack_months),
                "hours": None if result.stack_hours is None else round(result.stack_hours),
            }
        )
    for d in result.degrees:
        rows.append(
            {
                "kind": "degree",
                "id": d.degree.id,
                "title": f"{d.degree.title}, {d.degree.institution}",
                "approximate": d.degree.approximate,
                "role": "degree",
                "note": f"tuition {words.money(d.degree.tuition, 0)}",
                "total_cost": _amount(d.total),
                "months": _months(d.months),
                "hours": None,
            }
        )
    columns = [
        Column("kind", "Kind", lambda r: r["kind"], table=False),
        Column("id", "ID", lambda r: r["id"], table=False),
        Column(
            "title",
            "What",
            lambda r: _starred(r["title"], r["approximate"], r.get("user", False)),
            sub=lambda r: r["role"] + (f" ({r['note']})" if r.get("note") else ""),
            csv=False,
        ),
        Column("title", "Title", lambda r: r["title"], table=False),
        Column("role", "Role", lambda r: r["role"], table=False),
        Column("total_cost", f"Cost ({cur})", lambda r: r["total_cost"], right=True, spec=",.2f"),
        Column("currency", "Currency", lambda r: cur, table=False),
        Column("months", "Months", lambda r: r["months"], right=True, spec=".1f"),
        Column("hours", "Hours", lambda r: r["hours"], right=True),
        Column("approximate", "Approximate", lambda r: r["approximate"], table=False),
        Column("ratio", "Ratio", lambda r: r.get("ratio"), table=False),
        Column("time_saved_months", "Time saved (months)", lambda r: r.get("time_saved_months"), table=False),
        Column("note", "Note", lambda r: r.get("note"), table=False),
    ]
    # CSV and Markdown carry everything the table says under it, as rows of their own.
    export = [*rows]
    export += [
        {
            "kind": "comparison",
            "id": c.degree,
            "title": "",
            "approximate": False,
            "role": "degree against your stack",
            "total_cost": _amount(c.degree_total),
            "months": None,
            "hours": None,
            "ratio": None if c.ratio is None else round(c.ratio, 2),
            "time_saved_months": None if c.time_saved_months is None else round(c.time_saved_months, 1),
            "note": words.comparison(c),
        }
        for c in result.comparisons
    ]
    export += [
        {
            "kind": "plan hint",
            "id": h.plan.id,
            "title": h.plan.name,
            "approximate": h.plan.approximate,
            "role": "cheaper plan",
            "total_cost": _amount(h.plan_total),
            "months": _months(h.months),
            "hours": None,
            "note": words.plan_hint(h),
        }
        for h in result.hints
    ]
    export += [
        {
            "kind": "rate" if a.kind == "rate" else "assumption",
            "id": a.subject,
            "title": "",
            "approximate": bool(a.values.get("approximate")),
            "role": a.kind,
            "total_cost": None,
            "months": None,
            "hours": None,
            "note": words.assumption(a),
        }
        for a in result.assumptions
    ]
    notes = [words.comparison(c) for c in result.comparisons]
    if result.stack_total is None and result.degrees:
        notes.append("No ratio: a program in the stack has no published price.")
    notes += [words.plan_hint(h) for h in result.hints]
    if result.missing_skills:
        notes.append(f"Skills of the degree the stack does not cover: {', '.join(result.missing_skills)}")
    notes += [f"Assumed: {words.assumption(a)}" for a in result.assumptions]
    if any(r["approximate"] for r in rows):
        notes.append(APPROXIMATE)
    if any(c.cost.program.user for c in result.programs):
        notes.append(YOURS)
    notes += _stale([c.cost.program for c in result.programs])
    charted = [r for r in rows if r["kind"] != "program" or len(result.stack) == 1 or not result.degrees]
    charts = [
        Chart(
            f"Cost ({cur})",
            [
                (
                    r["title"],
                    r["total_cost"] or 0,
                    "unknown" if r["total_cost"] is None else f"{r['total_cost']:,.2f} {cur}",
                )
                for r in charted
            ],
        ),
        Chart(
            "Time (months)",
            [
                (r["title"], r["months"] or 0, "unknown" if r["months"] is None else f"{r['months']:.1f}")
                for r in charted
            ],
        ),
    ]
    return View(columns, rows, result, notes=notes, charts=charts, export=export)


# --- recommend -------------------------------------------------------------------------------


def recommend(advice: Advice, costs: CostModel, stack: bool, explain: bool) -> View:
    from ..recommend import WEIGHTS

    currency = costs.converter.target
    items = advice.stack_items if stack else advice.results
    ranked = list(enumerate(items, 1))

    def why(pair: tuple[int, Any]) -> str:
        r = pair[1]
        text = words.reason(r)
        if explain:
            text += "; score: " + ", ".join(f"{k} {v:g}" for k, v in r.parts.items())
        return text

    columns = [
        Column("rank", "#", lambda p: p[0], right=True),
        Column("id", "ID", lambda p: p[1].program.id, table=False),
        Column(
            "title",
            "Program and why",
            lambda p: _starred(p[1].program.title, p[1].program.is_approximate, p[1].program.user),
            sub=why,
            csv=False,
        ),
        Column("title", "Title", lambda p: p[1].program.title, table=False),
        Column("reason", "Why", why, table=False),
        Column(
            "total_cost", f"Cost ({currency})", lambda p: _amount(p[1].cost.total), right=True, spec=",.2f"
        ),
        Column("currency", "Currency", lambda p: currency, table=False),
        Column("months", "Months", lambda p: _months(p[1].cost.months), right=True, spec=".1f"),
        Column("score", "Score", lambda p: p[1].score, right=True),
        Column("approximate", "Approximate", lambda p: p[1].program.is_approximate, table=False),
    ]
    if explain:
        columns += [Column(f"{k}_score", k, _part(k), table=False) for k in WEIGHTS]
    notes = [pace_note(costs)]
    if advice.career:
        notes.append(f"Goal: {advice.career.title}; skills: {', '.join(advice.goal_skills)}")
    elif advice.goal_skills:
        notes.append(f"Goal skills: {', '.join(advice.goal_skills)}")
    if stack and advice.stack is not None:
        missing = ", ".join(sorted(advice.stack.missing)) or "none"
        notes.append(
            f"Stack: {words.plural(len(advice.stack.ids), 'program')}, {words.money(advice.stack_total)}, "
            f"{advice.stack.months:.1f} months; covers {len(advice.stack.covered)} "
            f"of {len(advice.goal_skills)} goal skills; missing: {missing}"
        )
    if explain:
        notes.append("Score = " + " + ".join(f"{w:g}×{k}" for k, w in WEIGHTS.items()) + " (×100)")
    notes += _marks([r.program for r in items])
    notes += _stale([r.program for r in items])
    data: Any = advice.stack_advice() if stack else advice.results
    return View(columns, ranked, data, notes=notes)


def _part(name: str) -> Any:
    def get(pair: tuple[int, Any]) -> float:
        value: float = pair[1].parts[name]
        return value

    return get


# --- reference views -------------------------------------------------------------------------


def platforms(rows: Sequence[PlatformRow]) -> View:
    def plans(r: PlatformRow) -> str:
        return "; ".join(
            f"{plan.name}: {plan.price.amount:g} {plan.price.currency}"
            f"{'/' + plan.period if plan.period != 'one_time' else ''}"
            f"{f', {plan.trial_days}-day trial' if plan.trial_days else ''} ({plan.as_of})"
            for plan in r.platform.plans
        )

    def p(r: PlatformRow) -> Platform:
        return r.platform

    columns = [
        Column("id", "ID", lambda r: p(r).id, table=False),
        Column(
            "name",
            "Platform",
            lambda r: p(r).name,
            max_width=22,
            sub=lambda r: f"{p(r).id} · founded {p(r).founded} · {p(r).business}",
        ),
        Column("founded", "Founded", lambda r: p(r).founded, table=False),
        Column("founders", "Founders", lambda r: p(r).founders, table=False),
        Column("business", "Business", lambda r: p(r).business, table=False),
        Column("credentials", "Calls its programs", lambda r: ", ".join(p(r).credential_names), max_width=22),
        Column("pricing", "How it charges", lambda r: p(r).pricing, sub=plans),
        Column("plans", "Plans", plans, table=False),
        Column("refund_days", "Refund days", lambda r: p(r).refund_days, table=False),
        Column("financial_aid", "Financial aid", lambda r: p(r).financial_aid, table=False),
        Column("programs", "Programs", lambda r: r.programs, right=True),
    ]
    return View(columns, rows, list(rows))


def degrees(rows: Sequence[DegreeRow], converter: Converter) -> View:
    from ..compare import rate_assumptions

    def d(r: DegreeRow) -> Degree:
        return r.degree

    columns = [
        Column("id", "ID", lambda r: d(r).id, no_wrap=True),
        Column("title", "Degree", lambda r: _starred(d(r).title, d(r).approximate), max_width=36, csv=False),
        Column("title", "Title", lambda r: d(r).title, table=False),
        Column("institution", "Institution", lambda r: d(r).institution, max_width=24),
        Column("country", "Country", lambda r: d(r).country, table=False),
        Column("level", "Level", lambda r: d(r).level, table=False),
        Column("tuition", "Tuition", lambda r: d(r).tuition.amount, table=False),
        Column("tuition_currency", "Tuition currency", lambda r: d(r).tuition.currency, table=False),
        Column(
            "total_cost", f"Tuition ({converter.target})", lambda r: _amount(r.total), right=True, spec=",.2f"
        ),
        Column("currency", "Currency", lambda r: r.total.currency, table=False),
        Column("years", "Years", lambda r: d(r).years, right=True),
        Column("delivery", "Delivery", lambda r: d(r).delivery),
        Column("approximate", "Approximate", lambda r: d(r).approximate, table=False),
    ]
    notes = [words.assumption(a) for a in rate_assumptions(converter)]
    if any(r.degree.approximate for r in rows):
        notes.append("* approximate: a typical or averaged figure.")
    return View(columns, rows, list(rows), notes=notes)


def glossary(terms: Sequence[Any], catalog: Catalog) -> View:
    def used_by(t: Any) -> str:
        return ", ".join(catalog.platforms[p].name for p in t.platforms if p in catalog.platforms)

    columns = [
        Column("term", "Term", lambda t: t.term, no_wrap=True),
        Column("aliases", "Also called", lambda t: ", ".join(t.aliases), max_width=24),
        Column("platforms", "Used by", used_by, max_width=16),
        Column("meaning", "Meaning", lambda t: t.meaning),
        Column("source", "Source", lambda t: t.source, table=False),
    ]
    return View(columns, terms, list(terms))


def places(p: Places) -> View:
    rows = [
        ("bundled", "Bundled catalog (MICROCRED_CATALOG replaces it)", p.bundled),
        ("user_data", "Your catalog files (merged over the bundled ones)", p.user_data),
        ("cache", "Cache (safe to delete)", p.cache),
    ]
    columns = [
        Column("key", "Key", lambda r: r[0], table=False),
        Column("what", "What", lambda r: r[1]),
        Column("path", "Path", lambda r: str(r[2]), no_wrap=True),
        Column("exists", "Exists", lambda r: r[2].is_dir()),
    ]
    return View(columns, rows, p, notes=["MICROCRED_HOME moves your catalog files and the cache."])


def files(rows: Sequence[Any], user_dir: str) -> View:
    columns = [
        Column("path", "File", lambda r: r.path, table=False),
        Column("source", "Source", lambda r: r.source, no_wrap=True),
        Column("kind", "Kind", lambda r: r.kind, no_wrap=True),
        Column("records", "Records", lambda r: r.records, right=True),
        Column("path", "File", lambda r: r.path, csv=False),
    ]
    mine = sum(1 for r in rows if r.source != "bundled")
    notes = [f"{words.plural(len(rows), 'file')}, {mine} of them yours; yours are in {user_dir}."]
    return View(columns, rows, list(rows), notes=notes)


def stats(s: CatalogStats) -> View:
    rows = [
        (group.replace("_", " "), value, n)
        for group, counts in s.groups()
        for value, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    columns = [
        Column("group", "Group", lambda r: r[0], no_wrap=True),
        Column("value", "Value", lambda r: r[1]),
        Column("programs", "Programs", lambda r: r[2], right=True),
    ]
    notes = [
        f"{words.plural(s.programs, 'program')} ({s.user_programs:,} from your files); "
        f"{s.approximate:,} approximate; {s.unknown_price:,} with no known price."
    ]
    if s.oldest_as_of is not None:
        more = f" and {len(s.oldest) - 1:,} more" if len(s.oldest) > 1 else ""
        notes.append(f"Oldest figures: as of {s.oldest_as_of.isoformat()} ({s.oldest[0]}{more}).")
    if s.stalest:
        notes.append("Stalest: " + ", ".join(f"{i} ({d.isoformat()})" for i, d in s.stalest) + ".")
    return View(columns, rows, s, title="Programs in the catalog", notes=notes)


def audit(a: Audit) -> View:
    def share(n: int) -> str:
        return f"{100 * n / a.programs:.0f}%" if a.programs else "-"

    rows = [("source", kind, n) for kind, n in sorted(a.by_source_kind.items(), key=lambda kv: -kv[1])]
    rows += [("freshness", kind, n) for kind, n in sorted(a.by_freshness.items(), key=lambda kv: -kv[1])]
    rows += [
        ("figures", "with a price or a dated platform plan", a.with_price),
        ("figures", "with a price that rests on a cited page", a.with_cited_price),
        ("figures", "with a duration", a.with_duration),
        ("figures", "with an approximate figure", len(a.approximate)),
    ]
    columns = [
        Column("group", "Group", lambda r: r[0], no_wrap=True),
        Column("value", "Value", lambda r: r[1]),
        Column("programs", "Programs", lambda r: r[2], right=True),
        Column("share", "Share", lambda r: share(r[2]), right=True),
    ]
    notes = [
        f"{words.plural(a.programs, 'program')}, as of {a.today.isoformat()}: fresh under a year, "
        "ageing under three, stale beyond; undated: the page shows no date."
    ]
    if a.refused:
        notes.append(
            "Sources that cannot support a figure: " + ", ".join(f"{i} ({why})" for i, why in a.refused)
        )
    if a.stalest:
        notes.append("Stalest figures: " + ", ".join(f"{f.id} ({f.as_of.isoformat()})" for f in a.stalest))
    if a.approximate:
        notes.append(f"Figures resting on no page (approximate): {', '.join(a.approximate)}")
    return View(columns, rows, a, title="How far the catalog's figures can be trusted", notes=notes)


def study_plan(p: StudyPlan, costs: CostModel) -> View:
    def charges(m: Any) -> str:
        return "; ".join(
            f"{c.program}: {c.kind}" + (f" {words.money(c.amount)}" if c.amount else "") for c in m.charges
        )

    def notable(m: Any) -> str | None:
        """Under a month in tables: its charges, when there is more than one kind or program."""
        return charges(m) if len({(c.program, c.kind) for c in m.charges}) > 1 else None

    columns = [
        Column("month", "Month", lambda m: m.month, no_wrap=True),
        Column("studying", "Studying", lambda m: ", ".join(m.studying), sub=notable, csv=False),
        Column("studying", "Studying", lambda m: "; ".join(m.studying), table=False),
        Column("charges", "Charges", charges, table=False),
        Column("hours", "Hours", lambda m: m.hours, right=True, spec=".1f"),
        Column("billed", f"Billed ({p.currency})", lambda m: _amount(m.billed), right=True, spec=",.2f"),
        Column("to_date", f"To date ({p.currency})", lambda m: _amount(m.to_date), right=True, spec=",.2f"),
        Column("currency", "Currency", lambda m: p.currency, table=False),
    ]
    notes = [pace_note(costs)]
    finish = p.finish.isoformat() if p.finish else "unknown"
    notes.append(
        f"Total {words.money(p.total)} for {words.plural(len(p.programs), 'program')}, one after another, "
        f"from {p.start.isoformat()}; finished by {finish}."
    )
    if p.unknown:
        notes.append(f"No price or no duration for: {', '.join(p.unknown)} (the total is unknown).")
    notes += [words.plan_hint(h) for h in p.hints]
    notes += _stale([s.cost.program for s in p.programs])
    return View(columns, p.months, p, notes=notes)


def choices(groups: Sequence[Choices]) -> View:
    rows = [(g, c) for g in groups for c in g.values]
    columns = [
        Column("list", "List", lambda r: r[0].name, no_wrap=True),
        Column("option", "Option", lambda r: r[0].option, no_wrap=True),
        Column("value", "Value", lambda r: r[1].value, no_wrap=True),
        Column("name", "Meaning", lambda r: r[1].name),
        Column("programs", "Programs", lambda r: r[1].programs, right=True),
    ]
    return View(columns, rows, list(groups))
