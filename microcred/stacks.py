"""The best set of programs for a goal: an exact search, not a greedy guess.

"Best" is the order of `stack_key`: more goal skills covered, then cheaper, then quicker, then
fewer programs, then the ids. `best_stack` returns the first stack in that order among ALL sets
of at most `max_size` candidates within the budget and the months. Method: branch and bound.

1. Filter. A candidate that teaches none of the goal, or alone exceeds the budget or the
   months, is in no feasible useful stack (costs and months are non-negative: adding a program
   never lowers either). A goal skill no candidate teaches is left out.
2. Dominance. Candidate X is dropped when some Y, earlier in the order (cost, months, id, more
   skills), teaches every goal skill X teaches, costs no more, takes no longer (or there is no
   month limit and Y is at least a cent cheaper) and wins the tie-breaks for sure: Y's id sorts
   no later, or Y is at least a cent cheaper, or a thousandth of a month quicker. Putting Y in
   X's place (or dropping X if Y is there already) keeps a stack feasible and its key no worse:
   cost and months do not grow and, where `stack_key` rounds them to the same values, the
   sorted ids do not grow either. Each swap moves to an earlier candidate, so swaps end: an
   optimal stack of kept candidates exists. A candidate checks at most `_DOMINANCE_PROBES`
   possible dominators (keeping one that could go only costs time).
3. Search. Sets of candidates are Python ints (bit i: the i-th kept candidate, by cost). A node
   takes the open goal skill the fewest allowed candidates teach and branches: one of them is in
   the stack (each in turn, cheapest first, those tried then forbidden), or none is (all
   forbidden, the skill given up); every set is reached once. A node is cut when no extension
   can come before the best found, from these bounds: how many more candidates fit the budget
   and months (the cheapest and quickest left); how many skills they can add (the largest counts
   of open skills taught, counted for all candidates at once with bit-sliced adders, and what
   the budget left buys at the prices below); the cost of covering enough open skills (the
   dearest of their cheapest teachers plus the cheapest other candidates, and an LP-dual bound:
   each skill priced at the least cost per open skill of a teacher, x skills cost at least the
   x lowest prices); when the cost can only tie, the like bounds on the months; and the size.
   The last program is picked directly among the candidates teaching the most open skills,
   cheapest first. Two greedy stacks give a first best. When the greedy coverage is the most
   possible (or a budget caps the cost), the search first runs against a stand-in best at a
   guessed cost, from the LP bound up, until a real stack beats one: that one is the best
   (nothing cut could come before it), and such runs cut far more than one against a poor best.
4. Ties. Stacks equal on coverage, rounded cost and months and size are compared on their ids
   as the search meets them. If that happens more than `_TIES` times, the search starts again
   cutting such ties, which gives the best value, then finds the first ids among stacks of that
   value depth first over the candidates that can be in one, in id order (so the first found is
   the one; a branch ends when too few skills are left to cover in the programs left, when it
   costs or takes too much, or once past the ids of the stack already found).

Cost: filtering is linear; dominance is O(n x (goal skills + `_DOMINANCE_PROBES`)) operations
on n-bit ints. The search is exponential in the worst case (maximum coverage under a budget is
NP-hard): O(n ** max_size) sets when nothing can be cut. The bounds are weakest when every cover
costs about the same, e.g. costs proportional to the number of goal skills a program teaches
plus a little noise: 3,000 such candidates, a goal of 20 skills and 5 programs take about a
second. On catalogue-like pools (thousands of programs, goals of up to ~20 skills, up to 5
programs) it takes milliseconds to tens of milliseconds.

Costs are compared as `stack_key` compares them (cents; months in thousandths); a stack's sums
are recomputed in the candidates' input order, as `make_stack` adds them, before it is kept, and
the budget allows the same half-cent slack as before. Costs and months must be finite and
non-negative.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

# How many possible dominators a candidate checks before it is kept anyway.
_DOMINANCE_PROBES = 24
# How many branches that can only tie with the best but for the ids the search follows before
# it starts again, cutting them, to settle the ids in a search of their own.
_TIES = 2000


class _TooManyTies(Exception):
    pass


Key = tuple[int, float, float, int, tuple[str, ...]]


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
) -> Stack | None:
    """The best set of at most `max_size` candidates within budget and time, or None.

    Exact over every candidate for `stack_key`'s order; a stack covers at least one goal skill.
    Costs and months must be finite and non-negative (ValueError otherwise).
    """
    for c in candidates:
        if not (0 <= c.cost < math.inf and 0 <= c.months < math.inf):  # also refuses NaN
            raise ValueError(f"{c.id}: a stack needs finite, non-negative costs and months")
    if max_size < 1 or not goal:
        return None
    cost_cap = math.inf if budget is None else budget + 0.005
    months_cap = math.inf if max_months is None else max_months + 1e-9
    useful = [
        (pos, c, c.skills & goal)
        for pos, c in enumerate(candidates)
        if c.cost <= cost_cap and c.months <= months_cap and not c.skills.isdisjoint(goal)
    ]
    if not useful:
        return None
    bit = {s: b for b, s in enumerate(sorted(frozenset().union(*(u[2] for u in useful))))}
    rows = []
    for pos, c, skills in useful:
        mask = 0
        for s in skills:
            mask |= 1 << bit[s]
        rows.append((c.cost, c.months, c.id, -len(skills), pos, mask))
    rows.sort()
    # Room for the float error of any sum of at most max_size costs (or months).
    slack = 1e-9 + 1e-12 * max_size * rows[-1][0]
    slack_months = 1e-9 + 1e-12 * max_size * max(r[1] for r in rows)
    kept = _undominated(rows, len(bit), max_months is not None, 1e-6 + slack)
    search = _Search(kept, candidates, len(bit), max_size, (cost_cap, slack), (months_cap, slack_months))
    best = search.run()
    if best is None:
        return None
    return make_stack([candidates[search.pos[i]] for i in best], goal)


def _undominated(
    rows: list[tuple[float, float, str, int, int, int]], nbits: int, limited_months: bool, sure: float
) -> list[tuple[float, float, str, int, int]]:
    """The rows (sorted by cost, months, id, more skills) that no earlier row dominates.

    `sure`: a difference this far past a rounding step survives the float error of the sums.
    """
    cover = [0] * nbits  # over row indices: the rows teaching skill e
    for r, row in enumerate(rows):
        m = row[5]
        while m:
            low = m & -m
            cover[low.bit_length() - 1] |= 1 << r
            m ^= low
    kept = []
    for r, (cost, months, id_, _, pos, mask) in enumerate(rows):
        above = (1 << r) - 1  # the earlier rows, then those teaching all of this row's skills
        m = mask
        while m and above:
            low = m & -m
            above &= cover[low.bit_length() - 1]
            m ^= low
        dominated = False
        for _ in range(_DOMINANCE_PROBES):
            if not above:
                break
            low = above & -above
            above ^= low
            y_cost, y_months, y_id = rows[low.bit_length() - 1][:3]
            cent_cheaper = y_cost <= cost - 0.01 - sure
            if y_months <= months:
                if y_id <= id_ or cent_cheaper or y_months <= months - 0.001 - sure:
                    dominated = True
                    break
            elif cent_cheaper and not limited_months:
                dominated = True
                break
        if not dominated:
            kept.append((cost, months, id_, pos, mask))
    return kept


class _Search:
    """Branch and bound over the kept candidates (indices sorted by cost, then months, then id)."""

    def __init__(
        self,
        kept: list[tuple[float, float, str, int, int]],  # cost, months, id, input position, mask
        originals: Sequence[Candidate],
        nbits: int,
        max_size: int,
        cost_cap: tuple[float, float],  # the cap (inf: none), and the float slack of a sum
        months_cap: tuple[float, float],
    ) -> None:
        self.originals = originals
        self.cost = [k[0] for k in kept]
        self.months = [k[1] for k in kept]
        self.ids = [k[2] for k in kept]
        self.pos = [k[3] for k in kept]
        self.mask = [k[4] for k in kept]
        self.nbits = nbits
        self.max_size = max_size
        self.cost_cap, self.slack = cost_cap
        self.months_cap, self.slack_months = months_cap
        # Partial sums above these break the budget or the months for sure.
        self.over_cost = self.cost_cap + self.slack
        self.over_months = self.months_cap + self.slack_months
        self.cover = [0] * nbits  # the candidates that teach skill e
        for i, mask in enumerate(self.mask):
            m = mask
            while m:
                low = m & -m
                self.cover[low.bit_length() - 1] |= 1 << i
                m ^= low
        # Rungs of months, quickest first: (a lower bound on the months of every candidate on
        # this rung and not the one below, the candidates taking no longer than the rung's).
        values = sorted(set(self.months))
        exact = len(values) <= 64
        if not exact:
            values = sorted({values[j * len(values) // 64] for j in range(64)} | {values[-1]})
        by_months = sorted(range(len(kept)), key=self.months.__getitem__)
        self.ladder: list[tuple[float, int]] = []
        members, n = 0, 0
        for k, value in enumerate(values):
            while n < len(by_months) and self.months[by_months[n]] <= value:
                members |= 1 << by_months[n]
                n += 1
            self.ladder.append((value if exact or k == 0 else values[k - 1], members))
        self.best: tuple[int, ...] | None = None
        self.best_key: Key | None = None
        self.keep(None, (0, math.inf, math.inf, max_size + 1, ()))
        self.settle_ties = False  # whether to cut ties on all but the ids (see run)
        self.ties = 0

    def run(self) -> tuple[int, ...] | None:
        """The kept candidates (by index) of the best stack, or None."""
        self.greedy(per_cost=False)
        self.greedy(per_cost=True)
        if self.best is None:
            return None  # not one candidate fits
        first, first_key = self.best, self.best_key
        try:
            self.best_value()  # ties on all but the ids explored, compared on the ids
        except _TooManyTies:
            self.keep(first, first_key)
            self.settle_ties = True
            self.best_value()  # ties cut
            self.smallest_ids()
        return self.best

    def best_value(self) -> None:
        """Make the best stack found the best (or, when ties are settled apart, one of the best
        coverage, rounded cost and months, and size)."""
        everyone, goal = (1 << len(self.mask)) - 1, (1 << self.nbits) - 1
        sizes = sorted((m.bit_count() for m in self.mask), reverse=True)
        most = min(self.nbits, sum(sizes[: self.max_size]))  # no stack covers more
        if self.best_cover == most:
            dearest = self.best_cost  # the greedy stacks can cost far more than the best
        elif self.cost_cap < math.inf:
            dearest = self.cost_cap  # a stack covering `most` may exist within the budget
        else:
            dearest = 0.0  # no first searches
        found, found_key = self.best, self.best_key
        floor = self.cover_floor(most)
        for step in range(1, 9):
            guess = round(max(floor * 1.1**step, floor + (dearest - floor) * step / 8), 2)
            if guess >= dearest:
                break
            # A stand-in best covering `most` at `guess`, after any real stack that equals it.
            self.keep(None, (-most, guess, math.inf, self.max_size + 1, ()))
            self.search([], 0, 0.0, 0.0, everyone, goal, self.max_size)
            if self.best is not None:
                return
        self.keep(found, found_key)
        self.search([], 0, 0.0, 0.0, everyone, goal, self.max_size)

    def smallest_ids(self) -> None:
        """Among the stacks of the best's value, find the one whose sorted ids come first.

        Depth first over the candidates in id order, each stack's members in that order, so the
        first stack found is the one; only candidates that can be in a stack of that value
        (alone no dearer or slower than the value leaves room for) take part, and a branch ends
        when it cannot cover enough skills in the programs left, or goes past the best's ids.
        """
        key = self.best_key
        assert key is not None and self.best is not None
        size = self.best_len
        dear = self.dearer - (size - 1) * self.cost[0]
        slow = self.slower - (size - 1) * min(self.months)
        pool = sorted(
            (i for i in range(len(self.mask)) if self.cost[i] <= dear and self.months[i] <= slow),
            key=lambda i: (self.ids[i], i),
        )
        cover = [0] * self.nbits  # over positions in `pool`
        for p, i in enumerate(pool):
            m = self.mask[i]
            while m:
                low = m & -m
                cover[low.bit_length() - 1] |= 1 << p
                m ^= low
        # From each position on, the least cost and months of one of the candidates there.
        least_cost = [math.inf] * (len(pool) + 1)
        least_months = [math.inf] * (len(pool) + 1)
        for p in range(len(pool) - 1, -1, -1):
            least_cost[p] = min(least_cost[p + 1], self.cost[pool[p]])
            least_months[p] = min(least_months[p + 1], self.months[pool[p]])
        first = sorted(self.ids[i] for i in self.best)  # the ids to beat
        skills = self.best_cover
        chosen: list[int] = []

        def extend(start: int, covered: int, cost: float, months: float, level: bool) -> bool:
            """Whether a stack of the best's value extends `chosen` with candidates from
            `start` on (`level`: the ids so far are those of the best found so far)."""
            slots = size - len(chosen)
            if cost + slots * least_cost[start] > self.dearer:
                return False
            if months + slots * least_months[start] > self.slower:
                return False
            allowed = ~((1 << start) - 1)
            planes, reachable = _counts(cover, ((1 << self.nbits) - 1) & ~covered, allowed)
            if not reachable:
                return False
            need = skills - covered.bit_count()
            gains: list[int] = []
            more, t = 0, _largest(planes, reachable)
            while len(gains) < slots and t > 0:
                at_least = _at_least(planes, t, reachable)
                gains += [t] * min(at_least.bit_count() - more, slots - len(gains))
                more = at_least.bit_count()
                t -= 1
            if len(gains) < slots or sum(gains) < need:
                return False  # every member teaches something the others do not
            least = need - sum(gains[: slots - 1])  # a candidate teaching fewer cannot be in
            rest = _at_least(planes, max(least, 1), reachable)
            while rest:
                low = rest & -rest
                rest ^= low
                p = low.bit_length() - 1
                i = pool[p]
                if level and self.ids[i] > first[len(chosen)]:
                    return False  # the rest come after the best found
                c, m = cost + self.cost[i], months + self.months[i]
                now = covered | self.mask[i]
                chosen.append(i)
                if slots == 1:
                    if now.bit_count() >= skills:
                        before = self.best_key
                        self.offer(chosen, now)
                        if self.best_key is not before:
                            return True
                elif extend(p + 1, now, c, m, level and self.ids[i] == first[len(chosen) - 1]):
                    return True
                chosen.pop()
            return False

        extend(0, 0, 0.0, 0.0, True)

    # -- keeping the best ---------------------------------------------------------------------

    def keep(self, best: tuple[int, ...] | None, key: Key | None) -> None:
        assert key is not None
        self.best, self.best_key = best, key
        self.best_cover, self.best_cost, self.best_months, self.best_len = -key[0], key[1], key[2], key[3]
        # A stack (or its extensions) costing more than `dearer` rounds to a higher cost than the
        # best; costing more than `as_dear`, to no lower one. Likewise for the months.
        self.dearer = self.best_cost + 0.005 + self.slack
        self.as_dear = self.best_cost - 0.005 + self.slack
        self.slower = self.best_months + 0.0005 + self.slack_months
        self.as_slow = self.best_months - 0.0005 + self.slack_months

    def offer(self, chosen: list[int], covered: int) -> None:
        """Make `chosen` the best if it is feasible and better (exact sums, in input order)."""
        n = covered.bit_count()
        if n < self.best_cover:
            return
        order = sorted(chosen, key=self.pos.__getitem__)
        cost = sum(self.originals[self.pos[i]].cost for i in order)
        months = sum(self.originals[self.pos[i]].months for i in order)
        if cost > self.cost_cap or months > self.months_cap:
            return
        key = (-n, round(cost, 2), round(months, 3), len(order), tuple(sorted(self.ids[i] for i in order)))
        if self.best_key is None or key < self.best_key:
            self.keep(tuple(order), key)

    def behind(self, cost: float, months: float, size: int) -> bool:
        """Whether every stack costing at least `cost`, taking at least `months` and of at least
        `size` programs, covering no more skills than the best, comes after it."""
        if cost > self.dearer:
            return True
        if cost <= self.as_dear:
            return False  # might round to a lower cost
        if months > self.slower:
            return True
        if months <= self.as_slow:
            return False
        if size != self.best_len or self.settle_ties:
            return size >= self.best_len  # ties on all but the ids then go to smallest_ids
        self.ties += 1  # only the ids can tell: search on, unless that happens too often
        if self.ties > _TIES:
            raise _TooManyTies
        return False

    # -- first bests and bounds ---------------------------------------------------------------

    def greedy(self, per_cost: bool) -> None:
        """Offer each step of a greedy stack within budget and months: the most new goal skills
        first, or the most per unit of cost; the cheaper first among equals."""
        chosen: list[int] = []
        covered, cost, months = 0, 0.0, 0.0
        for _ in range(self.max_size):
            pick, pick_score = -1, (0.0, 0)
            for i, mask in enumerate(self.mask):
                gain = (mask & ~covered).bit_count()
                if not gain or i in chosen:
                    continue
                price = self.cost[i]
                score = (gain / price if price else math.inf, gain) if per_cost else (float(gain), 0)
                if (
                    score > pick_score
                    and cost + price <= self.over_cost
                    and months + self.months[i] <= self.over_months
                ):
                    pick, pick_score = i, score
            if pick < 0:
                return
            chosen.append(pick)
            covered |= self.mask[pick]
            cost += self.cost[pick]
            months += self.months[pick]
            self.offer(chosen, covered)

    def cover_floor(self, skills: int) -> float:
        """A lower bound on the cost of any stack covering this many goal skills (as `prices`)."""
        prices = [math.inf] * self.nbits
        for i, mask in enumerate(self.mask):
            price = self.cost[i] / mask.bit_count()
            m = mask
            while m:
                low = m & -m
                m ^= low
                e = low.bit_length() - 1
                prices[e] = min(prices[e], price)
        return sum(sorted(prices)[:skills])

    def prices(self, planes: list[int], top: int, reachable: int, teaching: list[int]) -> list[float]:
        """Lower bounds on what covering each open skill costs, lowest first: the least cost per
        open skill taught among the candidates teaching it. A candidate costs at least the
        prices of the open skills it teaches, so covering any x of them costs at least the x
        lowest prices (a solution of the dual of the covering LP)."""
        costs = self.cost
        exact = []  # (t, the reachable candidates teaching exactly t open skills)
        above = 0
        for t in range(top, 0, -1):
            at_least = _at_least(planes, t, reachable)
            if at_least != above:
                exact.append((t, at_least & ~above))
            above = at_least
        least = costs[(reachable & -reachable).bit_length() - 1]
        prices = []
        for teach in teaching:
            price = math.inf
            for t, group in exact:
                if least >= price * t:
                    break  # fewer skills each, no candidate is cheaper than `least`
                those = teach & group
                if those:
                    price = min(price, costs[(those & -those).bit_length() - 1] / t)
            prices.append(price)
        prices.sort()
        return prices

    def quickest(self, among: int) -> float:
        """A lower bound on the months of the quickest candidate in `among` (inf if empty)."""
        if not among:
            return math.inf
        ladder = self.ladder
        low, high = 0, len(ladder) - 1  # the first rung holding one of them is in [low, high]
        while low < high:
            mid = (low + high) // 2
            if among & ladder[mid][1]:
                high = mid
            else:
                low = mid + 1
        return ladder[low][0]

    # -- the search ---------------------------------------------------------------------------

    def search(
        self,
        chosen: list[int],
        covered: int,
        cost: float,
        months: float,
        allowed: int,
        open_: int,  # goal skills neither covered nor given up
        slots: int,
    ) -> None:
        """Offer every stack extending `chosen` by at most `slots` allowed candidates that could
        beat the best (`chosen` itself excepted)."""
        if slots == 1:
            self.last(chosen, covered, cost, months, allowed, open_)
            return
        # The open skills some allowed candidate still teaches: how many, the rarest, the least
        # a candidate teaching each costs, and (bit-sliced, over the candidates) how many each
        # candidate teaches.
        cover, costs, masks = self.cover, self.cost, self.mask
        planes: list[int] = []
        reachable = 0  # allowed candidates teaching an open skill
        n_open = 0
        branch, branch_count = 0, 0
        cheapest: list[tuple[float, int]] = []  # (least cost of a teacher, skill's bit)
        teaching: list[int] = []  # the allowed candidates teaching each of those skills
        rest = open_
        while rest:
            low = rest & -rest
            rest ^= low
            teach = cover[low.bit_length() - 1] & allowed
            if not teach:
                continue
            n_open += 1
            reachable |= teach
            teaching.append(teach)
            cheapest.append((costs[(teach & -teach).bit_length() - 1], low))
            count = teach.bit_count()
            if not branch or count < branch_count:
                branch, branch_count = low, count
            _add_one(planes, teach)
        if not branch:
            return
        # How many more candidates fit in the budget and the months: the cheapest (quickest)
        # reachable ones cost (take) the least.
        cheaper = [0.0]  # the least that 0, 1, ... more reachable candidates cost together
        rest = reachable
        while rest and len(cheaper) <= slots:
            low = rest & -rest
            rest ^= low
            cheaper.append(cheaper[-1] + costs[low.bit_length() - 1])
        fit = len(cheaper) - 1
        while fit and cost + cheaper[fit] > self.over_cost:
            fit -= 1
        if self.months_cap < math.inf:
            quickest = self.quickest(reachable)
            while fit and months + fit * quickest > self.over_months:
                fit -= 1
        if not fit:
            return
        # The most new skills `fit` more candidates can teach, overlaps ignored.
        top = _largest(planes, reachable)
        gains: list[int] = []
        more, t = 0, top
        while len(gains) < fit and t > 0:
            at_least = _at_least(planes, t, reachable)
            gains += [t] * min(at_least.bit_count() - more, fit - len(gains))
            more = at_least.bit_count()
            t -= 1
        n_cov = covered.bit_count()
        bound = n_cov + min(n_open, sum(gains))
        if bound < self.best_cover:
            return
        prices: list[float] = []
        if self.cost_cap < math.inf:
            # The budget left buys at most `afford` more skills at their prices.
            prices = self.prices(planes, top, reachable, teaching)
            room, afford = self.over_cost - cost, 0
            for price in prices:
                room -= price
                if room < 0:
                    break
                afford += 1
            bound = min(bound, n_cov + afford)
            if bound < self.best_cover:
                return
        need = max(self.best_cover - n_cov, 0)  # more skills to tie the best
        tight = bound == self.best_cover  # then need >= 1
        cheapest.sort(reverse=True)
        if tight:
            # At most `n_open - need` open skills stay uncovered: one of the dearest
            # `n_open - need + 1` to cover is covered, and it takes `fewest` more candidates;
            # and covering `need` skills costs at least their prices.
            if not prices:
                prices = self.prices(planes, top, reachable, teaching)
            fewest, taught = 0, 0
            while taught < need:
                taught += gains[fewest]
                fewest += 1
            lower = cost + max(cheapest[n_open - need][0] + cheaper[fewest - 1], sum(prices[:need]))
            if self.behind(lower, months, len(chosen) + fewest):
                return
            if lower > self.as_dear:
                # No cheaper stack this way, only a quicker one: a candidate dearer than the
                # best's cost leaves room for is out, and each of `fewest` more takes at least
                # the months of the quickest left.
                allowed &= (1 << bisect_right(costs, self.dearer - cost)) - 1
                quickest = self.quickest(allowed & reachable)
                if self.behind(lower, months + fewest * quickest, len(chosen) + fewest):
                    return
                # And one of the `n_open - need + 1` slowest to cover is covered.
                slowest = sorted((self.quickest(teach & allowed) for teach in teaching), reverse=True)
                extra = slowest[n_open - need] + (fewest - 1) * quickest
                if self.behind(lower, months + extra, len(chosen) + fewest):
                    return

        # A candidate teaching fewer than `least` open skills cannot be in a stack that ties.
        later = sum(gains[: fit - 1])  # the most the programs after the next can add
        least = need - later
        if least > 1:
            allowed &= _at_least(planes, least, reachable)
        # What completing a stack after any one more candidate costs at least, when tying.
        after = 0.0
        if tight and need > top:
            after = sum(prices[: need - top])
            if n_open - need + top < len(cheapest):
                after = max(after, cheapest[n_open - need + top][0])

        # Some allowed candidate teaching `branch` is in the stack (each in turn, cheapest
        # first), or none is.
        teach = cover[branch.bit_length() - 1] & allowed
        rest = teach
        while rest:
            low = rest & -rest
            rest ^= low
            allowed &= ~low
            i = low.bit_length() - 1
            c = cost + costs[i]
            if c > self.over_cost:
                break
            m = months + self.months[i]
            if m > self.over_months:
                continue
            if bound < self.best_cover:
                return
            if bound == self.best_cover:
                if c + after > self.dearer:
                    break  # the rest cost more
                if self.behind(c, m, len(chosen) + 1):
                    continue
            gain = (masks[i] & open_).bit_count()
            if n_cov + gain + min(n_open - gain, later) < self.best_cover:
                continue
            still = self.best_cover - n_cov - gain  # more skills to tie the best after i
            if bound == self.best_cover and still > 0:
                # As above, for the stacks with i: what covering the rest costs at least.
                lower, skip = 0.0, n_open - self.best_cover + n_cov
                for price, skill in cheapest:
                    if not skill & masks[i]:
                        if not skip:
                            lower = price
                            break
                        skip -= 1
                fewest, taught = 1, gains[0]
                while taught < still and fewest < len(cheaper):
                    taught += gains[fewest] if fewest < len(gains) else 0
                    fewest += 1
                lower += cheaper[fewest - 1]
                if prices:
                    lower = max(lower, sum(prices[:still]))
                if self.behind(c + lower, m, len(chosen) + 2):
                    continue
            now = covered | masks[i]
            chosen.append(i)
            self.offer(chosen, now)
            below = allowed
            if bound == self.best_cover:  # a dearer candidate would take the cost past the best
                below &= (1 << bisect_right(costs, self.dearer - c)) - 1
            self.search(chosen, now, c, m, below, open_ & ~now, slots - 1)
            chosen.pop()
        if n_cov + min(n_open - 1, sum(gains)) >= self.best_cover:  # giving `branch` up
            self.search(chosen, covered, cost, months, allowed & ~teach, open_ & ~branch, slots)

    def last(
        self, chosen: list[int], covered: int, cost: float, months: float, allowed: int, open_: int
    ) -> None:
        """Offer the best stack extending `chosen` by one allowed candidate, if it beats the best:
        among those teaching the most open skills, then fewer, each group cheapest first."""
        cover, costs = self.cover, self.cost
        planes, reachable = _counts(cover, open_, allowed)
        n_cov = covered.bit_count()
        done = 0
        t = _largest(planes, reachable)
        while t > 0 and n_cov + t >= self.best_cover:
            group = _at_least(planes, t, reachable) & ~done
            done |= group
            while group:
                low = group & -group
                group ^= low
                i = low.bit_length() - 1
                c = cost + costs[i]
                if c > self.over_cost:
                    break
                m = months + self.months[i]
                if m > self.over_months:
                    continue
                if n_cov + t == self.best_cover:
                    if c > self.dearer:
                        break  # the rest of the group cost more
                    if self.behind(c, m, len(chosen) + 1):
                        continue
                chosen.append(i)
                self.offer(chosen, covered | self.mask[i])
                chosen.pop()
            t -= 1


def _add_one(planes: list[int], teach: int) -> None:
    """Add one to the count of each candidate in `teach`: the counts are bit-sliced, plane j
    holding bit j of every candidate's count (a ripple-carry adder over all at once)."""
    for j, plane in enumerate(planes):
        planes[j] = plane ^ teach
        teach &= plane
        if not teach:
            return
    planes.append(teach)


def _counts(cover: Sequence[int], skills: int, allowed: int) -> tuple[list[int], int]:
    """(bit-sliced counts of the `skills` each `allowed` candidate teaches, the candidates that
    teach any of them)."""
    planes: list[int] = []
    reachable = 0
    while skills:
        low = skills & -skills
        skills ^= low
        teach = cover[low.bit_length() - 1] & allowed
        if teach:
            reachable |= teach
            _add_one(planes, teach)
    return planes, reachable


def _largest(planes: list[int], among: int) -> int:
    """The largest of the bit-sliced counts of the candidates in `among` (not empty)."""
    value = 0
    for j in range(len(planes) - 1, -1, -1):
        if among & planes[j]:
            among &= planes[j]
            value |= 1 << j
    return value


def _at_least(planes: list[int], t: int, among: int) -> int:
    """The candidates in `among` whose bit-sliced count is at least t."""
    if t >> len(planes):
        return 0
    above, equal = 0, among
    for j in range(len(planes) - 1, -1, -1):
        if t >> j & 1:
            equal &= planes[j]
        else:
            above |= equal & planes[j]
            equal &= ~planes[j]
    return above | equal
