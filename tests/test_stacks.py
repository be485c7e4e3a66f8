"""The stack search is exact: checked against a brute force written here, on pools larger than
any shortlist the search ever used, and on the cases a cost-blind shortlist got wrong."""

from __future__ import annotations

import random
from itertools import combinations
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred import stacks
from microcred.stacks import Candidate, best_stack

SKILLS = ["sql", "python", "r", "tableau", "excel", "statistics", "ml", "cloud", "spark", "aws"]


def brute_force(candidates, goal, size, budget, months):
    """The stack_key order written out again: every combination, nothing shared with the module.

    Returns (key, ids) of the best, or None. Sums are taken in the candidates' order.
    """
    best = None
    for n in range(1, size + 1):
        for chosen in combinations(candidates, n):
            covered = set()
            for c in chosen:
                covered |= c.skills & goal
            if not covered:
                continue
            cost = sum(c.cost for c in chosen)
            time = sum(c.months for c in chosen)
            if budget is not None and cost > budget + 0.005:
                continue
            if months is not None and time > months + 1e-9:
                continue
            ids = tuple(sorted(c.id for c in chosen))
            key = (-len(covered), round(cost, 2), round(time, 3), len(ids), ids)
            if best is None or key < best:
                best = key
    return best


def key_of(found, candidates, goal):
    """The same key for a returned stack, recomputed from the candidates its ids name."""
    by_id = {c.id: c for c in candidates}
    chosen = [c for c in candidates if c.id in set(found.ids)]  # in the candidates' order
    assert sorted(found.ids) == sorted(c.id for c in chosen) == list(found.ids)
    assert len(set(found.ids)) == len(found.ids)
    covered = set()
    for i in found.ids:
        covered |= by_id[i].skills & goal
    cost = sum(c.cost for c in chosen)
    time = sum(c.months for c in chosen)
    assert set(found.covered) == covered
    assert set(found.missing) == set(goal) - covered
    assert found.cost == cost
    assert found.months == time
    return (-len(covered), round(cost, 2), round(time, 3), len(found.ids), tuple(found.ids))


# Costs and months from small sets, so that ties (after rounding, too) are common; cents and
# thousandths of a month so that rounding matters; zero costs and months included.
costs = st.sampled_from([0.0, 1.0, 2.0, 2.5, 3.0, 5.0, 9.99, 10.0, 10.004, 10.006, 20.0, 49.0, 100.0])
month_values = st.sampled_from([0.0, 0.5, 1.0, 1.0004, 1.5, 2.0, 3.0, 6.0, 12.0])


@st.composite
def pools(draw, min_size, max_size):
    n = draw(st.integers(min_size, max_size))
    ids = draw(st.lists(st.text("abcdefgh", min_size=1, max_size=3), min_size=n, max_size=n, unique=True))
    return [
        Candidate(
            id=i,
            skills=draw(st.frozensets(st.sampled_from(SKILLS), max_size=5)),
            cost=draw(costs),
            months=draw(month_values),
        )
        for i in ids
    ]


def check(candidates, goal, size, budget, months):
    expected = brute_force(candidates, goal, size, budget, months)
    # Also with ties on all but the ids settled by the second search from the first tie on.
    with mock.patch.object(stacks, "_TIES", 0):
        settled = best_stack(candidates, goal, size, budget, months)
    for found in (best_stack(candidates, goal, size, budget, months), settled):
        if expected is None:
            assert found is None
            continue
        assert found is not None
        assert key_of(found, candidates, goal) == expected
        assert len(found.ids) <= size
        if budget is not None:
            assert found.cost <= budget + 0.005
        if months is not None:
            assert found.months <= months + 1e-9


@settings(max_examples=120, deadline=None)
@given(
    candidates=pools(15, 22),
    goal=st.frozensets(st.sampled_from(SKILLS), min_size=1, max_size=8),
    size=st.integers(1, 3),
    budget=st.none() | st.sampled_from([0.0, 2.0, 5.0, 10.0, 10.005, 20.0, 30.0, 60.0, 150.0]),
    months=st.none() | st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.5, 6.0, 13.0]),
)
def test_matches_brute_force_up_to_three(candidates, goal, size, budget, months):
    check(candidates, goal, size, budget, months)


@settings(max_examples=40, deadline=None)
@given(
    candidates=pools(15, 18),
    goal=st.frozensets(st.sampled_from(SKILLS), min_size=3, max_size=10),
    budget=st.none() | st.sampled_from([5.0, 20.0, 60.0, 200.0]),
    months=st.none() | st.sampled_from([2.0, 6.0, 15.0]),
)
def test_matches_brute_force_four(candidates, goal, budget, months):
    check(candidates, goal, 4, budget, months)


@settings(max_examples=60, deadline=None)
@given(
    # Many copies of few skill-sets, at equal or near-equal prices: dominance and its tie-breaks.
    base=st.lists(st.frozensets(st.sampled_from(SKILLS[:5]), min_size=1, max_size=3), min_size=2, max_size=4),
    picks=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from([1.0, 1.004, 1.006, 2.0]), st.sampled_from([1.0, 2.0])),
        min_size=15,
        max_size=20,
    ),
    size=st.integers(1, 3),
    budget=st.none() | st.sampled_from([2.0, 3.01, 4.0]),
    months=st.none() | st.sampled_from([2.0, 3.0]),
)
def test_matches_brute_force_on_near_duplicates(base, picks, size, budget, months):
    candidates = [
        Candidate(f"p{n:02d}" if n % 2 else f"q{n:02d}", base[b % len(base)], cost, time)
        for n, (b, cost, time) in enumerate(picks)
    ]
    check(candidates, frozenset(SKILLS[:5]), size, budget, months)


def wide_and_narrow(wide_cost):
    wide = [Candidate(f"wide-{n:02d}", frozenset({"a", "b"}), wide_cost, 1.0) for n in range(14)]
    narrow = [
        Candidate("only-a", frozenset({"a"}), 1.0, 1.0),
        Candidate("only-b", frozenset({"b"}), 1.0, 1.0),
    ]
    return [*wide, *narrow]


def test_two_cheap_programs_beat_one_dear_one():
    found = best_stack(wide_and_narrow(60.0), frozenset({"a", "b"}))
    assert found is not None
    assert found.ids == ("only-a", "only-b")
    assert found.cost == 2.0
    assert found.months == 2.0
    assert found.missing == frozenset()


def test_a_tight_budget_still_finds_the_cheap_pair():
    found = best_stack(wide_and_narrow(1000.0), frozenset({"a", "b"}), budget=10)
    assert found is not None
    assert found.ids == ("only-a", "only-b")
    assert found.cost == 2.0


def test_one_program_when_it_is_as_cheap():
    # Same coverage and cost: the quicker stack wins, then the smaller one.
    candidates = [*wide_and_narrow(2.0), Candidate("fast", frozenset({"a", "b"}), 2.0, 0.5)]
    found = best_stack(candidates, frozenset({"a", "b"}))
    assert found is not None
    assert found.ids == ("fast",)
    found = best_stack(wide_and_narrow(2.0), frozenset({"a", "b"}))
    assert found is not None
    assert found.ids == ("wide-00",)  # 2.0 and 1 month against 2.0 and 2 months


def test_nothing_fits():
    candidates = wide_and_narrow(60.0)
    assert best_stack(candidates, frozenset({"a", "b"}), budget=0.5) is None
    assert best_stack(candidates, frozenset({"a", "b"}), max_months=0.5) is None
    assert best_stack(candidates, frozenset({"z"})) is None
    assert best_stack(candidates, frozenset()) is None
    assert best_stack(candidates, frozenset({"a"}), max_size=0) is None
    assert best_stack([], frozenset({"a"})) is None


def test_partial_cover_within_budget():
    found = best_stack(wide_and_narrow(60.0), frozenset({"a", "b", "c"}), budget=1.0)
    assert found is not None
    assert found.ids == ("only-a",)
    assert found.missing == frozenset({"b", "c"})


def test_negative_costs_are_refused():
    with pytest.raises(ValueError, match="non-negative"):
        best_stack([Candidate("x", frozenset({"a"}), -1.0, 1.0)], frozenset({"a"}))
    with pytest.raises(ValueError, match="non-negative"):
        best_stack([Candidate("x", frozenset({"a"}), float("nan"), 1.0)], frozenset({"a"}))


def test_large_pool_is_exact_where_the_answer_is_known():
    # 3,000 programs teaching 4 of 20 skills at 100 or more, and five that split the goal at 10:
    # only the five cover it all within 5 programs at that price.
    skills = [f"s{n:02d}" for n in range(20)]
    candidates = [
        Candidate(
            f"big-{n:04d}", frozenset(skills[(n * 7 + k * 3) % 20] for k in range(4)), 100.0 + n % 50, 3.0
        )
        for n in range(3000)
    ]
    candidates += [Candidate(f"part-{n}", frozenset(skills[4 * n : 4 * n + 4]), 10.0, 1.0) for n in range(5)]
    found = best_stack(candidates, frozenset(skills), max_size=5)
    assert found is not None
    assert found.ids == tuple(f"part-{n}" for n in range(5))
    assert found.cost == 50.0
    assert found.missing == frozenset()


def test_many_ties_are_settled_by_the_ids():
    # 12 skills, two programs for each of 220 triples of them, all at the same cost and months:
    # every cover is 4 disjoint triples (15,400 partitions, each with 16 choices of copies),
    # equal but for the ids. The first ids: per partition, the smaller id of each triple.
    rng = random.Random(5)
    skills = [f"k{n:02d}" for n in range(12)]
    triples = list(combinations(skills, 3))
    names = rng.sample(range(100_000), 2 * len(triples))
    candidates = []
    for n, triple in enumerate(triples):
        for copy in range(2):
            candidates.append(Candidate(f"id{names[2 * n + copy]}", frozenset(triple), 5.0, 1.0))
    smaller = {}
    for c in candidates:
        smaller[c.skills] = min(smaller.get(c.skills, c.id), c.id)

    def partitions(left):
        if not left:
            yield []
            return
        first, rest = left[0], left[1:]
        for pair in combinations(rest, 2):
            block = frozenset((first, *pair))
            for more in partitions([s for s in rest if s not in pair]):
                yield [block, *more]

    expected = min(tuple(sorted(smaller[b] for b in blocks)) for blocks in partitions(skills))
    found = best_stack(candidates, frozenset(skills), max_size=5)
    assert found is not None
    assert found.ids == expected
    assert (found.cost, found.months, found.missing) == (20.0, 4.0, frozenset())
