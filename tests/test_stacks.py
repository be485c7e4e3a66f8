"""The stack search is exact: checked against brute force on random small catalogs."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.stacks import Candidate, best_stack, make_stack, stack_key

SKILLS = ["sql", "python", "r", "tableau", "excel", "statistics", "ml", "cloud"]

candidate = st.builds(
    Candidate,
    id=st.text("abcdefgh", min_size=1, max_size=4),
    skills=st.frozensets(st.sampled_from(SKILLS), max_size=4),
    cost=st.integers(0, 1000).map(float),
    months=st.integers(1, 24).map(float),
)


def brute_force(candidates, goal, size, budget, months):
    best = None
    for n in range(1, size + 1):
        for chosen in combinations(candidates, n):
            stack = make_stack(chosen, goal)
            if not stack.covered:
                continue
            if budget is not None and stack.cost > budget + 0.005:
                continue
            if months is not None and stack.months > months + 1e-9:
                continue
            if best is None or stack_key(stack) < stack_key(best):
                best = stack
    return best


@settings(max_examples=150, deadline=None)
@given(
    candidates=st.lists(candidate, max_size=9, unique_by=lambda c: c.id),
    goal=st.frozensets(st.sampled_from(SKILLS), min_size=1, max_size=6),
    size=st.integers(1, 3),
    budget=st.none() | st.integers(0, 2500).map(float),
    months=st.none() | st.integers(1, 40).map(float),
)
def test_best_stack_matches_brute_force(candidates, goal, size, budget, months):
    found = best_stack(candidates, goal, size, budget, months)
    expected = brute_force(candidates, goal, size, budget, months)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert stack_key(found) == stack_key(expected)
    assert found.cost <= (budget if budget is not None else float("inf")) + 0.005
    assert found.months <= (months if months is not None else float("inf")) + 1e-9
    assert found.covered | found.missing == goal
