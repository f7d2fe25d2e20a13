"""Pairwise comparisons of single responses: the NLHF preference matrix and Condorcet winners."""

from __future__ import annotations

from fractions import Fraction

from ualign.model.profile import Profile

__all__ = ["pairwise_matrix", "condorcet_winner", "weak_condorcet_winners", "condorcet_margin"]

HALF = Fraction(1, 2)


def pairwise_matrix(profile: Profile) -> list[list[Fraction]]:
    """Exact ``P[y][z]``: the weight of users preferring ``y`` to ``z``, plus half the tied weight.

    This is the payoff matrix of the symmetric zero-sum NLHF game; ``P[y][z] + P[z][y] = 1``.

    >>> from ualign.model.profile import Profile
    >>> pairwise_matrix(Profile.of([(0, 1, 2), ((1, 2), 0)]))[1][2]
    Fraction(3, 4)
    """
    n = profile.n
    P = [[HALF] * n for _ in range(n)]
    for y in range(n):
        for z in range(y + 1, n):
            wins = HALF * sum((w for r, w in zip(profile.ranks, profile.weights) if r[y] == r[z]),
                              Fraction(0))
            wins += sum((w for r, w in zip(profile.ranks, profile.weights) if r[y] < r[z]),
                        Fraction(0))
            P[y][z], P[z][y] = wins, 1 - wins
    return P


def condorcet_winner(profile: Profile) -> int | None:
    """The response ``y`` with ``P[y][z] > 1/2`` for every other ``z``, or None.

    >>> from ualign.model.profile import Profile
    >>> condorcet_winner(Profile.of([(0, 1, 2), (1, 0, 2), (0, 2, 1)]))
    0
    >>> condorcet_winner(Profile.of([(0, 1, 2), (1, 2, 0), (2, 0, 1)])) is None
    True
    """
    P = pairwise_matrix(profile)
    for y in range(profile.n):
        if all(P[y][z] > HALF for z in range(profile.n) if z != y):
            return y
    return None


def weak_condorcet_winners(profile: Profile) -> list[int]:
    """Responses that no other response beats with P > 1/2."""
    P = pairwise_matrix(profile)
    return [y for y in range(profile.n) if all(P[y][z] >= HALF for z in range(profile.n))]


def condorcet_margin(profile: Profile) -> Fraction | None:
    """``min_z P[w][z] - 1/2`` for the Condorcet winner ``w``, or None when there is none.

    When the NLHF solution collapses to ``w``, its product policy wins exactly
    ``1/2 + margin`` against the best single-output competitor, for every ``k``.
    """
    w = condorcet_winner(profile)
    if w is None:
        return None
    P = pairwise_matrix(profile)
    return min(P[w][z] for z in range(profile.n) if z != w) - HALF
