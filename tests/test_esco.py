"""microcred.esco: the compact ESCO form, built from a small cut of the real zips (and, when the
real zips are at hand, from them: it must reproduce the bundled file byte for byte)."""

from __future__ import annotations

import csv
import gzip
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from microcred import esco
from microcred.esco import EscoError, build, dump, load

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "esco"  # cut by fixtures/esco/cut_fixture.py
CLASSIFICATION = FIXTURE / "esco-v1.1.1-classification-en-csv.zip"
RELATIONS = FIXTURE / "esco-v1.1.1-relations-csv.zip"
BUNDLED = ROOT / "microcred" / esco.BUNDLED
# The real zips, resolved as in test_cli_data.py: ../shared/datasets beside the repository,
# or MICROCRED_DATASETS.
DATASETS = Path(
    os.environ.get("MICROCRED_DATASETS", Path(__file__).resolve().parents[2] / "shared" / "datasets")
)
REAL = DATASETS / "esco"

OCC = esco.OCCUPATION_PREFIX
SKILL = esco.SKILL_PREFIX
DATA_ANALYST = OCC + "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"
GENERAL_PRACTITIONER = OCC + "71f09c8b-a172-408c-b9e7-32e580e39ff6"
UNLISTED = OCC + "a9e54177-a185-404d-b6e6-15663d31137e"  # has relations, not in occupations_en.csv
DATA_ANALYST_ESSENTIAL = {
    SKILL + uuid
    for uuid in (
        "03ff0d53-573a-47a0-a0ad-1995815a4339",  # information structure
        "07889c08-7220-47c8-96f7-6068fbea00dc",  # normalise data
        "143769cb-b61e-47d8-a61e-eedfbec1016c",  # business intelligence
        "1b70a55d-b8a4-49fc-96c6-15ab4cff2522",  # use data processing techniques
        "1e77e42a-181f-4b48-8e74-201ce50ffc29",  # interpret current data
        "25f0ea33-b4a2-4f31-b7b4-7d20e827b180",  # data mining
        "2daec0e6-f0c1-43e8-8178-aedba99130ec",  # establish data processes
        "31c69100-b612-4a61-8db5-fd314318854c",  # execute analytical mathematical calculations
        "327d15c8-29ff-4ad4-a4fe-6536d777a45f",  # documentation types
        "348b74cd-49ce-4844-8bdf-ec188b497213",  # visual presentation techniques
        "382c11ed-20d5-4ae7-b60e-15fec527fa6c",  # apply statistical analysis techniques
        "4216e465-7baa-4884-a241-54b197bb9278",  # perform data mining
        "4463a721-69f3-413d-8321-43e3af13a4f1",  # use databases
        "46ec0033-3c71-415e-bcff-b065675ba2dc",  # integrate ICT data
        "47a49cd6-097d-457a-9f7b-c290c14930d5",  # analyse big data
        "4a193795-fa63-414e-9f2e-bfdb3924571e",  # handle data samples
        "50b100ea-74fd-4706-99db-3e4ca55e51b8",  # perform data cleansing
        "54c9c155-9293-4329-8ed2-2e76e8b519d4",  # define data quality criteria
        "696e3b5b-8b61-45af-ae4c-3ab700f197ec",  # information extraction
        "713fb616-118e-40bc-9366-4a69879a49d5",  # implement data quality processes
        "79e29b8b-47d1-470d-b7b1-32506bfe7d9a",  # collect ICT data
        "7ee4c2ea-b349-4bd2-81a3-ec31475d4833",  # statistics
        "93aaf65c-5aad-4e6f-a7ba-ce9bf7c0e6e6",  # information categorisation
        "99207709-d076-4cce-ba38-e90d3bb28806",  # resource description framework query language
        "9cf681c7-89ec-470c-b651-7fe03786f586",  # query languages
        "9ff9db9d-d14b-426e-83f3-e7449af6c79f",  # manage data
        "a56dec32-05ef-45de-a256-ee6741f356db",  # information confidentiality
        "c5e8abde-d2ba-4e8e-a65e-720b71180666",  # unstructured data
        "cc7370dd-69fa-4c67-a96f-d4d135d38700",  # data quality assessment
        "fecf8a0d-62c4-4e71-9b03-0f4fc2ad7bf5",  # data models
    )
}
STATISTICS = SKILL + "7ee4c2ea-b349-4bd2-81a3-ec31475d4833"
SQL = SKILL + "598de5b0-5b58-4ea7-8058-a4bc4d18c742"
QUERY_LANGUAGES = SKILL + "9cf681c7-89ec-470c-b651-7fe03786f586"
ISCED = "http://data.europa.eu/esco/isced-f/"


@pytest.fixture(scope="module")
def built() -> bytes:
    return build(CLASSIFICATION, RELATIONS)


@pytest.fixture(scope="module")
def small(built: bytes) -> esco.Esco:
    return load(built)


def csv_rows(archive: Path, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(archive) as z, z.open(name) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


# --- building -----------------------------------------------------------------------------------


def test_building_twice_gives_the_same_bytes(built: bytes) -> None:
    assert build(CLASSIFICATION, RELATIONS) == built
    assert built[:4] == b"\x1f\x8b\x08\x00" and built[4:8] == b"\0\0\0\0"  # gzip, no name, mtime 0
    assert gzip.decompress(built).startswith(b"{")


def test_the_fixture_figures(small: esco.Esco) -> None:
    assert small.version == "1.1.1"
    assert len(small.occupations) == 5
    assert len(small.skills) == 372
    assert len(small.groups) == 186
    assert small.relation_count == 350
    # The unlisted occupation's 3 relations in the cut are counted, not kept.
    assert dict(small.skipped) == {"broader": 0, "relations": 3}
    assert UNLISTED not in small.occupations
    rows = csv_rows(RELATIONS, "occupationSkillRelations.csv")
    assert len(rows) == small.relation_count + small.skipped["relations"]


def test_an_occupation_and_its_skills(small: esco.Esco) -> None:
    analyst = small.occupations[DATA_ANALYST]
    assert analyst.label == "data analyst"
    assert analyst.alt_labels == (
        "data storage analyst",
        "data warehouse analyst",
        "data warehousing analyst",
    )
    assert analyst.isco_group == "2511"
    assert analyst.description == (
        "Data analysts import, inspect, clean, transform, validate, model, or interpret collections"
        " of data with regard to the business goals of the company."
    )
    assert not analyst.regulated and analyst.regulated_note is None
    essential, optional = small.skills_of(DATA_ANALYST)
    assert {s.uri for s in essential} == DATA_ANALYST_ESSENTIAL
    assert [s.uri for s in essential] == sorted(DATA_ANALYST_ESSENTIAL)
    assert len(optional) == 22 and not {s.uri for s in optional} & DATA_ANALYST_ESSENTIAL
    # …as the relations CSV says.
    rows = csv_rows(RELATIONS, "occupationSkillRelations.csv")
    for kind, found in (("essential", essential), ("optional", optional)):
        expected = {
            r["skillUri"] for r in rows if r["occupationUri"] == DATA_ANALYST and r["relationType"] == kind
        }
        assert {s.uri for s in found} == expected
    with pytest.raises(KeyError):
        small.skills_of(UNLISTED)


def test_a_regulated_profession(small: esco.Esco) -> None:
    doctor = small.occupations[GENERAL_PRACTITIONER]
    assert doctor.regulated
    assert doctor.regulated_note == "http://data.europa.eu/esco/regulated-professions/regulated"
    assert [len(s) for s in small.skills_of(GENERAL_PRACTITIONER)] == [8, 38]
    assert sum(o.regulated for o in small.occupations.values()) == 1


def test_skills_and_broader_links(small: esco.Esco) -> None:
    statistics = small.skills[STATISTICS]
    assert (statistics.label, statistics.skill_type, statistics.reuse_level) == (
        "statistics",
        "knowledge",
        "cross-sector",
    )
    assert "stats" in statistics.alt_labels and "statistics" not in statistics.alt_labels
    [group] = small.broader(STATISTICS)
    assert isinstance(group, esco.SkillGroup)
    assert (group.uri, group.label) == (ISCED + "0542", "statistics")
    assert [g.uri for g in small.broader(group.uri)] == [ISCED + "054"]
    # A skill under another skill as well as under a group.
    assert small.skills[SQL].broader == (ISCED + "0613", QUERY_LANGUAGES)  # sorted by URI
    assert isinstance(small.concept(QUERY_LANGUAGES), esco.Skill)
    # Every broader link ends in the classification, and none leads back to where it started.
    concepts: list[esco.Concept] = [*small.skills.values(), *small.groups.values()]
    for concept in concepts:
        assert all(b in small.skills or b in small.groups for b in concept.broader)
        assert list(concept.broader) == sorted(concept.broader)
        above, todo = set(), list(concept.broader)
        while todo:
            if (uri := todo.pop()) not in above:
                above.add(uri)
                todo.extend(small.concept(uri).broader)
        assert concept.uri not in above
    tops = [g for g in small.groups.values() if not g.broader]
    assert {g.label for g in tops} >= {"skills", "knowledge"}
    with pytest.raises(KeyError):
        small.broader(DATA_ANALYST)


def test_label_indexes(small: esco.Esco) -> None:
    assert [o.uri for o in small.find_occupations("  Data   ANALYST ")] == [DATA_ANALYST]
    assert [o.uri for o in small.find_occupations("data warehouse analyst")] == [DATA_ANALYST]
    assert [s.label for s in small.find_skills("use data bases")] == ["use databases"]
    # A label shared by two skills gives both, in URI order.
    assert [s.label for s in small.find_skills("SQL")] == ["SQL", "database management systems"]
    assert small.find_skills("Tableau") == ()
    for key, uris in small.skill_index.items():
        assert key == esco.normalize_label(key) and list(uris) == sorted(set(uris))


def test_load_round_trips(built: bytes, small: esco.Esco) -> None:
    assert dump(small) == built
    # What was loaded is what the CSVs say (labels tidied, the preferred label not repeated).
    by_uri = {r["conceptUri"]: r for r in csv_rows(CLASSIFICATION, "skills_en.csv")}
    assert set(by_uri) == set(small.skills)
    for uri, skill in small.skills.items():
        row = by_uri[uri]
        assert skill.label == " ".join(row["preferredLabel"].split())
        alts = {" ".join(a.split()) for a in row["altLabels"].split("\n")} - {"", skill.label}
        assert set(skill.alt_labels) == alts
        assert skill.skill_type == (row["skillType"] or None)


def test_short_descriptions() -> None:
    short = esco.short_description
    assert short("Tasters taste tea.  They also\nblend it.") == "Tasters taste tea."
    assert (
        short("Teachers teach dance, e.g. Ballet and tap. More.")
        == "Teachers teach dance, e.g. Ballet and tap."
    )
    long = short("Operators " + "run machines and " * 20 + "stop.")  # not "…and…"
    assert len(long) <= esco.DESCRIPTION_LIMIT and long.endswith(" run machines…")
    assert short("x" * 300) == "x" * 199 + "…"
    assert short("") == ""


# --- refusing malformed input -----------------------------------------------------------------


def rewrite(
    source: Path, target: Path, name: str, drop_column: str | None = None, drop: bool = False
) -> Path:
    """A copy of a fixture zip with one column of `name` removed (or `name` itself left out)."""
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w") as out:
        for member in z.namelist():
            data = z.read(member)
            if member == name and drop:
                continue
            if member == name and drop_column:
                rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
                at = rows[0].index(drop_column)
                text = io.StringIO()
                csv.writer(text, lineterminator="\n").writerows([r[:at] + r[at + 1 :] for r in rows])
                data = text.getvalue().encode("utf-8")
            out.writestr(member, data)
    return target


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("occupations_en.csv", "preferredLabel"),
        ("skills_en.csv", "skillType"),
        ("skillsHierarchy_en.csv", "Level 2 URI"),
        ("broaderRelationsSkillPillar.csv", "broaderUri"),
        ("occupationSkillRelations.csv", "relationType"),
    ],
)
def test_a_missing_column_is_named(tmp_path: Path, name: str, column: str) -> None:
    classification, relations = CLASSIFICATION, RELATIONS
    if name in zipfile.ZipFile(CLASSIFICATION).namelist():
        classification = rewrite(CLASSIFICATION, tmp_path / CLASSIFICATION.name, name, column)
    else:
        relations = rewrite(RELATIONS, tmp_path / RELATIONS.name, name, column)
    with pytest.raises(EscoError) as raised:
        build(classification, relations)
    assert str(raised.value).endswith(f"{name}: no column {column!r}")


def test_other_bad_input(tmp_path: Path) -> None:
    without = rewrite(RELATIONS, tmp_path / RELATIONS.name, "occupationSkillRelations.csv", drop=True)
    with pytest.raises(EscoError, match=r"no occupationSkillRelations\.csv in it"):
        build(CLASSIFICATION, without)
    not_zip = tmp_path / "esco-v1.1.1-x.zip"
    not_zip.write_text("no zip")
    with pytest.raises(EscoError, match="cannot read it as a zip"):
        build(not_zip, RELATIONS)
    unnamed = tmp_path / "classification.zip"
    unnamed.write_bytes(CLASSIFICATION.read_bytes())
    with pytest.raises(EscoError, match="cannot tell the ESCO version"):
        build(unnamed, tmp_path / "relations.zip")
    assert load(build(unnamed, RELATIONS, version="1.1.1")).version == "1.1.1"


def test_a_bad_relation_type_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / RELATIONS.name
    with zipfile.ZipFile(RELATIONS) as z, zipfile.ZipFile(bad, "w") as out:
        for member in z.namelist():
            data = z.read(member)
            if member == "occupationSkillRelations.csv":
                data = data.replace(b",optional,", b",handy,", 1)
            out.writestr(member, data)
    with pytest.raises(EscoError, match=r"occupationSkillRelations\.csv:\d+: relationType 'handy'"):
        build(CLASSIFICATION, bad)


def test_a_damaged_bundled_file_is_refused() -> None:
    for junk in (b"", b"not gzip", gzip.compress(b"[]"), gzip.compress(b'{"format": "other"}')):
        with pytest.raises(EscoError, match="not a bundled ESCO file"):
            load(junk)
    with pytest.raises(EscoError, match="damaged"):
        load(gzip.compress(b'{"format": "%s"}' % esco.FORMAT.encode()))


# --- the build script ----------------------------------------------------------------------------


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "scripts" / "build_esco.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_script_writes_the_build_and_says_nothing(tmp_path: Path, built: bytes) -> None:
    out = tmp_path / "esco" / "esco.json.gz"
    done = run_script(str(CLASSIFICATION), str(RELATIONS), "-o", str(out))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert out.read_bytes() == built
    bad = run_script(str(RELATIONS), str(RELATIONS), "-o", str(out))
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.splitlines() == [f"build_esco: {RELATIONS}: no occupations_en.csv in it"]
    assert out.read_bytes() == built  # left as it was


# --- the bundled file, and the real zips ---------------------------------------------------------


def test_the_bundled_file_loads() -> None:
    real = esco.load_bundled()
    assert real.version == "1.1.1"
    assert (len(real.occupations), len(real.skills), len(real.groups)) == (3007, 13896, 647)
    assert real.relation_count == 123_788
    assert dict(real.skipped) == {"broader": 0, "relations": 67}
    assert sum(o.regulated for o in real.occupations.values()) == 15
    assert [o.label for o in real.find_occupations("data analyst")] == ["data analyst"]


@pytest.mark.skipif(
    not (REAL / "esco-v1.1.1-classification-en-csv.zip").is_file(),
    reason=f"the real ESCO v1.1.1 zips are not in {REAL} (set MICROCRED_DATASETS)",
)
def test_the_real_zips_rebuild_the_bundled_file() -> None:
    rebuilt = build(REAL / "esco-v1.1.1-classification-en-csv.zip", REAL / "esco-v1.1.1-relations-csv.zip")
    real = load(rebuilt)
    assert len(real.occupations) == 3007
    assert len(real.skills) == 13896
    # 123,855 relation rows: 67 name an occupation occupations_en.csv lacks, the rest are kept.
    assert real.relation_count + real.skipped["relations"] == 123_855
    assert real.skipped["relations"] == 67
    # The same content first (a clearer failure), then the same bytes.
    assert gzip.decompress(rebuilt) == gzip.decompress(BUNDLED.read_bytes())
    assert rebuilt == BUNDLED.read_bytes()
