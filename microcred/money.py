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
        # A rate given for this run may be for any ISO 4217 code (KES, NGN ...), known or not.
        self.overrides = {_iso(code): usd for code, usd in self.overrides.items()}
        if self.overrides.get("USD", 1.0) != 1.0:
            raise UsageError("the US dollar's rate is 1 by definition (rates are USD per unit)")
        self.target = self.check_code(self.target)

    def supported(self) -> list[str]:
        from . import ecb

        return sorted({*self.catalog.currencies, *ecb.codes(), *self.overrides})

    def check_code(self, code: str) -> str:
        upper = _iso(code)
        if upper in self.catalog.currencies or upper in self.overrides:
            return upper
        from . import ecb

        if upper in ecb.codes():
            return upper
        from .fuzzy import did_you_mean

        known = self.supported()
        raise UsageError(
            f"unknown currency {code!r}{did_you_mean(upper, known)}; known: {', '.join(known)}",
            hint=f"give a rate for this run with --rate {upper}=USD_PER_UNIT (one {upper} in US dollars)",
        )

    def rate(self, code: str) -> RateUsed:
        if code in self.overrides:
            return RateUsed(code, self.overrides[code], None, "")
        from . import ecb

        currency = self.catalog.currencies.get(code)
        dated = [
            (r.as_of, 1, RateUsed(code, r.usd, r.as_of, r.source))
            for r in (currency.rates if currency else ())
            if self.as_of is None or r.as_of <= self.as_of
        ]
        found = ecb.usd_rate(code, self.as_of) if code != "USD" else None
        if found is not None:
            dated.append((found[1], 0, RateUsed(code, found[0], found[1], ecb.SOURCE)))
        if not dated:
            if currency is not None and currency.rates:
                oldest = min(r.as_of for r in currency.rates)
                raise NotFoundError(
                    f"no {code} rate on or before {self.as_of}; the oldest is {oldest.isoformat()}"
                )
            raise NotFoundError(f"no {code} rate on or before {self.as_of or 'today'}")
        # The newest rate on or before the day; on the same day the catalog's own (which keeps
        # the rates published comparisons used) wins over the ECB's.
        return max(dated, key=lambda d: (d[0], d[1]))[2]

    def convert(self, money: Money) -> Money:
        if money.currency == self.target:
            return money
        source, target = self.rate(money.currency), self.rate(self.target)
        for used in (source, target):
            if used.code != "USD":  # 1 USD = 1 USD needs no saying
                self.used[used.code] = used
        return Money(money.amount * source.usd / target.usd, self.target)

    def rates_used(self) -> list[RateUsed]:
        return sorted(self.used.values(), key=lambda r: r.code)


def _iso(code: str) -> str:
    upper = code.strip().upper()
    if len(upper) != 3 or not upper.isascii() or not upper.isalpha():
        raise UsageError(f"{code!r} is not an ISO 4217 currency code (three letters, e.g. GBP)")
    return upper
