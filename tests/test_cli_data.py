"""`microcred data …` through the real CLI: path, list, validate, stats and import (with the
real sample exports when they are present)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import dataset, run

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
# Samples of real exports (not shipped: most carry no licence) come through helpers.dataset,
# which skips when they are absent (a fresh clone) and fails when CI requires them.


def programs_dir(home: Path) -> Path:
    return home / "data" / "programs"


# --- import: the real samples ----------------------------------------------------------------

# (format, file, imported, skipped, near-duplicates, twins of bundled programs): every row counted
SAMPLES = [
    pytest.param(
        "coursera-csv",
        "coursera-2025-sample.csv",
        111,
        {"missing certificate type": 4},
        0,
        35,
        id="coursera-2025",
    ),
    pytest.param("coursera-csv", "coursera-2020-sample.csv", 113, {}, 0, 7, id="coursera-2020"),
    pytest.param("edx-csv", "edx-sample.csv", 56, {}, 0, 4, id="edx"),
    pytest.param(
        "udacity-json",
        "udacity-api-sample.json",
        16,
        {"a track (a list of courses), not a program": 2},
        0,
        5,
        id="udacity",
    ),
    pytest.param("futurelearn-json", "futurelearn-feed-sample.json", 23, {}, 0, 2, id="futurelearn"),
]


@pytest.mark.parametrize(("fmt", "name", "imported", "skipped", "near", "twins"), SAMPLES)
def test_import_each_sample(_isolated_home, tmp_path, fmt, name, imported, skipped, near, twins):
    report_file = tmp_path / "report.json"
    result = run("data", "import", fmt, str(dataset(name)), "--report", str(report_file))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the summary is for people: stderr
    stem = Path(name).stem
    assert f"Imported {imported} programs from {name} " in result.stderr
    assert f"into {programs_dir(_isolated_home) / stem}.yaml" in result.stderr
    assert f"Skipped: {sum(skipped.values())}\n" in result.stderr
    for reason, count in skipped.items():
        assert f"  {count:>6,}  {reason}\n" in result.stderr
    assert "Exact duplicates dropped (the first kept): 0\n" in result.stderr
    assert f"the first kept): {near}\n" in result.stderr
    assert f"(the bundled program kept): {twins}\n" in result.stderr
    report = json.loads(report_file.read_text())
    assert len(report["rejects"]) == sum(skipped.values())  # every row, never "… and 6 more"
    assert len(report["twins"]) == twins
    rows = report["imported"] + len(report["rejects"]) + len(report["exact"]) + len(report["near_duplicates"])
    assert rows + twins == {"coursera-2025-sample.csv": 150, "coursera-2020-sample.csv": 120}.get(
        name, {"edx-sample.csv": 60, "udacity-api-sample.json": 23}.get(name, 25)
    )
    listed = json.loads(run("data", "list", "--json").stdout)
    mine = [f for f in listed if f["source"] == "user"]
    assert [(Path(f["path"]).name, f["kind"], f["records"]) for f in mine] == [
        (f"{stem}.yaml", "programs", imported)
    ]


def test_coursera_2025_reports_rows_it_could_not_use():
    result = run("data", "import", "coursera-csv", str(dataset("coursera-2025-sample.csv")), "--json")
    assert (
        "  line 3: Google Data Analytics (Google): same as bundled google-data-analytics\n" in result.stderr
    )
    assert (
        "Rows not imported:\n"
        "  line 47: missing certificate type (IBM DevOps and Software Engineering)\n"
        "  line 62: missing certificate type (Tableau Public for Project Management and Beyond)\n"
    ) in result.stderr
    report = json.loads(result.stdout)
    assert len(report["twins"]) == 35
    assert report["twins"][1] == {
        "line": 3,
        "title": "Google Data Analytics",
        "provider": "Google",
        "bundled": "google-data-analytics",
        "by": "title, provider and kind",
        "where": "",
    }


def test_search_finds_imported_programs_and_all_samples_load_together():
    for fmt, name, *_ in (p.values for p in SAMPLES):
        assert run("data", "import", fmt, str(dataset(name))).exit_code == 0
    result = run("search", "Google Business Intelligence", "--json", "--platform", "coursera")
    assert result.exit_code == 0, result.output
    found = {p["id"]: p for p in json.loads(result.stdout)}
    imported = found["coursera-google-business-intelligence"]
    assert imported["credential_type"] == "Professional Certificate"
    assert imported["provider"] == "Google"
    assert imported["user"] is True
    assert imported["cost"] == {
        "model": "subscription",
        "price": None,
        "free_audit": True,
        "approximate": False,
        "history": [],
    }
    assert imported["as_of"] == "2025-07-01"
    # A program the bundled catalog has is shown once, the bundled record.
    twins = json.loads(run("search", "google data analytics", "--json").stdout)
    assert [p["id"] for p in twins if p["title"].startswith("Google Data Analytics")] == [
        "google-data-analytics"
    ]
    # Titles in both Coursera exports got distinct ids: the catalog of all five loads.
    validated = run("data", "validate")
    assert validated.exit_code == 0, validated.output
    assert validated.stdout == "5 files, 319 records, no problems\n"


def test_show_prints_unknown_for_a_program_without_a_price():
    run("data", "import", "futurelearn-json", str(dataset("futurelearn-feed-sample.json")))
    program = "futurelearn-corpus-linguistics"
    result = run("show", program)
    assert result.exit_code == 0, result.output
    assert "one-time fee unknown" in result.stdout
    assert re.search(r"Total cost +unknown *\n", result.stdout)
    shown = json.loads(run("show", program, "--json").stdout)
    assert shown["total_cost"] is None  # unknown, never 0


def test_imported_nanodegree_is_costed_by_the_subscription_at_your_pace():
    run("data", "import", "udacity-json", str(dataset("udacity-api-sample.json")))
    program = "udacity-robotics-nanodegree-nd209"
    fast = json.loads(run("show", program, "--json").stdout)
    slow = json.loads(run("show", program, "--json", "--hours-per-week", "2").stdout)
    # Today's plan is the newest (2026, from a weak source, and said so), not 2022's 399 USD.
    assert fast["monthly_price"] == {"amount": 249.0, "currency": "USD"}
    assert fast["total_cost"]["amount"] == 249 * fast["billed_months"]
    assert "newer_weak_plan" in [a["kind"] for a in fast["assumptions"]]
    dated = json.loads(run("show", program, "--json", "--as-of", "2022-01-14").stdout)
    assert dated["monthly_price"] == {"amount": 399.0, "currency": "USD"}
    assert slow["total_cost"]["amount"] >= fast["total_cost"]["amount"]


# --- import: overwriting and broken inputs ---------------------------------------------------


def test_never_overwrites_without_force(_isolated_home):
    source = str(FIXTURES / "futurelearn-mini.json")
    assert run("data", "import", "futurelearn-json", source, "--name", "mine").exit_code == 0
    target = programs_dir(_isolated_home) / "mine.yaml"
    before = target.read_bytes()
    again = run("data", "import", "udacity-json", str(FIXTURES / "udacity-mini.json"), "--name", "mine")
    assert again.exit_code == 2
    assert again.stderr == (
        f"Error: {target} exists: not replaced\n"
        "Hint: add --force to replace it, or --name to choose another name\n"
    )
    assert target.read_bytes() == before
    forced = run(
        "data", "import", "udacity-json", str(FIXTURES / "udacity-mini.json"), "--name", "mine", "--force"
    )
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() != before
    assert "udacity-widget-engineer-nanodegree" in target.read_text()
    assert sorted(p.name for p in target.parent.iterdir()) == ["mine.yaml"]


def _broken(tmp_path: Path, kind: str) -> tuple[str, Path]:
    if kind == "truncated-csv":
        return "coursera-csv", FIXTURES / "truncated.csv"
    if kind == "json-as-csv":
        return "coursera-csv", FIXTURES / "wrong-format.json"
    if kind == "csv-as-json":
        return "udacity-json", FIXTURES / "truncated.csv"
    if kind == "truncated-json":
        path = tmp_path / "cut.json"
        path.write_bytes((FIXTURES / "udacity-mini.json").read_bytes()[:300])
        return "udacity-json", path
    if kind == "list-as-udacity":
        return "udacity-json", FIXTURES / "futurelearn-mini.json"
    if kind == "binary":
        path = tmp_path / "export.csv"
        path.write_bytes(bytes(range(256)) * 8)
        return "coursera-csv", path
    if kind == "not-utf8":
        path = tmp_path / "export.csv"
        path.write_bytes("partner,course\nUniversité,Cours\n".encode("latin-1"))
        return "edx-csv", path
    path = tmp_path / "export.csv"
    path.write_bytes(b"")
    return "coursera-csv", path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        pytest.param(
            "truncated-csv",
            "Error: line 3: a quoted field is never closed (unterminated quote): the file looks truncated\n",
            id="truncated-csv",
        ),
        pytest.param(
            "json-as-csv",
            "Error: this is JSON, not a Coursera CSV export\n"
            "Hint: for JSON exports use udacity-json or futurelearn-json\n",
            id="json-as-csv",
        ),
        pytest.param(
            "csv-as-json",
            "Error: truncated.csv: line 1: not JSON: the file starts with 'p'\n",
            id="csv-as-json",
        ),
        pytest.param(
            "truncated-json",
            "Error: cut.json: line 4: not valid JSON: the file ends inside a value (truncated?)\n",
            id="truncated-json",
        ),
        pytest.param(
            "list-as-udacity",
            "Error: not Udacity's catalog dump: it is a JSON list, not an object with courses, tracks and "
            "degrees\nHint: a list of courses with runs is FutureLearn's feed: use futurelearn-json\n",
            id="list-as-udacity",
        ),
        pytest.param(
            "binary",
            "Error: export.csv is a binary file (it contains NUL bytes), not an export\n",
            id="binary",
        ),
        pytest.param(
            "not-utf8",
            "Error: export.csv is not UTF-8 text (byte b'\\xe9')\n"
            "Hint: save the export as UTF-8 and import it again\n",
            id="not-utf8",
        ),
        pytest.param("empty", "Error: export.csv is empty\n", id="empty"),
    ],
)
def test_broken_inputs_fail_cleanly_and_leave_files_alone(_isolated_home, tmp_path, kind, message):
    fmt, source = _broken(tmp_path, kind)
    target = programs_dir(_isolated_home) / "mine.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("# the user's own file\n[]\n")
    result = run("data", "import", fmt, str(source), "--name", "mine", "--force")
    assert result.exit_code == 2
    assert result.stderr == message
    assert "Traceback" not in result.output
    assert target.read_text() == "# the user's own file\n[]\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["mine.yaml"]  # no temp file left


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("My File", "--name 'My File': use lower-case letters, digits and '-'", id="not-a-slug"),
        pytest.param("platforms", "a file named platforms.yaml would be read as platforms", id="kind-name"),
    ],
)
def test_bad_names(name, message):
    result = run("data", "import", "edx-csv", str(FIXTURES / "edx-mini.csv"), "--name", name)
    assert result.exit_code == 2
    assert message in result.stderr


def test_missing_file_and_unknown_format():
    result = run("data", "import", "edx-csv", "no-such-export.csv")
    assert (result.exit_code, result.stderr) == (2, "Error: no-such-export.csv: no such file\n")
    result = run("data", "import", "edx-json", str(FIXTURES / "edx-mini.csv"))
    assert result.exit_code == 2
    assert "'edx-json' is not one of" in result.output


def test_nothing_imported_is_an_error_and_writes_nothing(_isolated_home, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(
        "partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility\nA,B\n"
    )
    result = run("data", "import", "coursera-csv", str(source))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Rows not imported:\n  line 2: expected 9 columns, found 2\n"
        "Error: nothing imported from bad.csv: none of its 1 rows is a new program\n"
        "Hint: the reasons are listed above\n"
    )
    assert not (programs_dir(_isolated_home) / "bad.yaml").exists()


def test_first_twenty_rejects_then_a_count(tmp_path):
    header = "partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility\n"
    good = "Acme,Fine,SQL,4,1,Beginner,Course,1 - 4 Weeks,False\n"
    source = tmp_path / "many.csv"
    source.write_text(header + good + "Acme,Short\n" * 25)
    result = run("data", "import", "coursera-csv", str(source))
    assert result.exit_code == 0, result.output
    assert result.stderr.count(": expected 9 columns, found 2\n") == 20
    assert result.stderr.endswith(
        "  line 22: expected 9 columns, found 2\n  … and 5 more (all of them with --report FILE or --json)\n"
    )


# --- validate --------------------------------------------------------------------------------


def test_validate_a_good_file(mini):
    result = run("data", "validate", str(FIXTURES / "good-programs.yaml"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "1 file, 2 records, no problems\n", "")


def test_validate_a_bad_file_lists_each_problem(mini):
    bad = FIXTURES / "bad-programs.yaml"
    result = run("data", "validate", str(bad))
    assert result.exit_code == 2
    assert result.stdout == (
        f"{bad}:10: level: 'expert' is not one of: beginner, intermediate, advanced, mixed\n"
        f"{bad}:13: url: 'http://example.org/widgets' is not an https URL\n"
        f"{bad}:18: platform: unknown platform 'alpah' (did you mean: alpha?)\n"
        f"{bad}:22: fields: unknown field 'widgetry'\n"
    )
    assert result.stderr == "Error: 4 problems in 1 file\n"


def test_validate_refuses_python_tags(mini):
    tagged = FIXTURES / "python-tag.yaml"
    result = run("data", "validate", str(tagged))
    assert result.exit_code == 2
    assert (
        result.stdout == f"{tagged}:1: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed\n"
    )
    assert result.stderr == "Error: 1 problem in 1 file\n"


def test_validate_shows_hostile_text_inert(mini, tmp_path):
    bad = tmp_path / "hostile.yaml"
    text = (FIXTURES / "bad-programs.yaml").read_text()
    bad.write_text(text.replace("level: expert", 'level: "\\e[31mred"'))  # YAML's \e is ESC
    result = run("data", "validate", str(bad))
    assert f"{bad}:10: level: '\\x1b[31mred' is not one of" in result.stdout
    assert "\x1b" not in result.stdout


def test_validate_defaults_to_the_users_directory(mini, _isolated_home):
    assert run("data", "validate").stdout == "0 files, 0 records, no problems\n"
    mine = programs_dir(_isolated_home)
    mine.mkdir(parents=True)
    (mine / "good.yaml").write_bytes((FIXTURES / "good-programs.yaml").read_bytes())
    assert run("data", "validate").stdout == "1 file, 2 records, no problems\n"
    result = run("data", "validate", "no-such.yaml")
    assert (result.exit_code, result.stderr) == (2, "Error: no-such.yaml: no such file or directory\n")


# --- stats, list, path -----------------------------------------------------------------------


def test_stats_on_the_test_catalog(mini):
    result = run("data", "stats", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "programs": 6,
        "user_programs": 0,
        "approximate": 0,
        "unknown_price": 0,
        "oldest_as_of": "2022-01-14",
        "oldest": [
            "alpha-data-analytics",
            "alpha-python",
            "beta-data-science",
            "beta-stats-micromasters",
            "beta-tinyml",
            "beta-uk-marketing",
        ],
        "by_platform": {"alpha": 2, "beta": 4},
        "by_field": {"ai-ml": 2, "computer-science": 1, "data-science": 4, "marketing": 1},
        "by_credential_type": {"MicroMasters": 1, "Professional Certificate": 3, "Specialization": 2},
        "by_kind": {"credit-program": 1, "program": 5},
        "stalest": [
            [i, "2022-01-14"]
            for i in (
                "alpha-data-analytics",
                "alpha-python",
                "beta-data-science",
                "beta-stats-micromasters",
                "beta-tinyml",
                "beta-uk-marketing",
            )
        ],
        "by_cost_model": {"audit_then_certificate": 2, "one_time": 1, "per_course": 1, "subscription": 2},
        "by_level": {"advanced": 1, "beginner": 3, "intermediate": 2},
        "by_as_of_year": {"2022": 6},
    }


def test_stats_counts_the_users_files_and_unknown_prices(mini, _isolated_home):
    mine = programs_dir(_isolated_home)
    mine.mkdir(parents=True)
    (mine / "good.yaml").write_bytes((FIXTURES / "good-programs.yaml").read_bytes())
    stats = json.loads(run("data", "stats", "--json").stdout)
    assert (stats["programs"], stats["user_programs"], stats["unknown_price"]) == (8, 2, 1)
    assert stats["by_field"]["(none)"] == 1
    table = run("data", "stats").stdout
    assert "8 programs (2 from your files); 0 approximate; 1 with no known price." in table
    assert "Oldest figures: as of 2022-01-14 (alpha-data-analytics and 7 more)." in table
    csv_out = run("data", "stats", "--format", "csv").stdout.splitlines()
    assert csv_out[:3] == ["group,value,programs", "platform,beta,5", "platform,alpha,3"]


def test_list_and_path(mini, _isolated_home):
    listed = json.loads(run("data", "list", "--json").stdout)
    assert {f["source"] for f in listed} == {"bundled"}
    assert {(Path(f["path"]).name, f["records"]) for f in listed} >= {("platforms.yaml", 2), ("mini.yaml", 6)}
    paths = json.loads(run("data", "path", "--json").stdout)
    assert paths == {
        "bundled": str(mini),
        "user_data": str(_isolated_home / "data"),
        "cache": str(_isolated_home / "cache"),
    }
    table = run("data", "path").stdout
    assert "Your catalog files" in table


def test_every_data_command_has_help():
    for command in ("path", "list", "validate", "stats", "import"):
        result = run("data", command, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.stdout
    assert "import" in run("data", "--help").stdout
