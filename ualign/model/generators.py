"""Exact, seeded generators of profiles.

``impartial_culture`` and ``mallows`` without ``voters`` return the *whole* distribution as
exact weights (every order, weighted by its probability); with ``voters`` they sample that
many users from a :class:`random.Random` seeded with ``seed``, drawing with exact rational
thresholds, so a seed gives the same profile on every machine.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from fractions import Fraction
from itertools import accumulate, permutations
from math import factorial

from ualign.model.errors import InputError
from ualign.model.exact import as_fraction
from ualign.model.profile import Profile

__all__ = ["impartial_culture", "mallows", "two_group_condorcet", "favourites_profile",
           "MAX_FULL_ORDERS"]

#: Largest number of strict orders a full (unsampled) distribution will list.
MAX_FULL_ORDERS = 40_320


def _check_m(m: int) -> int:
    if isinstance(m, bool) or not isinstance(m, int) or m < 1:
        raise InputError(f"the number of responses m must be a whole number >= 1, got {m!r}")
    return m


def _check_full(m: int, what: str) -> None:
    if factorial(m) > MAX_FULL_ORDERS:
        raise InputError(f"the full {what} on m={m} responses has {factorial(m):,} orders, above "
                         f"{MAX_FULL_ORDERS:,}; pass voters=N to sample N users instead")


def impartial_culture(m: int, voters: int | None = None, seed: int = 0) -> Profile:
    """Every strict order on ``m`` responses with equal weight (or ``voters`` uniform samples).

    >>> impartial_culture(3).num_users
    6
    >>> impartial_culture(4, voters=10, seed=1) == impartial_culture(4, voters=10, seed=1)
    True
    """
    _check_m(m)
    if voters is None:
        _check_full(m, "impartial culture")
        return Profile.of(list(permutations(range(m))))
    rng = random.Random(seed)
    return Profile.of([tuple(rng.sample(range(m), m)) for _ in range(_check_voters(voters))])


def _check_voters(voters: int) -> int:
    if isinstance(voters, bool) or not isinstance(voters, int) or voters < 1:
        raise InputError(f"voters must be a whole number >= 1, got {voters!r}")
    return voters


def _inversions(order: tuple[int, ...], position: dict[int, int]) -> int:
    seq = [position[y] for y in order]
    return sum(1 for i in range(len(seq)) for j in range(i + 1, len(seq)) if seq[i] > seq[j])


def mallows(m: int, phi: object, centre: tuple[int, ...] | None = None,
            voters: int | None = None, seed: int = 0) -> Profile:
    """The Mallows model: order ``s`` has weight proportional to ``phi ** d(s, centre)``.

    ``d`` is the Kendall tau distance and ``phi`` an exact number in ``[0, 1]`` (0 puts all
    weight on the centre, 1 is impartial culture). Sampling uses the repeated insertion model.

    >>> mallows(3, "1/2").weights[0]  # 1 / ((1 + phi)(1 + phi + phi^2))
    Fraction(8, 21)
    """
    _check_m(m)
    phi = as_fraction(phi, "phi")
    if not 0 <= phi <= 1:
        raise InputError(f"phi must lie in [0, 1], got {phi}")
    centre = tuple(range(m)) if centre is None else tuple(centre)
    if sorted(centre) != list(range(m)):
        raise InputError(f"centre {list(centre)} is not an order of 0..{m - 1}")
    position = {y: i for i, y in enumerate(centre)}
    if voters is None:
        _check_full(m, "Mallows distribution")
        orders = list(permutations(range(m)))
        return Profile.of(orders, weights=[phi ** _inversions(o, position) for o in orders])
    rng = random.Random(seed)
    # Insert the i-th centre item at position j with weight phi^(i - j), i.e. with integer
    # weight a^(i-j) b^j for phi = a/b: exact, and sampled by bisection on prefix sums.
    a, b = phi.numerator, phi.denominator
    prefix = [list(accumulate(a**(i - j) * b**j for j in range(i + 1))) for i in range(m)]
    drawn = []
    for _ in range(_check_voters(voters)):
        order: list[int] = []
        for i, y in enumerate(centre):
            order.insert(bisect_right(prefix[i], rng.randrange(prefix[i][-1])), y)
        drawn.append(tuple(order))
    return Profile.of(drawn)


def two_group_condorcet(eps: object, m: int = 2) -> Profile:
    """The NLHF-ceiling instance: a Condorcet winner 0 whose margin over 1 is exactly ``eps``.

    A majority of weight ``1/2 + eps`` ranks ``0 > 1 > 2 > ...`` and a minority of weight
    ``1/2 - eps`` ranks ``1 > 0 > 2 > ...``. The maximal lottery is the point mass on 0, and its
    k-sample product wins exactly ``1/2 + eps`` against response 1, for every ``k``.

    >>> two_group_condorcet("1/10")
    Profile.of([(0, 1), (1, 0)], weights=[3, 2])
    """
    eps = as_fraction(eps, "eps")
    if not 0 < eps < Fraction(1, 2):
        raise InputError(f"eps must lie strictly between 0 and 1/2, got {eps}")
    if _check_m(m) < 2:
        raise InputError("the two-group instance needs m >= 2 responses")
    rest = tuple(range(2, m))
    return Profile.of([(0, 1) + rest, (1, 0) + rest],
                      weights=[Fraction(1, 2) + eps, Fraction(1, 2) - eps])


def favourites_profile(l: int) -> Profile:
    """The cyclic profile on l responses: type i ranks i, i+1, ... (mod l), equal weights.

    Each response is the unique favourite of weight 1/l, the instance of the l-favourites cap.

    >>> favourites_profile(3).ranks
    ((0, 1, 2), (1, 2, 0), (2, 0, 1))
    """
    _check_m(l)
    return Profile.from_ranks([[(j - i) % l for j in range(l)] for i in range(l)],
                              [Fraction(1)] * l)
