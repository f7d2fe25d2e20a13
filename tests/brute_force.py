"""Independent brute-force win rates: enumerate every ordered tuple of slots and every user.

This deliberately shares no code with ``ualign.game.win_rates``: it never forms multisets or
closed forms, and it applies each tie rule's definition in words, slot by slot.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from math import prod

from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, MixturePolicy, ProductPolicy


def ordered_law(policy) -> list[tuple[tuple[int, ...], Fraction]]:
    """The policy's law over *ordered* tuples of slots (a joint multiset counts as one order)."""
    if isinstance(policy, Lottery):
        policy = ProductPolicy(policy, 1)
    if isinstance(policy, ProductPolicy):
        p = policy.lottery.probs
        return [(t, prod((p[y] for y in t), start=Fraction(1)))
                for t in product(range(policy.n), repeat=policy.k)]
    if isinstance(policy, MixturePolicy):
        return [(t, w * q) for w, lot in policy.components
                for t, q in ordered_law(ProductPolicy(lot, policy.k))]
    if isinstance(policy, JointPolicy):
        return list(policy.support)
    return [(tuple(policy), Fraction(1))] if not isinstance(policy, int) else [((policy,), Fraction(1))]


def user_outcome(ranks, mine, theirs, rule: str) -> Fraction:
    """My share of one user's prize, by the definitions in DEVELOPERS.md."""
    best = min(ranks[y] for y in list(mine) + list(theirs))
    a = sum(1 for y in mine if ranks[y] == best)
    b = sum(1 for y in theirs if ranks[y] == best)
    if rule == "share":  # the user picks uniformly among the top-class slots
        return Fraction(a, a + b)
    if rule == "half":
        return Fraction(1) if b == 0 else Fraction(0) if a == 0 else Fraction(1, 2)
    if rule == "weak":
        return Fraction(1 if a > 0 else 0)
    return Fraction(1 if b == 0 else 0)  # strict


def brute_win_rate(profile, policy, competitor, rule: str = "share") -> Fraction:
    total = Fraction(0)
    for mine, p in ordered_law(policy):
        for theirs, q in ordered_law(competitor):
            for ranks, w in zip(profile.ranks, profile.weights):
                total += p * q * w * user_outcome(ranks, mine, theirs, rule)
    return total
