"""What people expect of a CLI: a version, examples in help, case-insensitive choices, a list of choices."""

from __future__ import annotations

import json

import pytest
from helpers import run

from microcred import __version__


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag):
    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout == f"microcred {__version__}\n"


@pytest.mark.parametrize(
    "command",
    ["search", "show", "compare", "recommend", "plan", "platforms", "degrees", "explain", "choices"],
)
def test_every_command_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"microcred {command}" in result.stdout


def test_choices_that_carry_no_case(mini):
    upper = run("search", "python", "--platform", "ALPHA", "--level", "Beginner", "--json")
    lower = run("search", "python", "--platform", "alpha", "--level", "beginner", "--json")
    assert upper.exit_code == 0, upper.output
    assert upper.stdout == lower.stdout


def test_choices_lists_every_options_values(mini):
    data = json.loads(run("choices", "--json").stdout)
    by_name = {g["name"]: g for g in data}
    assert {"fields", "platforms", "credential-types", "kinds", "levels", "currencies", "careers"} <= set(
        by_name
    )
    assert [v["value"] for v in by_name["platforms"]["values"]] == ["alpha", "beta"]
    assert by_name["fields"]["option"] == "--field"
    currencies = {v["value"] for v in by_name["currencies"]["values"]}
    assert {"USD", "GBP", "EUR", "JPY"} <= currencies  # the catalog's and the ECB's
    one = json.loads(run("choices", "levels", "--json").stdout)
    assert [g["name"] for g in one] == ["levels"]
    bad = run("choices", "colours")
    assert bad.exit_code == 2 and "unknown list 'colours'" in bad.stderr
