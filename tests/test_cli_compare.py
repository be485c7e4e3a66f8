"""`microcred compare`: the published figures, pace dependence, plan hints, every format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import run

PUBLISHED = [
    "compare",
    "--degree",
    "imperial-msc",
    "--program",
    "harvardx-tiny-machine-learning",
    "--program",
    "harvardx-data-science",
    "--rates-as-of",
    "2022-01-14",
]


def test_published_example_on_bundled_catalog():
    result = run(*PUBLISHED, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["currency"] == "USD"
    assert data["stack_total"] == {"amount": 1330.0, "currency": "USD"}
    [comparison] = data["comparisons"]
    assert comparison["degree"] == "imperial-msc"
    assert comparison["degree_total"] == {"amount": 39788.87, "currency": "USD"}
    assert round(comparison["degree_total"]["amount"]) == 39789
    assert round(comparison["ratio"], 1) == 29.9
    assert [p["total_cost"] for p in data["programs"]] == [
        {"amount": 537.0, "currency": "USD"},
        {"amount": 793.0, "currency": "USD"},
    ]
    [rate] = [a for a in data["assumptions"] if a["kind"] == "rate"]
    assert rate["text"] == "1 GBP = 1.37203 USD (2022-01-14)"
    assert (rate["subject"], rate["values"]["usd"], rate["values"]["as_of"]) == ("GBP", 1.37203, "2022-01-14")
    # The contract scripts rely on: stable names, money as {amount, currency} everywhere.
    assert set(data) == {
        "currency", "degrees", "programs", "stack", "stack_total", "stack_months", "comparisons",
        "plan_hints", "missing_skills", "assumptions",
    }  # fmt: skip
    assert set(comparison) == {"degree", "degree_total", "stack_total", "ratio", "time_saved_months"}
    assert data["degrees"][0]["total_cost"] == {"amount": 39788.87, "currency": "USD"}
    assert all(set(p["total_cost"]) == {"amount", "currency"} for p in data["programs"])


def test_published_example_table_has_ratio_and_chart():
    result = run(*PUBLISHED)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "29.9× cheaper" in out
    assert "1,330.00" in out and "39,788.87" in out
    assert "Cost (USD)" in out and "Time (months)" in out
    assert "█" in out
    assert max(len(line) for line in out.splitlines()) <= 100  # COLUMNS=100 in tests


def test_newest_rates_by_default_differ_from_dated_ones():
    dated = json.loads(run(*PUBLISHED, "--json").stdout)
    newest = json.loads(run(*PUBLISHED[:-2], "--json").stdout)
    assert newest["comparisons"][0]["degree_total"] != dated["comparisons"][0]["degree_total"]


def test_rate_override(mini):
    result = run("compare", "-d", "imperial-msc", "-p", "beta-tinyml", "--rate", "GBP=2", "--json")
    data = json.loads(result.stdout)
    assert data["comparisons"][0]["degree_total"] == {"amount": 58000.0, "currency": "USD"}
    assert data["comparisons"][0]["ratio"] == pytest.approx(58000 / 537, abs=0.01)


def test_other_currency(mini):
    result = run(
        "compare",
        "-d",
        "imperial-msc",
        "-p",
        "beta-tinyml",
        "--currency",
        "GBP",
        "--as-of",
        "2025-06-30",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["currency"] == "GBP"
    assert data["comparisons"][0]["degree_total"] == {"amount": 29000.0, "currency": "GBP"}
    assert data["stack_total"] == {"amount": round(537 / 1.25, 2), "currency": "GBP"}


def test_subscription_stack_depends_on_pace_and_hints_plan(mini):
    slow = json.loads(
        run(
            "compare", "-p", "alpha-python", "-p", "alpha-data-analytics", "--hours-per-week", "3", "--json"
        ).stdout
    )
    fast = json.loads(
        run(
            "compare", "-p", "alpha-python", "-p", "alpha-data-analytics", "--hours-per-week", "10", "--json"
        ).stdout
    )
    assert slow["stack_total"]["amount"] == 1287  # 13 + 20 months × 39 USD
    assert fast["stack_total"]["amount"] == 390  # 4 + 6 months × 39 USD
    assert slow["plan_hints"] == [
        {
            "plan": "alpha-plus",
            "programs": ["alpha-python", "alpha-data-analytics"],
            "plan_total": {"amount": 1197.0, "currency": "USD"},
            "separate_total": {"amount": 1287.0, "currency": "USD"},
        }
    ]
    assert fast["plan_hints"] == []


def test_degree_alone_compares_cheapest_median_and_stack(mini):
    data = json.loads(run("compare", "-d", "imperial-msc", "--json").stdout)
    roles = {p["id"]: p["roles"] for p in data["programs"]}
    assert roles["alpha-python"] == ["stack", "cheapest"]
    assert "median" in roles["beta-tinyml"]
    assert data["stack_total"]["amount"] == sum(
        p["total_cost"]["amount"] for p in data["programs"] if "stack" in p["roles"]
    )


def test_csv_and_markdown(mini):
    out = run(
        "compare", "-d", "imperial-msc", "-p", "beta-tinyml", "-f", "csv", "--as-of", "2025-06-30"
    ).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["kind"] for r in rows[:4]] == ["program", "stack", "degree", "comparison"]
    assert float(rows[2]["total_cost"]) == 36250
    assert (rows[2]["role"], rows[2]["note"]) == ("degree", "tuition 29,000 GBP")  # no money in labels
    assert rows[0]["title"] == "Tiny Machine Learning (TinyML)" and rows[0]["approximate"] == "no"
    assert float(rows[3]["ratio"]) == round(36250 / 537, 2)
    assert {"rate", "assumption"} <= {r["kind"] for r in rows}
    assert any(r["note"] == "1 GBP = 1.25 USD (2025-06-30)" for r in rows if r["kind"] == "rate")
    md = run("compare", "-d", "imperial-msc", "-p", "beta-tinyml", "-f", "md").stdout
    assert "**Cost (USD)**" in md and "cheaper" in md


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["-d", "imperial-mcs"], 1, "no degree 'imperial-mcs'"),
        (["-p", "beta-tinym"], 1, "did you mean: beta-tinyml"),
        ([], 2, "give at least one --degree or --program"),
        (["-d", "imperial-msc", "--rates-as-of", "2021-13-01"], 2, "not a date"),
        (["-d", "imperial-msc", "--rates-as-of", "2999-01-01"], 2, "in the future"),
        (["-d", "imperial-msc", "--rates-as-of", "1998-01-01"], 1, "no GBP rate on or before 1998-01-01"),
        (["-d", "imperial-msc", "--rate", "GBP"], 2, "expected CODE=USD_PER_UNIT"),
        (["-d", "imperial-msc", "--rate", "GBP=-1"], 2, "positive"),
        (["-d", "imperial-msc", "--json", "--format", "csv"], 2, "conflict"),
    ],
)
def test_errors(mini, args, code, message):
    result = run("compare", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
