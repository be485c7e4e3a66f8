"""Coursera catalog CSV exports, in both layouts seen in the wild (found from the header).

- 2025: partner, course, skills, rating, reviewcount, level, certificatetype, duration,
  crediteligibility (duration is a bucket such as "3 - 6 Months").
- 2020: (index), course_title, course_organization, course_Certificate_type, course_rating,
  course_difficulty, course_students_enrolled (no duration at all: `effort: {}`, unknown).

A duration that cannot be read (or is absent) leaves the program imported with `effort: {}`,
its notes saying so; durations are read in English, Spanish, Portuguese, French and German.

Coursera charges certificate programs and courses by its monthly subscription, and courses can
be audited free, so those rows get `cost: {model: subscription, free_audit: true}`: the
platform's plan prices them. Degrees, MasterTracks and graduate certificates are paid by
tuition and Guided Projects one by one: their price is unknown (never the subscription).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, TextIO
from urllib.parse import quote_plus

from ..models import TUITION_KINDS
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

PLATFORM = "coursera"
CATALOG_URL = "https://www.coursera.org/courses"
AS_OF_2025 = dt.date(2025, 7, 1)  # the 2025 export was scraped in July 2025
AS_OF_2020 = dt.date(2020, 5, 1)  # the 2020 export, May 2020

COLUMNS_2025 = ("partner", "course", "certificatetype", "duration")
COLUMNS_2020 = ("course_title", "course_organization", "course_certificate_type")


def read(stream: TextIO, context: Context) -> Iterator[Row]:
    header, rows = csv_header(stream, "a Coursera CSV export")
    if (columns := header_columns(header, COLUMNS_2025)) is not None:
        context.notes.append("Coursera 2025 layout: durations are buckets, taken at their midpoint")
        convert = _row_2025
    elif (columns := header_columns(header, COLUMNS_2020)) is not None:
        context.notes.append(
            "Coursera 2020 layout: it has no durations, so every duration is unknown (`effort: {}`)"
        )
        convert = _row_2020
    else:
        raise BadExport(
            "not a Coursera CSV export: the header has neither the 2025 columns "
            f"({', '.join(COLUMNS_2025)}) nor the 2020 ones ({', '.join(COLUMNS_2020)})",
            hint=f"the header found: {', '.join(h.strip() for h in header[:10])}",
        )
    yield from by_column(rows, len(header), columns, convert, context)


def _row_2025(line: int, row: dict[str, str], context: Context) -> Row:
    title = _title(row.get("course"))
    provider = c.clean(row.get("partner"))
    credential = c.credential_type(row.get("certificatetype"))
    written = c.clean(row.get("duration"))
    effort = None if c.per_course(written) else c.complete(c.duration(written))
    reason = missing_reason(title=title, partner=provider, certificate_type=credential)
    if reason or title is None or provider is None or credential is None:
        return Reject(line, reason or "incomplete", title, provider=provider)
    topics = c.split_list(row.get("skills"), lower=False)
    rating, reviews = c.number(row.get("rating")), c.count(row.get("reviewcount"))
    level = c.level(row.get("level"))
    notes = []
    if rating is not None:
        notes.append(f"Rated {rating:g}" + (f" from {reviews:,} reviews" if reviews is not None else ""))
    notes.append("in Coursera's catalog, July 2025." if notes else "From Coursera's catalog, July 2025.")
    notes.extend(duration_notes(written, effort))
    if level is None:
        notes.append("Level not stated.")
    credit = None
    if (c.clean(row.get("crediteligibility")) or "").lower() == "true":
        credit = {
            "kind": "college",
            "where": "Coursera marks it eligible for college credit; ask the institution that would grant it",
        }
    record = _record(title, provider, credential, level, effort or {}, context, topics, credit)
    record["as_of"] = AS_OF_2025
    record["notes"] = " ".join(notes)
    return Candidate(line, title, provider, record)


def _row_2020(line: int, row: dict[str, str], context: Context) -> Row:
    title = _title(row.get("course_title"))
    provider = c.clean(row.get("course_organization"))
    credential = c.credential_type(row.get("course_certificate_type"))
    reason = missing_reason(title=title, organization=provider, certificate_type=credential)
    if reason or title is None or provider is None or credential is None:
        return Reject(line, reason or "incomplete", title, provider=provider)
    rating = c.number(row.get("course_rating"))
    enrolled = c.count(row.get("course_students_enrolled"))
    level = c.level(row.get("course_difficulty"))
    facts = [f"rated {rating:g}" if rating is not None else "", f"{enrolled:,} enrolled" if enrolled else ""]
    said = ", ".join(f for f in facts if f)
    notes = [f"{said[:1].upper()}{said[1:]} (Coursera's catalog, May 2020)." if said else ""]
    notes.append("Duration unknown: the 2020 export gives none.")
    if level is None:
        notes.append("Level not stated.")
    record = _record(title, provider, credential, level, {}, context, [], None)
    record["as_of"] = AS_OF_2020
    record["notes"] = " ".join(n for n in notes if n)
    return Candidate(line, title, provider, record)


def duration_notes(written: str | None, effort: dict[str, Any] | None) -> list[str]:
    """What a record's notes say about a duration the export gives in part or not at all."""
    if c.per_course(written):
        return [f"Duration unknown: the export gives a pace per course ({written!r}), not a length."]
    if effort is None:
        if written is None:
            return ["Duration unknown: not in the export."]
        return [f"Duration unknown: the export's {written!r} could not be read."]
    return []


def _title(value: Any) -> str | None:
    title = c.clean(value)
    # Scraped titles sometimes keep a dangling colon ("Google Project Management:").
    return title.rstrip(" :") or None if title else None


def _cost(kind: str) -> dict[str, Any]:
    """Programs and courses are paid by the subscription; degrees, MasterTracks and graduate
    certificates by tuition, and guided projects one by one: the export gives neither price, so
    those are left unknown (never costed from the subscription)."""
    if kind in TUITION_KINDS or kind == "project":
        return {"model": "one_time"}
    return {"model": "subscription", "free_audit": True}


def _record(
    title: str,
    provider: str,
    credential: str,
    level: str | None,
    effort: dict[str, Any],
    context: Context,
    topics: list[str],
    credit: dict[str, str] | None,
) -> dict[str, Any]:
    """The record up to `source`, in the schema's order; the caller adds as_of and notes."""
    record: dict[str, Any] = {
        "title": title,
        "platform": PLATFORM,
        "provider": provider,
        "credential_type": credential,
        "kind": c.kind(credential),
        "fields": context.fields.guess([title], topics),
        "skills": list(dict.fromkeys(t.lower() for t in topics)),
        "level": level or "mixed",
        "cost": _cost(c.kind(credential)),
        "effort": effort,
        "credit": credit,
        # The export has no URLs: a catalog search for the title finds the page.
        "url": f"https://www.coursera.org/search?query={quote_plus(title)}",
        "source": CATALOG_URL,
    }
    return record
