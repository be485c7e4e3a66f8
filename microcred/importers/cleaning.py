"""Messy-data rules shared by the importers: one place decides what a stray value means."""

from __future__ import annotations

import hashlib
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
# Each unit's words in English, Spanish, Portuguese, French and German (longest first in the
# pattern, so "semanas" is not read as "semana" + "s").
_UNIT_WORDS = {
    "hour": "hours hour hrs hr h horas hora heures heure stunden stunde std",
    "day": "days day días dias día dia jours jour tagen tage tag",
    "week": "weeks week wks wk semanas semana semaines semaine wochen woche",
    "month": "months month meses mes mês mois monaten monate monat",
    "year": "years year años año anos ano années année ans an jahren jahre jahr",
}
_UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words.split()}
_NUMBER = r"\d+(?:[.,]\d{1,2})?"
_LESS = r"less than|under|up to|menos de|hasta|até|moins de|jusqu'à|weniger als|bis zu"
_TO = r"-|–|—|to|a|à|bis|y|e|et|und"
_SPAN = re.compile(
    rf"(?:(?P<less>{_LESS})\s+)?(?P<lo>{_NUMBER})(?:\s*(?:{_TO})\s*(?P<hi>{_NUMBER}))?\s*(?P<plus>\+)?\s*"
    rf"(?P<unit>{'|'.join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))})(?![^\W\d_])",
    re.IGNORECASE,
)
_WEEK = r"(?:week|wk|semana|semaine|woche)"
# What makes hours a pace: "per week", "/wk", "of study/wk", "por semana", "par semaine", "pro Woche".
_PER_WEEK = re.compile(
    rf"\s*(?:of\s+[^\W\d_]+\s*)?(?:(?:/|per|a|each|every|por|a la|à la|par|pro|je|la|cada)\s*{_WEEK}"
    r"|weekly|semanales|semanais|hebdomadaires?|wöchentlich)",
    re.IGNORECASE,
)
_PER_COURSE = re.compile(r"\b(?:per|each|por|par|pro|je)\s+(?:course|curso|cours|kurs)\b", re.IGNORECASE)


def _figure(text: str) -> float:
    return float(text.replace(",", "."))


def _span_of(match: re.Match[str]) -> tuple[float, str, bool] | None:
    lo = bounded(_figure(match.group("lo")))
    hi = bounded(_figure(match.group("hi"))) if match.group("hi") else None
    if lo is None or (match.group("hi") and hi is None):
        return None  # a "duration" of hundreds of digits is not one
    unit = _UNIT_OF[match.group("unit").lower()]
    if match.group("less"):
        return lo / 2, unit, True
    if hi is not None:
        return (lo + hi) / 2, unit, lo != hi
    return lo, unit, bool(match.group("plus"))


def span(text: str | None) -> tuple[float, str, bool] | None:
    """`3 - 6 Months` → (4.5, 'month', True): a bucket's midpoint, its unit, and whether it
    was a range (so the figure is an estimate). `Less Than 2 Hours` → (1.0, 'hour', True);
    `6 meses` → (6.0, 'month', False). The first figure with a unit in the text."""
    if text is None:
        return None
    match = _SPAN.search(text)
    return None if match is None else _span_of(match)


def duration(text: str | None) -> dict[str, Any] | None:
    """A duration as an `effort` mapping, or None when the text gives none.

    The length (days, weeks, months, years → weeks), total hours, and hours a week when the
    hours are followed by "per week" in any of the five languages ("15+ hours of study/wk per
    course" is a pace, never a total). Ranges are taken at their midpoint and marked approximate.
    """
    if text is None:
        return None
    effort: dict[str, Any] = {}
    estimate = False
    for match in _SPAN.finditer(text):
        found = _span_of(match)
        if found is None:
            continue
        value, unit, approximate = found
        if value <= 0:
            continue
        paced = _PER_WEEK.match(text, match.end()) is not None
        if unit == "hour":
            key = "hours_per_week" if paced else "hours"
            if key not in effort:
                effort[key] = tidy_number(value)
                estimate = estimate or approximate
        elif not paced and "weeks" not in effort:
            effort["weeks"] = tidy_number(max(value * (_UNIT_WEEKS[unit] or 1.0), 0.1))
            estimate = estimate or approximate
    if not effort:
        return None
    if estimate:
        effort["approximate"] = True
    return {k: effort[k] for k in ("hours_per_week", "weeks", "hours", "approximate") if k in effort}


def complete(effort: dict[str, Any] | None) -> dict[str, Any] | None:
    """The effort when it says how long (weeks or total hours); a pace alone is not a duration."""
    return effort if effort and ("weeks" in effort or "hours" in effort) else None


def per_course(text: str | None) -> bool:
    """Whether a duration is given per course of a program ("… per course", "por curso")."""
    return bool(text) and _PER_COURSE.search(text or "") is not None


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


# --- identity --------------------------------------------------------------------------------


def _unaccented(char: str) -> str:
    # Accents are dropped from Latin letters only ("Análisis" = "Analisis"); marks of other
    # scripts are part of their letters (the dakuten that makes デ of テ).
    if char < "\u0250":
        parts = unicodedata.normalize("NFKD", char)
        return "".join(part for part in parts if not unicodedata.combining(part))
    return char


_ASCII_WORDS = re.compile(r"[a-z0-9]+")
_WORDS = re.compile(r"[^\W_]+")


def identity_text(text: str) -> str:
    """For recognising the same program: NFKC and case folded, Latin accents, punctuation and
    spacing ignored, the letters of every script kept (so no title is ever reduced to nothing
    that was not nothing: "Google サイバーセキュリティ" and "Google データアナリティクス" stay apart)."""
    if text.isascii():  # most titles: the same result, far faster
        folded = text.lower()
        words = _ASCII_WORDS.findall(folded)
    else:
        folded = "".join(_unaccented(ch) for ch in unicodedata.normalize("NFKC", text).casefold())
        words = _WORDS.findall(folded)
    return " ".join(words) if words else folded.strip()


def title_key(title: str, credential: str) -> str:
    """The title without a trailing credential name, which platforms add or leave out
    ("Google Data Analytics Professional Certificate" is the Professional Certificate
    "Google Data Analytics")."""
    words, suffix = identity_text(title), identity_text(credential)
    if suffix and words.endswith(" " + suffix):
        return words[: -len(suffix) - 1]
    return words


def url_key(url: str | None) -> str | None:
    """A program page's address for comparing: host and path, lower case, without the scheme,
    `www.`, query, fragment and trailing slash."""
    if not url:
        return None
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/").lower()
    return f"{host}{path}" if host and path else None


def url_slug(url: str | None) -> str:
    """The readable last part of a page's path (`…/course/widgets--x1` → `widgets-x1`), or ''."""
    if not url:
        return ""
    parts = [part for part in urlsplit(url).path.split("/") if part]
    return slugify(parts[-1]) if parts else ""


def latin_only(text: str) -> bool:
    """Whether every letter of `text` survives the ASCII slug (no other script's letters)."""
    return all(not ch.isalpha() or unicodedata.normalize("NFKD", ch).encode("ascii", "ignore") for ch in text)


def stable_hash(text: str, digits: int = 8) -> str:
    """A short hash that is the same in every run (Python's own hash() is salted per process)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()[:digits]


def price_amount(value: float) -> int | float:
    """A price as written: 49 stays 49 and 49.99 stays 49.99 (cents are never rounded away)."""
    cents = round(value, 2)
    return int(cents) if cents == int(cents) else cents
