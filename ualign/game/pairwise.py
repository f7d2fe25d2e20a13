"""Pairwise comparisons of single responses: the NLHF preference matrix and Condorcet winners."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ualign.model.profile import Profile

__all__ = ["pairwise_matrix", "pairwise_counts", "condorcet_winner", "weak_condorcet_winners", "condorcet_margin"]

HALF = Fraction(1, 2)


def pairwise_counts(profile: Profile) -> tuple[list[list[int]], int]:
    """Integers ``C`` and ``D`` with ``P[y][z] = C[y][z] / D`` (see :func:`pairwise_matrix`).

    The weights are integer counts over one common denominator, so the matrix is a sum of
    integers: ``C[y][z]`` is twice the count preferring ``y`` plus the tied count, ``D`` twice
    the total. numpy ``int64`` does the sums when they cannot overflow, Python ints otherwise.

    >>> from ualign.model.profile import Profile
    >>> pairwise_counts(Profile.of([(0, 1, 2), ((1, 2), 0)]))
    ([[2, 2, 2], [2, 2, 3], [2, 1, 2]], 4)
    """
    counts, scale = profile.integer_weights()
    n, total = profile.n, 2 * scale
    ranks = np.array(profile.ranks, dtype=np.int64).reshape(len(counts), n)
    dtype = np.int64 if total < 2 ** 62 else object
    c = np.array(counts, dtype=dtype)
    C = np.empty((n, n), dtype=dtype)
    for y in range(n):
        column = ranks[:, y:y + 1]
        C[y] = c @ (2 * (column < ranks) + (column == ranks)).astype(dtype)
    return [[int(v) for v in row] for row in C], total


def pairwise_matrix(profile: Profile) -> list[list[Fraction]]:
    """Exact ``P[y][z]``: the weight of users preferring ``y`` to ``z``, plus half the tied weight.

    This is the payoff matrix of the symmetric zero-sum NLHF game; ``P[y][z] + P[z][y] = 1``.
    Built from integer counts (:func:`pairwise_counts`); each entry becomes a Fraction last.

    >>> from ualign.model.profile import Profile
    >>> pairwise_matrix(Profile.of([(0, 1, 2), ((1, 2), 0)]))[1][2]
    Fraction(3, 4)
    """
    C, total = pairwise_counts(profile)
    return [[Fraction(v, total) for v in row] for row in C]


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
