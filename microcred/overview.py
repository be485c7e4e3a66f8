"""The reference parts of the catalog as typed rows: platforms, degrees, terms, files, places."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NotFoundError
from .models import Catalog, Degree, Gap, Money, Platform, Term
from .money import Converter
from .results import out


@dataclass(frozen=True, slots=True)
class PlatformRow:
    platform: Platform = field(metadata=out(flatten=True))
    programs: int = 0  # in the catalog


@dataclass(frozen=True, slots=True)
class DegreeRow:
    degree: Degree = field(metadata=out(flatten=True))
    total: Money = field(metadata=out(name="total_cost"))  # in the target currency


@dataclass(frozen=True, slots=True)
class FileRow:
    path: str
    kind: str
    records: int
    source: str  # bundled | user | --data


@dataclass(frozen=True, slots=True)
class Places:
    bundled: Path
    user_data: Path
    cache: Path


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    name: str  # what it means, for people
    programs: int | None = None  # how many programs have it, where that applies


@dataclass(frozen=True, slots=True)
class Choices:
    name: str  # fields, platforms, ...
    option: str  # the option that takes them
    values: tuple[Choice, ...]


def choices(catalog: Catalog, currencies: list[str]) -> list[Choices]:
    """Every option's valid values, with how many programs have each."""
    from .models import LEVELS, PROGRAM_KINDS

    programs = list(catalog.programs.values())
    by_field = Counter(f for p in programs for f in p.fields)
    by_platform = Counter(p.platform for p in programs)
    by_type = Counter(p.credential_type for p in programs)
    by_kind = Counter(p.kind for p in programs)
    by_level = Counter(p.level for p in programs)
    names = {c.code: c.name for c in catalog.currencies.values()}
    return [
        Choices(
            "fields", "--field", tuple(Choice(f.id, f.name, by_field[f.id]) for f in catalog.fields.values())
        ),
        Choices(
            "platforms",
            "--platform",
            tuple(Choice(p.id, p.name, by_platform[p.id]) for p in catalog.platforms.values()),
        ),
        Choices(
            "credential-types",
            "--credential-type",
            tuple(Choice(t, t, n) for t, n in sorted(by_type.items())),
        ),
        Choices("kinds", "(in the data: kind)", tuple(Choice(k, k, by_kind[k]) for k in PROGRAM_KINDS)),
        Choices("levels", "--level", tuple(Choice(v, v, by_level[v]) for v in LEVELS)),
        Choices(
            "currencies",
            "--currency",
            tuple(Choice(c, names.get(c, "ECB reference rate")) for c in currencies),
        ),
        Choices("careers", "--goal", tuple(Choice(c.id, c.title) for c in catalog.careers.values())),
    ]


def platforms(catalog: Catalog) -> list[PlatformRow]:
    counts = Counter(p.platform for p in catalog.programs.values())
    ordered = sorted(catalog.platforms.values(), key=lambda p: p.name.lower())
    return [PlatformRow(p, counts.get(p.id, 0)) for p in ordered]


def degree(catalog: Catalog, converter: Converter, degree_id: str) -> DegreeRow:
    d = catalog.degrees[degree_id]
    return DegreeRow(d, converter.convert(d.tuition))


def degrees(catalog: Catalog, converter: Converter) -> list[DegreeRow]:
    ordered = sorted(catalog.degrees.values(), key=lambda d: (d.level, d.title.lower()))
    return [DegreeRow(d, converter.convert(d.tuition)) for d in ordered]


def terms(catalog: Catalog, wanted: str | None) -> list[Term]:
    """Every term, or the one a name (term or alias, typo-tolerant) means."""
    from .fuzzy import nearest

    ordered = sorted(catalog.glossary.values(), key=lambda t: t.term.lower())
    if wanted is None:
        return ordered
    names = {name.lower(): t for t in ordered for name in (t.term, *t.aliases)}
    key = wanted.strip().lower()
    if key not in names:
        close = nearest(key, names, limit=1, cutoff=80, whole=True)
        if not close:
            suggestions = nearest(key, names)
            raise NotFoundError(
                f"no term {wanted!r}",
                hint=f"did you mean: {', '.join(suggestions)}?" if suggestions else None,
            )
        key = close[0]
    return [names[key]]


def gap_for(catalog: Catalog, text: str | None) -> Gap | None:
    """The gap a query names as a whole ("mini mba", "English in Medicine"), if any."""
    if not text:
        return None
    import re

    def norm(value: str) -> str:
        return " ".join(re.findall(r"[a-z0-9]+", value.lower()))

    wanted = norm(text)
    for gap in catalog.gaps.values():
        if wanted in {norm(name) for name in (gap.topic, *gap.aliases)}:
            return gap
    return None


def files(catalog: Catalog, bundled: Path, user: Path) -> list[FileRow]:
    def source(name: str) -> str:
        path = Path(name)
        if path.is_relative_to(bundled):
            return "bundled"
        return "user" if path.is_relative_to(user) else "--data"

    return [FileRow(name, kind, count, source(name)) for name, kind, count in catalog.files]
