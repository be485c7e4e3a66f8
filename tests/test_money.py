"""Money that can be checked: USD is 1, rates are dotted decimals in sane ranges, the ratio
reads right both ways, catalog numbers are plain decimals."""

from __future__ import annotations

import json

import pytest
from helpers import run

from microcred.compare import Comparison
from microcred.models import Money
from microcred.present import words


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("USD=2", "the US dollar's rate is 1 by definition"),
        ("GBP=1,27", "write the number with a dot"),
        ("GBP=1e308", "a rate must be between"),
        ("GBP=0.0", "the rate must be a positive number"),
    ],
)
def test_bad_rates_are_refused(mini, rate, message):
    result = run("compare", "-d", "imperial-msc", "--rate", rate)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_a_usd_rate_other_than_one_in_a_file_is_a_data_error(tmp_path):
    (tmp_path / "currencies.yaml").write_text(
        "- code: USD\n  name: US dollar\n  rates:\n    - {usd: 2, as_of: 2022-01-14, source: https://example.org}\n"
    )
    result = run("--data", str(tmp_path), "degrees")
    assert result.exit_code == 2
    assert "rates: the US dollar's rate is 1 by definition" in result.stderr


@pytest.mark.parametrize("value", ["1:30", "0x1F", "0o17", "017", "1_000", ".inf", ".nan"])
def test_catalog_numbers_are_plain_decimals(tmp_path, value):
    from conftest import MINI

    text = (MINI / "programs" / "mini.yaml").read_text()
    start = text.index("- id: alpha-python")
    record = text[start : text.index("\n- id:", start + 1)].replace("alpha-python", "odd-number")
    assert "hours_per_week: 10" in record
    (tmp_path / "odd.yaml").write_text(record.replace("hours_per_week: 10", f"hours_per_week: {value}"))
    result = run("--data", str(tmp_path), "search", env={"MICROCRED_CATALOG": str(MINI)})
    assert result.exit_code == 2
    assert "effort.hours_per_week: expected a number" in result.stderr or "must be a finite" in result.stderr


def test_ratio_sentence_is_right_in_both_directions():
    cheap_degree = Comparison("d", Money(7000, "USD"), Money(13500, "USD"), 7000 / 13500, None)
    assert words.comparison(cheap_degree) == ("d: 7,000.00 USD; the stack's 13,500.00 USD is 1.9× the degree")
    dear_degree = Comparison("d", Money(39788.87, "USD"), Money(1330, "USD"), 39788.87 / 1330, 12.0)
    assert words.comparison(dear_degree) == (
        "d: 39,788.87 USD is 29.9× the stack's 1,330.00 USD (29.9× cheaper to take the stack); "
        "the stack saves 12.0 months"
    )


def test_published_comparison_as_of_its_date():
    args = ["compare", "--degree", "imperial-msc", "-p", "harvardx-tiny-machine-learning"]
    args += ["-p", "harvardx-data-science", "--as-of", "2022-01-14", "--json"]
    data = json.loads(run(*args).stdout)
    assert data["stack_total"] == {"amount": 1330.0, "currency": "USD"}
    [comparison] = data["comparisons"]
    assert comparison["degree_total"] == {"amount": 39788.87, "currency": "USD"}
    assert round(comparison["ratio"], 1) == 29.9
