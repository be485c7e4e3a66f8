"""The fuzz suite: hostile catalog files, exports and argument vectors, through the real CLI.

Every run, whatever it was given, must end in one of the documented ways: no traceback, an exit
code of 0, 1 or 2 (70 is a bug; nothing here refuses a write, so 74 is one too), valid JSON
where JSON was asked for, and no control (Cc, but the newline) or format (Cf) character in a
table. Each example gets a fresh MICROCRED_HOME; the argument vectors are derived from the
app's own declaration of every command and option, so a new option is fuzzed without a change
here. A few examples run as real processes with a time limit (a hang fails, never stalls).

The default profile fits the test suite's budget; MICROCRED_FUZZ=nightly runs 25 times as many
examples of each (README, Development).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import string
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer.main
from helpers import run, run_process
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from microcred import models, schema
from microcred.cli import app
from microcred.importers import yamlwrite

MINI = Path(__file__).parent / "fixtures" / "mini"
PROFILE = os.environ.get("MICROCRED_FUZZ", "default")
SCALE = {"default": 1, "nightly": 25}[PROFILE]
ALLOWED = {0, 1, 2}


def fuzz_settings(examples: int) -> Any:
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# --- hostile values -------------------------------------------------------------------------------

HIDDEN = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp")]
# The invisible characters a hostile test campaign got through once (issue 16), weighted up.
FOUND_ONCE = ["\u00ad", "\u061c", "\u180e", *map(chr, range(0x206A, 0x2070)), "\ufff9", "\ufffa", "\ufffb"]
FOUND_ONCE += ["\U000e0001", "\U000e0041", "\U000e007f", "\u202e", "\u200b", "\x1b", "\x9b", "\r"]
CHARS = st.one_of(
    st.characters(),  # every category, lone surrogates included
    st.sampled_from(HIDDEN),
    st.sampled_from(FOUND_ONCE),
    st.sampled_from(list("·×…█▏≈—é東😀\u0301")),
    st.sampled_from(list(string.punctuation)),
)
TEXT = st.one_of(
    st.text(CHARS, max_size=30),
    st.sampled_from(
        [
            "python",
            "data science",
            "",
            " ",
            "[bold]x[/bold]",
            "=HYPERLINK(1)",
            "\x1b[2J\x1b]8;;https://evil\x1b\\",
            "a-b/c-d",
            "- " * 50,
            "%s%n{0}",
            "Ωmega ∑ ﷽",
        ]
    ),
    st.integers(100, 20_000).map(lambda n: "w" * n),  # one long word
    st.integers(10, 2_000).map(lambda n: "ab-" * n),  # a long compound
)
NUMBERS = st.one_of(
    st.sampled_from(
        [
            "0",
            "-0",
            "1",
            "-1",
            "0.1",
            "5e-324",
            "1e-320",
            "1e-400",
            "168",
            "168.0000001",
            "1e12",
            "1e13",
            "1.0e+308",
            "1e309",
            "9" * 40,
            "9" * 400,
            "1" + "0" * 5000,
            ".inf",
            "-.inf",
            ".nan",
            "nan",
            "inf",
            "1_000",
            "0x1F",
            "0o17",
            "1:30",
            "١٢",
            "½",
        ]
    ),
    st.integers().map(str),
    st.floats().map(repr),
)


def yaml_float(x: float) -> str:
    """A float as YAML 1.1 reads one (its resolver needs a dot, and a signed exponent)."""
    text = repr(x)
    return text if "." in text and "e" not in text else f"{x:.6e}"


VALID_NUMBERS = st.one_of(  # all more than 0: most numbers in a record must be
    st.sampled_from(["0.1", "1", "5.0e-324", "1.0e-320", "0.0001", "168", "999999999999", "1.0e+12", "3.5"]),
    st.floats(1e-300, 1e12).map(yaml_float),
    st.integers(1, 10**12).map(str),
)
VALID_TEXT = TEXT.map(lambda t: "".join(c for c in t if not "\ud800" <= c <= "\udfff")).filter(str.strip)
DATES = st.one_of(
    st.sampled_from(["2022-01-14", "2999-01-01", "0001-01-01", "2022-02-30", "2022-13-45", "yesterday"]),
    st.dates().map(str),
)
IDS = st.sampled_from(
    ["alpha", "beta", "gamma", "data-science", "ai-ml", "alpha-python", "beta-tinyml", "imperial-msc", "USD"]
)
URLS = st.sampled_from(["https://example.org/x", "http://example.org", "https://", "javascript:alert(1)"])


def scalar(value: str) -> str:
    """Text as a YAML scalar: usually quoted as the importers write it (so that records parse
    and reach the deeper checks), sometimes raw (so that the reader meets it too)."""
    try:
        return yamlwrite.scalar(value, flow=True)
    except (UnicodeEncodeError, ValueError):
        return json.dumps(value)  # a lone surrogate: YAML refuses its escape, as it should


def flow(value: Any) -> str:
    """Values (their scalars already YAML text) as one line of YAML flow style."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return str(value)


REFERENCES = {  # ids a valid record must use: they exist in the test catalog
    "platform": st.sampled_from(["alpha", "beta"]),
    "fields": st.lists(
        st.sampled_from(["data-science", "ai-ml", "computer-science"]), min_size=1, max_size=2
    ),
    "currency": st.sampled_from(["USD", "GBP", "EUR"]),
    "platforms": st.lists(st.sampled_from(["alpha", "beta"]), max_size=2),
}
NEW_IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True)


@st.composite
def value_for(draw: Any, name: str, check: Any, valid: bool, depth: int = 0) -> Any:
    """A value for one declared field: of the right kind (hostile within it: long words, format
    characters, tiny and huge numbers) when `valid`, else sometimes anything at all."""
    if depth > 3 or (not valid and draw(st.integers(0, 9)) == 0):
        return draw(anything(depth))
    if isinstance(check, type):
        return draw(record(check, valid, depth + 1))
    if isinstance(check, schema.ListOf):
        return draw(st.lists(record(check.record, valid, depth + 1), max_size=3))
    if name in REFERENCES and valid:
        return flow(draw(REFERENCES[name]))
    choices = getattr(check, "choices", None)
    if choices:
        return draw(st.sampled_from(choices))
    if check in (schema.number, schema.positive, schema.integer):
        if check is schema.integer:
            return draw(st.integers(0, 10**12).map(str) if valid else NUMBERS)
        return draw(VALID_NUMBERS if valid else NUMBERS)
    if check is schema.date:
        return draw(st.dates(max_value=dt.date.today()).map(str) if valid else DATES)
    if check is schema.url:
        return "https://example.org/x" if valid else draw(URLS)
    if check is schema.boolean:
        return draw(st.sampled_from(["true", "false"] if valid else ["true", "false", "yes", "~", "1"]))
    if check in (schema.slug, schema.currency_code, schema.country_code):
        if valid:
            return {schema.slug: draw(NEW_IDS), schema.currency_code: "GBP", schema.country_code: "GB"}[check]
        return draw(IDS | st.sampled_from(["GBP", "EUR", "XXX", "GB"]))
    if check is schema.slug_list:
        return flow(draw(st.lists(IDS, max_size=3)))
    if check is schema.text_list:
        return flow(draw(st.lists((VALID_TEXT if valid else TEXT).map(scalar), max_size=3)))
    return scalar(draw(VALID_TEXT if valid else TEXT))


def anything(depth: int = 0) -> Any:
    leaves = st.one_of(
        NUMBERS, DATES, TEXT.map(scalar), st.sampled_from(["~", "null", "[]", "{}", "*a", "&a x"])
    )
    if depth > 2:
        return leaves
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(["id", "x", "cost"]), inner, max_size=3)
        ),
        max_leaves=6,
    )


@st.composite
def record(draw: Any, cls: type, valid: bool, depth: int = 0) -> dict[str, Any]:
    """A record of a declared kind. Valid: every required key, optional ones or not, values of
    the right kind. Not: keys dropped or unknown, values of any kind."""
    out: dict[str, Any] = {}
    for name, spec in schema.declared(cls):
        if spec.internal:
            continue
        if (not spec.required or not valid) and draw(st.integers(0, 3 if valid else 11)) == 0:
            continue
        out[name] = draw(value_for(name, spec.check, valid, depth))
    if not valid and draw(st.integers(0, 9)) == 0:
        out[draw(st.sampled_from(["colour", "origin", "user", "ID"]))] = "x"
    return out


KIND_FILES = {kind: f"{kind}.yaml" for kind in models.KINDS if kind != "programs"} | {"programs": "mine.yaml"}


@st.composite
def catalog_file(draw: Any, valid: bool = False) -> tuple[str, bytes, list[str]]:
    """(file name, contents, the ids in it): records of a kind, any YAML at all, or a mangled
    valid file; with `valid`, records of the right shape only (hostile text and numbers in
    them). Programs and degrees, which most commands show, come up most often."""
    kind = draw(st.sampled_from(["programs", "programs", "degrees", *sorted(models.KINDS)]))
    name = KIND_FILES[kind]
    shapes = ["valid"] if valid else ["valid", "records", "anything", "mangled", "raw"]
    shape = draw(st.sampled_from(shapes))
    if shape in ("valid", "records"):
        records = draw(st.lists(record(models.KINDS[kind].record, shape == "valid"), min_size=1, max_size=3))
        text = "".join(f"- {flow(r)}\n" for r in records)
        ids = [str(r["id"]) for r in records if isinstance(r.get("id"), str) and r["id"].isascii()]
        return name, text.encode("utf-8", "surrogatepass"), ids
    if shape == "anything":
        text = flow(draw(anything()))
    elif shape == "mangled":
        valid = (MINI / "programs" / "mini.yaml").read_text()
        at = draw(st.integers(0, len(valid)))
        text = valid[:at] + draw(TEXT) + valid[at + draw(st.integers(0, 40)) :]
        name = "mine.yaml"
    else:
        text = draw(st.text(CHARS, max_size=200))
    return name, text.encode("utf-8", "surrogatepass"), []


# --- argument vectors, from the app's own declaration -------------------------------------------------


def _commands() -> dict[tuple[str, ...], Any]:
    found: dict[tuple[str, ...], Any] = {}

    def walk(command: Any, path: tuple[str, ...]) -> None:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, (*path, name))
        else:
            found[path] = command

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = _commands()
GOOD_VALUES = {
    "platform": ["alpha", "beta", "coursera"],
    "field": ["data-science", "ai-ml"],
    "level": ["beginner", "mixed"],
    "sort": ["price", "duration", "title", "relevance"],
    "currency": ["USD", "GBP", "EUR", "usd"],
    "as_of": ["2022-01-14", "2025-07-01"],
    "rate": ["GBP=1.3", "GBP=1e308", "USD=2", "EUR=1e-9", "GBP=1,3"],
    "degree": ["imperial-msc"],
    "program": ["alpha-python", "beta-tinyml", "beta-data-science"],
    "item_id": ["alpha-python", "imperial-msc", "beta-tinyml"],
    "term": ["nanodegree", "Nanodegree"],
    "query": ["python", "pyhton", "data science", "machine lerning"],
    "goal": ["become a data analyst", "surgeon"],
    "skills": ["sql,tableau", ",,,", "python"],
}
PATHS = ["/dev/null", "/dev/zero", "/nonexistent/x", "/" + "a" * 300, ".", "", "~", "-"]


TAME_NUMBERS = st.sampled_from(["1", "3", "5", "10", "100", "800", "0.5", "168", "1e6"])
TAME_INTS = st.sampled_from(["0", "1", "2", "3", "5", "10"])


@st.composite
def option_value(draw: Any, param: Any, files: list[str], hostile: bool) -> str:
    kind = type(param.type).__name__
    if kind == "FloatParamType":
        return draw(NUMBERS if hostile else TAME_NUMBERS)
    if kind in ("IntRange", "IntParamType"):
        return draw(NUMBERS | st.integers(-3, 12).map(str) if hostile else TAME_INTS)
    choices = getattr(param.type, "choices", None)
    if choices:
        return draw(TEXT if hostile else st.sampled_from(list(choices)))
    if kind == "TyperPath" or param.name in ("targets", "file"):
        return draw(st.sampled_from(PATHS + files) if hostile or not files else st.sampled_from(files))
    good = GOOD_VALUES.get(param.name or "", [])
    return draw(TEXT if hostile or not good else st.sampled_from(good))


@st.composite
def argv(draw: Any, files: list[str], data_dir: str | None) -> tuple[list[str], str | None]:
    """An argument vector for one command, and the format asked for (None: no output format).
    Tame (every value a sensible one), one hostile value, or all hostile: so that the runs get
    past the checks of arguments too."""
    path = draw(st.sampled_from(sorted(COMMANDS)))
    command = COMMANDS[path]
    mood = draw(st.sampled_from(["tame", "tame", "one", "wild"]))
    params = [p for p in command.params if p.opts[0] not in ("--format", "--json")]
    odd = draw(st.integers(0, max(len(params) - 1, 0)))
    args: list[str] = []
    if data_dir is not None and draw(st.booleans()):
        args += ["--data", data_dir]
    args += list(path)
    for i, param in enumerate(params):
        hostile = mood == "wild" or (mood == "one" and i == odd)
        if param.param_type_name == "argument":
            if param.required or draw(st.booleans()):
                many = st.lists(
                    option_value(param, files, hostile), min_size=1, max_size=2 if param.multiple else 1
                )
                args += [v for v in draw(many) if not v.startswith("-")] or ["x"]
            continue
        name = param.opts[0]
        if not (hostile and mood == "one") and draw(st.integers(0, 2)) != 0:
            continue
        if param.is_flag:
            args.append(name)
            continue
        for _ in range(draw(st.integers(1, 3)) if param.multiple else 1):
            args += [name, draw(option_value(param, files, hostile))]
    fmt: str | None = None
    if any(p.opts[0] == "--format" for p in command.params):
        choice = draw(st.sampled_from(["table", "table", "json", "csv", "md", "--json"]))
        args += ["--json"] if choice == "--json" else ["--format", choice]
        fmt = "json" if choice == "--json" else choice
    return args, fmt


@st.composite
def showing(draw: Any, ids: list[str], data_dir: str) -> tuple[list[str], str]:
    """A command that shows the records just written (their text is what reaches a table)."""
    some = draw(st.sampled_from(ids))
    args = draw(
        st.sampled_from(
            [
                ["search"],
                ["search", "--sort", "price"],
                ["show", some],
                ["compare", "-p", some],
                ["compare", "-d", some],
                ["compare", "-d", "imperial-msc", "-p", some, "-p", "beta-tinyml"],
                ["recommend", "--field", "data-science", "--limit", "50"],
                ["recommend", "--field", "ai-ml", "--stack", "--explain"],
                ["platforms"],
                ["degrees"],
                ["explain"],
                ["data", "list"],
                ["data", "stats"],
                ["data", "audit"],
            ]
        )
    )
    fmt = draw(st.sampled_from(["table", "table", "json", "csv", "md"]))
    return ["--data", data_dir, *args, "--format", fmt], fmt


# --- what every run must be ------------------------------------------------------------------------------


def _bad_characters(text: str, keep: str = "\n") -> list[str]:
    return [
        f"U+{ord(c):04X}"
        for c in text
        if c not in keep and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    ]


def check(result: Any, args: list[str], fmt: str | None) -> None:
    command = next((" ".join(path) for path in COMMANDS if " ".join(path) in " ".join(args)), "?")
    event(f"{command}: exit {result.exit_code}")
    where = f"args={args!r}\nstdout={result.stdout[:2000]!r}\nstderr={result.stderr[:2000]!r}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (where, result.exception)
    assert result.exit_code in ALLOWED, where
    assert "Traceback" not in result.output, where
    assert "\x1b" not in result.stderr and not _bad_characters(result.stderr, keep="\n\t"), where
    if result.exit_code != 0:
        return
    if fmt is not None:  # an answer is never nothing at all (with COLUMNS=0 it once was)
        assert result.stdout.strip(), where
    if fmt == "json":
        json.loads(result.stdout)
    elif fmt in ("table", "md"):
        assert not _bad_characters(result.stdout), where
    elif fmt == "csv":
        assert not _bad_characters(result.stdout, keep="\n\t\r"), where


def _encodable(arg: str) -> str:
    try:
        os.fsencode(arg)
    except UnicodeEncodeError:
        return arg.encode("utf-8", "replace").decode("utf-8")
    return arg


COLUMNS = ["100", "100", "100", "0", "1", "7", "abc", "-5", "99999"]  # what a terminal may say


@contextlib.contextmanager
def fresh_home(columns: str = "100") -> Iterator[tuple[Path, dict[str, str]]]:
    with tempfile.TemporaryDirectory(prefix="mc-fuzz-") as home:
        yield Path(home), {"MICROCRED_HOME": home, "MICROCRED_CATALOG": str(MINI), "COLUMNS": columns}


# --- the suite --------------------------------------------------------------------------------------------


@fuzz_settings(40)
@given(files=st.lists(catalog_file(), min_size=1, max_size=2), data=st.data())
def test_hostile_catalog_files_never_crash_any_command(files, data):
    with fresh_home(data.draw(st.sampled_from(COLUMNS))) as (home, env):
        folder = home / "mine"
        folder.mkdir()
        for name, contents, _ids in files:
            (folder / name).write_bytes(contents)
        ids = [i for _n, _c, found in files for i in found] or ["alpha-python"]
        for _ in range(2):
            args, fmt = data.draw(
                showing(ids, str(folder)) | argv([str(folder / n) for n, _, _ in files], str(folder))
            )
            check(run(*args, env=env), args, fmt)


@fuzz_settings(40)
@given(files=st.lists(catalog_file(valid=True), min_size=1, max_size=3), data=st.data())
def test_valid_records_of_hostile_text_and_numbers_are_shown_inert(files, data):
    with fresh_home(data.draw(st.sampled_from(COLUMNS))) as (home, env):
        folder = home / "mine"
        folder.mkdir()
        for i, (name, contents, _ids) in enumerate(files):
            (folder / f"{i}-{name}" if name == "mine.yaml" else folder / name).write_bytes(contents)
        ids = [i for _n, _c, found in files for i in found] or ["alpha-python"]
        for _ in range(3):
            args, fmt = data.draw(showing(ids, str(folder)))
            check(run(*args, env=env), args, fmt)


@fuzz_settings(130)
@given(data=st.data())
def test_hostile_argument_vectors_never_crash(data):
    with fresh_home(data.draw(st.sampled_from(COLUMNS))) as (_home, env):
        args, fmt = data.draw(argv([], None))
        check(run(*args, env=env), args, fmt)


IMPORTS = MINI.parent / "imports"
EXPORTS = {  # a real sample of each format, whose cells and values the strategy replaces
    "coursera-csv": IMPORTS / "messy-coursera-2025.csv",
    "edx-csv": IMPORTS / "edx-mini.csv",
    "udacity-json": IMPORTS / "udacity-mini.json",
    "futurelearn-json": IMPORTS / "futurelearn-mini.json",
}
CELLS = (
    TEXT
    | NUMBERS
    | st.sampled_from(["$49", "FREE-Add a Verified Certificate for $49 USD", "3 - 6 Months", "5.3k"])
)


@st.composite
def mutated(draw: Any, value: Any) -> Any:
    """A JSON value with some of its leaves replaced by hostile ones (numbers, text, nesting)."""
    if isinstance(value, dict):
        return {k: draw(mutated(v)) for k, v in value.items() if draw(st.integers(0, 9))}
    if isinstance(value, list):
        return [draw(mutated(v)) for v in value]
    if draw(st.integers(0, 4)) == 0:
        return draw(
            CELLS | st.integers() | st.floats() | st.sampled_from([None, True, [], {}, 10**400, -(10**30)])
        )
    return value


@st.composite
def export(draw: Any, fmt: str) -> bytes:
    sample = EXPORTS[fmt].read_text(encoding="utf-8")
    if fmt.endswith("-csv"):
        import csv
        import io

        rows = list(csv.reader(io.StringIO(sample)))
        for row in rows[1:]:
            for i in range(len(row)):
                if draw(st.integers(0, 5)) == 0:
                    row[i] = draw(CELLS)
        out = io.StringIO()
        csv.writer(out).writerows(rows[:1] + draw(st.permutations(rows[1:])))
        text = out.getvalue()
    else:
        text = json.dumps(draw(mutated(json.loads(sample))), ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 5)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # truncated
    return text.encode("utf-8", "surrogatepass")


@fuzz_settings(30)
@given(fmt=st.sampled_from(sorted(EXPORTS)), data=st.data())
def test_hostile_exports_import_cleanly_and_what_is_written_reads_back(fmt, data):
    with fresh_home() as (home, env):
        (home / "data").mkdir()
        # The test catalog, with the real platforms the imported records belong to.
        shutil.copy(Path(models.__file__).with_name("data") / "platforms.yaml", home / "data")
        source = home / "export.data"
        source.write_bytes(data.draw(export(fmt)))
        result = run("data", "import", fmt, str(source), env=env)
        check(result, ["data", "import", fmt, str(source)], None)
        if result.exit_code == 0:
            written = list((home / "data" / "programs").glob("*.yaml"))
            assert len(written) == 1
            checked = run("data", "validate", str(home / "data"), env=env)  # with its platforms
            assert checked.exit_code == 0, (written[0].read_text()[:2000], checked.output)


@fuzz_settings(3)
@given(files=st.lists(catalog_file(), min_size=1, max_size=2), data=st.data())
def test_a_few_as_real_processes_with_a_time_limit(files, data):
    with fresh_home() as (home, env):
        folder = home / "mine"
        folder.mkdir()
        for name, contents, _ids in files:
            (folder / name).write_bytes(contents)
        ids = [i for _n, _c, found in files for i in found] or ["alpha-python"]
        args, fmt = data.draw(showing(ids, str(folder)))
        args = [_encodable(a) for a in args]  # argv is bytes: a lone surrogate cannot be one
        done = run_process(args, {**os.environ, **env}, timeout=60, errors="surrogateescape")
        assert "Traceback" not in done.stderr, (args, done.stderr)
        assert done.returncode in ALLOWED, (args, done.stderr)
        if done.returncode == 0 and fmt == "json":
            json.loads(done.stdout)
