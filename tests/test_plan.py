"""`microcred plan`: month by month, with the figures worked out by hand on the test catalog."""

from __future__ import annotations

import json

from helpers import run


def test_months_studied_and_billed(mini):
    # alpha-python: 160 hours at 10 h/week = 16 weeks (112 days), 39 USD a month after a 7-day
    # trial: charged on days 7, 37, 68 and 98 (January to April). beta-tinyml (537 USD once)
    # starts on day 112, 2027-04-23: paid in April.
    result = run(
        "plan", "alpha-python", "beta-tinyml", "--hours-per-week", "10", "--start", "2027-01", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    billed = [(m["month"], m["billed"]["amount"]) for m in data["months"]]
    assert billed[:4] == [("2027-01", 39.0), ("2027-02", 39.0), ("2027-03", 39.0), ("2027-04", 576.0)]
    assert data["total"] == {"amount": 693.0, "currency": "USD"}
    assert data["months"][3]["studying"] == ["alpha-python", "beta-tinyml"]
    assert [c["kind"] for c in data["months"][3]["charges"]] == ["subscription month", "one-time fee"]
    assert data["months"][-1]["to_date"] == {"amount": 693.0, "currency": "USD"}
    assert data["programs"][1]["starts"] == "2027-04-23"
    assert data["hours_per_week"] == 10


def test_order_shortest_first_and_the_csv(mini):
    csv = run("plan", "alpha-python", "beta-tinyml", "--order", "shortest", "--start", "2027-01", "-f", "csv")
    assert csv.exit_code == 0, csv.output
    lines = csv.stdout.splitlines()
    assert lines[0] == "month,studying,charges,hours,billed,to_date,currency"
    assert lines[1].startswith("2027-01,beta-tinyml")  # the shorter one first
    assert "beta-tinyml: one-time fee 537.00 USD" in lines[1]


def test_a_platform_plan_that_would_cost_less_is_named(mini):
    table = run("plan", "alpha-python", "alpha-data-analytics", "--hours-per-week", "3").stdout
    assert "Cheaper: Alpha Plus would cost 1,197.00 USD" in table


def test_unknown_ids_and_months(mini):
    bad = run("plan", "alpha-pyton")
    assert bad.exit_code == 1 and "did you mean: alpha-python" in bad.stderr
    month = run("plan", "alpha-python", "--start", "2027-13")
    assert month.exit_code == 2 and "'2027-13' is not a month (YYYY-MM)" in month.stderr
