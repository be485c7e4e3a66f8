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
    for args in (
        ["search", "python"],
        ["show", "alpha-python"],
        ["data", "list"],
        ["data", "validate", str(folder)],
    ):
        done = run_process(["--data", str(folder), *args], env, timeout=30)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr
        # `data validate` lists the problems on stdout (they are its output), the others on stderr
        assert f"{special}:0: not a regular file" in done.stdout + done.stderr, done.stderr


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
    price = list(good)
    price[header.index("title")] = "Pricey Widgets"
    price[header.index("price")] = f"${huge}"
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
    assert "missing course length (Huge Widgets)" in result.stderr  # 400 digits are no length
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"courses": [%s]}' % ("[" * 5000 + "]" * 5000), "nested too deeply"),
        (None, "missing duration"),
    ],
)
def test_6_huge_integers_and_deep_nesting_in_json(tmp_path, text, expected):
    path = _udacity(tmp_path, "Widgets", "1" + "0" * 5000)
    if text is not None:
        path.write_text(text)
    result = run("data", "import", "udacity-json", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert expected in result.stderr
