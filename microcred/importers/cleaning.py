"""Messy-data rules shared by the importers: one place decides what a stray value means."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..models import WEEKS_PER_MONTH, FieldOfStudy
from ..schema import MAX_NUMBER

MISSING = {"", "none", "nan", "null", "n/a", "na", "-"}
# Half of a UTF-16 pair with no other half (a JSON export's "\ud800"): no UTF-8 text can hold
# it, so a file written with one could never be read back.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(value: Any) -> str | None:
    """A cell as text: stray spaces trimmed; empty, `None`, `nan` and the like are missing;
    a lone surrogate becomes U+FFFD, as a UTF-8 decoder would make of it."""
    if value is None:
        return None
    text = (value if isinstance(value, str) else str(value)).strip()
    if not text.isascii():
        text = _LONE_SURROGATE.sub("\ufffd", text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = " ".join(text.split())
    return None if len(text) <= 4 and text.lower() in MISSING else text


_COUNT = re.compile(r"^(\d+(?:\.\d+)?)\s*([km])?$", re.IGNORECASE)


def count(value: Any) -> int | None:
    """`5.3k` → 5300, `3.2m` → 3200000, `124,980` → 124980, `16400.0` → 16400; else None."""
    text = clean(value)
    if text is None:
        return None
    match = _COUNT.match(text.replace(",", ""))
    if match is None:
        return None
    scale = {"k": 1_000, "m": 1_000_000}.get((match.group(2) or "").lower(), 1)
    value = bounded(float(match.group(1)) * scale)
    return None if value is None else round(value)


def bounded(value: float) -> float | None:
    """A number as read from a cell, or None when no real figure could be that large (a
    400-digit cell reads as infinity): the schema's own limit, applied where numbers enter."""
    return value if math.isfinite(value) and abs(value) <= MAX_NUMBER else None


def number(value: Any) -> float | None:
    text = clean(value)
    if text is None:
        return None
    try:
        out = float(text.replace(",", ""))
    except ValueError:
        return None
    return bounded(out)


def tidy_number(value: float) -> int | float:
    """12.0 → 12, 8.6666 → 8.7 and 0.142857 → 0.14, so files read like hand-written ones."""
    rounded = round(value, 1 if value >= 1 else 2)
    return int(rounded) if rounded == int(rounded) else rounded


# --- durations -------------------------------------------------------------------------------

_UNIT_WEEKS = {"hour": None, "day": 1 / 7, "week": 1.0, "month": WEEKS_PER_MONTH, "year": 52.0}
_RANGE = re.compile(
    r"^(?:(?P<less>less than|under|up to)\s+)?(?P<lo>\d+(?:\.\d+)?)"
    r"(?:\s*(?:-|–|—|to)\s*(?P<hi>\d+(?:\.\d+)?))?\s*(?P<plus>\+)?\s*"
    r"(?P<unit>hour|hr|day|week|wk|month|year)s?\b",
    re.IGNORECASE,
)
_UNIT_ALIASES = {"hr": "hour", "wk": "week"}


def span(text: str | None) -> tuple[float, str, bool] | None:
    """`3 - 6 Months` → (4.5, 'month', True): a bucket's midpoint, its unit, and whether it
    was a range (so the figure is an estimate). `Less Than 2 Hours` → (1.0, 'hour', True)."""
    if text is None:
        return None
    match = _RANGE.match(text.strip())
    if match is None:
        return None
    lo = bounded(float(match.group("lo")))
    hi = bounded(float(match.group("hi"))) if match.group("hi") else None
    if lo is None or (match.group("hi") and hi is None):
        return None  # a "duration" of hundreds of digits is not one
    unit = match.group("unit").lower()
    unit = _UNIT_ALIASES.get(unit, unit)
    if match.group("less"):
        return lo / 2, unit, True
    if hi is not None:
        return (lo + hi) / 2, unit, lo != hi
    return lo, unit, bool(match.group("plus"))


def duration(text: str | None) -> dict[str, Any] | None:
    """A duration bucket as an `effort` mapping (weeks, or total hours), or None."""
    found = span(text)
    if found is None or found[0] <= 0:
        return None
    value, unit, estimate = found
    effort: dict[str, Any]
    if unit == "hour":
        effort = {"hours": tidy_number(value)}
    else:
        effort = {"weeks": tidy_number(max(value * (_UNIT_WEEKS[unit] or 1.0), 0.1))}
    if estimate:
        effort["approximate"] = True
    return effort


# --- words -----------------------------------------------------------------------------------

_LEVELS = {
    "beginner": "beginner",
    "introductory": "beginner",
    "introduction": "beginner",
    "basic": "beginner",
    "intermediate": "intermediate",
    "advanced": "advanced",
    "expert": "advanced",
    "mixed": "mixed",
    "all levels": "mixed",
    "all": "mixed",
}


def level(value: Any) -> str | None:
    text = clean(value)
    return None if text is None else _LEVELS.get(text.lower())


_CREDENTIALS = {
    "professional certificate": "Professional Certificate",
    "specialization": "Specialization",
    "course": "Course",
    "nanodegree": "Nanodegree",
    "micromasters": "MicroMasters",
    "micromasters program": "MicroMasters",
    "microbachelors": "MicroBachelors",
    "xseries": "XSeries",
    "mastertrack": "MasterTrack Certificate",
    "mastertrack certificate": "MasterTrack Certificate",
    "guided project": "Guided Project",
    "project": "Project",
    "expert track": "ExpertTrack",
    "experttrack": "ExpertTrack",
    "microcredential": "Microcredential",
    "program": "Program",
    "professional certificate program": "Professional Certificate",
    "degree": "Degree",
    "graduate certificate": "Graduate Certificate",
    "postgraduate diploma": "Postgraduate Diploma",
    "university certificate": "University Certificate",
}


def credential_type(value: Any) -> str | None:
    """The platform's name for a credential, in our spelling (`SPECIALIZATION` → Specialization)."""
    text = clean(value)
    if text is None:
        return None
    key = text.lower().replace("®", "").replace("™", "").strip()
    return _CREDENTIALS.get(key) or _CREDENTIALS.get(key.replace("-", " ")) or text


_KINDS = {
    "Course": "course",
    "Guided Project": "project",
    "Project": "project",
    "MasterTrack Certificate": "mastertrack",
    "MicroMasters": "credit-program",
    "MicroBachelors": "credit-program",
    "Microcredential": "credit-program",
    "Degree": "degree",
    "Graduate Certificate": "graduate-certificate",
    "Postgraduate Diploma": "graduate-certificate",
    "University Certificate": "graduate-certificate",
}


def kind(credential: str) -> str:
    """The kind of program a credential name stands for (it decides how it is billed)."""
    return _KINDS.get(credential, "program")


def split_list(value: Any, lower: bool = True) -> list[str]:
    """`Python, SQL , python` → ['python', 'sql']: trimmed, de-duplicated, lower case unless
    `lower` is false (the field guesser wants the capitals)."""
    text = clean(value)
    if text is None:
        return []
    seen: dict[str, str] = {}
    for part in text.split(","):
        item = clean(part)
        if item is not None:
            seen.setdefault(item.lower(), item.lower() if lower else item)
    return list(seen.values())


def texts(value: Any) -> list[str]:
    """A JSON list of strings, cleaned; anything else (a string, a number, null) gives []."""
    if not isinstance(value, list):
        return []
    return [text for item in value if isinstance(item, str) and (text := clean(item))]


def slugify(text: str, max_length: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"(?<=\w)'(?=\w)", "", ascii_text)  # CS50's → cs50s, not cs50-s
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(out) > max_length:
        out = out[:max_length].rsplit("-", 1)[0] or out[:max_length]
    return out


def normalised(text: str) -> str:
    """For comparing titles and providers: case, accents, punctuation and spacing ignored."""
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text))


# --- HTML and URLs ---------------------------------------------------------------------------


class _Text(HTMLParser):
    _BREAKS = frozenset({"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr"})
    _HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(value: Any) -> str | None:
    """HTML as plain text (stdlib html.parser): tags dropped, entities decoded, spaces tidied."""
    if value is None:
        return None
    parser = _Text()
    parser.feed(str(value))
    parser.close()
    # convert_charrefs has decoded the entities already: unescaping again would decode "&amp;lt;".
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line) or None


def first_sentence(text: str | None, limit: int = 240) -> str | None:
    if not text:
        return None
    flat = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(?:\s|$)", flat)
    sentence = match.group(1) if match else flat
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def https_url(value: Any) -> str | None:
    """An https URL without tracking parameters (utm_*), or None when it is not one."""
    text = clean(value)
    if text is None:
        return None
    if text.startswith("//"):
        text = "https:" + text
    parts = urlsplit(text)
    if parts.scheme == "http":
        parts = parts._replace(scheme="https")
    if parts.scheme != "https" or not parts.netloc or " " in text:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
    return urlunsplit(parts._replace(query=query, fragment=""))


# --- fields of study -------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9+#]+", normalised(text.replace("&", " and ")))
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


class FieldGuesser:
    """Guesses field ids from skills, subjects and titles with the aliases in fields.yaml.

    Matching is by whole words (plurals folded); an alias of three letters or fewer (ai, it,
    ux, seo) counts only where the text writes it in capitals, so "make it happen" is not IT.
    """

    MAX_FIELDS = 3
    CACHE = 50_000  # distinct topics remembered (a few MB at most)

    def __init__(self, fields: Mapping[str, FieldOfStudy]) -> None:
        self.terms: dict[tuple[str, ...], tuple[str, bool]] = {}
        for field in fields.values():
            phrases = [field.id.replace("-", " "), *field.aliases]
            phrases += re.split(r",\s*|\s+and\s+", field.name)
            for phrase in phrases:
                tokens = tuple(_tokens(phrase))
                if tokens and tokens not in self.terms:
                    self.terms[tokens] = (field.id, len(phrase.replace(" ", "")) <= 3)
        self.longest = max((len(t) for t in self.terms), default=1)
        self.starts = {t[0] for t in self.terms}  # most words start no term: one set look-up
        self._topics: dict[str, list[str]] = {}  # skills and subjects repeat across rows

    def _topic(self, text: str) -> list[str]:
        found = self._topics.get(text)
        if found is None:
            found = self.matches(text)
            if len(self._topics) < self.CACHE:
                self._topics[text] = found
        return found

    def matches(self, text: str) -> list[str]:
        """The field ids named in one piece of text, in order of appearance."""
        tokens = _tokens(text)
        capitals: set[str] | None = None
        found: list[str] = []
        for start in range(len(tokens)):
            if tokens[start] not in self.starts:
                continue
            for size in range(min(self.longest, len(tokens) - start), 0, -1):
                hit = self.terms.get(tuple(tokens[start : start + size]))
                if hit is None:
                    continue
                field_id, short = hit
                if short:
                    if capitals is None:
                        capitals = set(re.findall(r"\b[A-Z0-9]{2,3}\b", text))
                    if tokens[start].upper() not in capitals:
                        continue
                if field_id not in found:
                    found.append(field_id)
                break
        return found

    def guess(self, titles: Iterable[str], topics: Iterable[str]) -> list[str]:
        """Up to three field ids, best first: a title hit weighs 3, each topic (skill,
        subject, category) 1. Nothing matched gives an empty list, never an invented field."""
        score: dict[str, float] = {}
        order: dict[str, int] = {}

        def add(field_id: str, weight: float) -> None:
            score[field_id] = score.get(field_id, 0) + weight
            order.setdefault(field_id, len(order))

        for title in titles:
            for field_id in self.matches(title):
                add(field_id, 3)
        for topic in topics:
            for field_id in self._topic(topic):
                add(field_id, 1)
        if not score:
            return []
        best = max(score.values())
        ranked = sorted(score, key=lambda f: (-score[f], order[f]))
        return [f for f in ranked if score[f] >= best / 3][: self.MAX_FIELDS]
