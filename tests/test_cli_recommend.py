"""`microcred recommend` through the CLI."""

from __future__ import annotations

import json

from helpers import run


def test_headline_on_bundled_catalog_includes_harvardx_data_science():
    result = run("recommend", "--field", "data-science", "--budget", "800", "--limit", "50", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found
    assert all(p["total_cost"]["amount"] <= 800 for p in found)
    [ds] = [p for p in found if p["id"] == "harvardx-data-science"]
    assert ds["total_cost"] == {"amount": 793.0, "currency": "USD"}
    assert ds["reason"]


def test_ranking_on_test_catalog(mini):
    data = json.loads(
        run(
            "recommend", "--field", "data-science", "--budget", "800", "--hours-per-week", "10", "--json"
        ).stdout
    )
    assert [p["id"] for p in data] == ["alpha-data-analytics", "beta-data-science", "alpha-python"]
    assert data[0]["score_parts"] == {"relevance": 0.7, "value": 0.847, "fit": 0.875, "credit": 0.0}
    assert data[0]["reason"].startswith("covers 4 of 8 goal skills")


def test_goal_with_typo_matches_career_and_stack_covers_it(mini):
    result = run(
        "recommend", "--goal", "become a data analist", "--stack", "--hours-per-week", "10", "--json"
    )
    data = json.loads(result.stdout)
    assert sorted(p["id"] for p in data["programs"]) == ["alpha-data-analytics", "beta-data-science"]
    assert data["missing_skills"] == []
    assert data["total_cost"] == {"amount": 1027.0, "currency": "USD"}


def test_budget_is_a_hard_limit_on_pace_aware_cost(mini):
    data = json.loads(
        run(
            "recommend", "--field", "data-science", "--budget", "300", "--hours-per-week", "10", "--json"
        ).stdout
    )
    assert [p["id"] for p in data] == ["alpha-data-analytics", "alpha-python"]
    slow = run("recommend", "--field", "data-science", "--budget", "300", "--hours-per-week", "3", "--json")
    assert slow.exit_code == 1
    assert "all exceed 300 USD at 3 h/week" in slow.stderr
    assert "the cheapest (alpha-python) costs 507 USD at 3 h/week" in slow.stderr
    assert "at 10 h/week alpha-python costs 156 USD" in slow.stderr


def test_months_limit(mini):
    data = json.loads(
        run(
            "recommend", "--field", "data-science", "--months", "4", "--hours-per-week", "10", "--json"
        ).stdout
    )
    # At 10 h/week beta-data-science takes 5.0 months and alpha-data-analytics 6.0: both over.
    assert [p["id"] for p in data] == ["alpha-python"]


def test_regulated_goal_says_so(mini):
    result = run("recommend", "--goal", "surgeon")
    assert "regulated profession" in result.stderr
    assert "cannot replace" in result.stderr


def test_needs_a_goal(mini):
    result = run("recommend")
    assert result.exit_code == 2
    assert "--field, --goal or --skills" in result.stderr
