"""The best set of programs for a goal: an exact search, not a greedy guess.

The candidates are first shortlisted (a program that covers none of the goal's skills cannot
help), then every combination of up to `max_size` of them is tried. With a shortlist of 14 and
sets of 3 that is 469 sets: exact and instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

SHORTLIST = 14


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    skills: frozenset[str]
    cost: float  # in one currency, at the learner's pace
    months: float


@dataclass(frozen=True, slots=True)
class Stack:
    ids: tuple[str, ...]
    covered: frozenset[str]
    missing: frozenset[str]
    cost: float
    months: float


def stack_key(stack: Stack) -> tuple[int, float, float, int, tuple[str, ...]]:
    """Better first: more goal skills covered, then cheaper, then quicker, then fewer programs."""
    return (-len(stack.covered), round(stack.cost, 2), round(stack.months, 3), len(stack.ids), stack.ids)


def make_stack(chosen: Sequence[Candidate], goal: frozenset[str]) -> Stack:
    covered = frozenset().union(*(c.skills for c in chosen)) & goal if chosen else frozenset()
    return Stack(
        ids=tuple(sorted(c.id for c in chosen)),
        covered=covered,
        missing=goal - covered,
        cost=sum(c.cost for c in chosen),
        months=sum(c.months for c in chosen),
    )


def best_stack(
    candidates: Sequence[Candidate],
    goal: frozenset[str],
    max_size: int = 3,
    budget: float | None = None,
    max_months: float | None = None,
    shortlist: int = SHORTLIST,
) -> Stack | None:
    """The best set of at most `max_size` candidates within budget and time, or None."""
    useful = [c for c in candidates if c.skills & goal]
    # Shortlist: the most goal skills each, then the cheapest. Ties broken by id for stability.
    useful.sort(key=lambda c: (-len(c.skills & goal), c.cost, c.months, c.id))
    useful = useful[:shortlist]
    best: Stack | None = None
    for size in range(1, max_size + 1):
        for chosen in combinations(useful, size):
            stack = make_stack(chosen, goal)
            if budget is not None and stack.cost > budget + 0.005:
                continue
            if max_months is not None and stack.months > max_months + 1e-9:
                continue
            if best is None or stack_key(stack) < stack_key(best):
                best = stack
    return best
