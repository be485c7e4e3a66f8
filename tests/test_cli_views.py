"""`show`, `platforms`, `degrees`, `explain`, help for every command, and the entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import run


def test_show_program_with_pace(mini):
    data = json.loads(run("show", "alpha-python", "--hours-per-week", "3", "--json").stdout)
    assert data["total_cost"] == {"amount": 507.0, "currency": "USD"}
    assert data["billed_months"] == 13
    assert data["monthly_price"] == {"amount": 39.0, "currency": "USD"}
    table = run("show", "alpha-python", "--hours-per-week", "10").stdout
    assert "subscription: 39 USD a month (Alpha monthly, 2022-01-14, 7-day free trial)" in table
    assert "156.00 USD at 10 h/week" in table
    assert "Suggested pace   10 h/week" in table


def test_show_degree(mini):
    # As of the test catalog's rate day (later, the ECB's newer rates would apply).
    data = json.loads(run("show", "imperial-msc", "--json", "--as-of", "2025-06-30").stdout)
    assert data["tuition"] == {"amount": 29000.0, "currency": "GBP"}
    assert data["total_cost"] == {"amount": 36250.0, "currency": "USD"}


def test_show_unknown_id_suggests(mini):
    result = run("show", "alpha-pyton")
    assert result.exit_code == 1
    assert "Error: no program or degree 'alpha-pyton'" in result.stderr
    assert "did you mean: alpha-python" in result.stderr


def test_platforms_facts(mini):
    data = json.loads(run("platforms", "--json").stdout)
    alpha = next(p for p in data if p["id"] == "alpha")
    assert alpha["founded"] == 2012
    assert alpha["programs"] == 2
    assert alpha["plans"][0]["price"] == {"amount": 39, "currency": "USD"}


def test_degrees_in_currency(mini):
    data = json.loads(run("degrees", "--currency", "EUR", "--json", "--as-of", "2025-06-30").stdout)
    assert data[0]["total_cost"]["currency"] == "EUR"
    assert data[0]["total_cost"]["amount"] == round(29000 * 1.25 / 1.10, 2)


def test_explain_is_typo_tolerant(mini):
    data = json.loads(run("explain", "nano degre", "--json").stdout)
    assert [t["term"] for t in data] == ["Nanodegree"]
    assert run("explain", "zzzzzz").exit_code == 1


@pytest.mark.parametrize(
    "command", ["search", "show", "platforms", "degrees", "explain", "compare", "recommend"]
)
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) > 3


def test_data_strings_are_shown_literally(tmp_path, mini):
    """Markup and escape codes in a user's catalog file are printed as text, never interpreted."""
    from pathlib import Path

    base = (Path(__file__).parent / "fixtures" / "broken" / "unknown-field.yaml").read_text()
    hostile = base.replace("  colour: red\n", "").replace(
        "title: A broken program", 'title: "[red]Red[/red] \\e[2J\\e]8;;https://evil\\a link \\u202e txt"'
    )
    (tmp_path / "mine.yaml").write_text(hostile)
    result = run("--data", str(tmp_path), "show", "broken-one")
    assert result.exit_code == 0, result.output
    assert "[red]Red[/red]" in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[2J" in result.stdout and "\\u202e" in result.stdout
    data = run("--data", str(tmp_path), "show", "broken-one", "--json").stdout
    assert json.loads(data)["title"].startswith("[red]Red[/red] \x1b[2J")
    assert "\u202e" not in data


def test_entry_point_runs_in_a_subprocess(mini):
    env = {**os.environ, "MICROCRED_CATALOG": str(mini)}
    done = subprocess.run(
        [sys.executable, "-m", "microcred", "search", "tinyml", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "beta-tinyml"
    bad = subprocess.run(
        [sys.executable, "-m", "microcred", "show", "nope"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr


def test_an_injected_environment_gets_the_output_and_names_the_directories(tmp_path):
    """Commands read streams and directories from the Environment they are given (no globals)."""
    import io

    from conftest import MINI

    from microcred.env import Environment

    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdout=out, stderr=err, bundled=MINI, user_data=tmp_path / "mine", cache=tmp_path / "c")
    result = run("search", "tinyml", "--json", obj=env)
    assert result.exit_code == 0
    assert result.stdout == ""  # nothing went to the process's own stdout
    assert [p["id"] for p in json.loads(out.getvalue())] == ["beta-tinyml"]
    assert (tmp_path / "c" / "catalog.sqlite3").exists()
    missing = run("show", "nope", obj=Environment(stdout=out, stderr=err, bundled=MINI, cache=tmp_path / "c"))
    assert missing.exit_code == 1
    assert "Error: no program or degree 'nope'" in err.getvalue()
