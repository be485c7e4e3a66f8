"""FutureLearn's public courses feed: a JSON list of courses, each with its organisation,
hours per week, categories, an HTML description and its runs (start date, weeks).

The feed gives no prices and no level: the price is left unknown and the level is `mixed`,
each record's notes saying so. A course whose description says "free online course" is free
to join (`free_audit: true`), its certificate's price unknown. A file whose items lack the
feed's fields (name, organisation, runs) is another scrape's, refused before any row is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, TextIO

from . import cleaning as c
from .base import BadExport, Candidate, Context, Reject, Row, check_fields, json_items, missing_reason

PLATFORM = "futurelearn"
CATALOG_URL = "https://www.futurelearn.com/courses"
AS_OF = dt.date(2017, 1, 1)  # the feed's date (2017)


NEEDS = ("name", "organisation", "runs")  # a feed item without these is another scrape's
FREE = re.compile(r"\bfree\s+online\s+course\b", re.IGNORECASE)


def read(stream: TextIO, context: Context) -> Iterator[Row]:
    checked = False
    for member, index, item in json_items(stream):
        line = 0  # JSON items are placed by their path (`where`), not by line
        if member is not None:
            raise BadExport(
                "not FutureLearn's courses feed: it is a JSON object, not a list of courses",
                hint="an object with courses, tracks and degrees is Udacity's dump: use udacity-json",
            )
        where = f"item {index}"
        if not checked and isinstance(item, dict):
            check_fields(item, "FutureLearn's courses feed", NEEDS, enough=2)
            checked = True
        if not isinstance(item, dict):
            yield Reject(line, "not a JSON object", None, where)
        else:
            yield _item(line, where, item, context)


def _item(line: int, where: str, item: dict[str, Any], context: Context) -> Row:
    title = c.clean(item.get("name"))
    organisation = item.get("organisation")
    provider = c.clean(organisation.get("name")) if isinstance(organisation, dict) else None
    weeks = _weeks(item.get("runs"))
    reason = missing_reason(title=title, organisation=provider)
    if reason or title is None or provider is None:
        return Reject(line, reason or "incomplete", title, where, provider)
    effort: dict[str, Any] = {}
    hours = c.number(item.get("hours_per_week"))
    if hours:
        effort["hours_per_week"] = c.tidy_number(hours)
    if weeks is not None:
        effort["weeks"] = c.tidy_number(weeks)
    effort = c.complete(effort) or {}  # hours a week without a length: unknown
    categories = c.texts(item.get("categories"))
    intro = c.html_to_text(c.clean(item.get("introduction")))
    description = c.html_to_text(item.get("description"))
    notes = []
    summary = c.first_sentence(intro or description)
    if summary:
        notes.append(summary if summary[-1] in ".!?…" else summary + ".")
    free = FREE.search(f"{intro or ''} {description or ''}") is not None
    if weeks is None:
        notes.append("Length unknown: no run with a length in the feed.")
    if free:
        notes.append("Free to join (a free online course).")
    if item.get("has_certificates") is True:
        notes.append("A certificate is available; its price is not in the feed.")
    elif item.get("has_certificates") is False:
        notes.append("No certificate.")
    language = c.clean(item.get("language"))
    if language and language.lower() not in ("en", "english"):
        notes.append(f"Taught in language '{language}'.")
    notes.append("Level not stated.")
    url = c.https_url(item.get("url"))
    record: dict[str, Any] = {
        "title": title,
        "platform": PLATFORM,
        "provider": provider,
        "credential_type": "Course",
        "kind": "course",
        "fields": context.fields.guess([title], categories),
        "skills": [],
        "level": "mixed",
        # No price in the feed: unknown, never 0. "Free online course" is free to join, with a
        # certificate of unknown price.
        "cost": {"model": "audit_then_certificate", "free_audit": True} if free else {"model": "one_time"},
        "effort": effort,
        "url": url or CATALOG_URL,
        "source": url or CATALOG_URL,
        "as_of": AS_OF,
        "notes": " ".join(notes),
    }
    return Candidate(line, title, provider, record, where, url)


def _weeks(runs: Any) -> float | None:
    """The newest run's length in weeks (a course's runs can differ; the latest is current)."""
    if not isinstance(runs, list):
        return None
    dated = []
    for run in runs:
        if not isinstance(run, dict):
            continue
        weeks = c.number(run.get("duration_in_weeks"))
        if weeks and weeks > 0:
            dated.append((str(run.get("start_date") or ""), weeks))
    return max(dated)[1] if dated else None
