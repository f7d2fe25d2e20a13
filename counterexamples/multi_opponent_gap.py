"""The l > 1 gap: the best known cap and guarantee against l-output competitors.

Against l-output competitors a symmetric equilibrium's k-sample product wins at least
``(k+1-l)/(k+1)`` (the Coq theorem ``multi_opponent``). Whether some method does better in
general is open. An instance *caps* every method at its exact optimal joint value (the LP of
:func:`ualign.solvers.optimal_policy.optimal_policy`, whose dual competitor holds every joint
k-output policy to it), so the best known cap is the smallest such value over the instances
searched, and each one is archived with its optimal-policy certificate.

The search (:func:`search_caps`) is deterministic and covers five families:

* the l-favourites profile (below);
* one user type (unanimous): the competitor copies the favourite l times, and under share every
  policy wins at most ``k/(k+l)`` (the Coq theorem ``unanimous_cap``), for every k and l;
* two responses: types ``0 > 1`` and ``1 > 0`` with weights ``a`` and ``1 - a`` on a grid,
  with and without a tied type;
* impartial culture on ``m <= 4`` responses;
* random profiles on 3 and 4 responses (strict and weak orders, up to 5 types), then a
  local search on the weights of the best one.

The l-favourites profile (:func:`~ualign.model.generators.favourites_profile`: l responses,
each the unique favourite of weight 1/l) caps every joint policy at
:func:`~ualign.symbolic.multi_opponent.favourites_cap`, proved in Coq for all k and l; on
every size searched its exact optimum equals that cap:

>>> favourites_cap(3, 2), optimal_policy(favourites_profile(2), 3, 2).value
(Fraction(7, 12), Fraction(7, 12))
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Iterator

from ualign.counterexamples.lower_bounds import proven_lower_bound
from ualign.model.generators import favourites_profile, impartial_culture
from ualign.model.profile import Profile
from ualign.model.ties import TieRule
from ualign.solvers.optimal_policy import OptimalPolicy, optimal_policy
from ualign.symbolic.multi_opponent import favourites_cap

__all__ = ["Cap", "guarantee", "favourites_cap", "favourites_profile", "candidates",
           "search_caps", "GRID"]

#: Denominator of the two-response weight grid.
GRID = 24
#: ``(k+1-l)/(k+1)``: the equilibrium's proved bound against l-output competitors.
guarantee = proven_lower_bound


@dataclass(frozen=True)
class Cap:
    """The lowest exact optimum found for (k, l), the instance and how far the search went."""

    k: int
    l: int
    value: Fraction
    family: str
    profile: Profile
    result: OptimalPolicy
    searched: int
    searched_by_family: dict[str, int]


def _two_response() -> Iterator[tuple[str, Profile]]:
    for i in range(1, GRID // 2 + 1):
        yield "two-response", Profile.from_ranks([[0, 1], [1, 0]], [Fraction(i), Fraction(GRID - i)])
        for t in (1, 2, 4):  # a third type, indifferent between the two
            yield "two-response", Profile.from_ranks([[0, 1], [1, 0], [0, 0]],
                                                     [Fraction(i), Fraction(GRID - i), Fraction(t)])


def _random(rng: random.Random, n: int) -> Profile:
    orders, weights = [], []
    weak = rng.random() < 0.3
    for _ in range(rng.randint(2, 5)):
        ranks = list(range(n))
        rng.shuffle(ranks)
        if weak:
            ranks = [r // 2 if rng.random() < 0.5 else r for r in ranks]
        orders.append(ranks)
        weights.append(Fraction(rng.randint(1, 6)))
    return Profile.from_ranks(orders, weights)


def candidates(k: int, l: int, random_count: int, seed: int = 0) -> Iterator[tuple[str, Profile]]:
    """The instances searched for (k, l), in a fixed order (the seed fixes the random ones)."""
    if l >= 2:
        yield f"{l}-favourites", favourites_profile(l)
    yield "unanimous", Profile.from_ranks([[0, 1]], [Fraction(1)])
    yield from _two_response()
    for m in range(3, 5):
        yield f"impartial-culture-{m}", impartial_culture(m)
    rng = random.Random(f"{seed}-{k}-{l}")
    for i in range(random_count):
        yield "random", _random(rng, 3 + i % 2)


def _perturb(rng: random.Random, p: Profile) -> Profile:
    weights = [w * rng.choice((Fraction(1, 2), Fraction(2, 3), Fraction(3, 2), Fraction(2)))
               if rng.random() < 0.5 else w for w in p.weights]
    return Profile.from_ranks(list(p.ranks), weights)


def search_caps(k: int, l: int, random_count: int = 200, local_steps: int = 100, seed: int = 0,
                progress: Callable[[int], None] | None = None) -> Cap:
    """The instance with the lowest exact optimal joint value for (k, l) among the candidates.

    >>> cap = search_caps(2, 2, random_count=5, local_steps=5)
    >>> cap.value, cap.value >= guarantee(2, 2)
    (Fraction(1, 2), True)
    """
    best: tuple[OptimalPolicy, str, Profile] | None = None
    counts: dict[str, int] = {}

    def consider(family: str, profile: Profile) -> None:
        nonlocal best
        result = optimal_policy(profile, k, l, TieRule.SHARE)
        key = "local search" if family.startswith("local") else family
        counts[key] = counts.get(key, 0) + 1
        if progress is not None:
            progress(sum(counts.values()))
        if best is None or result.value < best[0].value:
            best = (result, family, profile)

    for family, profile in candidates(k, l, random_count, seed):
        consider(family, profile)
    rng = random.Random(f"local-{seed}-{k}-{l}")
    assert best is not None
    for _ in range(local_steps):
        origin = best[1] if best[1].startswith("local") else f"local search from {best[1]}"
        consider(origin, _perturb(rng, best[2]))
    result, family, profile = best
    return Cap(k, l, result.value, family, profile, result, sum(counts.values()), counts)
