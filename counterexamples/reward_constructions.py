"""The reward-model constructions RLHF papers use, on a population's own Bradley-Terry reward.

The reward is the Bradley-Terry model fitted to the population's pairwise comparisons
(:func:`bradley_terry_scores`); its order is the order of total wins, so everything that only
needs the order is exact:

* ``bradley_terry_best_of_k``: the k responses with the highest reward (a deterministic top-k);
* ``best_of_n(N)``: N iid uniform draws, keep the highest-reward one; k independent outputs;
* ``rlhf(beta)``: the KL-regularised reward maximiser, softmax of the reward at temperature
  beta against the uniform reference (float, rounded).

Registered, with the other constructions, in :mod:`ualign.counterexamples.constructions`.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ualign.model.errors import InputError
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, ProductPolicy
from ualign.model.profile import Profile

__all__ = ["bradley_terry_scores", "bradley_terry_top_k", "best_of_n", "rlhf",
           "ROUNDING_DENOMINATOR"]

#: Float lotteries are rounded onto rationals with at most this denominator (as in
#: :mod:`ualign.counterexamples.constructions`).
ROUNDING_DENOMINATOR = 10**12


def bradley_terry_scores(profile: Profile, iterations: int = 10_000,
                         smoothing: float = 1e-3) -> list[float]:
    """Float Bradley-Terry log-strengths fitted to the pairwise matrix (Hunter's MM algorithm).

    Each pair ``(y, z)`` counts as one comparison won by ``y`` with frequency ``P[y][z]``,
    smoothed to ``(P[y][z] + smoothing) / (1 + 2 smoothing)`` so that the MLE exists even when a
    response never loses. Scores are centred to mean 0.

    With every pair compared equally often, the MLE satisfies ``W_y = sum_z sigmoid(s_y - s_z)``
    for the total wins ``W_y = sum_z P[y][z]``, and the right side is increasing in ``s_y`` and
    decreasing in each other score; so ``W_y > W_z`` iff ``s_y > s_z`` (Zermelo 1929). The
    smoothing is affine in ``P`` and keeps that order.

    >>> p = Profile.of([(2, 0, 1)])
    >>> [round(s, 2) for s in bradley_terry_scores(p)]
    [0.0, -6.22, 6.22]
    """
    from ualign.game.pairwise import pairwise_matrix
    n = profile.n
    P = np.array([[float(v) for v in row] for row in pairwise_matrix(profile)])
    P = (P + smoothing) / (1 + 2 * smoothing)
    np.fill_diagonal(P, 0.0)
    wins = P.sum(axis=1)
    gamma = np.ones(n)
    for _ in range(iterations):
        pair = 1.0 / (gamma[:, None] + gamma[None, :])
        np.fill_diagonal(pair, 0.0)
        updated = wins / pair.sum(axis=1)
        updated /= np.exp(np.log(updated).mean())
        if np.abs(updated - gamma).max() < 1e-13 * updated.max():
            gamma = updated
            break
        gamma = updated
    return [float(s) for s in np.log(gamma) - np.log(gamma).mean()]


def bradley_terry_top_k(profile: Profile, k: int) -> JointPolicy:
    """Exact and deterministic: show the ``k`` responses with the highest Bradley-Terry MLE
    scores. Their order is exactly the order of the total wins ``W_y = sum_z P[y][z]`` (see
    :func:`bradley_terry_scores`), so it is computed from ``W`` in Fractions, with ties
    (equal ``W``, hence equal scores) broken towards the lower index. When ``k > n`` the
    ranking is repeated, best first, until ``k`` responses are shown."""
    from ualign.game.pairwise import pairwise_matrix
    wins = [sum(row, Fraction(0)) for row in pairwise_matrix(profile)]
    ranking = sorted(range(profile.n), key=lambda y: (-wins[y], y))
    shown = [ranking[i % profile.n] for i in range(k)]
    return JointPolicy.of({tuple(shown): 1}, n=profile.n, k=k)


def _reward_classes(profile: Profile) -> list[list[int]]:
    """The responses grouped by Bradley-Terry reward, best first (equal total wins tie)."""
    from ualign.game.pairwise import pairwise_matrix
    wins = [sum(row, Fraction(0)) for row in pairwise_matrix(profile)]
    classes: dict[Fraction, list[int]] = {}
    for y in range(profile.n):
        classes.setdefault(wins[y], []).append(y)
    return [classes[w] for w in sorted(classes, reverse=True)]


def best_of_n(profile: Profile, k: int, N: int = 4) -> ProductPolicy:
    """Exact: best-of-N sampling with a reward model, as RLHF papers use it. The reward is the
    Bradley-Terry model fitted to the population (its order is the order of total wins, see
    :func:`bradley_terry_scores`); one output is the highest-reward of ``N`` iid uniform draws,
    equal rewards broken uniformly; the policy shows ``k`` such outputs independently. So
    response ``y`` in the ``j``-th reward class ``C_j`` has probability
    ``(((n - m_(j-1))/n)^N - ((n - m_j)/n)^N) / |C_j|`` with ``m_j = |C_1| + ... + |C_j|``."""
    if isinstance(N, bool) or not isinstance(N, int) or N < 1:
        raise InputError(f"best_of_n needs a whole number N >= 1 of draws, got {N}")
    n, probs, above = profile.n, [Fraction(0)] * profile.n, 0
    for cls in _reward_classes(profile):
        mass = Fraction(n - above, n)**N - Fraction(n - above - len(cls), n)**N
        for y in cls:
            probs[y] = mass / len(cls)
        above += len(cls)
    return ProductPolicy(Lottery(tuple(probs)), k)


def rlhf(profile: Profile, k: int, beta: Fraction = Fraction(1, 10)) -> ProductPolicy:
    """Rounded: RLHF's KL-regularised reward maximiser, ``pi(y) ~ exp(r(y) / beta)`` for the
    Bradley-Terry reward ``r`` (:func:`bradley_terry_scores`) and the uniform reference, rounded
    to denominators at most :data:`ROUNDING_DENOMINATOR`; ``k`` independent draws."""
    if beta <= 0:
        raise InputError(f"rlhf needs beta > 0, got {beta}")
    r = np.array(bradley_terry_scores(profile)) / float(beta)
    weights = np.exp(r - r.max())
    softmax = Lottery.of_float([float(w) for w in weights / weights.sum()])
    return ProductPolicy(softmax.to_exact(ROUNDING_DENOMINATOR), k)
