"""The reviewed skill mapping: its files, their references into ESCO, and coverage by concept."""

from __future__ import annotations

from pathlib import Path

import pytest

from microcred import catalog, esco, models, paths, skillmap
from microcred.errors import DataError

STATISTICS = "http://data.europa.eu/esco/skill/7ee4c2ea-b349-4bd2-81a3-ec31475d4833"
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
STATISTICS_GROUP = "http://data.europa.eu/esco/isced-f/0542"


@pytest.fixture(scope="module")
def classification() -> esco.Esco:
    return esco.load_bundled()


@pytest.fixture(scope="module")
def bundled() -> skillmap.SkillMap:
    return skillmap.load(paths.bundled_data())


@pytest.fixture(scope="module")
def programs() -> dict[str, models.Program]:
    return dict(catalog.load().programs)


def test_every_reference_resolves_in_esco(bundled: skillmap.SkillMap, classification: esco.Esco) -> None:
    assert skillmap.check(bundled, classification) == []


def test_every_program_skill_is_in_the_mapping(
    bundled: skillmap.SkillMap, programs: dict[str, models.Program]
) -> None:
    unlisted = skillmap.missing(bundled, (s for p in programs.values() for s in p.skills))
    assert not unlisted, (
        f"skills used by programs but not in microcred/data/{skillmap.MAP_FILE}: {', '.join(unlisted)}"
        " (map each to an ESCO concept, an own skill in skills.yaml, or null with a note)"
    )


def test_a_new_skill_is_named_as_missing(bundled: skillmap.SkillMap) -> None:
    assert skillmap.missing(bundled, ["python", "quantum basket weaving", "Python"]) == (
        "quantum basket weaving",
    )


def test_exact_matches_are_what_esco_says(bundled: skillmap.SkillMap, classification: esco.Esco) -> None:
    for m in bundled.mappings.values():
        if m.match in ("preferred", "alternative"):
            assert m.concept is not None
            skill = classification.skills[m.concept]
            labels = [skill.label] if m.match == "preferred" else list(skill.alt_labels)
            assert esco.normalize_label(m.skill) in map(esco.normalize_label, labels), m.skill


def test_spot_checks(bundled: skillmap.SkillMap) -> None:
    assert bundled.mapping("python") == skillmap.SkillMapping("python", PYTHON, "alternative", None)
    assert bundled.mapping("Statistics") == skillmap.SkillMapping("statistics", STATISTICS, "preferred", None)
    assert bundled.concept_of("statistical inference") == "statistical-inference"
    assert bundled.own["statistical-inference"].broader == STATISTICS


def test_harvardx_data_science_covers_statistics_through_the_hierarchy(
    bundled: skillmap.SkillMap, classification: esco.Esco, programs: dict[str, models.Program]
) -> None:
    skills = programs["harvardx-data-science"].skills
    assert "statistics" not in skills  # what the literal comparison missed
    concepts = bundled.concepts(skills)
    assert "statistical-inference" in concepts
    assert bundled.covers(concepts, STATISTICS, classification) == skillmap.NARROWER_WEIGHT == 0.5
    assert bundled.covers([STATISTICS], STATISTICS, classification) == 1.0
    assert bundled.covers([PYTHON], STATISTICS, classification) == 0.0


def test_covers_walks_at_most_three_levels(bundled: skillmap.SkillMap, classification: esco.Esco) -> None:
    # statistical-inference → statistics (skill) → statistics (ISCED-F 0542) → 054 → 05
    assert bundled.ancestors("statistical-inference", classification) == {
        STATISTICS,
        STATISTICS_GROUP,
        "http://data.europa.eu/esco/isced-f/054",
    }
    assert bundled.covers(["statistical-inference"], STATISTICS_GROUP, classification) == 0.5
    assert (
        bundled.covers(["statistical-inference"], "http://data.europa.eu/esco/isced-f/05", classification)
        == 0
    )


def test_a_broken_mapping_names_every_problem(tmp_path: Path) -> None:
    (tmp_path / skillmap.OWN_FILE).write_text(
        "- {id: Tab Leau, label: tableau, broader: https://example.com/x, source: http://x}\n"
    )
    (tmp_path / skillmap.MAP_FILE).write_text(
        "- {skill: r, concept: nowhere, match: reviewed}\n- {skill: r, concept: null, match: guessed}\n"
    )
    with pytest.raises(DataError) as caught:
        skillmap.load(tmp_path)
    text = "\n".join(p.split(": ", 1)[1] for p in caught.value.problems)
    assert text == "\n".join(
        [
            "id: 'Tab Leau' is not lower-case-with-hyphens",
            "broader: expected an ESCO URI",
            "source: expected an https:// address",
            "concept: 'nowhere' is neither an ESCO URI nor an id in skills.yaml",
            "match: 'guessed' is not one of preferred, alternative, reviewed",
            "note: say why nothing fits",
            "skill: duplicate 'r'",
        ]
    )


def test_check_names_uris_esco_does_not_have(classification: esco.Esco) -> None:
    gone = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
    own = skillmap.OwnSkill("x", "x", (), gone, "https://example.com")
    broken = skillmap.SkillMap({"x": own}, {"y": skillmap.SkillMapping("y", gone, "reviewed", None)})
    assert skillmap.check(broken, classification) == [
        f"skills.yaml: x: broader {gone} is not an ESCO skill or skill group",
        f"skill-map.yaml: 'y': {gone} is not an ESCO skill",
    ]
