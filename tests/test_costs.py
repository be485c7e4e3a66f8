"""The pace-aware cost model, with figures checked by hand on the test catalog."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.compare import rate_assumptions
from microcred.costs import CostModel, billed_months
from microcred.money import Converter
from microcred.present import words


def model(catalog, pace=None, currency="USD", **kw):
    return CostModel(catalog, Converter(catalog, currency, **kw), pace)


def test_subscription_cost_depends_on_pace(mini_catalog):
    program = mini_catalog.programs["alpha-python"]  # 160 hours, 39 USD a month, 7-day trial
    at_ten = model(mini_catalog, pace=10).cost(program)
    assert at_ten.weeks == 16
    assert at_ten.billed_months == 4  # 112 days - 7 trial = 105 days: 3.45 months started -> 4
    assert at_ten.total.amount == 156
    at_three = model(mini_catalog, pace=3).cost(program)
    assert at_three.billed_months == 13  # 53.3 weeks = 373.3 days - 7 = 366.3 days -> 12.03 -> 13
    assert at_three.total.amount == 507
    [billed] = [a for a in at_three.assumptions if a.kind == "billed_months"]
    assert (billed.values["months"], billed.values["trial_days"]) == (13, 7)
    assert "13 months × 39.00 USD after a 7-day free trial" in words.assumption(billed)


def test_one_default_pace_for_every_row(mini_catalog):
    """Without a pace of the learner's own, every program is costed at DEFAULT_PACE (5 h/week),
    not at each program's own suggestion (alpha-python suggests 10)."""
    from microcred.costs import DEFAULT_PACE

    costs = model(mini_catalog)
    results = [costs.cost(p) for p in mini_catalog.programs.values()]
    assert DEFAULT_PACE == 5
    assert {r.hours_per_week for r in results if r.hours is not None} == {5.0}
    python = costs.cost(mini_catalog.programs["alpha-python"])
    assert (python.weeks, python.billed_months, python.total.amount) == (32, 8, 312)  # 224 - 7 days


def test_trial_is_deducted():
    assert billed_months(1, trial_days=7) == 0
    assert billed_months(1, trial_days=0) == 1
    assert billed_months(4.35, trial_days=7) == 1
    assert billed_months(5.3, trial_days=7) == 1
    assert billed_months(5.4, trial_days=7) == 2


def test_fixed_prices_do_not_depend_on_pace(mini_catalog):
    program = mini_catalog.programs["beta-data-science"]
    assert model(mini_catalog).cost(program).total.amount == 793
    assert model(mini_catalog, pace=1).cost(program).total.amount == 793
    audit = model(mini_catalog).cost(program).audit
    assert audit is not None and audit.amount == 0


def test_per_course_is_price_times_courses(mini_catalog):
    assert model(mini_catalog).cost(mini_catalog.programs["beta-stats-micromasters"]).total.amount == 1500


def test_foreign_price_converts_with_named_rate(mini_catalog):
    import datetime as dt

    # On 2025-06-30 the catalog's own rate and the ECB's are of the same day: the catalog's wins.
    costs = model(mini_catalog, as_of=dt.date(2025, 6, 30))
    result = costs.cost(mini_catalog.programs["beta-uk-marketing"])
    assert result.total.amount == pytest.approx(750)  # 600 GBP × 1.25 (2025-06-30)
    assert result.audit is None  # no free audit
    [rate] = rate_assumptions(costs.converter)
    assert words.assumption(rate) == "1 GBP = 1.25 USD (2025-06-30)"


def test_dated_rates_and_overrides(mini_catalog):
    import datetime as dt

    dated = Converter(mini_catalog, "USD", as_of=dt.date(2022, 1, 14))
    from microcred.models import Money

    assert round(dated.convert(Money(29000, "GBP")).amount, 2) == 39788.87
    assert round(dated.convert(Money(29000, "GBP")).amount) == 39789  # as published
    override = Converter(mini_catalog, "USD", overrides={"GBP": 1.5})
    assert override.convert(Money(10, "GBP")).amount == 15


def test_plan_hint_when_platform_plan_is_cheaper(mini_catalog):
    costs = model(mini_catalog, pace=3)
    results = [costs.cost(mini_catalog.programs[i]) for i in ("alpha-python", "alpha-data-analytics")]
    assert [r.total.amount for r in results] == [507, 780]
    [hint] = costs.plan_hints(results)
    assert hint.plan.id == "alpha-plus"
    assert hint.plan_total.amount == 399 * 3  # 32.3 months -> 3 years of the annual plan
    assert hint.separate_total.amount == 1287
    assert hint.saving.amount == 90


def test_no_plan_hint_when_separate_is_cheaper(mini_catalog):
    costs = model(mini_catalog)
    assert costs.plan_hints([costs.cost(mini_catalog.programs["alpha-python"])]) == []


@settings(max_examples=200, deadline=None)
@given(weeks_a=st.floats(0, 500), weeks_b=st.floats(0, 500), trial=st.integers(0, 30))
def test_subscription_months_never_negative_and_monotonic(weeks_a, weeks_b, trial):
    low, high = sorted((weeks_a, weeks_b))
    assert 0 <= billed_months(low, trial) <= billed_months(high, trial)


@settings(max_examples=100, deadline=None)
@given(pace=st.floats(0.5, 80))
def test_cost_never_negative_and_slower_never_cheaper(mini_catalog, pace):
    program = mini_catalog.programs["alpha-data-analytics"]
    slow = model(mini_catalog, pace=pace).cost(program).total.amount
    fast = model(mini_catalog, pace=pace * 2).cost(program).total.amount
    assert 0 <= fast <= slow


@settings(max_examples=100, deadline=None)
@given(
    amount=st.floats(0, 1e7),
    code=st.sampled_from(["USD", "GBP", "EUR"]),
    via=st.sampled_from(["USD", "GBP", "EUR"]),
)
def test_currency_round_trip(mini_catalog, amount, code, via):
    from microcred.models import Money

    there = Converter(mini_catalog, via).convert(Money(amount, code))
    back = Converter(mini_catalog, code).convert(there)
    assert back.currency == code
    assert back.amount == pytest.approx(amount, rel=1e-9, abs=1e-9)


def test_ecb_rates_for_currencies_the_catalog_lacks(mini_catalog):
    """JPY is not in the test catalog: the ECB's reference rate of the day (or the newest before)
    converts it, and says so."""
    import datetime as dt

    from microcred.models import Money

    converter = Converter(mini_catalog, "JPY", as_of=dt.date(2022, 1, 14))
    yen = converter.convert(Money(100, "USD"))
    # ECB 2022-01-14: 1 EUR = 1.1447 USD = 130.17 JPY.
    assert yen.amount == pytest.approx(100 / (1.1447 / 130.17), rel=1e-4)
    [used] = converter.rates_used()
    assert (used.code, used.as_of) == ("JPY", dt.date(2022, 1, 14))
    assert "ecb.europa.eu" in used.source


def test_a_rate_for_any_iso_code_is_the_users_own(mini_catalog):
    from microcred.models import Money

    converter = Converter(mini_catalog, "KES", overrides={"KES": 0.0077})
    assert converter.convert(Money(77, "USD")).amount == pytest.approx(10_000)
    [used] = rate_assumptions(converter)
    assert words.assumption(used) == "1 KES = 0.0077 USD (your own rate for this run)"
