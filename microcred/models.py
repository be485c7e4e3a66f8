"""The record kinds of the catalog, each declared once (see schema.py). Plain data: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import (
    ListOf,
    boolean,
    country_code,
    currency_code,
    date,
    integer,
    number,
    one_of,
    positive,
    slug,
    slug_list,
    spec,
    text,
    text_list,
)
from .schema import (
    url as https_url,
)

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

_ORIGIN = spec(text, "the file it came from", default="", internal=True, public=False)
_USER = spec(boolean, "from the user's own catalog, not the bundled one", default=False, internal=True)


@dataclass(frozen=True, slots=True)
class Money:
    amount: float = spec(number, "an amount ≥ 0")
    currency: str = spec(currency_code, "ISO 4217 code")


@dataclass(frozen=True, slots=True, kw_only=True)
class PricePoint:
    """A price that was true on a date other than the record's own `as_of` (older or newer)."""

    price: Money = spec(Money, "the price then")
    as_of: dt.date = spec(date, "when it was true")
    source: str = spec(https_url, "where it was read")
    approximate: bool = spec(boolean, "not checked against a public page", default=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cost:
    """How a program charges (CTDL's EstimatedCost: price, currency, payment pattern)."""

    model: str = spec(one_of(*COST_MODELS), "how it is paid")
    price: Money | None = spec(
        Money, "per month, per course or in all, by `model`; none = unknown", default=None
    )
    free_audit: bool = spec(
        boolean, "the content can be studied free, without the certificate", default=False
    )
    approximate: bool = spec(boolean, "the price is an estimate", default=False)
    history: tuple[PricePoint, ...] = spec(ListOf(PricePoint), "other dated prices of it", default=())


@dataclass(frozen=True, slots=True, kw_only=True)
class Effort:
    """The provider's estimate of the workload (CTDL's EstimatedDuration); {} = unknown."""

    hours_per_week: float | None = spec(positive, "the suggested pace", default=None)
    weeks: float | None = spec(positive, "weeks at that pace", default=None)
    hours: float | None = spec(positive, "total hours (instead of or as well as weeks)", default=None)
    approximate: bool = spec(boolean, "the estimate could not be checked", default=False)

    @property
    def total_hours(self) -> float | None:
        if self.hours is not None:
            return self.hours
        if self.hours_per_week is not None and self.weeks is not None:
            return self.hours_per_week * self.weeks
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Credit:
    kind: str = spec(one_of("masters", "bachelors", "college", "professional"), "what it counts toward")
    where: str = spec(text, "which institutions grant it")
    ects: float | None = spec(positive, "ECTS credits", default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Program:
    id: str = spec(slug, "unique across all files")
    title: str = spec(text, "as the platform shows it")
    platform: str = spec(slug, "an id from platforms.yaml")
    provider: str = spec(text, "the university or company that teaches it")
    partners: tuple[str, ...] = spec(text_list, "co-branding organisations", default=())
    credential_type: str = spec(text, "the platform's own name for it")
    kind: str = spec(one_of(*PROGRAM_KINDS), "what it is; decides how it is billed")
    fields: tuple[str, ...] = spec(slug_list, "ids from fields.yaml, most relevant first")
    skills: tuple[str, ...] = spec(text_list, "lower case, short phrases")
    level: str = spec(one_of(*LEVELS), "who it is for")
    courses: int | None = spec(integer, "number of courses in it", default=None)
    cost: Cost = spec(Cost, "how it is paid")
    effort: Effort = spec(Effort, "the provider's estimate of the work ({} = unknown)")
    credit: Credit | None = spec(Credit, "university credit it earns", default=None)
    assessment: tuple[str, ...] = spec(text_list, "projects, quizzes, exams, peer review, essays", default=())
    delivery: str = spec(one_of("online", "blended", "in person"), "how it is taught", default="online")
    url: str = spec(https_url, "its page")
    source: str = spec(https_url, "where its figures were read")
    as_of: dt.date = spec(date, "when the figures were true (the page's own date)")
    checked: dt.date | None = spec(date, "when the source was read", default=None)
    undated: bool = spec(boolean, "the source shows no date: `as_of` is the day it was read", default=False)
    approximate: bool = spec(boolean, "some figure is an estimate", default=False)
    notes: str | None = spec(text, "one or two sentences a learner should know", default=None)
    origin: str = _ORIGIN
    user: bool = _USER

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


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    id: str = spec(slug, "unique within the platform")
    name: str = spec(text, "as the platform calls it")
    price: Money = spec(Money, "per period")
    period: str = spec(one_of("month", "year", "one_time"), "what the price pays for")
    trial_days: int = spec(integer, "free days before the first payment", default=0)
    scope: str = spec(
        one_of("program", "platform"), "program: one program; platform: everything on it", default="program"
    )
    source: str = spec(https_url, "where it was read")
    as_of: dt.date = spec(date, "when it was true; it is in force from then until a newer plan of its kind")
    until: dt.date | None = spec(date, "when it stopped being sold, if it did", default=None)
    approximate: bool = spec(boolean, "read off a weak source", default=False)
    notes: str | None = spec(text, "what a learner should know", default=None)

    def in_force(self, day: dt.date) -> bool:
        return self.as_of <= day and (self.until is None or day <= self.until)


ACCESS_RULES = ("free-audit", "preview-only", "audit-expires", "certificate-only")


@dataclass(frozen=True, slots=True, kw_only=True)
class AccessRule:
    """What studying without paying opens on a platform, over a period."""

    rule: str = spec(
        one_of(*ACCESS_RULES),
        "free-audit: the whole course free; preview-only: the first module; audit-expires: free "
        "for a limited time; certificate-only: nothing free",
    )
    since: dt.date = spec(date, "from when it applies")
    until: dt.date | None = spec(date, "until when (none: still)", default=None)
    days: int | None = spec(integer, "for audit-expires: how long the free access lasts", default=None)
    source: str = spec(https_url, "where it was read")
    approximate: bool = spec(boolean, "reported by learners, not the platform", default=False)
    notes: str | None = spec(text, "what a learner should know", default=None)

    def in_force(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True, slots=True, kw_only=True)
class Aid:
    """How a platform's financial aid works."""

    per: str = spec(one_of("course", "program"), "one application per course or per program")
    decision_days: int | None = spec(integer, "how long a decision takes", default=None)
    how: str = spec(text, "how to apply, in a sentence")
    source: str = spec(https_url, "where it was read")
    as_of: dt.date = spec(date, "when it was true")
    undated: bool = spec(boolean, "the page shows no date", default=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Platform:
    id: str = spec(slug, "coursera, edx, ...")
    name: str = spec(text, "its name")
    founded: int = spec(integer, "the year")
    founders: str = spec(text, "who founded it")
    business: str = spec(text, "for-profit, non-profit, ...")
    credential_names: tuple[str, ...] = spec(text_list, "what it calls its micro-credentials")
    pricing: str = spec(text, "how it charges, in a sentence or two")
    plans: tuple[Plan, ...] = spec(ListOf(Plan), "its dated plans", default=())
    access: tuple[AccessRule, ...] = spec(ListOf(AccessRule), "what is free to study, over time", default=())
    financial_aid: bool = spec(boolean, "it offers financial aid", default=False)
    aid: Aid | None = spec(Aid, "how its financial aid works", default=None)
    refund_days: int | None = spec(integer, "days to cancel for a refund", default=None)
    partners: tuple[str, ...] = spec(text_list, "universities and companies on it", default=())
    url: str = spec(https_url, "its site")
    source: str = spec(https_url, "where the facts were read")
    as_of: dt.date = spec(date, "when they were true")
    notes: str | None = spec(text, "what a learner should know", default=None)
    origin: str = _ORIGIN
    user: bool = _USER

    def monthly_plan(self, day: dt.date | None = None) -> Plan | None:
        """What a `subscription` program costs on a day (default: today): the newest
        per-program monthly plan in force then, checked or not (a newer weak figure is not
        passed over for an older checked one; the output says it is approximate)."""
        day = day or dt.date.today()
        plans = [p for p in self.plans if p.period == "month" and p.scope == "program" and p.in_force(day)]
        return max(plans, key=lambda p: (p.as_of, not p.approximate)) if plans else None

    def last_checked_plan(self, day: dt.date | None = None) -> Plan | None:
        """The newest checked per-program monthly plan on a day: what a weak newer one replaced."""
        day = day or dt.date.today()
        plans = [
            p
            for p in self.plans
            if p.period == "month" and p.scope == "program" and not p.approximate and p.as_of <= day
        ]
        return max(plans, key=lambda p: p.as_of) if plans else None

    def access_rule(self, day: dt.date | None = None) -> AccessRule | None:
        """The access rule in force on a day (the newest that started by then)."""
        day = day or dt.date.today()
        rules = [r for r in self.access if r.in_force(day)]
        return max(rules, key=lambda r: r.since) if rules else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Degree:
    id: str = spec(slug, "unique")
    title: str = spec(text, "the degree's name")
    institution: str = spec(text, "who awards it")
    level: str = spec(one_of("bachelors", "masters"), "bachelors or masters")
    tuition: Money = spec(Money, "the whole degree's tuition")
    years: float = spec(positive, "typical duration")
    delivery: str = spec(one_of("online", "on campus", "blended"), "how it is taught")
    country: str = spec(country_code, "where it is awarded (ISO 3166, e.g. GB)", default="")
    platform: str | None = spec(slug, "where it is delivered online", default=None)
    fields: tuple[str, ...] = spec(slug_list, "ids from fields.yaml")
    skills: tuple[str, ...] = spec(text_list, "what it teaches", default=())
    url: str = spec(https_url, "its page")
    source: str = spec(https_url, "where the tuition was read")
    as_of: dt.date = spec(date, "when the tuition was true")
    checked: dt.date | None = spec(date, "when the source was read", default=None)
    approximate: bool = spec(boolean, "a typical or averaged figure", default=False)
    notes: str | None = spec(text, "how the tuition was worked out", default=None)
    origin: str = _ORIGIN
    user: bool = _USER


@dataclass(frozen=True, slots=True, kw_only=True)
class Rate:
    usd: float = spec(positive, "one unit of the currency, in US dollars")
    as_of: dt.date = spec(date, "the rate's date")
    source: str = spec(https_url, "where it was read")


@dataclass(frozen=True, slots=True, kw_only=True)
class Currency:
    code: str = spec(currency_code, "ISO 4217")
    name: str = spec(text, "its name")
    rates: tuple[Rate, ...] = spec(ListOf(Rate), "dated rates to USD, oldest first")
    origin: str = _ORIGIN
    user: bool = _USER


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldOfStudy:
    id: str = spec(slug, "the --field id")
    name: str = spec(text, "its name")
    aliases: tuple[str, ...] = spec(text_list, "other words for it", default=())
    origin: str = _ORIGIN
    user: bool = _USER


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    term: str = spec(text, "the headword (matched in any case)")
    aliases: tuple[str, ...] = spec(text_list, "other spellings people type", default=())
    meaning: str = spec(text, "one paragraph")
    platforms: tuple[str, ...] = spec(slug_list, "platform ids it belongs to", default=())
    source: str = spec(https_url, "where the meaning comes from")
    origin: str = _ORIGIN
    user: bool = _USER


@dataclass(frozen=True, slots=True, kw_only=True)
class Career:
    id: str = spec(slug, "unique")
    title: str = spec(text, "the role")
    aliases: tuple[str, ...] = spec(text_list, "other names for it", default=())
    fields: tuple[str, ...] = spec(slug_list, "ids from fields.yaml")
    skills: tuple[str, ...] = spec(text_list, "what it needs, in the words programs use")
    regulated: bool = spec(boolean, "micro-credentials cannot replace its training", default=False)
    notes: str | None = spec(text, "what a learner should know", default=None)
    source: str | None = spec(https_url, "where the skills come from", default=None)
    origin: str = _ORIGIN
    user: bool = _USER


@dataclass(frozen=True, slots=True, kw_only=True)
class Gap:
    """A field the overview of micro-credentials names for which no platform here has a program,
    and the nearest real programs to offer instead."""

    id: str = spec(slug, "unique")
    topic: str = spec(text, "what a learner would look for")
    aliases: tuple[str, ...] = spec(text_list, "other ways to say it (matched as a whole query)", default=())
    note: str = spec(text, "what exists instead, in a sentence")
    nearest: tuple[str, ...] = spec(slug_list, "ids of the nearest real programs")
    source: str = spec(https_url, "where the topic is named")
    origin: str = _ORIGIN
    user: bool = _USER


@dataclass(frozen=True)
class Kind:
    """A kind of catalog file: the record it holds and the key records are merged by."""

    name: str
    record: type
    key: str  # the field that names a record
    # Kinds that others refer to load first, so references can be checked as records stream in.


# The kinds of catalog file, in loading order; a file is of the kind its name says, and any
# other file name holds programs.
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("fields", FieldOfStudy, "id"),
        Kind("currencies", Currency, "code"),
        Kind("platforms", Platform, "id"),
        Kind("degrees", Degree, "id"),
        Kind("glossary", Term, "term"),
        Kind("careers", Career, "id"),
        Kind("programs", Program, "id"),
        Kind("gaps", Gap, "id"),  # after programs: it names them
    )
}


def file_kind(path: Path) -> str:
    """The record kind a catalog file holds, from its name; any other name holds programs."""
    return path.stem if path.stem in KINDS else "programs"


def record_key(kind: str, record: Any) -> str:
    """The key a record is merged and looked up by: its id, a currency's code, a term in lower case."""
    key = str(getattr(record, KINDS[kind].key))
    return key.lower() if kind == "glossary" else key


@dataclass(slots=True)
class Catalog:
    """Everything loaded, by key. Built by catalog.load() or the cache; read-only by convention."""

    platforms: dict[str, Platform] = field(default_factory=dict)
    programs: Mapping[str, Program] = field(default_factory=dict)  # or a lazy mapping from the cache
    degrees: dict[str, Degree] = field(default_factory=dict)
    currencies: dict[str, Currency] = field(default_factory=dict)
    fields: dict[str, FieldOfStudy] = field(default_factory=dict)
    glossary: dict[str, Term] = field(default_factory=dict)
    careers: dict[str, Career] = field(default_factory=dict)
    gaps: dict[str, Gap] = field(default_factory=dict)
    files: list[tuple[str, str, int]] = field(default_factory=list)  # (path, kind, records)
    index: Any = None  # the search index kept with the cache; None: built in memory when needed
