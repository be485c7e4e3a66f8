"""Nothing hangs, nothing crashes, nothing stale: each failure a hostile test campaign found
(issue 16, numbered as there), pinned by a test."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from helpers import run, run_process

from microcred import paths, store

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
PROGRAM = """\
- id: mine-one
  title: {title}
  platform: alpha
  provider: Test University
  credential_type: Specialization
  kind: program
  fields: [data-science]
  skills: [python]
  level: beginner
  cost: {{model: audit_then_certificate, price: {{amount: {amount}, currency: USD}}}}
  effort: {{hours_per_week: 5, weeks: 4}}
  url: https://example.org/p
  source: https://example.org/p
  as_of: 2022-01-14
"""


def program(title: str = "A program of mine", amount: str = "100") -> str:
    return PROGRAM.format(title=title, amount=amount)


def user_folder(tmp_path: Path, text: str | bytes, name: str = "mine.yaml") -> Path:
    folder = tmp_path / "user"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return folder


def one_error(result) -> str:
    """The single `Error:` line of a run that failed cleanly."""
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


# 1. A long word ---------------------------------------------------------------------------------


def test_1_a_one_megabyte_title_indexes_quickly(mini, tmp_path):
    from microcred.index import MAX_WORD, words

    long_word = "a" * 1_000_000
    start = time.perf_counter()
    found = words(long_word + " python-for-data " + "b-" * 100_000)
    assert time.perf_counter() - start < 1.0  # was: never finished (quadratic backtracking)
    assert found[0] == "a" * MAX_WORD
    assert "pythonfordata" in found
    folder = user_folder(tmp_path, program(title="x" * 1_000_000))
    start = time.perf_counter()
    result = run("--data", str(folder), "show", "mine-one", "--json")
    assert time.perf_counter() - start < 10  # the whole run, with a cache rebuild
    assert result.exit_code == 0, result.output


# 2. A cache that stays wrong ----------------------------------------------------------------------


def test_2_an_edit_during_a_rebuild_is_never_cached(tmp_path, monkeypatch):
    """The file changes (same size, new mtime) while it is being loaded: the cache built from the
    old text must not be kept, or it would be trusted for ever after."""
    import shutil

    data = tmp_path / "catalog"
    shutil.copytree(MINI, data)
    cache = tmp_path / "cache" / "catalog.sqlite3"
    programs = data / "programs" / "mini.yaml"
    files = paths.layer_files((), bundled=data)
    real_load = store.load_files

    def load_then_edit(*args, **kwargs):
        loaded = real_load(*args, **kwargs)
        text = programs.read_text()
        programs.write_text(text.replace("amount: 793", "amount: 795"))  # same size
        stat = programs.stat()
        os.utime(programs, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        return loaded

    monkeypatch.setattr(store, "load_files", load_then_edit)
    first = store.open_catalog(files, cache)
    assert first.programs["beta-data-science"].cost.price.amount == 793  # what was read
    monkeypatch.setattr(store, "load_files", real_load)
    again = store.open_catalog(files, cache)
    assert again.programs["beta-data-science"].cost.price.amount == 795  # what the file says now


# 4. Special files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_4_special_files_are_one_data_error_never_a_hang(tmp_path, kind):
    folder = tmp_path / "user"
    folder.mkdir()
    special = folder / "special.yaml"
    if kind == "fifo":
        os.mkfifo(special)
    else:
        special.symlink_to("/dev/zero")
    env = {**os.environ, "MICROCRED_HOME": str(tmp_path / "home"), "MICROCRED_CATALOG": str(MINI)}
    # A real process first, with a time limit: a hang must fail the test, not stall the suite.
    done = run_process(["--data", str(folder), "search", "python"], env, timeout=30)
    assert done.returncode == 2, done.stderr
    assert f"{special}:0: not a regular file" in done.stderr
    for args in (["show", "alpha-python"], ["data", "list"], ["data", "validate", str(folder)]):
        result = run("--data", str(folder), *args, env={"MICROCRED_CATALOG": str(MINI)})
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        # `data validate` lists the problems on stdout (they are its output), the others on stderr
        assert f"{special}:0: not a regular file" in result.stdout + result.stderr, result.stderr


# 5. Overflow and huge numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--hours-per-week", "1e-320"], "must be between 0.1 and 168 hours a week"),
        (["--hours-per-week", "169"], "must be between 0.1 and 168 hours a week"),
        (["--max-price", "1e13"], "must be a number from 0 to 1e12"),
    ],
)
def test_5_numeric_options_are_range_checked(mini, args, expected):
    result = run("search", "python", *args)
    assert result.exit_code == 2
    assert expected in one_error(result)


@pytest.mark.parametrize("rate", ["GBP=1e308", "GBP=1e-10", "GBP=inf"])
def test_5_an_absurd_rate_is_refused(mini, rate):
    result = run("compare", "-d", "imperial-msc", "--rate", rate, "--json")
    assert result.exit_code == 2, result.output
    assert "rate" in one_error(result)


@pytest.mark.parametrize("amount", ["9" * 400, "1" + "0" * 5000, "1.0e+308", "1e13", "0x1F", "1:30", "0o17"])
def test_5_huge_or_odd_numbers_in_files_name_the_field(mini, tmp_path, amount):
    folder = user_folder(tmp_path, program(amount=amount))
    result = run("--data", str(folder), "search", "python")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "cost.price.amount:" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("line", "value"),
    [("  courses: {}\n", "9" * 400), ("  courses: {}\n", "1" + "0" * 5000)],
)
def test_5_huge_course_counts_are_data_errors(mini, tmp_path, line, value):
    text = program().replace("  level: beginner\n", "  level: beginner\n" + line.format(value))
    result = run("--data", str(user_folder(tmp_path, text)), "search", "python")
    assert result.exit_code == 2, result.output
    assert "courses:" in result.stderr


def test_5_huge_weeks_are_a_data_error(mini, tmp_path):
    text = program().replace("weeks: 4", "weeks: 1.0e+308")
    result = run("--data", str(user_folder(tmp_path, text)), "search", "python")
    assert result.exit_code == 2, result.output
    assert "weeks" in result.stderr


def test_5_json_never_prints_infinity_or_nan():
    from microcred.models import Money
    from microcred.present.json_format import dumps

    text = dumps({"a": float("inf"), "b": float("nan"), "c": [Money(float("inf"), "USD")], "d": 1.5})
    assert json.loads(text) == {"a": None, "b": None, "c": [{"amount": None, "currency": "USD"}], "d": 1.5}
    assert "Infinity" not in text and "NaN" not in text


# 10. The cache's temporary file ---------------------------------------------------------------------


def test_10_a_planted_link_at_the_old_temporary_name_is_never_written_through(tmp_path):
    import shutil

    data = tmp_path / "catalog"
    shutil.copytree(MINI, data)
    cache = tmp_path / "cache" / "catalog.sqlite3"
    cache.parent.mkdir()
    victim = tmp_path / "victim"
    victim.write_bytes(b"")
    for pid in range(os.getpid() - 5, os.getpid() + 50):  # the old name was .catalog.sqlite3.<pid>.tmp
        (cache.parent / f".{cache.name}.{pid}.tmp").symlink_to(victim)
    (cache.parent / f".{cache.name}.tmp").symlink_to(victim)
    loaded = store.open_catalog(paths.layer_files((), bundled=data), cache)
    assert "alpha-python" in loaded.programs
    assert victim.read_bytes() == b""
    assert cache.is_file() and not cache.is_symlink()


# 11. Smaller wrong answers -----------------------------------------------------------------------------


def test_11_data_given_twice_uses_both(mini, tmp_path):
    first = tmp_path / "one"
    second = tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "a.yaml").write_text(program(title="First of mine"))
    (second / "b.yaml").write_text(program(title="Second of mine").replace("mine-one", "mine-two"))
    result = run("--data", str(first), "--data", str(second), "search", "mine", "--json")
    assert result.exit_code == 0, result.output
    assert sorted(p["id"] for p in json.loads(result.stdout)) == ["mine-one", "mine-two"]


# 6. Importer faults ----------------------------------------------------------------------------------


def _edx_csv(tmp_path: Path, huge: str) -> Path:
    import csv
    import io

    rows = list(csv.reader(io.StringIO((FIXTURES / "imports" / "edx-mini.csv").read_text())))
    header, good = rows[0], rows[1]
    bad = list(good)
    for column, value in {
        "title": "Huge Widgets",
        "n_enrolled": huge,
        "course_effort": f"{huge} hours per week",
        "course_length": f"{huge} Weeks",
    }.items():
        bad[header.index(column)] = value
    bad[header.index("course_url")] = "https://www.edx.org/course/huge-widgets"
    price = list(good)
    price[header.index("title")] = "Pricey Widgets"
    price[header.index("price")] = f"${huge}"
    price[header.index("course_url")] = "https://www.edx.org/course/pricey-widgets"
    out = io.StringIO()
    csv.writer(out).writerows([header, good, bad, price])
    path = tmp_path / "edx.csv"
    path.write_text(out.getvalue())
    return path


@pytest.mark.parametrize("digits", [400, 5000])
def test_6_huge_numbers_in_edx_cells_import_cleanly(tmp_path, _isolated_home, digits):
    result = run("data", "import", "edx-csv", str(_edx_csv(tmp_path, "9" * digits)))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    # 400 digits are no length: imported with its duration unknown (effort: {}), never invented
    assert "Imported with an unknown duration (effort: {}): 1" in result.stderr
    written = _isolated_home / "data" / "programs" / "edx.yaml"
    assert "Pricey Widgets" in written.read_text()
    assert "too large to be a price" in written.read_text()
    check = run("data", "validate", str(written))
    assert check.exit_code == 0, check.output


def _udacity(tmp_path: Path, title: str, duration: str = "3") -> Path:
    """A Udacity dump of one course; `title` and `duration` are written as raw JSON text."""
    path = tmp_path / "udacity.json"
    course = {"key": "x1", "level": "beginner", "expected_duration_unit": "weeks"}
    head = json.dumps(course)[:-1]
    path.write_text(f'{{"courses": [{head}, "title": "{title}", "expected_duration": {duration}}}]}}')
    return path


def test_6_a_lone_surrogate_never_reaches_a_catalog_file(tmp_path, _isolated_home):
    result = run("data", "import", "udacity-json", str(_udacity(tmp_path, "Intro \\ud800 Widgets")))
    assert result.exit_code == 0, result.output
    written = _isolated_home / "data" / "programs" / "udacity.yaml"
    check = run("data", "validate", str(written))
    assert check.exit_code == 0, check.output  # was: the file could not be read, nor the catalog
    shown = run("show", "udacity-intro-widgets", "--json")
    assert json.loads(shown.stdout)["title"] == "Intro \ufffd Widgets"


def test_6_text_that_utf8_cannot_hold_is_refused_before_it_is_written():
    from microcred import schema
    from microcred.importers import yamlwrite

    with pytest.raises(schema.Bad, match="lone surrogate U\\+D800"):
        schema.text("Intro \ud800 Widgets")
    with pytest.raises(UnicodeEncodeError):
        yamlwrite.scalar("Intro \udfff Widgets")


def test_6_deep_nesting_in_json_is_a_bad_export(tmp_path):
    path = _udacity(tmp_path, "Widgets")
    path.write_text('{"courses": [%s]}' % ("[" * 5000 + "]" * 5000))
    result = run("data", "import", "udacity-json", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "nested too deeply" in result.stderr


def test_6_a_5000_digit_duration_is_an_unknown_duration(tmp_path, _isolated_home):
    result = run("data", "import", "udacity-json", str(_udacity(tmp_path, "Widgets", "1" + "0" * 5000)))
    assert result.exit_code == 0, result.output
    assert "Imported with an unknown duration (effort: {}): 1" in result.stderr
    written = next((_isolated_home / "data" / "programs").glob("*.yaml"))
    assert "effort: {}" in written.read_text()


# 7. File-system errors -------------------------------------------------------------------------------


def _fail_with(monkeypatch, code: int, where: str) -> None:
    """Make the import's write fail as a full disk (ENOSPC) or a read-only home (EROFS) would."""
    import errno as errnos

    from microcred import atomic

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    if where == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", refuse)
    else:
        monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    assert code in (errnos.ENOSPC, errnos.EROFS)


@pytest.mark.parametrize(
    ("code", "where", "said"),
    [(28, "fsync", "No space left on device"), (30, "mkstemp", "Read-only file system")],
    ids=["ENOSPC", "EROFS"],
)
def test_7_a_full_or_read_only_disk_during_an_import_is_one_line(
    tmp_path, _isolated_home, monkeypatch, code, where, said
):
    _fail_with(monkeypatch, code, where)
    result = run("data", "import", "edx-csv", str(FIXTURES / "imports" / "edx-mini.csv"))
    assert result.exit_code == 74, result.output
    dest = _isolated_home / "data" / "programs" / "edx-mini.yaml"
    assert one_error(result) == f"Error: cannot write {dest}: {said}"
    assert not dest.exists()
    assert not list(dest.parent.glob(".*.tmp")) if dest.parent.exists() else True


LONG = "a" * 300  # one name over 255 bytes


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--data", f"/tmp/{LONG}", "search", "python"], f"Error: --data /tmp/{LONG}: File name too long"),
        (["data", "validate", f"/tmp/{LONG}"], f"Error: /tmp/{LONG}: File name too long"),
        (["data", "import", "edx-csv", f"/tmp/{LONG}"], f"Error: /tmp/{LONG}: File name too long"),
        (
            ["data", "import", "edx-csv", str(FIXTURES / "imports" / "edx-mini.csv"), "--name", LONG],
            "at most 100 characters (this one has 300)",
        ),
    ],
    ids=["--data", "validate", "import", "import --name"],
)
def test_7_names_over_255_bytes_are_usage_errors(args, expected):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert expected in one_error(result)


def test_7_a_microcred_home_over_255_bytes_is_named(monkeypatch):
    monkeypatch.setenv("MICROCRED_HOME", f"/tmp/{LONG}")
    for args in (
        ["search", "python"],
        ["data", "import", "edx-csv", str(FIXTURES / "imports" / "edx-mini.csv")],
    ):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert one_error(result).endswith(": File name too long"), result.stderr
        assert f"your data directory /tmp/{LONG}/data" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "json"])  # CSV and Markdown are written by the same call
@pytest.mark.parametrize("target", ["closed", "full"])
def test_7_a_closed_or_full_stdout_exits_74_with_one_line(tmp_path, fmt, target):
    import subprocess
    import sys

    env = {**os.environ, "MICROCRED_HOME": str(tmp_path / "home"), "MICROCRED_CATALOG": str(MINI)}
    command = [sys.executable, "-m", "microcred", "search", "python", "--format", fmt]
    if target == "closed":
        done = subprocess.run(
            ["sh", "-c", '"$@" >&-', "sh", *command],
            check=False,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    else:
        with Path("/dev/full").open("w") as full:
            done = subprocess.run(
                command, check=False, stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60
            )
    assert done.returncode == 74, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    cause = "the stream was closed when microcred started (>&-)" if target == "closed" else "No space left"
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith(f"Error: cannot write the output (stdout): {cause}")


# 8. Output that cannot encode Unicode ----------------------------------------------------------------

EVERY_COMMAND = [
    ["search", "python"],
    ["search", "python", "--format", "md"],
    ["search", "python", "--format", "csv"],
    ["show", "alpha-python"],
    ["show", "imperial-msc"],
    ["compare", "-d", "imperial-msc", "-p", "beta-tinyml", "-p", "beta-data-science"],
    ["recommend", "--field", "data-science"],
    ["recommend", "--field", "data-science", "--stack", "--explain"],
    ["platforms"],
    ["degrees"],
    ["explain"],
    ["data", "list"],
    ["data", "stats"],
    ["data", "path"],
    ["data", "audit"],
]


def _ascii_env(tmp_path: Path, encoding: str = "ascii"):
    import io

    from microcred.env import Environment

    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")
    env = Environment(stdout=out, stderr=err, bundled=MINI, user_data=tmp_path / "mine", cache=tmp_path / "c")
    return env, out, err


def _read(stream) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode(stream.encoding)


@pytest.mark.parametrize(
    ("args", "encoding"),
    [(a, "ascii") for a in EVERY_COMMAND] + [(a, "latin-1") for a in EVERY_COMMAND[:6]],
    ids=[f"ascii {' '.join(a)[:40]}" for a in EVERY_COMMAND]
    + [f"latin-1 {' '.join(a)[:40]}" for a in EVERY_COMMAND[:6]],
)
def test_8_every_command_degrades_to_stand_ins(tmp_path, args, encoding):
    env, out, err = _ascii_env(tmp_path, encoding)
    result = run(*args, obj=env)
    assert result.exit_code == 0, (result.output, _read(err))
    text = _read(out)
    assert text.strip()
    if encoding == "ascii":
        assert text.isascii()
    if args[0] == "compare":
        assert "#" in text  # the bars
    if "--format" not in args:
        json_env, json_out, _ = _ascii_env(tmp_path / "j", encoding)
        assert run(*args, "--json", obj=json_env).exit_code == 0
        decoded = _read(json_out)
        assert decoded.isascii()
        json.loads(decoded)


def test_8_json_on_a_stream_that_cannot_encode_unicode_is_escaped_and_valid(tmp_path):
    env, out, _err = _ascii_env(tmp_path)
    result = run("show", "beta-tinyml", "--json", obj=env)
    assert result.exit_code == 0
    text = _read(out)
    assert text.isascii()
    assert json.loads(text)["id"] == "beta-tinyml"


def test_8_stand_ins():
    import io

    from microcred.present.streams import fit

    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    assert fit("a · b × c … ▏█▌ café 東京 ≈", ascii_stream) == "a - b x c ... |#| cafe ?? ~"
    assert fit("a · b × c … café", latin) == "a · b × c ... café"  # latin-1 has · and ×


@pytest.mark.parametrize(
    ("encoding", "args"),
    [
        ("ascii", ["compare", "-d", "imperial-msc", "-p", "beta-tinyml"]),
        ("ascii", ["search", "--help"]),
        ("latin-1", ["search", "python"]),
    ],
)
def test_8_real_processes_with_pythonioencoding(tmp_path, encoding, args):
    env = {
        **os.environ,
        "MICROCRED_HOME": str(tmp_path / "home"),
        "MICROCRED_CATALOG": str(MINI),
        "PYTHONIOENCODING": encoding,
    }
    # click writes help as UTF-8 bytes whatever the encoding: read it leniently
    done = run_process(args, env, timeout=60, encoding=encoding, errors="replace")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.strip()


# 11. Smaller wrong answers, continued -----------------------------------------------------------------


def test_11_columns_zero_means_an_unknown_width(mini, monkeypatch):
    monkeypatch.setenv("COLUMNS", "0")
    result = run("search", "python")
    assert result.exit_code == 0
    assert "Python for Everybody" in result.stdout  # was: nothing at all


@pytest.mark.parametrize(
    "args",
    [
        ["search", "python", "--field", ""],
        ["search", "python", "--provider", " "],
        ["search", "python", "--platform", ""],
        ["recommend", "--field", ""],
        ["recommend", "--goal", ""],
        ["data", "import", "edx-csv", str(FIXTURES / "imports" / "edx-mini.csv"), "--name", ""],
        ["data", "validate", ""],
        ["--data", "", "search", "python"],
        ["search", "python", "--currency", ""],
    ],
    ids=lambda a: " ".join(a)[-30:],
)
def test_11_an_empty_value_is_refused(mini, args):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "must not be empty" in one_error(result)


@pytest.mark.parametrize("args", [["search", "python"], ["data", "validate"], ["platforms"]])
def test_11_a_missing_catalog_directory_is_named(monkeypatch, args):
    monkeypatch.setenv("MICROCRED_CATALOG", "/nonexistent")
    result = run(*args)
    assert result.exit_code == 2
    assert one_error(result) == (
        "Error: the catalog directory /nonexistent does not exist or is not a directory"
    )  # was: "unknown currency 'USD'"


def test_11_your_record_in_place_of_a_bundled_one_is_marked_in_tables(mini, _isolated_home):
    text = (MINI / "programs" / "mini.yaml").read_text()
    start = text.index("- id: beta-tinyml")
    end = text.index("\n- id:", start)
    mine = _isolated_home / "data" / "mine.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text(text[start:end].replace("Tiny Machine Learning (TinyML)", "My TinyML") + "\n")
    for args in (
        ["search", "tinyml"],
        ["compare", "-d", "imperial-msc", "-p", "beta-tinyml"],
        ["recommend", "--field", "ai-ml", "--limit", "10"],
        ["search", "tinyml", "--format", "md"],
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "My TinyML (yours)" in result.stdout.replace("\\(", "(").replace("\\)", ")"), args
        assert "(yours): from your own catalog files" in result.stdout, args


@pytest.mark.parametrize("fmt", ["table", "json"])  # CSV and Markdown are written by the same call
def test_11_a_reader_that_stops_early_is_exit_0_in_every_format(tmp_path, fmt):
    """`search … | true`: the reader is gone before anything is written (was: 1 for tables,
    0 for JSON)."""
    import subprocess
    import sys

    env = {**os.environ, "MICROCRED_HOME": str(tmp_path / "home"), "MICROCRED_CATALOG": str(MINI)}
    command = [sys.executable, "-m", "microcred", "search", "--format", fmt]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    assert proc.stdout is not None
    proc.stdout.close()
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Exception ignored" not in err, err


# What to build, 2: one exit code for "this is a bug" -----------------------------------------------------


def test_a_bug_exits_70_with_one_line_and_a_report(mini, monkeypatch, _isolated_home):
    from microcred import search

    def broken(*args, **kwargs):
        raise ZeroDivisionError("an example bug")

    monkeypatch.setattr(search, "find", broken)
    result = run("search", "python")
    assert result.exit_code == 70
    line = one_error(result)
    # where: the innermost frame of microcred's own code (the test's stand-in is not)
    assert line.startswith("Error: unexpected ZeroDivisionError at microcred/commands/search.py:")
    assert "this is a bug in microcred; the full report is in " in line
    report = Path(line.rsplit(" ", 1)[1])
    assert report.parent == _isolated_home / "cache"
    text = report.read_text()
    assert "Traceback (most recent call last)" in text and "an example bug" in text
    assert "arguments:" in text
    assert len(result.stderr.splitlines()) == 1


def test_a_bug_without_a_writable_cache_still_prints_one_line(mini, monkeypatch, tmp_path):
    from microcred import search

    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("MICROCRED_HOME", str(blocker))  # the cache directory cannot be made
    monkeypatch.setattr(search, "find", lambda *a, **k: 1 / 0)
    result = run("search", "python")
    assert result.exit_code == 70
    assert "(no report could be written: Not a directory)" in one_error(result)


def test_every_exit_code_is_documented_in_the_readme_and_errors():
    import re

    from microcred import errors

    readme = (Path(__file__).parents[1] / "README.md").read_text()
    line = next(line for line in readme.splitlines() if "Exit codes:" in line)
    paragraph = readme[readme.index(line) : readme.index("\n\n", readme.index(line))]
    documented = {int(n) for n in re.findall(r"(?<![\w.])(\d+) ", paragraph.split("Exit codes:", 1)[1])}
    assert documented == errors.DOCUMENTED == {0, 1, 2, 70, 74, 130}
    for code in errors.DOCUMENTED:
        assert re.search(rf"^  {code} ", errors.__doc__ or "", re.MULTILINE), code


# 3. A damaged cache ----------------------------------------------------------------------------------


def _damage_table(cache: Path, table: str) -> None:
    """Overwrite the first page of one table with garbage, keeping the file's size and header:
    the checks at open pass, and the first query that reads the table meets the damage."""
    import sqlite3

    db = sqlite3.connect(cache)
    (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (page_size,) = db.execute("PRAGMA page_size").fetchone()
    db.close()
    with cache.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)


@pytest.mark.parametrize(
    ("table", "args"),
    [
        ("programs", ["show", "alpha-python", "--json"]),
        ("words", ["search", "python", "--json"]),
        ("programs", ["search", "python", "--json"]),
        ("records", ["platforms", "--json"]),
    ],
)
def test_3_a_damaged_cache_page_is_rebuilt_with_one_notice(mini, _isolated_home, table, args):
    healthy = run(*args)
    assert healthy.exit_code == 0, healthy.output
    cache = _isolated_home / "cache" / "catalog.sqlite3"
    _damage_table(cache, table)
    damaged = run(*args)
    assert damaged.exit_code == 0, damaged.output  # was: a traceback, or exit 2, every run
    assert damaged.stdout == healthy.stdout
    notices = [line for line in damaged.stderr.splitlines() if line.startswith("Notice: the catalog cache")]
    assert len(notices) == 1, damaged.stderr
    assert f"{cache} was damaged (" in notices[0]
    again = run(*args)  # the cache was rebuilt: no notice, same answer
    assert again.exit_code == 0 and again.stdout == healthy.stdout
    assert "Notice" not in again.stderr


def test_3_a_damaged_cache_that_cannot_be_rebuilt_is_one_error(mini, _isolated_home, monkeypatch):
    assert run("show", "alpha-python").exit_code == 0
    cache = _isolated_home / "cache" / "catalog.sqlite3"
    _damage_table(cache, "programs")

    def cannot_write(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write", cannot_write)
    result = run("show", "alpha-python")
    assert result.exit_code == 74
    assert one_error(result).startswith(f"Error: the catalog cache {cache} is damaged (")
    assert "could not be rebuilt" in result.stderr
    assert not cache.exists()  # the next run starts afresh
    monkeypatch.undo()
    monkeypatch.setenv("MICROCRED_CATALOG", str(MINI))
    monkeypatch.setenv("MICROCRED_HOME", str(_isolated_home))
    assert run("show", "alpha-python").exit_code == 0


def test_3_damage_is_told_and_staleness_is_not(tmp_path):
    import shutil

    data = tmp_path / "catalog"
    shutil.copytree(MINI, data)
    cache = tmp_path / "cache" / "catalog.sqlite3"
    files = paths.layer_files((), bundled=data)
    told: list[store.CacheRebuilt] = []
    store.open_catalog(files, cache, on_rebuilt=told.append)  # missing: built, nothing to tell
    programs = data / "programs" / "mini.yaml"
    programs.write_text(programs.read_text() + "\n")
    store.open_catalog(paths.layer_files((), bundled=data), cache, on_rebuilt=told.append)  # stale
    assert told == []
    files = paths.layer_files((), bundled=data)
    cache.write_bytes(cache.read_bytes()[:100] + b"\xff" * (cache.stat().st_size - 100))
    loaded = store.open_catalog(files, cache, on_rebuilt=told.append)
    assert [t.path for t in told] == [cache]
    assert loaded.programs["beta-tinyml"].cost.price.amount == 537


# Found by the fuzz suite --------------------------------------------------------------------------------


def test_a_currency_without_rates_is_a_data_error(mini, tmp_path):
    folder = user_folder(tmp_path, "- {code: GBP, name: Pound, rates: []}\n", "currencies.yaml")
    result = run("--data", str(folder), "search")
    assert result.exit_code == 2, result.output  # was: a ValueError (exit 70 once a bug exits 70)
    assert "rates: a currency needs at least one dated rate to USD" in result.stderr


@pytest.mark.parametrize("columns", ["1", "7", "39"])
def test_a_terminal_too_narrow_for_a_table_still_gets_one(mini, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    result = run("explain")
    assert result.exit_code == 0
    assert "Nanodegree" in result.stdout  # was: blank lines only


def test_an_os_error_no_code_path_expected_is_one_line_with_its_path(mini, monkeypatch):
    from microcred import search

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/some/where")

    monkeypatch.setattr(search, "find", refused)
    result = run("search", "python")
    assert result.exit_code == 74
    assert one_error(result) == "Error: /some/where: Permission denied"


@pytest.mark.parametrize(("amount", "expected"), [("0", "the degree costs nothing"), ("5.0e-324", "too far")])
def test_a_degree_that_costs_nothing_compares_without_a_ratio(mini, tmp_path, amount, expected):
    text = (MINI / "degrees.yaml").read_text()
    start = text.index("- id: imperial-msc")
    record = text[start:].split("\n- id:", 1)[0]
    import re

    record = re.sub(r"tuition: \{amount: [^,]+,", f"tuition: {{amount: {amount},", record)
    folder = user_folder(tmp_path, record.replace("imperial-msc", "free-msc") + "\n", "degrees.yaml")
    for fmt in ("table", "json"):
        result = run("--data", str(folder), "compare", "-d", "free-msc", "-p", "beta-tinyml", "--format", fmt)
        assert result.exit_code == 0, result.output  # was: ZeroDivisionError
        if fmt == "json":
            assert json.loads(result.stdout)["comparisons"][0]["ratio"] is None
        else:
            assert expected in result.stdout
