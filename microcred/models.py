"""Typed, frozen records of the catalog. Plain data: no I/O, no printing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# The kinds of catalog file, by name; any other file name holds programs.
KINDS = ("platforms", "programs", "degrees", "currencies", "fields", "glossary", "careers")
# The field that names a record of each kind (currencies by code, glossary terms by term).
ID_FIELDS = {"currencies": "code", "glossary": "term"}


def record_key(kind: str, record: Any) -> str:
    """The key a record is merged and looked up by: its id, a currency's code, a term in lower case."""
    if kind == "currencies":
        return str(record.code)
    if kind == "glossary":
        return str(record.term).lower()
    return str(record.id)


LEVELS = ("beginner", "intermediate", "advanced", "mixed")
COST_MODELS = ("free", "audit_then_certificate", "subscription", "one_time", "per_course")
# What a program is; it decides how it can be billed. The last three are paid as tuition and
# are never costed from a subscription.
PROGRAM_KINDS = (
    "course",  # one course
    "project",  # a guided project (an hour or two)
    "program",  # a series of courses: Specialization, Professional Certificate, Nanodegree, XSeries ...
    "credit-program",  # a university-credit series: MicroMasters, MicroBachelors, microcredentials
    "mastertrack",  # part of a master's, paid as tuition
    "graduate-certificate",  # graduate or university certificate, postgraduate diploma
    "degree",
)
TUITION_KINDS = ("mastertrack", "graduate-certificate", "degree")
WEEKS_PER_MONTH = 52 / 12  # 4.33: a calendar month in weeks


@dataclass(frozen=True, slots=True)
class Money:
    amount: float
    currency: str  # ISO 4217


@dataclass(frozen=True, slots=True)
class PricePoint:
    """A price that was true on a date other than the record's own `as_of` (older or newer)."""

    price: Money
    as_of: dt.date
    source: str
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Cost:
    """How a program charges (CTDL's EstimatedCost: price, currency, payment pattern)."""

    model: str  # one of COST_MODELS
    price: Money | None = None  # per month, per course or in all, by `model`; None = unknown
    free_audit: bool = False
    approximate: bool = False
    history: tuple[PricePoint, ...] = ()


@dataclass(frozen=True, slots=True)
class Effort:
    """The provider's estimate of the workload (CTDL's EstimatedDuration)."""

    hours_per_week: float | None = None
    weeks: float | None = None
    hours: float | None = None
    approximate: bool = False

    @property
    def total_hours(self) -> float | None:
        if self.hours is not None:
            return self.hours
        if self.hours_per_week is not None and self.weeks is not None:
            return self.hours_per_week * self.weeks
        return None


@dataclass(frozen=True, slots=True)
class Credit:
    kind: str  # masters | bachelors | college | professional
    where: str
    ects: float | None = None


@dataclass(frozen=True, slots=True)
class Program:
    id: str
    title: str
    platform: str
    provider: str
    credential_type: str
    kind: str
    fields: tuple[str, ...]
    skills: tuple[str, ...]
    level: str
    cost: Cost
    effort: Effort
    url: str
    source: str
    as_of: dt.date
    partners: tuple[str, ...] = ()
    courses: int | None = None
    credit: Credit | None = None
    assessment: tuple[str, ...] = ()
    delivery: str = "online"
    approximate: bool = False
    notes: str | None = None
    checked: dt.date | None = None  # when the source was read (as_of: when the figures were true)
    origin: str = ""  # the file it came from
    user: bool = False  # from the user's own catalog, not the bundled one

    @property
    def is_approximate(self) -> bool:
        return self.approximate or self.cost.approximate or self.effort.approximate

    @property
    def earns_university_credit(self) -> bool:
        """Credit toward a degree (not a professional body's hours, such as PMI's)."""
        return self.credit is not None and self.credit.kind in ("masters", "bachelors", "college")

    @property
    def can_audit(self) -> bool:
        """The content can be studied free, without the certificate."""
        return self.cost.free_audit or self.cost.model in ("free", "audit_then_certificate")


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    name: str
    price: Money
    period: str  # month | year | one_time
    source: str
    as_of: dt.date
    trial_days: int = 0
    scope: str = "program"  # program: pays for one program; platform: everything on it
    approximate: bool = False
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Platform:
    id: str
    name: str
    founded: int
    founders: str
    business: str
    credential_names: tuple[str, ...]
    pricing: str
    url: str
    source: str
    as_of: dt.date
    plans: tuple[Plan, ...] = ()
    financial_aid: bool = False
    refund_days: int | None = None
    partners: tuple[str, ...] = ()
    notes: str | None = None
    origin: str = ""
    user: bool = False

    def monthly_plan(self) -> Plan | None:
        """What a `subscription` program costs: the newest checked per-program monthly plan.

        A plan read off a weak source (approximate) is used only when no checked one exists.
        """
        plans = [p for p in self.plans if p.period == "month" and p.scope == "program"]
        return max(plans, key=lambda p: (not p.approximate, p.as_of)) if plans else None


@dataclass(frozen=True, slots=True)
class Degree:
    id: str
    title: str
    institution: str
    level: str  # bachelors | masters
    tuition: Money
    years: float
    delivery: str
    fields: tuple[str, ...]
    url: str
    source: str
    as_of: dt.date
    country: str = ""  # ISO 3166-1 alpha-2
    platform: str | None = None
    skills: tuple[str, ...] = ()
    approximate: bool = False
    notes: str | None = None
    checked: dt.date | None = None
    origin: str = ""
    user: bool = False


@dataclass(frozen=True, slots=True)
class Rate:
    usd: float  # one unit of the currency, in US dollars
    as_of: dt.date
    source: str


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    name: str
    rates: tuple[Rate, ...]
    origin: str = ""
    user: bool = False


@dataclass(frozen=True, slots=True)
class FieldOfStudy:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    origin: str = ""
    user: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    meaning: str
    source: str
    aliases: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    origin: str = ""
    user: bool = False

    @property
    def id(self) -> str:
        return self.term.lower()


@dataclass(frozen=True, slots=True)
class Career:
    id: str
    title: str
    fields: tuple[str, ...]
    skills: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    regulated: bool = False
    notes: str | None = None
    source: str | None = None
    origin: str = ""
    user: bool = False


@dataclass(slots=True)
class Catalog:
    """Everything loaded, by id. Built by catalog.load(); read-only by convention."""

    platforms: dict[str, Platform] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)  # or a lazy mapping from the cache
    degrees: dict[str, Degree] = field(default_factory=dict)
    currencies: dict[str, Currency] = field(default_factory=dict)
    fields: dict[str, FieldOfStudy] = field(default_factory=dict)
    glossary: dict[str, Term] = field(default_factory=dict)
    careers: dict[str, Career] = field(default_factory=dict)
    files: list[tuple[str, str, int]] = field(default_factory=list)  # (path, kind, records)
    index: Any = None  # a search index kept with the cache; None: built in memory when needed
