"""`microcred search` through the real CLI, on the test catalog (exact figures) and the bundled one."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import run


def ids(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [p["id"] for p in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        pytest.param("pyhton", "alpha-python", id="typo"),
        pytest.param("machine lerning", "beta-tinyml", id="two-words-typo"),
        pytest.param("harvardx", "beta-data-science", id="provider"),
        pytest.param("micromasters", "beta-stats-micromasters", id="credential-type"),
    ],
)
def test_typo_tolerant_ranking_on_test_catalog(mini, query, first):
    assert ids(run("search", query, "--json"))[0] == first


def test_title_hit_outranks_skill_mention(mini):
    # "python" is in alpha-python's title, and only in the skills of the others.
    assert ids(run("search", "python", "--json")) == [
        "alpha-python",
        "alpha-data-analytics",
        "beta-stats-micromasters",
        "beta-tinyml",
    ]


def test_json_has_catalog_fields_score_and_pace_aware_cost(mini):
    result = run("search", "python", "--json", "--hours-per-week", "3")
    first = json.loads(result.stdout)[0]
    assert first["id"] == "alpha-python"
    assert first["score"] == 100.0
    assert first["total_cost"] == {"amount": 507.0, "currency": "USD"}  # 13 months × 39 USD at 3 h/week
    assert first["cost"]["model"] == "subscription"
    assert first["as_of"] == "2022-01-14"


def test_filters_and_sort(mini):
    result = run(
        "search",
        "--field",
        "data-science",
        "--max-price",
        "800",
        "--sort",
        "price",
        "--hours-per-week",
        "10",
        "--json",
    )
    assert ids(result) == ["alpha-python", "alpha-data-analytics", "beta-data-science"]
    assert ids(run("search", "--credit", "--json")) == ["beta-stats-micromasters"]
    assert ids(run("search", "--platform", "beta", "--level", "beginner", "--json")) == ["beta-uk-marketing"]
    assert ids(run("search", "--max-weeks", "15", "--hours-per-week", "10", "--json")) == [
        "beta-uk-marketing",
        "beta-tinyml",
    ]
    assert ids(run("search", "--credential-type", "micromasters", "--json")) == ["beta-stats-micromasters"]


def test_currency_conversion(mini):
    result = run("search", "marketing", "--currency", "gbp", "--json")
    [program] = json.loads(result.stdout)
    assert program["total_cost"] == {"amount": 600.0, "currency": "GBP"}


def test_csv_and_markdown(mini):
    result = run("search", "tinyml", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["id"] == "beta-tinyml"
    assert float(rows[0]["total_cost"]) == 537
    assert rows[0]["currency"] == "USD"
    md = run("search", "tinyml", "--format", "md").stdout
    assert md.splitlines()[2].startswith("| Tiny Machine Learning (TinyML) |")


def test_table_output_is_plain_when_not_a_terminal(mini):
    result = run("search", "python")
    assert result.exit_code == 0
    assert "Python for Everybody" in result.stdout
    assert "\x1b[" not in result.stdout


def test_nothing_found_exits_1_with_hint(mini):
    result = run("search", "xylophone")
    assert result.exit_code == 1
    assert "Error: no program matches 'xylophone'" in result.stderr


def test_filters_that_exclude_everything_exit_1(mini):
    result = run("search", "marketing", "--max-price", "1")  # and no free route either
    assert result.exit_code == 1
    assert "none passes the filters" in result.stderr
    routes = run("search", "python", "--max-price", "1", "--json")  # free to audit: offered
    assert routes.exit_code == 0 and "these can be studied free" in routes.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--platform", "alfa"], "unknown platform 'alfa' (did you mean: alpha?)"),
        (["--field", "data-sciense"], "unknown field 'data-sciense' (did you mean: data-science"),
        (["--level", "expert"], "unknown level 'expert'"),
        (["--currency", "GBR"], "unknown currency 'GBR' (did you mean: BRL, GBP?)"),
        (["--sort", "cost"], "unknown sort 'cost'"),
    ],
)
def test_bad_options_exit_2_with_nearest_value(mini, args, message):
    result = run("search", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["-5", "nan", "inf", "abc", "1,000"])
def test_bad_numbers_exit_2(mini, value):
    result = run("search", "--max-price", value)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# The bundled catalog: the typo cases of the issue, on real data.
@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("pyhton", "python"),
        ("machine lerning", "machine learning"),
        ("nanodegre", "nanodegree"),
    ],
)
def test_typos_on_bundled_catalog(query, expect):
    result = run("search", query, "--json", "--limit", "5")
    found = json.loads(result.stdout)
    assert found
    for program in found:
        text = " ".join([program["title"], program["credential_type"], *program["skills"]]).lower()
        assert expect in text.replace("-", ""), program["id"]


def test_a_zero_budget_offers_the_free_routes_and_the_aid():
    """Nothing has a certificate within 0 USD: the answer is what can be studied free (Coursera:
    a preview of the first module, since August 2025) and how the platform's aid works."""
    result = run("search", "tableau", "--max-price", "0", "--platform", "coursera", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found and {p["free_route"] for p in found} == {"preview"}
    assert all(p["total_cost"] is None or p["total_cost"]["amount"] > 0 for p in found)
    assert "no certificate within 0 USD; these can be studied free" in result.stderr
    assert "Coursera's financial aid, per course" in result.stderr
    assert "a decision takes up to 15 days" in result.stderr
    dated = json.loads(
        run(
            "search",
            "tableau",
            "--max-price",
            "0",
            "--platform",
            "coursera",
            "--as-of",
            "2024-01-01",
            "--json",
        ).stdout
    )
    assert {p["free_route"] for p in dated} == {"whole"}  # before the change, the whole course was free
