"""Multi-output competitors: a union bound at a symmetric equilibrium, and the impartial-culture
ceiling ``k/(k+l)``.

Against a competitor showing ``l`` responses ``z_1..z_l`` the k-sample product of a symmetric
equilibrium (share ties) wins at least ``1 - l/(k+1) = (k+1-l)/(k+1)``. Per user and per draw,
if the top class among all ``k + l`` slots holds ``a`` of the policy's slots and ``b >= 1`` of
the competitor's, the competitor gets ``b/(a+b)``, while each of its ``b`` top slots alone
would get ``1/(a+1)`` against the same draw; so its share is at most the sum of its slots'
single-slot shares, and in expectation at most ``sum_i V(z_i) <= l/(k+1)``.

Impartial culture on ``m -> oo`` responses caps every k-output policy at ``k/(k+l)``, and
showing a uniformly random set of ``k`` distinct responses attains it: the user's favourite
among ``k + l`` distinct slots is uniformly placed. The union bound falls short of the ceiling
by ``l(l-1)/((k+l)(k+1))``: exact for ``l = 1``, ``~ l(l-1)/k^2`` as ``k -> oo``. A finite
instance caps lower when l does not divide k: :func:`favourites_cap` (the Coq theorem
``favourites_cap_bound``).

>>> d = derive()
>>> d.passed, d.result
(True, (k - l + 1)/(k + 1))
"""

from __future__ import annotations

from fractions import Fraction
from math import comb

import sympy

from ualign.symbolic.derivation import Derivation

__all__ = ["derive", "union_bound", "ic_ceiling", "gap", "ic_distinct_competitor_payoff",
           "favourites_cap", "k", "l", "m"]

k = sympy.Symbol("k", positive=True, integer=True)
l = sympy.Symbol("l", positive=True, integer=True)  # noqa: E741 (the paper's letter)
m = sympy.Symbol("m", positive=True, integer=True)

#: ``(k+1-l)/(k+1)``: the union-bound guarantee of a symmetric equilibrium's product.
union_bound = (k + 1 - l) / (k + 1)
#: ``k/(k+l)``: the impartial-culture ceiling for l-output competitors (m -> oo).
ic_ceiling = k / (k + l)
#: ``l(l-1)/((k+l)(k+1))``: the ceiling minus the union bound.
gap = l * (l - 1) / ((k + l) * (k + 1))


def favourites_cap(k_: int, l_: int) -> Fraction:
    """The l-favourites cap ``((l-r) q/(q+1) + r (q+1)/(q+2)) / l`` with ``k = q l + r``.

    On a profile where each of l responses is the unique favourite of weight 1/l, the
    competitor showing each once holds every joint k-output policy to this (the Coq theorem
    ``favourites_cap_bound``). It is ``k/(k+l)`` when l divides k and below it otherwise; at
    l = 2 it is the balanced two-response value.

    >>> [str(favourites_cap(k, 2)) for k in (2, 3, 5)], str(favourites_cap(4, 3))
    (['1/2', '7/12', '17/24'], '5/9')
    """
    q, r = divmod(k_, l_)
    return (Fraction((l_ - r) * q, q + 1) + Fraction(r * (q + 1), q + 2)) / l_


def ic_distinct_competitor_payoff(m_: int, k_: int, l_: int) -> Fraction:
    """What ``l`` distinct responses win against a uniform set of ``k`` distinct ones (IC, share).

    Under impartial culture on ``m`` responses the user's favourite among the union is uniform.
    With ``j`` responses shown by both sides (hypergeometric) the union has ``k + l - j``
    responses; the competitor wins outright on its ``l - j`` own ones and splits ``1/2`` on
    the ``j`` shared ones, so it gets ``E[(l - j/2) / (k + l - j)]``.

    >>> ic_distinct_competitor_payoff(4, 2, 1)  # 1/3 without overlap; shared ones split
    Fraction(7, 24)
    >>> ic_distinct_competitor_payoff(10**6, 2, 2) > Fraction(1, 2) - Fraction(1, 10**5)
    True
    """
    total = Fraction(0)
    for j in range(min(k_, l_) + 1):
        weight = Fraction(comb(l_, j) * comb(m_ - l_, k_ - j), comb(m_, k_))
        total += weight * (Fraction(l_) - Fraction(j, 2)) / (k_ + l_ - j)
    return total


def derive() -> Derivation:
    """Derive the union bound ``(k+1-l)/(k+1)``, the ceiling ``k/(k+l)`` and their gap.

    Returns
    -------
    Derivation
        Named ``"multi-opponent"``; its result is ``(k+1-l)/(k+1)``.

    Examples
    --------
    >>> sympy.factor(gap)
    l*(l - 1)/((k + 1)*(k + l))
    """
    d = Derivation(
        "multi-opponent",
        "the k-sample product of a symmetric equilibrium wins at least (k+1-l)/(k+1) against "
        "every l-output competitor (share ties); impartial culture caps every policy at "
        "k/(k+l), a gap of l(l-1)/((k+l)(k+1))",
        assumptions=["k, l >= 1 are integers", "pi is a symmetric equilibrium of the "
                     "(k+1)-player share game: V(y) <= 1/(k+1) for every y",
                     "share tie rule on both sides",
                     "impartial culture: every strict order on m responses is equally likely"])
    a = sympy.Symbol("a", integer=True, nonnegative=True)
    b = sympy.Symbol("b", integer=True, positive=True)
    slack = sympy.Symbol("slack", nonnegative=True)

    # --- the union bound ------------------------------------------------------------------
    d.nonnegative("per draw: the competitor's share b/(a+b) is at most its b top slots' "
                  "single-slot shares b/(a+1)", b / (a + 1) - b / (a + b),
                  "each top slot alone faces the policy's a slots in the top class and none "
                  "above it; the difference is b(b-1)/((a+1)(a+b)) with b >= 1")
    d.equal("the difference factors as b(b-1)/((a+1)(a+b))", b / (a + 1) - b / (a + b),
            b * (b - 1) / ((a + 1) * (a + b)), "algebra")
    d.equal("equal when the competitor has one top slot (b = 1)",
            (b / (a + 1) - b / (a + b)).subs(b, 1), 0, "algebra")
    # Slots outside the top class have single-slot share >= 0, so summing over all l slots
    # and taking expectations gives competitor payoff <= sum_i V(z_i) <= l/(k+1).
    d.nonnegative("with each V(z_i) = 1/(k+1) - slack_i, the win rate 1 - sum_i V(z_i) is at "
                  "least (k+1-l)/(k+1)", (1 - l * (1 / (k + 1) - slack)) - union_bound,
                  "the equilibrium condition for each of the l slots (slack = the smallest "
                  "slack_i >= 0)")
    d.equal("1 - l/(k+1) = (k+1-l)/(k+1)", 1 - l / (k + 1), union_bound, "algebra")
    d.equal("for l = 1 it is the single-response bound k/(k+1)", union_bound.subs(l, 1),
            k / (k + 1), "algebra")

    # --- the impartial-culture ceiling -----------------------------------------------------
    d.equal("a fixed response lies in a uniform k-subset of m with probability k/m",
            sympy.binomial(m - 1, k - 1) / sympy.binomial(m, k), k / m,
            "C(m-1, k-1)/C(m, k)")
    mean_overlap = l * k / m
    d.limit("so the expected overlap j of l fresh distinct responses with it, l k/m, "
            "vanishes as m -> oo", mean_overlap, m, sympy.oo, 0,
            "linearity of expectation; P(j >= 1) <= E[j] (Markov)")
    d.equal("with no overlap the favourite among k + l distinct slots is uniform: the "
            "policy wins k/(k+l)", 1 - l / (k + l), ic_ceiling,
            "impartial culture is exchangeable over responses")
    # k = d + e with d >= 1 distinct policy slots and e >= 0 repeats, so sympy sees d <= k.
    distinct = sympy.Symbol("d", integer=True, positive=True)
    repeats = sympy.Symbol("e", integer=True, nonnegative=True)
    d.nonnegative("a policy showing only d <= k distinct responses (k = d + e) does worse: "
                  "l/(d+l) >= l/(k+l)",
                  l / (distinct + l) - (l / (k + l)).subs(k, distinct + repeats),
                  "fewer distinct slots leave the competitor a larger uniform share")
    d.limit("the overlap correction, at most P(j >= 1) <= kl/m, vanishes: every policy is "
            "at most k/(k+l) + kl/m, and the uniform distinct k-subset attains "
            "k/(k+l) - kl/m", ic_ceiling + k * l / m, m, sympy.oo, ic_ceiling,
            "both sides' payoffs lie in [0, 1], so an event of probability <= kl/m moves "
            "them by at most kl/m")

    # --- the gap -------------------------------------------------------------------------
    d.equal("ceiling minus union bound", ic_ceiling - union_bound, gap, "algebra")
    d.nonnegative("the gap is >= 0", gap, "l - 1 >= 0 for an integer l >= 1")
    d.solve_inequality("the gap vanishes only at l = 0 and l = 1, so for l >= 1 iff l = 1",
                       sympy.Eq(sympy.factor(gap), 0), l, sympy.FiniteSet(0, 1),
                       "the factored numerator is l(l-1) and the denominator is positive")
    d.limit("k^2 times the gap tends to l(l-1): the gap is ~ l(l-1)/k^2", k**2 * gap, k,
            sympy.oo, l * (l - 1))
    d.limit("the union bound tends to 1 as k -> oo for fixed l", union_bound, k, sympy.oo, 1)
    return d.conclude(union_bound, "the win rate of a symmetric equilibrium's product against "
                                   "every l-output competitor is at least")

