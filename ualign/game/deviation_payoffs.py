"""Closed forms for a product policy against one competitor slot class, exact and vectorised.

Fix a user, a lottery ``pi`` and a competitor whose best slots lie in the user's class ``c``,
with ``b`` of its slots there. Let ``A`` be the mass of ``pi`` strictly below ``c`` and ``B``
the mass inside ``c``. Against ``k`` iid draws from ``pi`` the competitor's share is

* share:  ``sum_j C(k, j) B^j A^(k-j) b / (j + b)``, which for ``b = 1`` is
  ``((A + B)^(k+1) - A^(k+1)) / ((k + 1) B)`` (and ``A^k`` when ``B = 0``);
* weak:   ``A^k`` (the k draws win every tie);
* strict: ``(A + B)^k`` (the k draws lose every tie);
* half:   ``(A^k + (A + B)^k) / 2``.

With ``b = 1`` and the share rule this is the deviation payoff ``V(y)`` of the
(k+1)-player alignment game, and the product policy's win rate against ``y`` is
``1 - V(y)``. Computing all of them costs one pass over users times responses, after grouping
each user's responses by class; no k-tuple is enumerated.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from math import comb, lcm

import numpy as np

from ualign.model.errors import InputError
from ualign.model.lottery import Lottery
from ualign.model.policies import check_k
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, require_tie_rule

__all__ = ["competitor_share", "user_class_masses", "deviation_payoffs", "deviation_payoffs_grid",
           "deviation_payoffs_float", "payoffs_float_from_arrays", "deviation_payoffs_over",
           "exploitability",
           "rank_arrays", "class_masses_float", "pure_payoffs"]


def competitor_share(A: Fraction, B: Fraction, k: int, b: int, rule: TieRule) -> Fraction:
    """A competitor's share against ``k`` iid draws (see the module docstring).

    >>> competitor_share(Fraction(1, 2), Fraction(1, 2), 1, 1, TieRule.SHARE)
    Fraction(3, 4)
    """
    if rule is TieRule.WEAK:
        return A**k
    if rule is TieRule.STRICT:
        return (A + B)**k
    if rule is TieRule.HALF:
        return (A**k + (A + B)**k) / 2
    if b == 1:
        return A**k if B == 0 else ((A + B)**(k + 1) - A**(k + 1)) / ((k + 1) * B)
    return sum((comb(k, j) * B**j * A**(k - j) * Fraction(b, j + b) for j in range(k + 1)),
               Fraction(0))


def user_class_masses(ranks: tuple[int, ...], probs: tuple[Fraction, ...]
                      ) -> tuple[list[Fraction], list[Fraction]]:
    """For one user, the lottery mass in each class and the mass strictly below each class."""
    classes = max(ranks) + 1
    mass = [Fraction(0)] * classes
    for r, p in zip(ranks, probs):
        if p:
            mass[r] += p
    below = [Fraction(0)] * classes
    for c in range(classes - 2, -1, -1):
        below[c] = below[c + 1] + mass[c + 1]
    return mass, below


def deviation_payoffs(profile: Profile, lottery: Lottery, k: int,
                      tie_rule: TieRule = TieRule.SHARE) -> list[Fraction]:
    """Exact ``V(y)``: what a single response ``y`` wins against ``k`` iid draws from ``lottery``.

    Under ``share`` this is the deviator's payoff in the (k+1)-player alignment game, and
    ``1 - V(y)`` is the product policy's win rate against ``y``. Cost: O(users x responses).

    >>> p = Profile.of([(0, 1, 2), (1, 2, 0), (2, 0, 1)])
    >>> deviation_payoffs(p, Lottery.uniform(3), k=1)
    [Fraction(1, 2), Fraction(1, 2), Fraction(1, 2)]
    """
    k, rule = check_k(k), require_tie_rule(tie_rule)
    _check_exact_lottery(profile, lottery)
    values = [Fraction(0)] * profile.n
    for ranks, w in zip(profile.ranks, profile.weights):
        mass, below = user_class_masses(ranks, lottery.probs)
        per_class = [competitor_share(below[c], mass[c], k, 1, rule) for c in range(len(mass))]
        for y, r in enumerate(ranks):
            values[y] += w * per_class[r]
    return values


def deviation_payoffs_grid(profile: Profile, lottery: Lottery, k: int) -> list[Fraction]:
    """The same exact ``V(y)`` under ``share`` as :func:`deviation_payoffs`, in integers.

    With the lottery over one common denominator ``D`` (integers ``a_y``) and the weights as
    integer counts over ``Wd``, every class mass is an integer, and
    ``V(y) = sum_u c_u S(A, B) / (Wd L D^k)`` with ``S = sum_j C(k, j) L/(j+1) B^j A^(k-j)``
    and ``L = lcm(1..k+1)``: integer arithmetic on numpy object arrays, one Fraction per
    response at the end. Fastest when ``D`` is small, as on a power-of-two grid.

    >>> p = Profile.of([(0, 1, 2), ((1, 2), 0)], weights=[2, 1])
    >>> q = Lottery.of({0: '1/2', 1: '1/4', 2: '1/4'}, n=3)
    >>> deviation_payoffs_grid(p, q, 3) == deviation_payoffs(p, q, 3)
    True
    """
    k = check_k(k)
    _check_exact_lottery(profile, lottery)
    D = lcm(*(p.denominator for p in lottery.probs))
    a = np.array([p.numerator * (D // p.denominator) for p in lottery.probs], dtype=object)
    counts, Wd = profile.integer_weights()
    c = np.array(counts, dtype=object)
    L = lcm(*range(1, k + 2))
    coef = [comb(k, j) * L // (j + 1) for j in range(k + 1)]
    R = np.asarray(profile.ranks, dtype=np.int64)
    users, n = R.shape
    mass = np.zeros((users, n), dtype=object)
    np.add.at(mass, (np.repeat(np.arange(users), n), R.ravel()), np.tile(a, users))
    below = np.zeros((users, n), dtype=object)
    for cl in range(n - 2, -1, -1):
        below[:, cl] = below[:, cl + 1] + mass[:, cl + 1]
    A = np.take_along_axis(below, R, 1)
    B = np.take_along_axis(mass, R, 1)
    S = np.zeros((users, n), dtype=object)
    a_pow, b_pow = [np.ones((users, n), dtype=object)], [np.ones((users, n), dtype=object)]
    for _ in range(k):
        a_pow.append(a_pow[-1] * A)
        b_pow.append(b_pow[-1] * B)
    for j in range(k + 1):
        S = S + coef[j] * b_pow[j] * a_pow[k - j]
    total = c @ S
    denom = Wd * L * D**k
    return [Fraction(int(v), denom) for v in total]


def deviation_payoffs_over(profile: Profile, probs: list, k: int, zero) -> list:
    """``V(y)`` under ``share`` with probabilities in any commutative ring containing Q.

    Used with polynomial rings (to set up the equilibrium equations) and with exact algebraic
    number fields (to verify irrational equilibria). Uses the division-free form
    ``sum_j C(k, j) B^j A^(k-j) / (j + 1)``.

    >>> p = Profile.of([(0, 1), (1, 0)], weights=[2, 1])
    >>> deviation_payoffs_over(p, [Fraction(1, 2), Fraction(1, 2)], 1, Fraction(0))
    [Fraction(7, 12), Fraction(5, 12)]
    """
    k = check_k(k)
    values = [zero] * profile.n
    for ranks, w in zip(profile.ranks, profile.weights):
        classes = max(ranks) + 1
        mass = [zero] * classes
        for y, r in enumerate(ranks):
            mass[r] = mass[r] + probs[y]
        below = [zero] * classes
        for c in range(classes - 2, -1, -1):
            below[c] = below[c + 1] + mass[c + 1]
        share = [_share_sum(below[c], mass[c], k, zero) for c in range(classes)]
        values = [values[y] + w * share[ranks[y]] for y in range(profile.n)]
    return values


def _share_sum(A, B, k: int, zero):
    """``sum_j C(k, j) B^j A^(k-j) / (j + 1)`` with explicit powers (some rings reject 0**0)."""
    one = zero + 1
    a_pow, b_pow = [one], [one]
    for _ in range(k):
        a_pow.append(a_pow[-1] * A)
        b_pow.append(b_pow[-1] * B)
    return sum((Fraction(comb(k, j), j + 1) * b_pow[j] * a_pow[k - j] for j in range(k + 1)),
               zero)


def exploitability(profile: Profile, lottery: Lottery, k: int) -> Fraction:
    """Exact ``max_y V(y) - 1/(k+1)``: how far ``lottery`` is from a symmetric equilibrium."""
    return max(deviation_payoffs(profile, lottery, k)) - Fraction(1, k + 1)


@lru_cache(maxsize=32)
def rank_arrays(profile: Profile) -> tuple[np.ndarray, np.ndarray]:
    """The profile as numpy arrays: ranks (users x responses, 0 = best) and float weights."""
    return np.asarray(profile.ranks, dtype=np.int64), np.asarray(profile.weights, dtype=float)


def class_masses_float(R: np.ndarray, pi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per user and response: ``A`` (mass strictly below its class) and ``B`` (its class mass)."""
    users, n = R.shape
    flat = (np.arange(users)[:, None] * n + R).ravel()
    mass = np.bincount(flat, weights=np.broadcast_to(pi, R.shape).ravel(),
                       minlength=users * n).reshape(users, n)
    below = np.flip(np.cumsum(np.flip(mass, 1), 1), 1) - mass
    return np.take_along_axis(below, R, 1), np.take_along_axis(mass, R, 1)


def pure_payoffs(profile: Profile, choice: tuple[int, ...]) -> list[Fraction]:
    """Each player's exact prize when the players pick ``choice``: the definition, no formula.

    Every user gives the unit prize to the players holding their favourite chosen response,
    shared equally.

    >>> pure_payoffs(Profile.of([(0, 1), (1, 0)], weights=[5, 3]), (1, 0, 0))
    [Fraction(3, 8), Fraction(5, 16), Fraction(5, 16)]
    """
    pay = [Fraction(0)] * len(choice)
    for ranks, w in zip(profile.ranks, profile.weights):
        best = min(ranks[y] for y in choice)
        winners = [i for i, y in enumerate(choice) if ranks[y] == best]
        for i in winners:
            pay[i] += w / len(winners)
    return pay


def deviation_payoffs_float(profile: Profile, probs: np.ndarray | Lottery, k: int,
                            tie_rule: TieRule = TieRule.SHARE) -> np.ndarray:
    """Float ``V(y)`` for every response at once (numpy; for searches, never for certificates).

    Uses the positive-term sum ``sum_j C(k, j) B^j A^(k-j) / (j + 1)`` rather than the
    difference quotient, which cancels catastrophically when ``B`` is small.

    >>> p = Profile.of([(0, 1, 2), (1, 2, 0), (2, 0, 1)])
    >>> deviation_payoffs_float(p, np.full(3, 1 / 3), k=2).round(6).tolist()
    [0.333333, 0.333333, 0.333333]
    """
    k, rule = check_k(k), require_tie_rule(tie_rule)
    pi = np.asarray(probs.probs if isinstance(probs, Lottery) else probs, dtype=float)
    return payoffs_float_from_arrays(rank_arrays(profile), pi, k, rule)


def payoffs_float_from_arrays(arrays: tuple[np.ndarray, np.ndarray], pi: np.ndarray, k: int,
                              rule: TieRule = TieRule.SHARE) -> np.ndarray:
    """Float ``V(y)`` from :func:`rank_arrays` computed once: for loops that call it often.

    >>> p = Profile.of([(0, 1, 2), (1, 2, 0), (2, 0, 1)])
    >>> payoffs_float_from_arrays(rank_arrays(p), np.full(3, 1 / 3), 2).round(6).tolist()
    [0.333333, 0.333333, 0.333333]
    """
    R, W = arrays
    A, B = class_masses_float(R, pi)
    if rule is TieRule.WEAK:
        share = A**k
    elif rule is TieRule.STRICT:
        share = (A + B)**k
    elif rule is TieRule.HALF:
        share = (A**k + (A + B)**k) / 2
    else:
        share = sum(comb(k, j) * B**j * A**(k - j) / (j + 1) for j in range(k + 1))
    return W @ share


def _check_exact_lottery(profile: Profile, lottery: Lottery) -> None:
    if not lottery.exact:
        raise InputError("the lottery has float probabilities; use deviation_payoffs_float, or "
                         "lottery.to_exact() for an exact value")
    if lottery.n != profile.n:
        raise InputError(f"the lottery covers {lottery.n} responses but the profile has "
                         f"{profile.n}")
