"""Udacity's public catalog API dump: {"courses": [...], "tracks": [...], "degrees": [...]}.

Degrees are Nanodegree programs; courses are Udacity's free courses; tracks only group
course keys, so they are reported as skipped. The API gives no prices: a Nanodegree is
charged by Udacity's monthly subscription, so it takes the platform's plan and its cost
follows the learner's pace, like the bundled Nanodegrees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, TextIO

from . import cleaning as c
from .base import BadExport, Candidate, Context, Reject, Row, check_fields, json_items, missing_reason

PLATFORM = "udacity"
CATALOG_URL = "https://www.udacity.com/courses/all"
AS_OF = dt.date(2017, 4, 1)  # the dump's date (April 2017)
KINDS = {"courses": "Course", "degrees": "Nanodegree"}
NEEDS = ("title", "key", "expected_duration", "slug")  # a course or degree has most of these


def read(stream: TextIO, context: Context) -> Iterator[Row]:
    seen_any = checked = False
    for member, index, item in json_items(stream):
        line = 0  # JSON items are placed by their path (`where`), not by line
        if member is None:
            raise BadExport(
                "not Udacity's catalog dump: it is a JSON list, not an object with courses, "
                "tracks and degrees",
                hint="a list of courses with runs is FutureLearn's feed: use futurelearn-json",
            )
        if not checked and member in KINDS and index is not None and isinstance(item, dict):
            check_fields(item, "Udacity's catalog dump", NEEDS, enough=2)
            checked = True
        seen_any = seen_any or (member in KINDS or member == "tracks")
        where = f"{member}[{index}]" if index is not None else member
        if member == "tracks":
            name = c.clean(item.get("name")) if isinstance(item, dict) else None
            yield Reject(line, "a track (a list of courses), not a program", name, where)
        elif member not in KINDS or index is None:
            continue  # other members (metadata) carry no programs
        elif not isinstance(item, dict):
            yield Reject(line, "not a JSON object", None, where)
        else:
            yield _item(line, where, item, KINDS[member], context)
    if not seen_any:
        raise BadExport("not Udacity's catalog dump: no courses or degrees in it")


def _item(line: int, where: str, item: dict[str, Any], credential: str, context: Context) -> Row:
    title = c.clean(item.get("title"))
    amount, unit = c.number(item.get("expected_duration")), c.clean(item.get("expected_duration_unit"))
    effort = c.duration(f"{amount:g} {unit}") if amount and unit else None
    reason = missing_reason(title=title)
    if reason or title is None:
        return Reject(line, reason or "incomplete", title, where, "Udacity")
    affiliates = item.get("affiliates")
    partners = [
        name
        for a in (affiliates if isinstance(affiliates, list) else [])
        if isinstance(a, dict) and (name := c.clean(a.get("name"))) and name.lower() != "udacity"
    ]
    tracks = c.texts(item.get("tracks"))
    summary = c.first_sentence(c.html_to_text(c.clean(item.get("short_summary"))))
    level = c.level(item.get("level"))
    notes = [summary] if summary else []
    if credential == "Nanodegree":
        notes.append("Price not in the export: costed with Udacity's monthly subscription plan.")
    if effort is None:
        notes.append("Duration unknown: not in the export.")
    if level is None:
        notes.append("Level not stated.")
    url = c.https_url(item.get("homepage"))
    if url is None and (slug := c.clean(item.get("slug"))):
        url = f"https://www.udacity.com/course/{slug}"
    record: dict[str, Any] = {
        "title": title,
        "platform": PLATFORM,
        "provider": "Udacity",
        "partners": list(dict.fromkeys(partners)),
        "credential_type": credential,
        "kind": c.kind(credential),
        "fields": context.fields.guess([title], [*tracks, *([summary] if summary else [])]),
        "skills": list(dict.fromkeys(t.lower() for t in tracks)),
        "level": level or "mixed",
        # Free courses cost nothing; a Nanodegree is paid by the platform's monthly plan.
        "cost": {"model": "free"} if credential == "Course" else {"model": "subscription"},
        "effort": effort or {},
        "url": url or CATALOG_URL,
        "source": url or CATALOG_URL,
        "as_of": AS_OF,
        "notes": " ".join(notes),
    }
    return Candidate(line, title, "Udacity", record, where, url)
