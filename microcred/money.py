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
    source: str

    def describe(self) -> str:
        when = self.as_of.isoformat() if self.as_of else "given with --rate"
        return f"1 {self.code} = {self.usd:g} USD ({when})"


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

    def check_code(self, code: str) -> str:
        upper = code.strip().upper()
        if upper not in self.catalog.currencies:
            from .fuzzy import did_you_mean

            raise UsageError(f"unknown currency {code!r}{did_you_mean(upper, self.catalog.currencies)}")
        return upper

    def rate(self, code: str) -> RateUsed:
        if code in self.overrides:
            return RateUsed(code, self.overrides[code], None, "--rate")
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


def parse_rate(text: str) -> tuple[str, float]:
    """`GBP=1.27` (one GBP in USD) -> ("GBP", 1.27)."""
    import math

    code, sep, value = text.partition("=")
    if not sep or not code.strip() or not value.strip():
        raise UsageError(f"--rate {text!r}: expected CODE=USD_PER_UNIT, for example GBP=1.27")
    try:
        usd = float(value.replace(",", ""))
    except ValueError:
        raise UsageError(f"--rate {text!r}: {value.strip()!r} is not a number") from None
    if not math.isfinite(usd) or usd <= 0:
        raise UsageError(f"--rate {text!r}: the rate must be a positive number")
    return code.strip().upper(), usd
