"""The importers' core: messy-data rules, the YAML writer, streaming JSON, atomic writes, the
pipeline (duplicates, ids, rejects) and bounded memory at 100,000 rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred import catalog, schema, yamlio
from microcred.atomic import FileExists, atomic_write
from microcred.errors import UsageError
from microcred.importers import (
    FORMATS,
    AlreadyImported,
    BadExport,
    NothingImported,
    import_file,
    locked,
    yamlwrite,
)
from microcred.importers import cleaning as c
from microcred.importers.base import json_items
from microcred.models import Program

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def bundled():
    return catalog.load()


# --- messy-data rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("  Beginner ", "Beginner", id="stray-spaces"),
        pytest.param("Data  \n Things", "Data Things", id="inner-spaces"),
        pytest.param("None", None, id="literal-None"),
        pytest.param("nan", None, id="nan"),
        pytest.param("   ", None, id="blank"),
        pytest.param(None, None, id="missing"),
        pytest.param("Nonesuch", "Nonesuch", id="word-starting-with-none"),
    ],
)
def test_clean(raw, expected):
    assert c.clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("5.3k", 5300, id="k"),
        pytest.param("3.2m", 3_200_000, id="m"),
        pytest.param("17K", 17_000, id="upper-k"),
        pytest.param("124,980", 124_980, id="thousands-commas"),
        pytest.param("16400.0", 16400, id="float-text"),
        pytest.param("None", None, id="None"),
        pytest.param("lots", None, id="not-a-number"),
    ],
)
def test_count(raw, expected):
    assert c.count(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("1 - 3 Months", {"weeks": 8.7, "approximate": True}, id="1-3-months"),
        pytest.param(" 3 - 6 Months", {"weeks": 19.5, "approximate": True}, id="3-6-months"),
        pytest.param("1 - 4 Weeks", {"weeks": 2.5, "approximate": True}, id="1-4-weeks"),
        pytest.param("Less Than 2 Hours", {"hours": 1, "approximate": True}, id="less-than-2-hours"),
        pytest.param("2 Weeks", {"weeks": 2}, id="exact-weeks"),
        pytest.param("6 months", {"weeks": 26}, id="exact-months"),
        pytest.param("2 days", {"weeks": 0.29}, id="days"),
        pytest.param("None", None, id="None"),
        pytest.param("soon", None, id="not-a-duration"),
    ],
)
def test_duration_buckets_become_weeks_at_their_midpoint(raw, expected):
    assert c.duration(c.clean(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("PROFESSIONAL CERTIFICATE", "Professional Certificate", id="upper"),
        pytest.param(" Professional Certificate ", "Professional Certificate", id="spaces"),
        pytest.param("SPECIALIZATION", "Specialization", id="specialization"),
        pytest.param("COURSE", "Course", id="course"),
        pytest.param("nanodegree", "Nanodegree", id="nanodegree"),
        pytest.param("MicroMasters®", "MicroMasters", id="micromasters"),
        pytest.param("Guided Project", "Guided Project", id="guided-project"),
        pytest.param("Bootcamp", "Bootcamp", id="unknown-kept"),
        pytest.param("None", None, id="None"),
    ],
)
def test_credential_types(raw, expected):
    assert c.credential_type(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Beginner ", "beginner"), ("Introductory", "beginner"), ("Mixed", "mixed"), ("ADVANCED", "advanced")],
)
def test_levels(raw, expected):
    assert c.level(raw) == expected


def test_html_to_text():
    html = '<p>Widgets have a <a href="x">long</a> history&nbsp;&amp; a future.</p>\n<p>More.</p>'
    html += "<script>hidden()</script>"
    assert c.html_to_text(html) == "Widgets have a long history & a future.\nMore."


def test_https_url_drops_tracking_parameters():
    url = "https://www.udacity.com/course/git--ud123?utm_medium=referral&utm_campaign=api&lang=en"
    assert c.https_url(url) == "https://www.udacity.com/course/git--ud123?lang=en"
    assert c.https_url("ftp://example.org") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "CS50's Introduction to Computer Science", "cs50s-introduction-to-computer-science", id="apos"
        ),
        pytest.param("(ISC)² Systems Security", "isc-2-systems-security", id="superscript"),
        pytest.param("Ça va l’été", "ca-va-lete", id="accents"),
    ],
)
def test_slugify(text, expected):
    assert c.slugify(text) == expected


def test_field_guesser_uses_aliases_and_capitals_for_short_ones(bundled):
    guess = c.FieldGuesser(bundled.fields)
    assert guess.guess(["Google Cybersecurity"], ["Network Security", "Linux"]) == ["cybersecurity"]
    assert guess.guess(["AI For Everyone"], []) == ["ai-ml"]
    assert guess.guess(["Make it happen"], []) == []  # "it" in lower case is not IT
    assert guess.guess(["Widgets"], ["Data Analysis & Statistics"]) == ["data-science"]
    assert guess.guess(["Widgets"], ["Science, Engineering & Maths"]) == []  # nothing invented


# --- the YAML writer -------------------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip() == s and s.strip()
)


@settings(max_examples=300, deadline=None)
@given(title=_text, skills=st.lists(_text, max_size=12))
def test_writer_round_trips_any_text_through_the_catalog_reader(title, skills):
    record = {
        "id": "x",
        "title": title,
        "skills": skills,
        "cost": {"model": "free", "price": {"amount": 1.5}},
    }
    parsed = yamlio.parse(yamlwrite.record(record))
    assert parsed == [record]


@pytest.mark.parametrize(
    "value",
    [
        "yes",
        "No",
        "null",
        "~",
        "1.0",
        "2020-01-01",
        "- dash",
        "a: b",
        "a #b",
        "[x]",
        "x, y",
        "'q'",
        '"q"',
        "é",
        "\u2028",
    ],
)
def test_writer_quotes_what_yaml_would_misread(value):
    record = {"title": value, "skills": [value]}
    assert yamlio.parse(yamlwrite.record(record)) == [record]


def test_writer_style_and_wrapping():
    record = {
        "id": "x",
        "fields": ["data-science"],
        "skills": [f"skill number {i}" for i in range(12)],
        "cost": {"model": "one_time", "price": {"amount": 49, "currency": "USD"}},
        "effort": {"weeks": 19.5, "approximate": True},
        "as_of": dt.date(2025, 7, 1),
    }
    text = yamlwrite.record(record)
    assert text.startswith("- id: x\n  fields: [data-science]\n  skills: [skill number 0, skill number 1,")
    assert "\n    skill number" in text  # a long list wraps, indented past its key
    assert "  cost:\n    model: one_time\n    price: {amount: 49, currency: USD}\n" in text
    assert "  effort: {weeks: 19.5, approximate: true}\n  as_of: 2025-07-01\n" in text
    assert yamlio.parse(text) == [record]
    assert max(len(line) for line in text.splitlines()) <= yamlwrite.WIDTH


# --- JSON exports ----------------------------------------------------------------------------


def test_json_items_of_an_object_and_of_a_list():
    doc = '{"meta": {"v": 1},\n "courses": [{"title": "A", "n": 12345}, 67890, true],\n "tracks": []}'
    assert list(json_items(io.StringIO(doc))) == [
        ("meta", None, {"v": 1}),
        ("courses", 0, {"title": "A", "n": 12345}),
        ("courses", 1, 67890),
        ("courses", 2, True),
    ]
    assert [item for *_, item in json_items(io.StringIO("[1, 22, 333]"))] == [1, 22, 333]


def test_json_integers_beyond_pythons_digit_limit_are_not_a_crash():
    [(_, _, value)] = json_items(io.StringIO("[" + "9" * 5000 + "]"))
    assert value == float("inf")  # then refused as a number by the importer's cleaning


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        pytest.param('[{"a": 1}, {"b": ', "the file ends inside a value (truncated?)", id="truncated"),
        pytest.param('[{"a": 1} {"b": 2}]', "not valid JSON", id="missing-comma"),
        pytest.param("[1] [2]", "not valid JSON (Extra data)", id="trailing"),
        pytest.param("title,course\n", "not JSON: the file starts with 't'", id="csv"),
        pytest.param("[" * 5000 + "]" * 5000, "nested too deeply", id="deep"),
    ],
)
def test_json_problems_are_bad_exports(tmp_path, doc, message, bundled):
    source = tmp_path / "feed.json"
    source.write_text(doc)
    with pytest.raises(BadExport, match=re.escape(message)):
        import_file("futurelearn-json", source, tmp_path / "out.yaml", bundled)
    assert not (tmp_path / "out.yaml").exists()


# --- atomic writes ---------------------------------------------------------------------------


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "x.yaml"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_write(target, replace=True) as out:
        out.write("half a fi")
        raise RuntimeError("disk full")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]  # no temp file left


def test_atomic_write_never_overwrites_without_replace(tmp_path):
    target = tmp_path / "x.yaml"
    target.write_text("old\n")
    with pytest.raises(FileExists), atomic_write(target) as out:
        out.write("new\n")
    with atomic_write(tmp_path / "y.yaml") as out:
        out.write("new\n")
    assert target.read_text() == "old\n"
    assert (tmp_path / "y.yaml").read_text() == "new\n"
    assert (tmp_path / "y.yaml").stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- the pipeline ----------------------------------------------------------------------------


def run(fmt: str, name: str, tmp_path: Path, cat) -> tuple:
    dest = tmp_path / "programs" / "out.yaml"
    report = import_file(fmt, FIXTURES / name, dest, cat)
    return report, dest


def test_messy_coursera_rows(tmp_path, bundled):
    report, dest = run("coursera-csv", "messy-coursera-2025.csv", tmp_path, bundled)
    assert (report.rows, report.imported, report.exact_duplicates, report.near_duplicate_count) == (
        11,
        6,
        1,
        1,
    )
    assert dict(report.skipped) == {
        "missing title": 1,
        "expected 9 columns, found 3": 1,
        "malformed CSV (',' expected after '\"')": 1,
    }
    assert [(r.line, r.reason) for r in report.rejects] == [
        (7, "missing title"),
        (9, "expected 9 columns, found 3"),
        (11, "malformed CSV (',' expected after '\"')"),
    ]
    near = report.near_duplicates[0]
    assert (near.line, near.first_line, near.title, near.detail) == (
        5,
        3,
        "Data Things",
        "differs in: skills, effort, notes",
    )
    records = {r["id"]: r for r in yamlio.parse(dest.read_text())}
    assert list(records) == [
        "coursera-intro-to-testing",
        "coursera-data-things",
        "coursera-quick-look",
        "coursera-no-duration",
        "coursera-quick-look-other-org",  # same title, another provider
        "coursera-cloud-basics-for-it",
    ]
    assert records["coursera-no-duration"]["effort"] == {}  # unknown: imported, never invented
    assert records["coursera-no-duration"]["notes"].endswith("Duration unknown: not in the export.")
    assert report.unknown_duration == 1
    first = records["coursera-intro-to-testing"]
    assert first["title"] == "Intro to Testing"
    assert first["skills"] == ["python programming", "software testing"]
    assert first["cost"] == {"model": "subscription", "free_audit": True}
    assert first["effort"] == {"weeks": 2.5, "approximate": True}
    assert first["notes"] == "Rated 4.5 from 5,300 reviews in Coursera's catalog, July 2025."
    assert first["as_of"] == dt.date(2025, 7, 1)
    assert records["coursera-data-things"]["credit"]["kind"] == "college"
    assert records["coursera-quick-look"]["level"] == "mixed"  # "None" in the export
    assert records["coursera-quick-look"]["effort"] == {"hours": 1, "approximate": True}
    assert records["coursera-quick-look-other-org"]["credential_type"] == "Professional Certificate"
    assert records["coursera-cloud-basics-for-it"]["fields"] == ["cloud-it"]


def test_coursera_2020_layout_leaves_durations_unknown(tmp_path, bundled):
    report, dest = run("coursera-csv", "messy-coursera-2020.csv", tmp_path, bundled)
    assert (report.imported, dict(report.skipped), report.unknown_duration) == (4, {}, 4)
    records = yamlio.parse(dest.read_text())
    assert [(r["credential_type"], r["kind"], r["effort"], r["cost"]) for r in records] == [
        ("Course", "course", {}, {"model": "subscription", "free_audit": True}),
        ("Specialization", "program", {}, {"model": "subscription", "free_audit": True}),
        ("Professional Certificate", "program", {}, {"model": "subscription", "free_audit": True}),
        ("MasterTrack Certificate", "mastertrack", {}, {"model": "one_time"}),  # tuition, never subscription
    ]
    assert records[1]["notes"] == (
        "Rated 4.8, 3,200,000 enrolled (Coursera's catalog, May 2020). "
        "Duration unknown: the 2020 export gives none."
    )
    assert {r["as_of"] for r in records} == {dt.date(2020, 5, 1)}


def test_edx_prices_effort_and_multiline_fields(tmp_path, bundled):
    report, dest = run("edx-csv", "edx-mini.csv", tmp_path, bundled)
    assert (report.imported, dict(report.skipped), report.unknown_duration) == (4, {}, 1)
    widget, paid, mystery, unknown = yamlio.parse(dest.read_text())
    assert unknown["effort"] == {}  # no course length: a pace alone is no duration
    assert unknown["cost"] == {"model": "free"}  # the export says FREE, and nothing more
    assert unknown["notes"] == "1 enrolled by 2020. Length unknown: not in the export."
    assert widget["cost"] == {
        "model": "audit_then_certificate",
        "price": {"amount": 49, "currency": "USD"},
        "free_audit": True,
    }
    assert widget["effort"] == {"hours_per_week": 2.5, "weeks": 6, "approximate": True}
    assert widget["notes"] == "A first look at widgets. 1,234 enrolled by 2020."
    assert paid["cost"] == {"model": "one_time", "price": {"amount": 300, "currency": "USD"}}
    assert paid["effort"] == {"weeks": 4, "hours": 10}
    assert paid["url"] == "https://www.edx.org/course/paid-widgets"
    assert (
        paid["notes"]
        == "Widgets for pay. Instructor-led on a course schedule. Taught in Español. 99 enrolled by 2020."
    )
    assert paid["fields"] == ["data-science"]
    assert mystery["cost"] == {"model": "one_time"}  # no price: unknown, never 0
    assert mystery["url"] == "https://www.edx.org/search"  # no URL in the row: the catalog's
    assert mystery["as_of"] == dt.date(2020, 9, 1)


def test_udacity_dump(tmp_path, bundled):
    report, dest = run("udacity-json", "udacity-mini.json", tmp_path, bundled)
    assert (report.imported, dict(report.skipped), report.unknown_duration) == (
        4,
        {
            "missing title": 1,
            "not a JSON object": 1,
            "a track (a list of courses), not a program": 1,
        },
        1,
    )
    # JSON items are placed by their path in the document (the json module gives no lines).
    assert [r.where for r in report.rejects] == ["courses[2]", "courses[4]", "tracks[0]"]
    intro, shell, undated, nano = yamlio.parse(dest.read_text())
    assert undated["effort"] == {}
    assert "Duration unknown: not in the export." in undated["notes"]
    assert [intro["id"], shell["id"]] == ["udacity-widgets-x1", "udacity-widget-shell-x2"]  # the page's slug
    assert intro["partners"] == ["Widget Co"]
    assert intro["cost"] == {"model": "free"}
    assert intro["url"] == "https://www.udacity.com/course/widgets--x1"
    assert intro["notes"] == "Build widgets & more."
    assert shell["effort"] == {"weeks": 0.29}
    assert shell["url"] == "https://www.udacity.com/course/widget-shell--x2"  # from the slug
    assert nano["credential_type"] == "Nanodegree"
    assert nano["cost"] == {"model": "subscription"}  # the platform's monthly plan
    assert nano["level"] == "mixed"
    assert nano["effort"] == {"weeks": 17.3}


def test_futurelearn_feed(tmp_path, bundled):
    report, dest = run("futurelearn-json", "futurelearn-mini.json", tmp_path, bundled)
    assert (report.imported, dict(report.skipped)) == (3, {"missing organisation": 1})
    history, french, unknown = yamlio.parse(dest.read_text())
    assert unknown["effort"] == {}
    assert history["effort"] == {"hours_per_week": 3, "weeks": 4}  # the newest run
    assert history["notes"] == (
        "Widgets have a long history & a future. A certificate is available; its price is not in the feed. "
        "Level not stated."
    )
    assert history["url"] == "https://www.futurelearn.com/courses/widget-history"
    assert history["fields"] == ["languages-humanities"]
    assert french["notes"] == "Des widgets. No certificate. Taught in language 'fr'. Level not stated."


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("coursera-csv", "messy-coursera-2025.csv"),
        ("coursera-csv", "messy-coursera-2020.csv"),
        ("edx-csv", "edx-mini.csv"),
        ("udacity-json", "udacity-mini.json"),
        ("futurelearn-json", "futurelearn-mini.json"),
    ],
    ids=lambda v: v,
)
def test_output_is_in_schema_order_and_loads(tmp_path, bundled, fmt, name):
    _report, dest = run(fmt, name, tmp_path, bundled)
    order = schema.file_keys(Program)
    for record in yamlio.parse(dest.read_text()):
        assert list(record) == sorted(record, key=order.index)
    loaded = catalog.load([tmp_path])
    assert sum(1 for p in loaded.programs.values() if p.user) == _report.imported


def test_ids_avoid_the_catalogs_ids(tmp_path, bundled):
    first, _ = run("coursera-csv", "messy-coursera-2025.csv", tmp_path, bundled)
    again = catalog.load([tmp_path])
    dest = tmp_path / "programs" / "second.yaml"
    import_file("coursera-csv", FIXTURES / "messy-coursera-2025.csv", dest, again, again=True)
    ids = [r["id"] for r in yamlio.parse(dest.read_text())]
    assert ids[:2] == [
        "coursera-intro-to-testing-example-university",
        "coursera-data-things-example-university",
    ]
    assert len(catalog.load([tmp_path]).programs) == len(again.programs) + first.imported


def test_unknown_format_and_missing_platform(tmp_path, bundled):
    with pytest.raises(Exception, match="unknown format 'csv'"):
        import_file("csv", FIXTURES / "edx-mini.csv", tmp_path / "x.yaml", bundled)
    mini = catalog.load(bundled=MINI)
    with pytest.raises(Exception, match="the catalog has no platform 'edx'"):
        import_file("edx-csv", FIXTURES / "edx-mini.csv", tmp_path / "x.yaml", mini)
    assert set(FORMATS) == {"coursera-csv", "edx-csv", "udacity-json", "futurelearn-json"}


def test_nothing_imported_writes_nothing(tmp_path, bundled):
    source = tmp_path / "only-bad.csv"
    source.write_text(
        "partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility\n,,,,,,,,\nA,B\n"
    )
    with pytest.raises(NothingImported) as info:
        import_file("coursera-csv", source, tmp_path / "out.yaml", bundled)
    assert dict(info.value.report.skipped) == {"expected 9 columns, found 2": 1}
    assert not (tmp_path / "out.yaml").exists()


def test_wrong_layout_is_named(tmp_path, bundled):
    source = tmp_path / "other.csv"
    source.write_text("name,price\nWidget,3\n")
    with pytest.raises(BadExport, match="not a Coursera CSV export: the header has neither"):
        import_file("coursera-csv", source, tmp_path / "out.yaml", bundled)


# --- scale -----------------------------------------------------------------------------------

ROWS = 25_000  # enough for memory growth per row to show; the 100k-row figure is benchmarks' job
SKILLS = ["Python Programming", "SQL", "Data Analysis", "Machine Learning", "Cloud Computing", "Leadership"]

_MEASURE = textwrap.dedent(
    """
    import resource, sys, time
    from microcred.cli import app
    start = time.perf_counter()
    try:
        app(["data", "import", "coursera-csv", sys.argv[1], "--name", sys.argv[2]], prog_name="microcred")
    except SystemExit as exc:
        if exc.code:
            raise
    seconds = time.perf_counter() - start
    try:  # Linux: this process's own high-water mark (ru_maxrss would include the parent's at fork)
        status = open("/proc/self/status").read()
        peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
    except (OSError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    print(seconds, peak / 2**20)
    """
)


def _generate(path: Path, rows: int) -> None:
    header = ["partner", "course", "skills", "rating", "reviewcount", "level", "certificatetype"]
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([*header, "duration", "crediteligibility"])
        for i in range(rows):
            skills = ", ".join(SKILLS[(i + k) % len(SKILLS)] for k in range(4))
            kind = (" Specialization ", " Course ", " Professional Certificate ")[i % 3]
            title = f"Course {i} on {SKILLS[i % 6]}"
            row = [f"Partner {i % 700}", title, skills, "4.7", f"{i % 900}00.0", "Beginner ", kind]
            writer.writerow([*row, " 3 - 6 Months", str(i % 5 == 0)])


def _measure(source: Path, name: str, home: Path) -> tuple[float, float]:
    env = {**os.environ, "MICROCRED_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(source), name],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def test_rows_stream_in_bounded_memory(tmp_path, _isolated_home):
    """Peak memory of a separate process (so earlier tests do not count) grows by a few hundred
    bytes a row from 1,000 to 25,000 rows: the hashes that recognise duplicates and taken ids.
    Rows and records are never held: holding 25,000 records would take about 100 MB."""
    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    _generate(small, 1_000)
    _generate(big, ROWS)
    _seconds, baseline = _measure(small, "small", _isolated_home)
    seconds, peak = _measure(big, "big", _isolated_home)
    print(f"\n{ROWS:,} rows: {seconds:.1f} s, peak RSS {peak:.0f} MB (1,000 rows: {baseline:.0f} MB)")
    written = _isolated_home / "data" / "programs" / "big.yaml"
    with written.open() as lines:
        assert sum(1 for line in lines if line.startswith("- id: ")) == ROWS
    assert peak - baseline < 40, (peak, baseline)
    assert peak < 100, (peak, baseline)


def test_written_file_reads_back(tmp_path, bundled):
    """The streamed file is one YAML list that the catalog loads (batches join seamlessly)."""
    source = tmp_path / "rows.csv"
    _generate(source, 1_234)
    dest = tmp_path / "data" / "programs" / "rows.yaml"
    report = import_file("coursera-csv", source, dest, bundled)
    assert report.imported == 1_234
    loaded = catalog.load([tmp_path / "data"])
    assert sum(1 for p in loaded.programs.values() if p.user) == 1_234


# --- identity, twins, durations as written, shapes, re-imports (issue 15) ----------------------

HEADER_2025 = "partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility\n"
ROWS_2025 = [
    "Google,Google データアナリティクス,SQL,4.8,10,Beginner,Professional Certificate,3 - 6 Months,False",
    "Google,Google サイバーセキュリティ,SQL,4.8,10,Beginner,Professional Certificate,3 - 6 Months,False",
    "Google,تحليلات البيانات من Google,SQL,4.8,10,Beginner,Professional Certificate,3 - 6 Months,False",
    "Acme U,Widget Design,SQL,4.1,10,Beginner,Specialization,3 - 6 Months,False",
    "Acme U,Widget Design,SQL,4.1,10,Beginner,Course,1 - 4 Weeks,False",  # same title, another kind
    "Acme U,Widget Design,SQL,4.1,10,Beginner,Course,1 - 4 Weeks,False",  # an exact repeat
    "Acme U,Widgets en Español,SQL,4.1,10,Beginner,MasterTrack,6 meses,False",
    "Acme U,Widget Paces,SQL,4.1,10,Beginner,Specialization,15+ hours of study/wk per course,False",
    "Acme U,Build a Widget,SQL,4.1,10,Beginner,Guided Project,Less Than 2 Hours,False",
    "Acme U,Master of Widgets,SQL,4.1,10,Advanced,Degree,2 años,False",
    "Google,Google Data Analytics,SQL,4.8,10,Beginner,Professional Certificate,3 - 6 Months,False",  # bundled
    "Acme U,Widget Soon,SQL,4.1,10,Beginner,Course,próximamente,False",
]


def _write_rows(tmp_path: Path) -> Path:
    source = tmp_path / "written.csv"
    source.write_text(HEADER_2025 + "\n".join(ROWS_2025) + "\n", encoding="utf-8")
    return source


def test_written_rows_every_one_accounted_for(tmp_path, bundled):
    report = import_file("coursera-csv", _write_rows(tmp_path), tmp_path / "programs" / "w.yaml", bundled)
    assert (report.imported, report.exact_duplicates, report.near_duplicate_count, len(report.twins)) == (
        10,
        1,
        0,
        1,
    )
    assert report.rows == len(ROWS_2025) == report.imported + report.skipped_count + 2
    assert [(d.line, d.first_line, d.detail) for d in report.exact] == [(7, 6, "exact repeat")]
    twin = report.twins[0]
    assert (twin.line, twin.bundled, twin.by) == (12, "google-data-analytics", "title, provider and kind")
    records = {r["title"]: r for r in yamlio.parse((tmp_path / "programs" / "w.yaml").read_text())}
    # Non-Latin titles stay distinct programs, with ids that are neither bare nor Latin-free nonsense.
    ids = [records[t]["id"] for t in ROWS_TITLES_NON_LATIN]
    assert len(set(ids)) == 3
    assert all(re.fullmatch(r"coursera(-google)?-[0-9a-f]{6}", i) for i in ids), ids
    assert "coursera" not in ids and "coursera-google" not in ids
    design = [
        r
        for r in yamlio.parse((tmp_path / "programs" / "w.yaml").read_text())
        if r["title"] == "Widget Design"
    ]
    assert [(r["kind"], r["id"]) for r in design] == [
        ("program", "coursera-widget-design"),
        ("course", "coursera-widget-design-acme-u"),
    ]
    spanish = records["Widgets en Español"]
    assert (spanish["kind"], spanish["effort"], spanish["cost"]) == (
        "mastertrack",
        {"weeks": 26},
        {"model": "one_time"},
    )
    paces = records["Widget Paces"]
    assert paces["effort"] == {}  # a pace per course is not the program's length
    assert "pace per course ('15+ hours of study/wk per course')" in paces["notes"]
    project = records["Build a Widget"]
    assert (project["kind"], project["cost"]) == ("project", {"model": "one_time"})  # price unknown, never 0
    degree = records["Master of Widgets"]
    assert (degree["kind"], degree["effort"], degree["cost"]) == (
        "degree",
        {"weeks": 104},
        {"model": "one_time"},
    )
    soon = records["Widget Soon"]
    assert soon["effort"] == {}
    assert "Duration unknown: the export's 'próximamente' could not be read." in soon["notes"]
    assert report.unknown_duration == 2


ROWS_TITLES_NON_LATIN = [
    "Google データアナリティクス",
    "Google サイバーセキュリティ",
    "تحليلات البيانات من Google",
]


def test_ids_are_stable_across_runs(tmp_path, bundled):
    source = _write_rows(tmp_path)
    code = (
        "import sys; from pathlib import Path; from microcred import catalog; "
        "from microcred.importers import import_file; "
        "import_file('coursera-csv', Path(sys.argv[1]), Path(sys.argv[2]), catalog.load())"
    )
    for seed, name in (("1", "a/a.yaml"), ("2", "b/b.yaml")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(source), str(tmp_path / name)], env=env, check=True)
    ids = [[r["id"] for r in yamlio.parse((tmp_path / n).read_text())] for n in ("a/a.yaml", "b/b.yaml")]
    assert ids[0] == ids[1]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("6 meses", {"weeks": 26}, id="es-months"),
        pytest.param("4 semanas", {"weeks": 4}, id="es-weeks"),
        pytest.param("3 mois", {"weeks": 13}, id="fr-months"),
        pytest.param("2 Monate", {"weeks": 8.7}, id="de-months"),
        pytest.param("3 meses", {"weeks": 13}, id="pt-months"),
        pytest.param("de 2 a 4 semanas", {"weeks": 3, "approximate": True}, id="es-range"),
        pytest.param("2–4 hours per week", {"hours_per_week": 3, "approximate": True}, id="per-week"),
        pytest.param("4 horas por semana", {"hours_per_week": 4}, id="por-semana"),
        pytest.param("5 heures par semaine", {"hours_per_week": 5}, id="par-semaine"),
        pytest.param("3 Stunden pro Woche", {"hours_per_week": 3}, id="pro-woche"),
        pytest.param("10 hrs/wk", {"hours_per_week": 10}, id="slash-wk"),
        pytest.param("6 meses, 10 horas por semana", {"hours_per_week": 10, "weeks": 26}, id="both"),
        pytest.param(
            "15+ hours of study/wk per course", {"hours_per_week": 15, "approximate": True}, id="pace"
        ),
    ],
)
def test_durations_in_five_languages(raw, expected):
    assert c.duration(raw) == expected
    assert c.complete(c.duration(raw)) == (expected if "weeks" in expected or "hours" in expected else None)


def test_identity_keeps_every_script():
    assert c.identity_text("Google サイバーセキュリティ") != c.identity_text("Google データアナリティクス")
    assert c.identity_text("تحليلات البيانات من Google") == "تحليلات البيانات من google"
    assert c.identity_text("Análisis  de Datos!") == c.identity_text("analisis de datos")
    assert c.identity_text("ＧＯＯＧＬＥ") == "google"  # NFKC
    assert c.title_key("Google Data Analytics Professional Certificate", "Professional Certificate") == (
        "google data analytics"
    )
    assert c.url_key("https://www.edx.org/course/Widgets/?utm_source=x") == "edx.org/course/widgets"


def test_prices_keep_their_cents(tmp_path, bundled):
    source = tmp_path / "cents.csv"
    text = (FIXTURES / "edx-mini.csv").read_text().replace("for $49 USD", "for $49.99 USD")
    source.write_text(text)
    dest = tmp_path / "programs" / "cents.yaml"
    import_file("edx-csv", source, dest, bundled)
    assert yamlio.parse(dest.read_text())[0]["cost"]["price"] == {"amount": 49.99, "currency": "USD"}


def test_futurelearn_free_online_course_is_free_to_join(tmp_path, bundled):
    items = [
        {
            "name": "Widget Basics",
            "url": "https://www.futurelearn.com/courses/widget-basics",
            "description": "<p>Learn widgets with this free online course.</p>",
            "organisation": {"name": "Widget U"},
            "has_certificates": True,
            "runs": [{"start_date": "2017-01-01", "duration_in_weeks": 3}],
        }
    ]
    source = tmp_path / "fl.json"
    source.write_text(json.dumps(items))
    dest = tmp_path / "programs" / "fl.yaml"
    import_file("futurelearn-json", source, dest, bundled)
    (record,) = yamlio.parse(dest.read_text())
    assert record["cost"] == {"model": "audit_then_certificate", "free_audit": True}
    assert record["id"] == "futurelearn-widget-basics"


def test_a_file_of_another_shape_is_refused_at_once(tmp_path, bundled):
    scrape = [{"college": "Widget U", "title": f"Course {i}", "weeks": 3, "hours": 2} for i in range(28)]
    source = tmp_path / "scrape.json"
    source.write_text(json.dumps(scrape))
    with pytest.raises(BadExport) as info:
        import_file("futurelearn-json", source, tmp_path / "programs" / "x.yaml", bundled)
    assert str(info.value) == (
        "this is not FutureLearn's courses feed: its fields are college, title, weeks, hours; "
        "FutureLearn's courses feed has name, organisation, runs"
    )
    assert (
        info.value.hint is not None
        and "coursera-csv" in info.value.hint
        and "udacity-json" in info.value.hint
    )
    assert not (tmp_path / "programs" / "x.yaml").exists()


def test_the_same_export_is_not_imported_twice(tmp_path, bundled):
    source = FIXTURES / "edx-mini.csv"
    first = tmp_path / "programs" / "first.yaml"
    import_file("edx-csv", source, first, bundled)
    assert "# Source sha256: " in first.read_text()
    with pytest.raises(AlreadyImported, match=r"edx-mini.csv was imported already: .*first.yaml"):
        import_file("edx-csv", source, tmp_path / "programs" / "second.yaml", bundled)
    assert not (tmp_path / "programs" / "second.yaml").exists()
    import_file("edx-csv", source, first, bundled, replace=True)  # replacing the same file is fine


def test_a_second_import_waits_for_no_one(tmp_path):
    code = (
        "import sys, time; from pathlib import Path; from microcred.importers import locked\n"
        "with locked(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(30)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(UsageError, match="another import is writing to"), locked(tmp_path):
            pass
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with locked(tmp_path):  # the holder died: no stale lock
        pass
