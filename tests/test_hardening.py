"""Bad input gets a clear one-line error and the right exit code; hostile data stays inert."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import run, run_list, run_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"

# (arguments, exit code, text that the Error line must contain)
BAD = [
    (["search", "--max-price", "-5"], 2, "must be a number from 0 to 1e12"),
    (["search", "--max-price", "nan"], 2, "must be a number from 0 to 1e12"),
    (["search", "--max-price", "inf"], 2, "must be a number from 0 to 1e12"),
    (["search", "--max-price", "abc"], 2, "'abc' is not a valid float"),
    (["search", "--max-price", "1,000"], 2, "'1,000' is not a valid float"),
    (["search", "--max-weeks", "0"], 2, "must be a positive number"),
    (["search", "--hours-per-week", "0"], 2, "must be between 0.1 and 168 hours a week"),
    (["search", "--hours-per-week", "-3"], 2, "must be between 0.1 and 168 hours a week"),
    (["search", "--hours-per-week", "nan"], 2, "must be between 0.1 and 168 hours a week"),
    (["search", "--hours-per-week", "ten"], 2, "'ten' is not a valid float"),
    (["search", "--limit", "-1"], 2, "--limit"),
    (["search", "--platform", "courserra"], 2, "did you mean: coursera"),
    (["search", "--field", "datascience"], 2, "did you mean: data-science"),
    (["search", "--level", "expert"], 2, "unknown level 'expert'"),
    (["search", "--currency", "EURO"], 2, "'EURO' is not an ISO 4217 currency code"),
    (["search", "--currency", "EUX"], 2, "unknown currency 'EUX' (did you mean: EUR"),
    (["search", "--format", "xml"], 2, "'xml' is not one of"),
    (["search", "--sort", "cheapest"], 2, "unknown sort 'cheapest'"),
    (["search", "--credential-type", "nanodegreee"], 2, "did you mean: Nanodegree"),
    (["search", "--json", "--format", "csv"], 2, "conflict"),
    (["search", "x" * 10_000], 2, "at most 1,000"),
    (["search", "!!!"], 2, "no letters or digits"),
    (["search", "zzqxjv"], 1, "no program matches 'zzqxjv'"),
    (["search", "nanodegree", "--max-price", "0", "--platform", "udacity"], 1, "none passes the filters"),
    (["search", "caf\udce9"], 1, "no program matches 'caf'"),
    (["search", "a\x1b[2Jb"], 1, "no program matches"),
    (["show", "harvardx-data-sciense"], 1, "did you mean: harvardx-data-science"),
    (["show", ""], 1, "no program or degree ''"),
    (["compare"], 2, "give at least one --degree or --program"),
    (["compare", "--degree", "imperial-mcs"], 1, "did you mean: imperial-msc"),
    (["compare", "-d", "imperial-msc", "--rates-as-of", "yesterday"], 2, "not a date"),
    (["compare", "-d", "imperial-msc", "--rates-as-of", "2022-02-30"], 2, "not a date"),
    (["compare", "-d", "imperial-msc", "--rates-as-of", "2999-01-01"], 2, "in the future"),
    (
        ["compare", "-d", "imperial-msc", "--rates-as-of", "1990-01-01"],
        1,
        "no GBP rate on or before 1990-01-01",
    ),
    (["compare", "-d", "imperial-msc", "--rate", "GBP"], 2, "expected CODE=USD_PER_UNIT"),
    (["compare", "-d", "imperial-msc", "--rate", "GBP=abc"], 2, "'abc' is not a number"),
    (["compare", "-d", "imperial-msc", "--rate", "GBP=0"], 2, "must be a positive number"),
    (["compare", "-d", "imperial-msc", "--rate", "XX=1.2"], 2, "'XX' is not an ISO 4217 currency code"),
    (["compare", "-d", "imperial-msc", "--rate", "=1.2"], 2, "expected CODE=USD_PER_UNIT"),
    (
        ["compare", "-d", "imperial-msc", "--currency", "bitcoin"],
        2,
        "'bitcoin' is not an ISO 4217 currency code",
    ),
    (["recommend"], 2, "--field, --goal or --skills"),
    (["recommend", "--field", "astrology"], 2, "unknown field 'astrology'"),
    (["recommend", "--field", "data-science", "--budget", "-1"], 2, "must be a number from 0 to 1e12"),
    (["recommend", "--field", "data-science", "--budget", "1e400"], 2, "must be a number from 0 to 1e12"),
    (["recommend", "--field", "data-science", "--months", "0"], 2, "must be a positive number"),
    (["recommend", "--field", "data-science", "--level", "guru"], 2, "unknown level 'guru'"),
    (["recommend", "--field", "data-science", "--platform", "udemy"], 2, "unknown platform 'udemy'"),
    (
        ["recommend", "--field", "data-science", "--budget", "1", "--platform", "coursera"],
        1,
        "all exceed 1 USD",
    ),
    (["recommend", "--field", "data-science", "--stack-size", "9"], 2, "--stack-size"),
    (["explain", "nanodegrees-and-more-words-here"], 1, "no term"),
    (["degrees", "--currency", "ZZZ"], 2, "unknown currency 'ZZZ'"),
    (["nonsense"], 2, "No such command 'nonsense'"),
    (["search", "--no-such-flag"], 2, "No such option: --no-such-flag"),
    (["--data", "/nonexistent/dir", "search", "python"], 2, "not a directory"),
]


@pytest.mark.parametrize(("args", "code", "expected"), BAD, ids=[" ".join(a)[:50] for a, _c, _e in BAD])
def test_bad_invocation(args, code, expected):
    result = run_list(args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1, result.stderr
    assert expected in error_lines[0]
    assert "\x1b" not in result.stderr


def test_at_least_forty_bad_invocations():
    assert len(BAD) >= 40


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    args=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "search",
                    "show",
                    "compare",
                    "recommend",
                    "explain",
                    "degrees",
                    "platforms",
                    "--json",
                    "--format",
                    "--budget",
                    "--field",
                    "--degree",
                    "-p",
                    "--hours-per-week",
                    "--currency",
                    "--rate",
                    "--limit",
                    "--stack",
                    "--max-price",
                    "python",
                    "imperial-msc",
                    "data-science",
                    "nan",
                    "-1",
                    "0",
                    "GBP=1.3",
                    "USD",
                    "csv",
                ]
            ),
            st.text(min_size=0, max_size=12),
        ),
        max_size=6,
    )
)
def test_fuzzed_arguments_never_crash(mini, args):
    result = run_list(args)
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)


def write_user_file(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / "user" / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path.parent


BASE = (
    (FIXTURES / "broken" / "unknown-field.yaml")
    .read_text()
    .replace("  colour: red\n", "")
    .replace("platform: alpha", "platform: coursera")
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "- !!python/object/apply:os.system ['touch /tmp/pwned']\n", "is not allowed", id="python-tag"
        ),
        pytest.param("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "aliases", id="alias-bomb"),
        pytest.param("- " + "[" * 200 + "]" * 200 + "\n", "nested deeper", id="deep-nesting"),
        pytest.param(
            BASE.replace("  level: beginner", "  level: beginner\n  level: advanced"),
            "duplicate key",
            id="dup-key",
        ),
        pytest.param(BASE.replace("  title:", "\ttitle:"), "not valid YAML", id="tab-indent"),
        pytest.param(b"\x00\x01binary", "binary file", id="binary"),
        pytest.param(b"- id: caf\xe9\n", "not UTF-8", id="latin-1"),
    ],
)
def test_hostile_or_broken_yaml_is_a_clear_data_error(tmp_path, text, expected):
    folder = write_user_file(tmp_path, "mine.yaml", text)
    result = run_list(["--data", str(folder), "search", "python"])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert str(folder / "mine.yaml") in result.stderr
    assert not Path("/tmp/pwned").exists()


def test_bom_and_crlf_load(tmp_path):
    folder = write_user_file(tmp_path, "mine.yaml", ("\ufeff" + BASE).replace("\n", "\r\n"))
    result = run_list(["--data", str(folder), "show", "broken-one", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "A broken program"


def test_unreadable_inputs_are_named(tmp_path):
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    result = run_list(["--data", str(folder), "search", "python"])
    assert result.exit_code == 2
    assert "dangling.yaml" in result.stderr


def test_a_large_file_streams_and_a_quoted_item_marker_is_text(tmp_path):
    """Items stream from the parser one by one (never the whole file as values), and a quoted
    string holding a line that starts with "- " is text, wherever it falls in a large file."""
    import tracemalloc

    from microcred import catalog

    tricky = 'notes: "a note\n- id: not-a-record\n  title: still the note"'
    records = "".join(
        BASE.replace("broken-one", f"big-{i}") + (f"  {tricky}\n" if i % 500 == 7 else "") + "\n"
        for i in range(3_000)
    )
    folder = write_user_file(tmp_path, "big.yaml", records)
    tracemalloc.start()
    loaded = catalog.load([folder])
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert sum(1 for p in loaded.programs if p.startswith("big-")) == 3_000
    assert "not-a-record" not in loaded.programs
    # A quoted scalar folds its line breaks: one line of text, as YAML says.
    assert loaded.programs["big-1507"].notes == "a note - id: not-a-record title: still the note"
    # 3,000 typed records and one item's values at a time (tracemalloc counts every allocation).
    assert peak < 40 * 2**20


def test_hostile_strings_stay_inert_in_every_format(tmp_path):
    hostile = '"=HYPERLINK(\\"https://evil\\") [bold]x[/bold] \\e]8;;https://evil\\e\\\\ \\u202e \\u200b"'
    folder = write_user_file(
        tmp_path, "mine.yaml", BASE.replace("title: A broken program", f"title: {hostile}")
    )
    for fmt in ("table", "json", "csv", "md"):
        result = run("--data", str(folder), "search", "test", "--format", fmt, "--provider", "test")
        out = result.stdout
        assert result.exit_code == 0, result.output
        assert "\x1b" not in out and "\u202e" not in out and "\u200b" not in out, fmt
        if fmt == "csv":
            assert "'=HYPERLINK" in out
        if fmt in ("table", "md"):
            assert "[bold]x" in out or "\\[bold\\]x" in out


@pytest.mark.parametrize("columns", ["40", "300"])
def test_narrow_and_wide_terminals(columns):
    env = {"COLUMNS": columns, "TERM": "dumb"}
    result = run_list(["compare", "-d", "imperial-msc", "-p", "harvardx-data-science"], env=env)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= int(columns)
    assert "\x1b" not in result.stdout


run_cli = run_process


def test_no_writable_home_still_works(tmp_path, mini):
    home = tmp_path / "readonly"
    home.mkdir()
    home.chmod(0o500)
    env = {**os.environ, "MICROCRED_HOME": str(home / "sub"), "MICROCRED_CATALOG": str(mini), "LANG": "C"}
    try:
        done = run_cli(["search", "tinyml", "--json"], env)
    finally:
        home.chmod(0o700)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "beta-tinyml"


def _wait_until_reading(pid: int, path: Path) -> None:
    """Until the process has the file open (it is loading it), by its open descriptors."""
    fds = Path(f"/proc/{pid}/fd")
    if not fds.exists():
        pytest.skip("needs /proc to see what a process has open")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if any(fd.readlink() == path for fd in fds.iterdir()):
                return
        time.sleep(0.01)
    pytest.fail(f"the process never opened {path}")


def test_ctrl_c_exits_130_without_traceback(tmp_path):
    """Interrupted while indexing a large catalog: exit 130, no traceback, no partial cache."""
    home = tmp_path / "home"
    records = "".join(BASE.replace("broken-one", f"big-{i}") + "\n" for i in range(15_000))
    (home / "data").mkdir(parents=True)
    (home / "data" / "big.yaml").write_text(records)
    env = {**os.environ, "MICROCRED_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "microcred", "search", "python"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    _wait_until_reading(proc.pid, home / "data" / "big.yaml")
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    cache = home / "cache"
    assert not cache.exists() or not [p for p in cache.iterdir() if p.name.endswith(".tmp")]
