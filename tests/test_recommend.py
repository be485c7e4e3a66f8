"""The recommender's core: hard limits hold for any budget, pace and time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred import recommend
from microcred.costs import CostModel
from microcred.errors import NotFoundError
from microcred.money import Converter
from microcred.present import words


@settings(max_examples=80, deadline=None)
@given(
    budget=st.none() | st.floats(0, 2000),
    months=st.none() | st.floats(0.5, 30),
    pace=st.none() | st.floats(1, 40),
    stack=st.booleans(),
)
def test_no_result_exceeds_budget_or_time(mini_catalog, budget, months, pace, stack):
    costs = CostModel(mini_catalog, Converter(mini_catalog, "USD"), pace)
    request = recommend.Request(
        fields=("data-science",), budget=budget, months=months, stack_size=3 if stack else None
    )
    try:
        advice = recommend.recommend(mini_catalog, costs, request)
    except NotFoundError:
        return
    for r in advice.results:
        assert r.cost.total is not None
        assert budget is None or r.cost.total.amount <= budget + 0.005
        assert months is None or r.cost.months <= months + 1e-9
    if advice.stack is not None:
        assert budget is None or advice.stack.cost <= budget + 0.005
        assert months is None or advice.stack.months <= months + 1e-9


def test_goal_matches_career_with_typos(mini_catalog):
    career = recommend.match_career(mini_catalog, "I want to become a data analist")
    assert career is not None and career.id == "data-analyst"
    assert recommend.match_career(mini_catalog, "astronaut") is None


def test_nothing_fits_carries_regulated_notice(mini_catalog):
    costs = CostModel(mini_catalog, Converter(mini_catalog, "USD"))
    with pytest.raises(recommend.NothingFits) as info:
        recommend.recommend(mini_catalog, costs, recommend.Request(goal="become a surgeon"))
    [notice] = info.value.notices
    assert (notice.kind, notice.subject) == ("regulated", "Surgeon")
    assert "regulated profession" in words.notice(notice)
