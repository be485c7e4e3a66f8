"""How far the catalog's figures can be trusted: where each comes from, and how old it is.

A source is *primary* when it is the platform's or the provider's own page (the program's own
site, the platform's domain, a university or government domain), *other* when it is a copy or
a code host (GitHub, document-sharing sites), and a *review* otherwise (news, blogs, guides).
A figure is *fresh* under a year old, *ageing* under three, *stale* beyond; a page that shows no
date is *undated*. Sources that cannot support a figure at all (web proxies, GitHub topic and
profile pages) are listed as refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .models import Catalog, Program

FRESH_DAYS = 365
AGEING_DAYS = 3 * 365
FRESHNESS = ("fresh", "ageing", "stale", "undated")
SOURCE_KINDS = ("primary", "review", "other")

# Code hosts and document-sharing sites: a copy of someone's notes, not the figure's owner.
_OTHER_HOSTS = (
    "github.com",
    "githubusercontent.com",
    "gitlab.com",
    "scribd.com",
    "docslib.org",
    "studylib.net",
)
# Hosts that wrap another site's pages: they cannot be cited for anything.
_PROXY = re.compile(r"(^|\.)(workers\.dev|fanyv88\.com|zoppoz\.|translate\.goog|ragamutama\.com)")
_ACADEMIC = re.compile(
    r"(\.edu|\.ac\.[a-z]{2}|\.edu\.[a-z]{2}|\.gov|\.gov\.[a-z]{2}|\.gouv\.fr|\.uni-[a-z]+\.de)$"
)


def _host(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.")


def _site(host: str) -> str:
    """The registrable part of a host, roughly: the last two labels (three under a country
    second level such as .ac.uk or .co.uk)."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in ("ac", "co", "com", "edu", "gov", "org") and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def refused_source(url: str) -> str | None:
    """Why a URL cannot be a source (a proxy, a GitHub topic or profile page), or None."""
    host = _host(url)
    if _PROXY.search(host):
        return "a proxy or mirror of another site"
    if host == "github.com":
        path = [p for p in urlsplit(url).path.split("/") if p]
        if path[:1] == ["topics"]:
            return "a GitHub topic page"
        if len(path) == 1:
            return "a GitHub profile page"
    return None


def source_kind(source: str, own_pages: Iterable[str]) -> str:
    """primary, review or other (see the module's docstring)."""
    host = _host(source)
    if any(host == h or host.endswith("." + h) for h in _OTHER_HOSTS):
        return "other"
    sites = {_site(_host(u)) for u in own_pages if u}
    if _site(host) in sites or _ACADEMIC.search(host):
        return "primary"
    return "review"


def program_source_kind(program: Program, catalog: Catalog) -> str:
    platform = catalog.platforms.get(program.platform)
    return source_kind(program.source, [program.url, platform.url if platform else ""])


def freshness(as_of: dt.date, today: dt.date, undated: bool = False) -> str:
    if undated:
        return "undated"
    age = (today - as_of).days
    if age < FRESH_DAYS:
        return "fresh"
    return "ageing" if age < AGEING_DAYS else "stale"


@dataclass(frozen=True, slots=True)
class Figure:
    """A program's figures, as the audit sees them."""

    id: str
    as_of: dt.date
    freshness: str
    source: str
    source_kind: str
    priced: bool  # a price of its own or a dated platform plan
    timed: bool  # a duration
    approximate: bool
    refused: str | None  # why its source cannot support a figure


@dataclass(frozen=True)
class Audit:
    today: dt.date
    programs: int
    by_source_kind: dict[str, int] = field(default_factory=dict)
    by_freshness: dict[str, int] = field(default_factory=dict)
    with_price: int = 0
    with_duration: int = 0
    with_cited_price: int = 0  # priced, and the price rests on a page (not approximate)
    approximate: list[str] = field(default_factory=list)  # figures that rest on no page
    refused: list[tuple[str, str]] = field(default_factory=list)  # (id, why)
    stalest: list[Figure] = field(default_factory=list)


def figure(program: Program, catalog: Catalog, today: dt.date) -> Figure:
    platform = catalog.platforms.get(program.platform)
    plan = platform.monthly_plan() if platform else None
    by_plan = program.cost.model == "subscription" and program.cost.price is None and plan is not None
    priced = program.cost.model == "free" or program.cost.price is not None or by_plan
    return Figure(
        id=program.id,
        as_of=program.as_of,
        freshness=freshness(program.as_of, today, program.undated),
        source=program.source,
        source_kind=program_source_kind(program, catalog),
        priced=priced,
        timed=program.effort.weeks is not None or program.effort.hours is not None,
        approximate=program.is_approximate,
        refused=refused_source(program.source),
    )


def audit(catalog: Catalog, today: dt.date, stalest: int = 10) -> Audit:
    figures = [figure(p, catalog, today) for p in sorted(catalog.programs.values(), key=lambda p: p.id)]
    cited = 0
    for f in figures:
        program = catalog.programs[f.id]
        plan_ok = program.cost.price is None and program.cost.model == "subscription"
        if f.priced and not program.cost.approximate and (not plan_ok or _plan_cited(program, catalog)):
            cited += 1
    dated = sorted((f for f in figures if f.freshness != "undated"), key=lambda f: (f.as_of, f.id))
    return Audit(
        today=today,
        programs=len(figures),
        by_source_kind=dict(Counter(f.source_kind for f in figures)),
        by_freshness=dict(Counter(f.freshness for f in figures)),
        with_price=sum(f.priced for f in figures),
        with_duration=sum(f.timed for f in figures),
        with_cited_price=cited,
        approximate=[f.id for f in figures if f.approximate],
        refused=[(f.id, f.refused) for f in figures if f.refused],
        stalest=dated[:stalest],
    )


def _plan_cited(program: Program, catalog: Catalog) -> bool:
    """A dated monthly plan of the platform rests on a cited page (the one in force today may
    be a newer, weaker figure: the cost model says so where it uses it)."""
    platform = catalog.platforms.get(program.platform)
    return platform is not None and platform.last_checked_plan() is not None
