"""edX catalog CSV exports: title, summary, n_enrolled, course_type, institution, instructors,
Level, subject, language, subtitles, course_effort, course_length, price, course_description,
course_syllabus, course_url (multi-line quoted fields, CRLF line ends).

Prices are text ("FREE-Add a Verified Certificate for $49 USD"): free with a paid
certificate becomes `audit_then_certificate`; a price that cannot be read is left unknown.
Prices keep their cents ("$49.99" stays 49.99).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, TextIO

from . import cleaning as c
from .base import (
    BadExport,
    Candidate,
    Context,
    Reject,
    Row,
    by_column,
    csv_header,
    header_columns,
    missing_reason,
)

PLATFORM = "edx"
CATALOG_URL = "https://www.edx.org/search"
# The export's own date: it was scraped in 2020 (its text mentions offers "before September 1,
# 2020"). The sample file's modification time is the day it was copied, not when the figures
# were read, so it is not used.
AS_OF = dt.date(2020, 9, 1)

COLUMNS = ("title", "institution", "course_length")

_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "₹": "INR"}
_AMOUNT = re.compile(r"(?P<symbol>[$£€₹])?\s*(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?P<code>[A-Z]{3})?")


def read(stream: TextIO, context: Context) -> Iterator[Row]:
    header, rows = csv_header(stream, "an edX CSV export")
    columns = header_columns(header, COLUMNS)
    if columns is None:
        raise BadExport(
            f"not an edX CSV export: the header lacks some of {', '.join(COLUMNS)}",
            hint=f"the header found: {', '.join(h.strip() for h in header[:10])}",
        )
    yield from by_column(rows, len(header), columns, _row, context)


def _row(line: int, row: dict[str, str], context: Context) -> Row:
    title = c.clean(row.get("title"))
    provider = c.clean(row.get("institution"))
    length = c.clean(row.get("course_length"))
    effort = _effort(c.clean(row.get("course_effort")), length)
    reason = missing_reason(title=title, institution=provider)
    if reason or title is None or provider is None:
        return Reject(line, reason or "incomplete", title, provider=provider)
    subject = c.clean(row.get("subject"))
    level = c.level(row.get("level"))
    cost, price_note = _cost(c.clean(row.get("price")), context)
    url = c.https_url(row.get("course_url"))
    notes = []
    summary = c.first_sentence(c.html_to_text(c.clean(row.get("summary"))))
    if summary:
        notes.append(summary if summary[-1] in ".!?…" else summary + ".")
    pacing = c.clean(row.get("course_type"))
    if pacing and "instructor" in pacing.lower():
        notes.append(f"{pacing}.")
    language = c.clean(row.get("language"))
    if language and language.lower() != "english":
        notes.append(f"Taught in {language}.")
    enrolled = c.count(row.get("n_enrolled"))
    if enrolled:
        notes.append(f"{enrolled:,} enrolled by 2020.")
    if price_note:
        notes.append(price_note)
    if "weeks" not in effort and "hours" not in effort:
        notes.append(
            "Length unknown: not in the export."
            if length is None
            else f"Length unknown: the export's {length!r} could not be read."
        )
    if level is None:
        notes.append("Level not stated.")
    record: dict[str, Any] = {
        "title": title,
        "platform": PLATFORM,
        "provider": provider,
        "credential_type": "Course",  # rows are single courses (with a verified certificate)
        "kind": "course",
        "fields": context.fields.guess([title], [subject] if subject else []),
        "skills": [],
        "level": level or "mixed",
        "cost": cost,
        "effort": effort,
        "url": url or CATALOG_URL,
        "source": url or CATALOG_URL,
        "as_of": AS_OF,
        "notes": " ".join(notes),
    }
    return Candidate(line, title, provider, record, url=url)


def _effort(effort_text: str | None, length_text: str | None) -> dict[str, Any]:
    """`2–3 hours per week` and `2 Weeks` → {hours_per_week: 2.5, weeks: 2, approximate: true};
    a length that cannot be read gives no weeks (the pace alone, or {}: unknown)."""
    length = c.duration(length_text) or {}
    effort: dict[str, Any] = {}
    pace = c.duration(effort_text)
    if pace is not None:
        effort.update({k: v for k, v in pace.items() if k in ("hours_per_week", "hours", "approximate")})
    for key, value in length.items():
        effort.setdefault(key, value)
    ordered: dict[str, Any] = {
        k: effort[k] for k in ("hours_per_week", "weeks", "hours", "approximate") if k in effort
    }
    return c.complete(ordered) or {}


def _cost(text: str | None, context: Context) -> tuple[dict[str, Any], str | None]:
    """The cost mapping and, when the price text could not be used, a note saying why."""
    if text is None:
        return {"model": "one_time"}, "Price not in the export."
    free = "free" in text.lower()
    match = _AMOUNT.search(text)
    price = None
    note = None
    if match is not None:
        currency = match.group("code") or _SYMBOLS.get(match.group("symbol") or "")
        amount = c.number(match.group("amount"))
        if amount is None:
            note = f"Price text {text!r} is too large to be a price."
        elif currency in context.currencies:
            price = {"amount": c.price_amount(amount), "currency": currency}
        else:
            note = f"Price text {text!r} is in a currency the catalog does not know."
    elif not free:
        note = f"Price text {text!r} not understood."
    if free and price is not None:
        return {"model": "audit_then_certificate", "price": price, "free_audit": True}, note
    if free:
        if note:  # free to audit, but the certificate's price is unknown
            return {"model": "audit_then_certificate", "free_audit": True}, note
        return {"model": "free"}, None
    if price is not None:
        return {"model": "one_time", "price": price}, note
    return {"model": "one_time"}, note
