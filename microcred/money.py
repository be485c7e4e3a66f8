"""Currencies and dated rates: every conversion names the rate and its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .errors import NotFoundError, UsageError
from .models import Catalog, Money


@dataclass(frozen=True, slots=True)
class RateUsed:
    code: str
    usd: float  # one unit of `code` in US dollars
    as_of: dt.date | None  # None: given on the command line
    source: str  # a URL, or "" for a rate the user gave for this run


@dataclass
class Converter:
    """Converts money into one target currency with the rates of one date."""

    catalog: Catalog
    target: str = "USD"
    as_of: dt.date | None = None  # None: the newest rates
    overrides: dict[str, float] = field(default_factory=dict)
    used: dict[str, RateUsed] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.target = self.check_code(self.target)
        self.overrides = {self.check_code(code): usd for code, usd in self.overrides.items()}
        if self.overrides.get("USD", 1.0) != 1.0:
            raise UsageError("the US dollar's rate is 1 by definition (rates are USD per unit)")

    def check_code(self, code: str) -> str:
        upper = code.strip().upper()
        if upper not in self.catalog.currencies:
            from .fuzzy import did_you_mean

            raise UsageError(f"unknown currency {code!r}{did_you_mean(upper, self.catalog.currencies)}")
        return upper

    def rate(self, code: str) -> RateUsed:
        if code in self.overrides:
            return RateUsed(code, self.overrides[code], None, "")
        currency = self.catalog.currencies.get(code)
        if currency is None:
            raise NotFoundError(f"no currency {code!r} in the catalog")
        rates = [r for r in currency.rates if self.as_of is None or r.as_of <= self.as_of]
        if not rates:
            oldest = min(r.as_of for r in currency.rates)
            raise NotFoundError(
                f"no {code} rate on or before {self.as_of}; the oldest is {oldest.isoformat()}"
            )
        newest = max(rates, key=lambda r: r.as_of)
        return RateUsed(code, newest.usd, newest.as_of, newest.source)

    def convert(self, money: Money) -> Money:
        if money.currency == self.target:
            return money
        source, target = self.rate(money.currency), self.rate(self.target)
        self.used[source.code] = source
        if target.code != "USD":
            self.used[target.code] = target
        return Money(money.amount * source.usd / target.usd, self.target)

    def rates_used(self) -> list[RateUsed]:
        return sorted(self.used.values(), key=lambda r: r.code)
