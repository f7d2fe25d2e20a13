"""The equal-share identity ``sum_y pi(y) V(y) = 1/(k+1)``, derived for symbolic k and classes.

Fix one user with a weak order of ``c`` indifference classes (class 1 best) and a lottery
``pi`` whose masses on the classes are ``b_1, ..., b_c`` (summing to 1). Let
``a_i = sum_{j > i} b_j`` be the mass strictly below class ``i``, so ``a_{i-1} = a_i + b_i``,
``a_0 = 1`` and ``a_c = 0``. With the deviation payoff ``V_i`` of
:mod:`ualign.symbolic.deviation_payoff`,

``sum_y pi(y) V(y) = sum_i b_i V_i = sum_i (a_{i-1}^(k+1) - a_i^(k+1)) / (k+1) = 1/(k+1)``,

a telescoping sum. So when all k+1 players of the share contest draw from ``pi``, each of
these exchangeable players gets exactly ``1/(k+1)``: the contest is constant-sum (Cai and
Zheng, "Asymptotic Universal Alignment", ICML 2026). Averaging over users keeps the value.

The number of classes ``c`` and ``k`` are sympy symbols throughout; the telescoping is summed
by sympy directly and replayed as an induction on ``c``.

>>> d = derive()
>>> d.passed, d.name, d.result
(True, 'equal-share', 1/(k + 1))
"""

from __future__ import annotations

import sympy

from ualign.game.deviation_payoffs import competitor_share, user_class_masses
from ualign.model.ties import TieRule
from ualign.symbolic import registry
from ualign.symbolic.derivation import Derivation, is_zero

__all__ = ["derive", "k", "c"]

k = sympy.Symbol("k", integer=True, positive=True)
c = sympy.Symbol("c", integer=True, positive=True)
_i = sympy.Symbol("i", integer=True, positive=True)
_j = sympy.Symbol("j", integer=True)
_a = sympy.IndexedBase("a")
_b = sympy.IndexedBase("b")

# A fixed user shape for the regrouping check: 5 responses in 3 classes, one response of
# class 1 and one of class 3 given their own symbolic masses (the last is 1 minus the rest).
_SHAPE = (0, 1, 1, 2, 0)


def _payoff(A, B):
    """The share-rule deviation payoff for ``B > 0`` (see ualign.symbolic.deviation_payoff)."""
    return ((A + B)**(k + 1) - A**(k + 1)) / ((k + 1) * B)


def _regrouping_instance() -> tuple[sympy.Expr, sympy.Expr]:
    """``sum_y pi(y) V(y)`` and ``sum_i b_i V_i`` for ``_SHAPE`` with symbolic masses and k.

    ``V(y)`` comes from ualign's own per-class closed form (``competitor_share`` on sympy
    symbols), the class masses from ``user_class_masses``.
    """
    p = sympy.symbols(f"p0:{len(_SHAPE) - 1}", positive=True)
    probs = (*p, 1 - sum(p))
    mass, below = user_class_masses(_SHAPE, probs)
    per_class = [competitor_share(below[r], mass[r], k, 1, TieRule.SHARE)
                 for r in range(len(mass))]
    by_response = sum(probs[y] * per_class[r] for y, r in enumerate(_SHAPE))
    by_class = sum(mass[r] * _payoff(below[r], mass[r]) for r in range(len(mass)))
    return by_response, by_class


def derive() -> Derivation:
    """Derive ``sum_y pi(y) V(y) = 1/(k+1)`` for one user with ``c`` classes.

    Returns
    -------
    Derivation
        Named ``"equal-share"``; its result is ``1/(k+1)``.
    """
    d = Derivation(
        "equal-share",
        "against k iid draws from pi, a response drawn from pi wins 1/(k+1) of every user, "
        "so the (k+1)-slot share contest is constant-sum",
        assumptions=["k >= 1 and c >= 1 are integers",
                     "class masses b_1..b_c >= 0 sum to 1 (class 1 best); "
                     "a_i = sum_{j>i} b_j is the mass strictly below class i",
                     "share rule for ties"])
    i, j, a, b = _i, _j, _a, _b
    below = lambda m: sympy.Sum(b[j], (j, m + 1, c))  # noqa: E731  (a_m as a sum)

    # The masses below consecutive classes differ by one class mass.
    d.equal("peel off the top term of a_{i-1}", below(i - 1),
            sympy.Sum(b[j], (j, i, i)) + below(i),
            "adjacent ranges of one sum combine (sympy cannot subtract the two sums "
            "directly, so the first term stays a one-term sum here)")
    d.equal("the one-term sum", sympy.Sum(b[j], (j, i, i)), b[i], "evaluate")
    d.equal("a_c is an empty sum", below(c), 0, "no class lies below the last one")

    # Each class contributes b_i V_i, with V_i from the deviation-payoff derivation.
    dev = registry.derive("deviation-payoff")  # shared with the claims that cite it
    V_i = _payoff(a[i], b[i])
    d.fact("class i's deviation payoff (b_i > 0)",
           sympy.Eq(sympy.Symbol("V_i"), V_i, evaluate=False),
           "derivation 'deviation-payoff' with A = a_i, B = b_i",
           "ualign.symbolic.deviation_payoff.derive().passed", dev.passed,
           f"{len(dev.steps)} steps")
    d.equal("class i's contribution", sympy.Mul(b[i], V_i, evaluate=False),
            ((a[i] + b[i])**(k + 1) - a[i]**(k + 1)) / (k + 1), "cancel b_i > 0")
    A0, B0 = sympy.symbols("A B", nonnegative=True)
    d.limit("an empty class contributes nothing", B0 * _payoff(A0, B0), B0, 0, 0,
            "b_i V_i -> 0 * A^k as b_i -> 0 (and then a_{i-1} = a_i, so the next form is 0 too)")
    term = (a[i - 1]**(k + 1) - a[i]**(k + 1)) / (k + 1)
    d.equal("use a_i + b_i = a_{i-1}",
            sympy.Subs(((a[i] + b[i])**(k + 1) - a[i]**(k + 1)) / (k + 1), b[i],
                       a[i - 1] - a[i]),
            term, "the first two steps")

    # Telescoping over a symbolic number of classes.
    telescoped = (a[0]**(k + 1) - a[c]**(k + 1)) / (k + 1)
    d.summation("telescoping over the c classes", term, i, 1, c, telescoped,
                "consecutive terms cancel")
    S = lambda m: (a[0]**(k + 1) - a[m]**(k + 1)) / (k + 1)  # noqa: E731
    d.equal("induction on c, base case c = 1", term.subs(i, 1), S(1), "one class")
    d.equal("induction on c, step c -> c + 1", S(c + 1) - S(c), term.subs(i, c + 1),
            "adding class c + 1 adds its term")
    d.equal("endpoints a_0 = 1, a_c = 0",
            sympy.Subs(telescoped, (a[0], a[c]), (1, 0)), sympy.Rational(1) / (k + 1),
            "a_0 = b_1 + ... + b_c = 1 as pi is a lottery, a_c is the empty sum, and "
            "0^(k+1) = 0 for k >= 1")

    # From classes back to responses: V(y) is constant on y's class, and b_i sums pi there.
    by_response, by_class = _regrouping_instance()
    d.fact("regroup sum_y pi(y) V(y) = sum_i b_i V_i",
           sympy.Eq(by_response, by_class, evaluate=False),
           "V(y) depends on y only through its class; checked on a 3-class, 5-response user "
           "with symbolic masses and symbolic k, using ualign's competitor_share and "
           "user_class_masses", "simplify(lhs - rhs) == 0", is_zero(by_response - by_class))
    d.equal("the instance equals 1/(k+1)", by_response, sympy.Rational(1) / (k + 1),
            "the telescoping, replayed on ualign's formulas with symbolic masses")
    w = sympy.IndexedBase("w")
    u, m = sympy.symbols("u m", integer=True, positive=True)
    d.equal("averaging over users keeps 1/(k+1)",
            sympy.Sum(w[u] / (k + 1), (u, 1, m)), sympy.Sum(w[u], (u, 1, m)) / (k + 1),
            "the user weights w_u sum to 1")
    return d.conclude(sympy.Rational(1) / (k + 1),
                      "sum_y pi(y) V(y): each of the k+1 exchangeable players gets 1/(k+1)")
