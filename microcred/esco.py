"""ESCO (the European Commission's classification of occupations and skills) in a compact form.

`build` reads the two official CSV zips (the English classification and the relations) and
returns the bundled form; `load` turns that form back into objects. What is kept, per concept:

- occupations: URI, preferred and alternative labels, ISCO group, the regulated-profession
  note where it says anything other than "unregulated", and a short description (the first
  sentence, at most `DESCRIPTION_LIMIT` characters);
- skills (knowledge and skill/competence concepts): URI, skill type, reuse level, preferred and
  alternative labels, broader concepts (other skills or skill groups);
- skill groups (the skills hierarchy, which the broader links end in): URI, label, code, broader;
- which skills each occupation needs, essential or optional.

The form is gzipped JSON, built deterministically (sorted tables, canonical JSON, a fixed gzip
header) so the same zips always give the same bytes. Skills, groups and occupations are sorted
by URI; their position is their index. URIs are stored once, without their table's common
prefix; relations and broader links are lists of indexes (each sorted list stored as the gaps
between its members); alternative labels are one newline-joined string per concept.

Links whose other end is not in the classification are left out and counted in `skipped`
(ESCO v1.1.1 relates 67 skills to one occupation that occupations_en.csv does not list).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

FORMAT = "microcred-esco/1"
BUNDLED = "data/esco/esco-v1.1.1.json.gz"  # inside the microcred package
DESCRIPTION_LIMIT = 200

OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"
SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
GROUP_PREFIX = "http://data.europa.eu/esco/"  # groups are …/skill/… or …/isced-f/…
UNREGULATED = "http://data.europa.eu/esco/regulated-professions/unregulated"

OCCUPATIONS_CSV = "occupations_en.csv"
SKILLS_CSV = "skills_en.csv"
HIERARCHY_CSV = "skillsHierarchy_en.csv"
BROADER_CSV = "broaderRelationsSkillPillar.csv"
RELATIONS_CSV = "occupationSkillRelations.csv"

OCCUPATION_COLUMNS = (
    "conceptUri",
    "preferredLabel",
    "altLabels",
    "iscoGroup",
    "regulatedProfessionNote",
    "description",
)
SKILL_COLUMNS = ("conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels")
HIERARCHY_LEVELS = 4
HIERARCHY_COLUMNS = tuple(
    f"Level {level} {part}" for level in range(HIERARCHY_LEVELS) for part in ("URI", "preferred term", "code")
)
BROADER_COLUMNS = ("conceptUri", "broaderUri")
RELATION_COLUMNS = ("occupationUri", "relationType", "skillUri")
RELATION_TYPES = ("essential", "optional")

_VERSION_IN_NAME = re.compile(r"v(\d+(?:\.\d+)+)")
# A sentence ends at . ! or ? followed by space and a capital, a digit or an opening quote…
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(‘“])")
# …but not after these abbreviations ("e.g. Java", "St. John"). ("etc." mostly ends one.)
_ABBREVIATIONS = frozenset(["e.g.", "i.e.", "st.", "dr.", "mr.", "mrs.", "ms.", "no.", "vs.", "approx."])
# A cut description does not end on these ("…under the supervision and…").
# fmt: off
_DANGLING = frozenset({
    "a", "an", "and", "as", "at", "by", "for", "in", "its", "of", "on", "or", "such", "the", "their", "to",
    "with",
})
# fmt: on


class EscoError(Exception):
    """The ESCO input (a zip, a CSV in it, or a bundled file) is not what it should be."""


@dataclass(frozen=True, slots=True)
class Occupation:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    isco_group: str  # the 4-digit ISCO-08 unit group, e.g. "2511"
    description: str  # the first sentence, at most DESCRIPTION_LIMIT characters
    regulated_note: str | None  # the source's note, unless it is empty or "unregulated"

    @property
    def regulated(self) -> bool:
        return self.regulated_note is not None


@dataclass(frozen=True, slots=True)
class Skill:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    skill_type: str | None  # "knowledge" or "skill/competence" (None: the source gives none)
    reuse_level: str | None  # "transversal", "cross-sector", "sector-specific", "occupation-specific"
    broader: tuple[str, ...]  # URIs of skills or skill groups, sorted


@dataclass(frozen=True, slots=True)
class SkillGroup:
    uri: str
    label: str
    code: str  # e.g. "S1.2" or an ISCED-F code such as "0613"; may be empty
    broader: tuple[str, ...]


Concept = Skill | SkillGroup


def normalize_label(label: str) -> str:
    """The key of the label indexes: case-folded, runs of white space made one space."""
    return " ".join(label.casefold().split())


_T = TypeVar("_T")


class _Table(Mapping[str, _T]):
    """URI → record, in URI order; each record is made from the columns when first asked for."""

    __slots__ = ("_at", "_made", "_make", "_uris")

    def __init__(self, uris: Sequence[str], make: Callable[[int], _T]) -> None:
        self._uris = uris
        self._at = {uri: i for i, uri in enumerate(uris)}
        self._made: list[_T | None] = [None] * len(uris)
        self._make = make

    def at(self, index: int) -> _T:
        made = self._made[index]
        if made is None:
            made = self._made[index] = self._make(index)
        return made

    def __getitem__(self, uri: str) -> _T:
        return self.at(self._at[uri])

    def __contains__(self, uri: object) -> bool:
        return uri in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._uris)

    def __len__(self) -> int:
        return len(self._uris)


class Esco:
    """The classification, as `load` gives it. Records are made on first use, so loading is quick."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        """From the decoded JSON of the bundled form; use `load`."""
        s, g, o = document["skills"], document["groups"], document["occupations"]
        for table, columns in (
            (s, ("uri", "label", "alt", "type", "level", "broader")),
            (g, ("uri", "label", "code", "broader")),
            (o, ("uri", "label", "alt", "isco", "description", "essential", "optional")),
        ):
            if len({len(table[column]) for column in columns}) != 1:
                raise ValueError("columns of different lengths")
        self._version = str(document["version"])
        self._skipped = MappingProxyType({str(k): int(v) for k, v in document["skipped"].items()})
        self._s, self._g, self._o = s, g, o
        self._skill_uris = [_full(u, s["prefix"]) for u in s["uri"]]
        self._concept_uris = [*self._skill_uris, *(_full(u, g["prefix"]) for u in g["uri"])]
        self._occupation_uris = [_full(u, o["prefix"]) for u in o["uri"]]
        self._notes = {int(i): str(note) for i, note in o["regulated"]}
        self._skills: _Table[Skill] = _Table(self._skill_uris, self._skill)
        self._groups: _Table[SkillGroup] = _Table(self._concept_uris[len(self._skill_uris) :], self._group)
        self._occupations: _Table[Occupation] = _Table(self._occupation_uris, self._occupation)

    @property
    def version(self) -> str:
        """The ESCO version, e.g. "1.1.1"."""
        return self._version

    @property
    def skipped(self) -> Mapping[str, int]:
        """Source rows left out because an end is not in the classification (or repeated):
        "relations" (occupation–skill rows) and "broader" (broader-link rows)."""
        return self._skipped

    @property
    def occupations(self) -> Mapping[str, Occupation]:
        return self._occupations

    @property
    def skills(self) -> Mapping[str, Skill]:
        """Knowledge and skill/competence concepts."""
        return self._skills

    @property
    def groups(self) -> Mapping[str, SkillGroup]:
        """The skill groups of the skills hierarchy (where the broader links end)."""
        return self._groups

    def _skill(self, i: int) -> Skill:
        s = self._s
        kind, level = s["type"][i], s["level"][i]
        return Skill(
            uri=self._skill_uris[i],
            label=s["label"][i],
            alt_labels=_lines(s["alt"][i]),
            skill_type=None if kind is None else s["types"][kind],
            reuse_level=None if level is None else s["levels"][level],
            broader=self._broader(s["broader"][i]),
        )

    def _group(self, i: int) -> SkillGroup:
        g = self._g
        return SkillGroup(
            uri=self._concept_uris[len(self._skill_uris) + i],
            label=g["label"][i],
            code=g["code"][i],
            broader=self._broader(g["broader"][i]),
        )

    def _broader(self, gaps: Sequence[int]) -> tuple[str, ...]:
        return tuple(sorted(self._concept_uris[k] for k in accumulate(gaps)))

    def _occupation(self, i: int) -> Occupation:
        o = self._o
        return Occupation(
            uri=self._occupation_uris[i],
            label=o["label"][i],
            alt_labels=_lines(o["alt"][i]),
            isco_group=o["isco"][i],
            description=o["description"][i],
            regulated_note=self._notes.get(i),
        )

    def skills_of(self, occupation_uri: str) -> tuple[tuple[Skill, ...], tuple[Skill, ...]]:
        """The occupation's (essential, optional) skills, each sorted by URI. KeyError if unknown."""
        i = self._occupations._at[occupation_uri]
        return (
            tuple(self._skills.at(k) for k in accumulate(self._o["essential"][i])),
            tuple(self._skills.at(k) for k in accumulate(self._o["optional"][i])),
        )

    def concept(self, uri: str) -> Concept:
        """A skill or a skill group. KeyError if neither."""
        if uri in self._skills:
            return self._skills[uri]
        return self._groups[uri]

    def broader(self, uri: str) -> tuple[Concept, ...]:
        """The broader concepts (skills or skill groups) of a skill or skill group, sorted by URI."""
        return tuple(self.concept(b) for b in self.concept(uri).broader)

    @property
    def relation_count(self) -> int:
        """How many (occupation, skill) pairs: essential and optional together."""
        return sum(map(len, self._o["essential"])) + sum(map(len, self._o["optional"]))

    @cached_property
    def occupation_index(self) -> Mapping[str, tuple[str, ...]]:
        """normalize_label(any preferred or alternative label) → occupation URIs, sorted."""
        return _label_index(self._occupation_uris, self._o["label"], self._o["alt"])

    @cached_property
    def skill_index(self) -> Mapping[str, tuple[str, ...]]:
        """normalize_label(any preferred or alternative label) → skill URIs, sorted."""
        return _label_index(self._skill_uris, self._s["label"], self._s["alt"])

    def find_occupations(self, label: str) -> tuple[Occupation, ...]:
        """The occupations with this preferred or alternative label (case and spacing ignored)."""
        return tuple(self._occupations[u] for u in self.occupation_index.get(normalize_label(label), ()))

    def find_skills(self, label: str) -> tuple[Skill, ...]:
        """The skills with this preferred or alternative label (case and spacing ignored)."""
        return tuple(self._skills[u] for u in self.skill_index.get(normalize_label(label), ()))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()


def _label_index(
    uris: Sequence[str], labels: Sequence[str], alts: Sequence[str]
) -> Mapping[str, tuple[str, ...]]:
    # Stored labels are already single-spaced (see _tidy), so case-folding makes them keys; the
    # URIs come in sorted order, so each key's URIs end up sorted.
    found: dict[str, tuple[str, ...]] = {}
    for uri, label, alt in zip(uris, labels, alts, strict=True):
        for key in (f"{label}\n{alt}" if alt else label).casefold().split("\n"):
            known = found.get(key)
            if known is None:
                found[key] = (uri,)
            elif known[-1] != uri:
                found[key] = (*known, uri)
    return MappingProxyType(found)


# --- building ---------------------------------------------------------------------------------


def _tidy(text: str) -> str:
    return " ".join(text.split())


def short_description(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The first sentence, white space tidied; cut at a word and ended with … if over `limit`."""
    text = _tidy(text)
    first = text
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rsplit(" ", 1)[-1].casefold()
        if before not in _ABBREVIATIONS:
            first = text[: match.start()]
            break
    if len(first) <= limit:
        return first
    words = first[:limit].split(" ")[:-1]  # whole words only, which leaves room for the …
    while len(words) > 1 and words[-1].casefold() in _DANGLING:
        words.pop()
    if not words:  # one word longer than the limit
        return first[: limit - 1] + "…"
    return " ".join(words).rstrip(",;:-–(") + "…"


def _alt_labels(raw: str, preferred: str) -> tuple[str, ...]:
    """One label a line in the source; sorted here, without blanks, repeats or the preferred one."""
    labels = {_tidy(line) for line in raw.split("\n")} - {"", preferred}
    return tuple(sorted(labels, key=lambda label: (label.casefold(), label)))


def _version_of(*zips: Path) -> str:
    found = {m.group(1) for z in zips for m in [_VERSION_IN_NAME.search(z.name)] if m}
    if len(found) != 1:
        names = " and ".join(z.name for z in zips)
        raise EscoError(f"{names}: cannot tell the ESCO version from the file names; give it")
    return found.pop()


class _Zip:
    """The CSV files inside one ESCO zip, read as dictionaries after their columns are checked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as e:
            raise EscoError(f"{path}: cannot read it as a zip ({e})") from e

    def __enter__(self) -> _Zip:
        return self

    def __exit__(self, *_: object) -> None:
        self.zip.close()

    def rows(self, name: str, columns: Sequence[str]) -> Iterator[dict[str, str]]:
        """Each row of `name` as {column: value stripped of surrounding white space}, for the
        given columns only; `here` names the row being read, for messages."""
        members = sorted(m for m in self.zip.namelist() if m == name or m.endswith("/" + name))
        if not members:
            raise EscoError(f"{self.path}: no {name} in it")
        self.file, self.line = f"{self.path}:{name}", 1
        try:
            with self.zip.open(members[0]) as raw:
                reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
                header = next(reader, [])
                for column in columns:
                    if column not in header:
                        raise EscoError(f"{self.file}: no column {column!r}")
                at = [(column, header.index(column)) for column in columns]
                width = len(header)
                for row in reader:
                    self.line = reader.line_num
                    if len(row) > width:  # short rows (trailing empty fields left out) are fine
                        raise EscoError(f"{self.here}: {len(row)} fields for {width} columns")
                    yield {column: row[i].strip() if i < len(row) else "" for column, i in at}
        except (csv.Error, UnicodeDecodeError, zipfile.BadZipFile, zlib.error, EOFError) as e:
            raise EscoError(f"{self.file}: unreadable ({e})") from e

    @property
    def here(self) -> str:
        return f"{self.file}:{self.line}"


def _required(row: Mapping[str, str], column: str, source: _Zip) -> str:
    value = row[column]
    if not value:
        raise EscoError(f"{source.here}: empty {column}")
    return value


def _add(table: dict[str, _T], uri: str, record: _T, source: _Zip) -> None:
    if uri in table:
        raise EscoError(f"{source.here}: {uri} appears twice")
    table[uri] = record


def build(classification_zip: Path, relations_zip: Path, *, version: str | None = None) -> bytes:
    """The bundled form of ESCO from its two official CSV zips (the English classification one
    and the relations one). The version comes from the zips' names ("esco-v1.1.1-…") unless given.
    EscoError names the file (and the line or the column) of anything malformed."""
    classification_zip, relations_zip = Path(classification_zip), Path(relations_zip)
    version = version or _version_of(classification_zip, relations_zip)

    occupations: dict[str, Occupation] = {}
    skills: dict[str, Skill] = {}
    groups: dict[str, SkillGroup] = {}
    broader: dict[str, set[str]] = {}
    with _Zip(classification_zip) as source:
        for row in source.rows(OCCUPATIONS_CSV, OCCUPATION_COLUMNS):
            uri, label = _required(row, "conceptUri", source), _tidy(_required(row, "preferredLabel", source))
            note = row["regulatedProfessionNote"]
            occupation = Occupation(
                uri=uri,
                label=label,
                alt_labels=_alt_labels(row["altLabels"], label),
                isco_group=row["iscoGroup"],
                description=short_description(row["description"]),
                regulated_note=None if note in ("", UNREGULATED) else note,
            )
            _add(occupations, uri, occupation, source)
        for row in source.rows(SKILLS_CSV, SKILL_COLUMNS):
            uri, label = _required(row, "conceptUri", source), _tidy(_required(row, "preferredLabel", source))
            skill = Skill(
                uri=uri,
                label=label,
                alt_labels=_alt_labels(row["altLabels"], label),
                skill_type=row["skillType"] or None,
                reuse_level=row["reuseLevel"] or None,
                broader=(),
            )
            _add(skills, uri, skill, source)
        # Each row is one group with the path to it: levels 0 to 3, the deeper ones empty.
        for row in source.rows(HIERARCHY_CSV, HIERARCHY_COLUMNS):
            parent = None
            for level in range(HIERARCHY_LEVELS):
                uri = row[f"Level {level} URI"]
                if not uri:
                    break
                label, code = _tidy(row[f"Level {level} preferred term"]), row[f"Level {level} code"]
                group = groups.setdefault(uri, SkillGroup(uri=uri, label=label, code=code, broader=()))
                if (group.label, group.code) != (label, code):
                    raise EscoError(f"{source.here}: {uri} has another label or code on an earlier line")
                if uri in skills or uri in occupations:
                    raise EscoError(f"{source.here}: {uri} is a skill group and also a skill or occupation")
                if parent is not None:
                    broader.setdefault(uri, set()).add(parent)
                parent = uri

    skipped = {"broader": 0, "relations": 0}
    essential: dict[str, set[str]] = {}
    optional: dict[str, set[str]] = {}
    with _Zip(relations_zip) as source:
        for row in source.rows(BROADER_CSV, BROADER_COLUMNS):
            uri, parent = _required(row, "conceptUri", source), _required(row, "broaderUri", source)
            if (uri in skills or uri in groups) and (parent in skills or parent in groups):
                broader.setdefault(uri, set()).add(parent)
            else:
                skipped["broader"] += 1
        for row in source.rows(RELATIONS_CSV, RELATION_COLUMNS):
            needs, needed = _required(row, "occupationUri", source), _required(row, "skillUri", source)
            kind = row["relationType"]
            if kind not in RELATION_TYPES:
                raise EscoError(f"{source.here}: relationType {kind!r} is neither essential nor optional")
            if needs not in occupations or needed not in skills:
                skipped["relations"] += 1  # an end that is not in the classification
                continue
            pairs = (essential if kind == "essential" else optional).setdefault(needs, set())
            if needed in pairs:
                skipped["relations"] += 1  # a repeated row
            pairs.add(needed)
    for needs, must in essential.items():  # essential wins if a pair is listed both ways
        both = optional.get(needs, set()) & must
        optional.get(needs, set()).difference_update(both)
        skipped["relations"] += len(both)

    return _encode(
        version,
        occupations,
        {u: replace(s, broader=tuple(sorted(broader.get(u, ())))) for u, s in skills.items()},
        {u: replace(g, broader=tuple(sorted(broader.get(u, ())))) for u, g in groups.items()},
        essential,
        optional,
        skipped,
    )


def dump(esco: Esco) -> bytes:
    """The bundled form again: dump(load(data)) == data."""
    essential: dict[str, list[str]] = {}
    optional: dict[str, list[str]] = {}
    for uri in esco.occupations:
        needed, useful = esco.skills_of(uri)
        essential[uri], optional[uri] = [s.uri for s in needed], [s.uri for s in useful]
    return _encode(
        esco.version, esco.occupations, esco.skills, esco.groups, essential, optional, esco.skipped
    )


def _code(values: Sequence[str | None]) -> tuple[list[str], list[int | None]]:
    """A small vocabulary (sorted) and each value's index in it, None for None."""
    vocabulary = sorted({v for v in values if v is not None})
    position = {v: i for i, v in enumerate(vocabulary)}
    return vocabulary, [None if v is None else position[v] for v in values]


def _gaps(indexes: Iterable[int]) -> list[int]:
    """A set of indexes as the gaps between its members in order (the first from 0)."""
    ordered = sorted(set(indexes))
    return [b - a for a, b in zip([0, *ordered], ordered, strict=False)]


def _short(uri: str, prefix: str) -> str:
    return uri[len(prefix) :] if uri.startswith(prefix) and "://" not in uri[len(prefix) :] else uri


def _encode(
    version: str,
    occupations: Mapping[str, Occupation],
    skills: Mapping[str, Skill],
    groups: Mapping[str, SkillGroup],
    essential: Mapping[str, Iterable[str]],
    optional: Mapping[str, Iterable[str]],
    skipped: Mapping[str, int],
) -> bytes:
    occupation_uris, skill_uris, group_uris = sorted(occupations), sorted(skills), sorted(groups)
    skill_at = {uri: i for i, uri in enumerate(skill_uris)}
    concept_at = {uri: i for i, uri in enumerate([*skill_uris, *group_uris])}
    o = [occupations[u] for u in occupation_uris]
    s = [skills[u] for u in skill_uris]
    g = [groups[u] for u in group_uris]
    types, type_codes = _code([x.skill_type for x in s])
    levels, level_codes = _code([x.reuse_level for x in s])
    document = {
        "format": FORMAT,
        "version": version,
        "skipped": dict(skipped),
        "occupations": {
            "prefix": OCCUPATION_PREFIX,
            "uri": [_short(u, OCCUPATION_PREFIX) for u in occupation_uris],
            "label": [x.label for x in o],
            "alt": ["\n".join(x.alt_labels) for x in o],
            "isco": [x.isco_group for x in o],
            "description": [x.description for x in o],
            "regulated": [[i, x.regulated_note] for i, x in enumerate(o) if x.regulated_note is not None],
            "essential": [_gaps(skill_at[k] for k in essential.get(u, ())) for u in occupation_uris],
            "optional": [_gaps(skill_at[k] for k in optional.get(u, ())) for u in occupation_uris],
        },
        "skills": {
            "prefix": SKILL_PREFIX,
            "uri": [_short(u, SKILL_PREFIX) for u in skill_uris],
            "label": [x.label for x in s],
            "alt": ["\n".join(x.alt_labels) for x in s],
            "types": types,
            "type": type_codes,
            "levels": levels,
            "level": level_codes,
            "broader": [_gaps(concept_at[k] for k in x.broader) for x in s],
        },
        "groups": {
            "prefix": GROUP_PREFIX,
            "uri": [_short(u, GROUP_PREFIX) for u in group_uris],
            "label": [x.label for x in g],
            "code": [x.code for x in g],
            "broader": [_gaps(concept_at[k] for k in x.broader) for x in g],
        },
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _gzip(text.encode("utf-8"))


def _gzip(data: bytes) -> bytes:
    """gzip with a fixed header (no name, mtime 0, OS unknown): the same bytes on every platform
    with the same deflate (zlib) implementation."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS, 9)
    body = squeeze.compress(data) + squeeze.flush()
    header = b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x02\xff"
    return header + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


# --- loading ----------------------------------------------------------------------------------


def _full(short: str, prefix: str) -> str:
    return short if "://" in short else prefix + short


def load(data: bytes) -> Esco:
    """The classification from its bundled form (what `build` returns)."""
    try:
        document = json.loads(gzip.decompress(data))
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as e:
        raise EscoError(f"not a bundled ESCO file ({e})") from e
    found = document.get("format") if isinstance(document, dict) else None
    if found != FORMAT:
        raise EscoError(f"not a bundled ESCO file of format {FORMAT} (format {found!r})")
    try:
        return Esco(document)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as e:
        raise EscoError(f"a damaged bundled ESCO file ({type(e).__name__}: {e})") from e


def load_bundled() -> Esco:
    """The ESCO data shipped inside the package."""
    from importlib.resources import files

    return load((files("microcred") / BUNDLED).read_bytes())
