"""Program skills as concepts: the reviewed mapping from the catalog's skill phrases to ESCO.

Two bundled files, both reviewed by hand (nothing here guesses at run time):

- `data/skills.yaml`: the project's own skills, for what ESCO has no concept for (products such
  as Tableau or pandas, and a few topics such as statistical inference), each placed under the
  ESCO concept it belongs to;
- `data/skill-map.yaml`: every skill phrase the bundled programs use → an ESCO skill URI, an own
  skill's id, or nothing, with how it was matched.

A concept is an ESCO URI (it starts with "http") or an own skill's id. `SkillMap.covers` says how
much a program's concepts count toward one goal concept: fully for the concept itself, partly for
a narrower one (found by walking the broader links up to `MAX_LEVELS` levels).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import yamlio
from .errors import DataError
from .esco import Esco, normalize_label

OWN_FILE = "skills.yaml"  # in the bundled data directory
MAP_FILE = "skill-map.yaml"
MATCHES = ("preferred", "alternative", "reviewed")
# A concept narrower than the goal (statistical inference under statistics) teaches part of it,
# not all: it counts half. One level or three makes no difference, since ESCO's depth varies by
# branch rather than by how much of the broader concept is taught.
NARROWER_WEIGHT = 0.5
MAX_LEVELS = 3  # beyond this the broader concepts are whole fields ("mathematics and statistics")
ESCO_PREFIX = "http://data.europa.eu/esco/"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class OwnSkill:
    id: str
    label: str
    aliases: tuple[str, ...]
    broader: str  # the ESCO concept it belongs under
    source: str  # the product's own page, or the ESCO page of the broader concept


@dataclass(frozen=True, slots=True)
class SkillMapping:
    skill: str  # as the programs write it
    concept: str | None  # an ESCO URI, an own skill's id, or None: nothing fits
    match: str  # one of MATCHES
    note: str | None


@dataclass(frozen=True, slots=True)
class SkillMap:
    own: Mapping[str, OwnSkill]  # by id
    mappings: Mapping[str, SkillMapping]  # by normalize_label(skill)

    def mapping(self, skill: str) -> SkillMapping | None:
        """How a skill phrase is mapped; None if the file does not list it."""
        return self.mappings.get(normalize_label(skill))

    def concept_of(self, skill: str) -> str | None:
        """The concept a skill phrase maps to; None if unlisted or mapped to nothing."""
        found = self.mapping(skill)
        return None if found is None else found.concept

    def concepts(self, skills: Iterable[str]) -> tuple[str, ...]:
        """The distinct concepts of some skill phrases, in their order; unmapped ones left out."""
        found = (self.concept_of(s) for s in skills)
        return tuple(dict.fromkeys(c for c in found if c is not None))

    def unmapped(self, skills: Iterable[str]) -> tuple[str, ...]:
        """The phrases that have no concept (unlisted, or listed with none), in their order."""
        return tuple(dict.fromkeys(s for s in skills if self.concept_of(s) is None))

    def broader(self, concept: str, esco: Esco) -> tuple[str, ...]:
        """A concept's broader concepts: an own skill's ESCO concept, or ESCO's broader links."""
        own = self.own.get(concept)
        if own is not None:
            return (own.broader,)
        if concept in esco.skills or concept in esco.groups:
            return esco.concept(concept).broader
        return ()

    def ancestors(self, concept: str, esco: Esco, levels: int = MAX_LEVELS) -> frozenset[str]:
        """Every concept up to `levels` broader links above `concept` (not itself)."""
        found: set[str] = set()
        frontier = {concept}
        for _ in range(levels):
            frontier = {b for c in frontier for b in self.broader(c, esco)} - found
            if not frontier:
                break
            found |= frontier
        return frozenset(found)

    def covers(self, program_concepts: Iterable[str], goal_concept: str, esco: Esco) -> float:
        """How much the concepts count toward the goal: 1.0 if one is the goal itself,
        NARROWER_WEIGHT if one lies under it (up to MAX_LEVELS levels), else 0.0."""
        concepts = tuple(program_concepts)
        if goal_concept in concepts:
            return 1.0
        if any(goal_concept in self.ancestors(c, esco) for c in concepts):
            return NARROWER_WEIGHT
        return 0.0


def load(directory: Path) -> SkillMap:
    """Both files from a data directory (the bundled one: paths.bundled_data()). DataError lists
    every problem of shape, repeats and references between the two files; `check` adds ESCO's."""
    problems: list[str] = []
    own = _read_own(directory / OWN_FILE, problems)
    mappings = _read_map(directory / MAP_FILE, own, problems)
    if problems:
        raise DataError(problems)
    return SkillMap(MappingProxyType(own), MappingProxyType(mappings))


def check(skill_map: SkillMap, esco: Esco) -> list[str]:
    """The references ESCO must resolve: each own skill's broader concept and each mapped URI."""
    problems = [
        f"{OWN_FILE}: {own.id}: broader {own.broader} is not an ESCO skill or skill group"
        for own in skill_map.own.values()
        if own.broader not in esco.skills and own.broader not in esco.groups
    ]
    problems += [
        f"{MAP_FILE}: {m.skill!r}: {m.concept} is not an ESCO skill"
        for m in skill_map.mappings.values()
        if m.concept is not None and m.concept.startswith("http") and m.concept not in esco.skills
    ]
    return problems


def missing(skill_map: SkillMap, skills: Iterable[str]) -> tuple[str, ...]:
    """The phrases that the mapping file does not list at all, sorted."""
    return tuple(sorted({s for s in skills if skill_map.mapping(s) is None}))


def _items(path: Path, problems: list[str]) -> list[tuple[Mapping[str, Any], int]]:
    try:
        data = yamlio.read(path)
    except yamlio.YamlProblem as e:
        problems.append(f"{path}:{e.line}: {e.message}")
        return []
    except OSError as e:
        problems.append(f"{path}:0: cannot read: {e.strerror or e}")
        return []
    if not isinstance(data, list):
        problems.append(f"{path}:1: expected a list")
        return []
    lines = getattr(data, "item_lines", None) or [0] * len(data)
    found = []
    for item, line in zip(data, lines, strict=True):
        if isinstance(item, Mapping):
            found.append((item, line))
        else:
            problems.append(f"{path}:{line}: expected a mapping")
    return found


def _text(
    item: Mapping[str, Any], key: str, where: str, problems: list[str], *, optional: bool = False
) -> str:
    value = item.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: {key}: expected text")
        return ""
    return value


def _keys(item: Mapping[str, Any], allowed: tuple[str, ...], where: str, problems: list[str]) -> None:
    problems += [f"{where}: {key}: unknown field" for key in item if key not in allowed]


def _read_own(path: Path, problems: list[str]) -> dict[str, OwnSkill]:
    own: dict[str, OwnSkill] = {}
    labels: dict[str, str] = {}
    for item, line in _items(path, problems):
        where = f"{path}:{line}"
        _keys(item, ("id", "label", "aliases", "broader", "source"), where, problems)
        skill_id = _text(item, "id", where, problems)
        if skill_id and not _ID.fullmatch(skill_id):
            problems.append(f"{where}: id: {skill_id!r} is not lower-case-with-hyphens")
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(f"{where}: aliases: expected a list of text")
            aliases = []
        skill = OwnSkill(
            id=skill_id,
            label=_text(item, "label", where, problems),
            aliases=tuple(aliases),
            broader=_text(item, "broader", where, problems),
            source=_text(item, "source", where, problems),
        )
        if skill.broader and not skill.broader.startswith(ESCO_PREFIX):
            problems.append(f"{where}: broader: expected an ESCO URI")
        if skill.source and not skill.source.startswith("https://"):
            problems.append(f"{where}: source: expected an https:// address")
        if skill_id in own:
            problems.append(f"{where}: id: duplicate {skill_id!r}")
        for label in (skill.label, *skill.aliases):
            key = normalize_label(label)
            if key in labels and labels[key] != skill_id:
                problems.append(f"{where}: {label!r} is also a label of {labels[key]!r}")
            labels[key] = skill_id
        own[skill_id] = skill
    return own


def _read_map(path: Path, own: Mapping[str, OwnSkill], problems: list[str]) -> dict[str, SkillMapping]:
    mappings: dict[str, SkillMapping] = {}
    for item, line in _items(path, problems):
        where = f"{path}:{line}"
        _keys(item, ("skill", "concept", "match", "note"), where, problems)
        concept = item.get("concept")
        if concept is not None and not isinstance(concept, str):
            problems.append(f"{where}: concept: expected an ESCO URI, an own skill's id or null")
            concept = None
        mapping = SkillMapping(
            skill=_text(item, "skill", where, problems),
            concept=concept,
            match=_text(item, "match", where, problems),
            note=_text(item, "note", where, problems, optional=True) or None,
        )
        if mapping.match and mapping.match not in MATCHES:
            problems.append(f"{where}: match: {mapping.match!r} is not one of {', '.join(MATCHES)}")
        if concept is None and mapping.note is None:
            problems.append(f"{where}: note: say why nothing fits")
        if concept is not None and not concept.startswith(ESCO_PREFIX) and concept not in own:
            problems.append(f"{where}: concept: {concept!r} is neither an ESCO URI nor an id in {OWN_FILE}")
        if concept is not None and concept in own and mapping.match != "reviewed":
            problems.append(f"{where}: match: an own skill is always 'reviewed'")
        key = normalize_label(mapping.skill)
        if key in mappings:
            problems.append(f"{where}: skill: duplicate {mapping.skill!r}")
        mappings[key] = mapping
    return mappings
