"""Where the catalog is thin or stale: programs counted by platform, field, kind and year."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .models import Catalog, Program


@dataclass(frozen=True)
class CatalogStats:
    programs: int
    user_programs: int
    approximate: int
    unknown_price: int
    oldest_as_of: dt.date | None
    oldest: list[str]
    stalest: list[tuple[str, dt.date]] = field(default_factory=list)  # the ten oldest dated figures
    by_platform: dict[str, int] = field(default_factory=dict)
    by_field: dict[str, int] = field(default_factory=dict)
    by_credential_type: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_cost_model: dict[str, int] = field(default_factory=dict)
    by_level: dict[str, int] = field(default_factory=dict)
    by_as_of_year: dict[str, int] = field(default_factory=dict)

    def groups(self) -> Iterator[tuple[str, dict[str, int]]]:
        for name in ("platform", "field", "credential_type", "kind", "cost_model", "level", "as_of_year"):
            yield name, getattr(self, f"by_{name}")


def price_unknown(program: Program, catalog: Catalog) -> bool:
    cost = program.cost
    if cost.model == "free" or cost.price is not None:
        return False
    if cost.model == "subscription":
        platform = catalog.platforms.get(program.platform)
        return platform is None or platform.monthly_plan() is None
    return True


def catalog_stats(catalog: Catalog) -> CatalogStats:
    programs = sorted(catalog.programs.values(), key=lambda p: p.id)
    oldest = min((p.as_of for p in programs), default=None)

    def count(values: Iterator[str]) -> dict[str, int]:
        return dict(sorted(Counter(values).items()))

    return CatalogStats(
        programs=len(programs),
        user_programs=sum(1 for p in programs if p.user),
        approximate=sum(1 for p in programs if p.is_approximate),
        unknown_price=sum(1 for p in programs if price_unknown(p, catalog)),
        oldest_as_of=oldest,
        oldest=[p.id for p in programs if p.as_of == oldest],
        stalest=[(p.id, p.as_of) for p in sorted(programs, key=lambda p: (p.as_of, p.id)) if not p.undated][
            :10
        ],
        by_platform=count(p.platform for p in programs),
        by_field=count(f for p in programs for f in (p.fields or ("(none)",))),
        by_credential_type=count(p.credential_type for p in programs),
        by_kind=count(p.kind for p in programs),
        by_cost_model=count(p.cost.model for p in programs),
        by_level=count(p.level for p in programs),
        by_as_of_year=count(str(p.as_of.year) for p in programs),
    )
