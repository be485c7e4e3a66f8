"""Search: a query and filters in, programs ranked out (the index does the word matching)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .costs import CostModel, ProgramCost
from .index import MemoryIndex, words
from .models import LEVELS, Catalog, Program
from .results import out


def resolve_field(catalog: Catalog, text: str) -> str:
    """A --field value (id, name or alias, any case) to a field id, or a UsageError."""
    from .errors import UsageError
    from .fuzzy import did_you_mean

    wanted = text.strip().lower()
    for f in catalog.fields.values():
        if wanted in (f.id, f.name.lower(), *(a.lower() for a in f.aliases)):
            return f.id
    names = list(catalog.fields) + [a for f in catalog.fields.values() for a in f.aliases]
    raise UsageError(f"unknown field {text!r}{did_you_mean(wanted, names)}")


def resolve_id(kind: str, wanted: str, known: Iterable[str]) -> str:
    """An id that must exist, or a NotFoundError with the nearest ids."""
    from .errors import NotFoundError
    from .fuzzy import nearest

    known = list(known)
    if wanted in known:
        return wanted
    close = nearest(wanted, known)
    suggestion = f" (did you mean: {', '.join(close)}?)" if close else ""
    raise NotFoundError(f"no {kind} {wanted!r}{suggestion}")


def credential_types(programs: Sequence[Program]) -> list[str]:
    return sorted({p.credential_type for p in programs})


@dataclass(frozen=True)
class Filters:
    platform: str | None = None
    provider: str | None = None
    field: str | None = None
    credential_type: str | None = None
    level: str | None = None
    max_price: float | None = None  # in the cost model's currency, at the learner's pace
    max_weeks: float | None = None
    free_audit: bool = False
    credit: bool = False

    def admits(self, program: Program) -> bool:
        """The filters that need no cost model (field and credential type already resolved)."""
        provider = self.provider.lower() if self.provider else None
        return not (
            (self.platform and program.platform != self.platform)
            or (
                provider
                and provider not in program.provider.lower()
                and not any(provider in p.lower() for p in program.partners)
            )
            or (self.field and self.field not in program.fields)
            or (self.credential_type and program.credential_type.lower() != self.credential_type.lower())
            or (self.level and program.level != self.level)
            or (self.free_audit and not program.can_audit)
            or (self.credit and not program.earns_university_credit)
        )


@dataclass(frozen=True, slots=True)
class Result:
    cost: ProgramCost = field(metadata=out(flatten=True))  # with the program itself
    score: float | None = None

    @property
    def program(self) -> Program:
        return self.cost.program


SORTS = ("relevance", "price", "duration", "title")
MAX_QUERY = 1000  # characters: a longer "query" is a pasted document, not a search


def find(
    catalog: Catalog,
    query: str | None,
    filters: Filters,
    costs: CostModel,
    sort: str | None = None,
    limit: int | None = None,
) -> list[Result]:
    """Programs that match the query and pass every filter, ranked; NotFoundError if none."""
    from .errors import NotFoundError, UsageError

    if filters.platform is not None:
        resolve_option("platform", filters.platform, catalog.platforms)
    if filters.level is not None and filters.level not in LEVELS:
        resolve_option("level", filters.level, LEVELS)
    field = resolve_field(catalog, filters.field) if filters.field else None
    credential = None
    if filters.credential_type:
        credential = resolve_credential_type(catalog, filters.credential_type)
    if sort is not None and sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")

    if query is not None and len(query) > MAX_QUERY:
        raise UsageError(f"the query is {len(query):,} characters long; at most {MAX_QUERY:,}")
    if query and query.strip() and not words(query):
        raise UsageError(f"the query {query.strip()!r} has no letters or digits to search for")
    if query and query.strip():
        index = catalog.index or MemoryIndex(catalog)
        ranking, missing = index.search(query)
        if missing:
            near = {w: index.nearest_terms(w) for w in missing}
            hint = "; ".join(
                f"{w!r}: nearest terms {', '.join(n)}" if n else f"{w!r}: no close term"
                for w, n in near.items()
            )
            raise NotFoundError(f"no program matches {', '.join(repr(w) for w in missing)}", hint=hint)
        ranked: Iterable[tuple[str, float | None]] = ((h.id, h.score) for h in ranking)
        matched = len(ranking)
    else:
        ranked = ((p, None) for p in catalog.programs)
        matched = len(catalog.programs)

    results: list[Result] = []
    resolved = replace(filters, field=field, credential_type=credential)
    early_stop = limit is not None and (sort or "relevance") == "relevance" and bool(query and query.strip())
    for program_id, score in ranked:
        if early_stop and limit is not None and len(results) >= limit:
            break  # ranked already: the rest is never shown, so never loaded
        program = catalog.programs[program_id]
        if not resolved.admits(program):
            continue
        cost = costs.cost(program)
        if filters.max_price is not None and (
            cost.total is None or cost.total.amount > filters.max_price + 0.005
        ):
            continue
        if filters.max_weeks is not None and (cost.weeks is None or cost.weeks > filters.max_weeks + 1e-9):
            continue
        results.append(Result(cost, score))
    if not results:
        what = f"matching {query.strip()!r}" if query and query.strip() else "in the catalog"
        raise NotFoundError(
            f"{matched} program{'s' if matched != 1 else ''} {what}, none passes the filters",
            hint="loosen a filter (for example the price or the level)" if matched else None,
        )
    order = sort or ("relevance" if query and query.strip() else "title")
    if order == "price":
        results.sort(
            key=lambda r: (
                r.cost.total is None,
                r.cost.total.amount if r.cost.total else 0,
                r.program.title.lower(),
            )
        )
    elif order == "duration":
        results.sort(key=lambda r: (r.cost.weeks is None, r.cost.weeks or 0, r.program.title.lower()))
    elif order == "title" or (order == "relevance" and not query):
        results.sort(key=lambda r: (r.program.title.lower(), r.program.id))
    return results[:limit] if limit else results


def resolve_option(kind: str, value: str, known: Iterable[str]) -> str:
    """A value that must be one of `known`, or a UsageError with the nearest."""
    from .errors import UsageError
    from .fuzzy import did_you_mean

    known = list(known)
    if value in known:
        return value
    raise UsageError(f"unknown {kind} {value!r}{did_you_mean(value, known)}")


def resolve_credential_type(catalog: Catalog, text: str) -> str:
    """A credential type by its name or any glossary alias (nano-degree -> Nanodegree)."""
    wanted = text.strip().lower()
    types = credential_types(list(catalog.programs.values()))
    for t in types:
        if t.lower() == wanted:
            return t
    for term in catalog.glossary.values():
        names = [term.term.lower(), *(a.lower() for a in term.aliases)]
        if wanted in names:
            for t in types:
                if t.lower() in names:
                    return t
    return resolve_option("credential type", text, types)


def free_routes(
    catalog: Catalog, query: str | None, filters: Filters, costs: CostModel, limit: int | None = None
) -> list[Result]:
    """What a price limit left out that can still be studied free (whole, for a while, or a
    preview), its certificate paid: what a learner with no budget can do."""
    from .errors import NotFoundError

    if filters.max_price is None:
        return []
    try:
        found = find(catalog, query, replace(filters, max_price=None), costs)
    except NotFoundError:
        return []
    routes = [r for r in found if r.cost.free_route is not None]
    return routes[:limit] if limit else routes
