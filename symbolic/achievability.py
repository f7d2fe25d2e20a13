"""Achievability: the k-sample product of a symmetric equilibrium is k/(k+1)-robust, and which
tie rules inherit that bound.

Let ``pi`` be a symmetric equilibrium of the (k+1)-player share game, so ``V(y) <= 1/(k+1)``
for every response ``y``. Under the share rule the k+1 slots' shares add to 1, so the product
policy wins ``1 - V(y)`` against ``y`` and is ``k/(k+1)``-robust, with ``k/(k+1) -> 1``.

Whether another tie rule inherits the bound is decided by comparing, for the same class masses
``A`` (strictly below the competitor's class) and ``B`` (inside it), the competitor's payoff
under that rule with the share payoff ``S = integral_0^1 g(s) ds``, ``g(s) = (A + sB)^k``:

* weak:   ``A^k = g(0) <= S`` (``g`` increases), so the competitor gets less: inherits;
* strict: ``(A + B)^k = g(1) >= S``: the competitor gets more; does not inherit;
* half:   ``(g(0) + g(1)) / 2 >= S`` (trapezoid over a convex ``g``): does not inherit.

The counterexample family for strict and half, for every ``k``: one user indifferent between
all ``n`` responses. Every lottery is a symmetric equilibrium (``V = 1/(k+1)``), but the product
wins ``0`` under strict and ``1/2`` under half, a violation of ``k/(k+1)`` and
``(k - 1)/(2(k + 1))``.

>>> d = derive()
>>> d.passed, d.result
(True, k/(k + 1))
"""

from __future__ import annotations

import sympy

from ualign.symbolic.derivation import Derivation

__all__ = ["derive", "f", "share_payoff", "rule_payoffs", "violations", "k", "A", "B", "s"]

k = sympy.Symbol("k", positive=True, integer=True)
A = sympy.Symbol("A", positive=True)   # lottery mass strictly below the competitor's class
B = sympy.Symbol("B", positive=True)   # lottery mass inside the competitor's class
s = sympy.Symbol("s", positive=True)   # the integration variable, s in [0, 1]
t = sympy.Symbol("t", positive=True)

#: ``f(k) = k/(k+1)``, the robustness guaranteed by a symmetric equilibrium's product.
f = k / (k + 1)
#: The share payoff of a single competitor slot (``B > 0``), as in
#: ``ualign.game.deviation_payoffs``.
share_payoff = ((A + B)**(k + 1) - A**(k + 1)) / ((k + 1) * B)
#: The competitor's payoff under each rule, for the same ``A`` and ``B``.
rule_payoffs = {"share": share_payoff, "weak": A**k, "strict": (A + B)**k,
                "half": (A**k + (A + B)**k) / 2}
#: ``f(k)`` minus the product's win rate on the all-indifferent user (the counterexample).
violations = {"weak": -1 / (k + 1), "share": sympy.Integer(0), "strict": f,
              "half": (k - 1) / (2 * (k + 1))}


def _g(var):
    return (A + var * B)**k


def derive() -> Derivation:
    """Derive ``f(k) = k/(k+1)``, its limit, and which tie rules inherit it.

    Returns
    -------
    Derivation
        Named ``"achievability"``; its result is ``k/(k+1)``.

    Examples
    --------
    >>> sorted(violations), violations["half"]
    (['half', 'share', 'strict', 'weak'], (k - 1)/(2*k + 2))
    """
    d = Derivation(
        "achievability",
        "the k-sample product of a symmetric equilibrium of the (k+1)-player share game is "
        "k/(k+1)-robust against single responses; weak ties inherit the bound, strict and "
        "half ties do not",
        assumptions=["k >= 1 is an integer",
                     "pi is a symmetric equilibrium: V(y) <= 1/(k+1) for every response y",
                     "A, B > 0 are lottery masses with A + B <= 1 (the cases A = 0 or B = 0 are "
                     "limits of these)"])
    V = sympy.Symbol("V", nonnegative=True)
    slack = sympy.Symbol("slack", nonnegative=True)

    # --- the share bound -----------------------------------------------------------------
    d.equal("the product's win rate against y is 1 - V(y)", 1 - V, 1 - V,
            "constant sum: the k+1 slots' shares add to 1 for every draw and every user")
    d.nonnegative("with V(y) = 1/(k+1) - slack (slack >= 0), 1 - V(y) - k/(k+1) >= 0",
                  (1 - (1 / (k + 1) - slack)) - f,
                  "the equilibrium condition V(y) <= 1/(k+1); the difference is the slack")
    d.equal("1 - f(k) is the fair share 1/(k+1)", 1 - f, 1 / (k + 1), "algebra")
    d.limit("f(k) -> 1 as k -> oo", f, k, sympy.oo, 1)

    # --- the share payoff as an integral -------------------------------------------------
    antiderivative = (A + s * B)**(k + 1) / ((k + 1) * B)
    d.equal("(A + sB)^(k+1) / ((k+1)B) is an antiderivative of g(s) = (A + sB)^k",
            sympy.diff(antiderivative, s), _g(s), "chain rule")
    d.equal("so the share payoff is integral_0^1 (A + sB)^k ds",
            antiderivative.subs(s, 1) - antiderivative.subs(s, 0), share_payoff,
            "fundamental theorem of calculus")
    d.equal("and sympy integrates it to the same closed form",
            sympy.integrate(_g(s), (s, 0, 1)), share_payoff, "sympy.integrate, k >= 1")
    monotone = d.nonnegative("g is nondecreasing: g'(s) = k B (A + sB)^(k-1) >= 0", sympy.diff(_g(s), s),
                  "k, A, B, s > 0")
    convex = d.nonnegative("g is convex: g''(s) = k(k-1) B^2 (A + sB)^(k-2) >= 0",
                  sympy.diff(_g(s), s, 2), "k >= 1 is an integer, so k - 1 >= 0")

    # --- weak: A^k = g(0) <= integral g ----------------------------------------------------
    # share - A^k = integral_0^1 (g(s) - g(0)) ds with g(s) - g(0) = integral_0^s g'(t) dt >= 0.
    ftc_weak = d.equal("share - A^k = [G(s) - s g(0)]_0^1 with G the antiderivative above",
                       (antiderivative - s * _g(0)).subs(s, 1) - antiderivative.subs(s, 0),
                       share_payoff - rule_payoffs["weak"], "fundamental theorem of calculus")
    ftc_inner = d.equal("g(s) - g(0) = integral_0^s g'(t) dt",
                        sympy.integrate(sympy.diff(_g(t), t), (t, 0, s)), _g(s) - _g(0),
                        "fundamental theorem of calculus")
    d.fact("weak: the competitor's A^k is at most the share payoff",
           sympy.Le(rule_payoffs["weak"], share_payoff),
           "share - A^k = integral_0^1 (g(s) - g(0)) ds, and g(s) - g(0) >= 0 because g' >= 0; "
           "the k-output side wins ties, so the competitor gets less and the bound is inherited",
           "the integral identities and g' >= 0 (steps above)",
           ftc_weak and ftc_inner and monotone)

    # --- strict: (A+B)^k = g(1) >= integral g ---------------------------------------------
    ftc_strict = d.equal("(A+B)^k - share = [s g(1) - G(s)]_0^1",
                         (s * _g(1) - antiderivative).subs(s, 1)
                         + antiderivative.subs(s, 0), rule_payoffs["strict"] - share_payoff,
                         "fundamental theorem of calculus")
    ftc_inner = d.equal("g(1) - g(s) = integral_s^1 g'(t) dt",
                        sympy.integrate(sympy.diff(_g(t), t), (t, s, 1)), _g(1) - _g(s),
                        "fundamental theorem of calculus")
    d.fact("strict: the competitor's (A+B)^k is at least the share payoff",
           sympy.Ge(rule_payoffs["strict"], share_payoff),
           "(A+B)^k - share = integral_0^1 (g(1) - g(s)) ds >= 0 because g' >= 0; the "
           "competitor wins ties, so it gets more and the bound is not inherited in general",
           "the integral identities and g' >= 0 (steps above)",
           ftc_strict and ftc_inner and monotone)

    # --- half: trapezoid >= integral for convex g -----------------------------------------
    # K(s) = s(1-s) g'(s) - (1-2s) g(s) - 2 G(s) is an antiderivative of s(1-s) g''(s)
    # (integration by parts twice), and [K]_0^1 = g(0) + g(1) - 2 share.
    K = s * (1 - s) * sympy.diff(_g(s), s) - (1 - 2 * s) * _g(s) - 2 * antiderivative
    weight = s * (1 - s) * sympy.diff(_g(s), s, 2)
    parts = d.equal("K(s) = s(1-s) g'(s) - (1-2s) g(s) - 2 G(s) is an antiderivative of "
                    "s(1-s) g''(s)", sympy.diff(K, s), weight, "product rule")
    error = d.equal("half - share = (1/2) [K]_0^1 = (1/2) integral_0^1 s(1-s) g''(s) ds",
                    rule_payoffs["half"] - share_payoff, (K.subs(s, 1) - K.subs(s, 0)) / 2,
                    "fundamental theorem of calculus (the trapezoid rule's error)")
    positive = d.nonnegative("the weight s(1-s) g''(s) is >= 0 on [0, 1]", weight / (s * (1 - s)),
                             "s(1-s) >= 0 on [0, 1] and g'' >= 0; checked with the factor "
                             "s(1-s) divided out, as sympy cannot know s <= 1")
    d.fact("half: the competitor's (A^k + (A+B)^k)/2 is at least the share payoff",
           sympy.Ge(rule_payoffs["half"], share_payoff),
           "the trapezoid rule overestimates the integral of a convex function; equality for "
           "k = 1, where g is linear and half agrees with share",
           "the integral identities and a nonnegative weight (steps above)",
           parts and error and positive and convex)
    d.equal("at k = 1 half and share coincide", (rule_payoffs["half"] - share_payoff).subs(k, 1),
            0, "g is linear when k = 1")

    # --- the counterexample family: one user indifferent between everything --------------
    # Any lottery puts all its mass in the single class: A = 0, B = 1.
    a0, b1 = sympy.Integer(0), sympy.Integer(1)
    V_share = 1 / (k + 1)
    j = sympy.Symbol("j", integer=True, nonnegative=True)
    d.summation("with A = 0, B = 1 the share payoff sum_j C(k,j) B^j A^(k-j)/(j+1) keeps only "
                "j = k: V(y) = 1/(k+1) for every y", sympy.KroneckerDelta(j, k)
                * sympy.binomial(k, j) / (j + 1), j, 0, k, V_share,
                "A^(k-j) = 0 unless j = k")
    d.equal("so every lottery is a symmetric equilibrium (V(y) = 1/(k+1) <= 1/(k+1))",
            V_share, 1 / (k + 1), "the equilibrium condition holds with equality")
    win = {"share": 1 - V_share, "weak": 1 - a0**k, "strict": 1 - (a0 + b1)**k,
           "half": 1 - (a0**k + (a0 + b1)**k) / 2}
    for rule in ("share", "weak", "strict", "half"):
        d.equal(f"{rule}: f(k) minus the product's win rate {sympy.sstr(win[rule])}",
                f - win[rule], violations[rule],
                "the competitor's payoff under the rule with A = 0, B = 1 (0^k = 0 for k >= 1)")
    d.nonnegative("the half violation (k-1)/(2(k+1)) is >= 0, and > 0 for every k >= 2",
                  violations["half"], "k - 1 >= 0 for an integer k >= 1")
    d.solve_inequality("the half violation is positive exactly for k > 1 (k < -1 is excluded "
                       "by k >= 1)", violations["half"] > 0, k,
                       sympy.Union(sympy.Interval.open(-sympy.oo, -1),
                                   sympy.Interval.open(1, sympy.oo)),
                       "sign of (k-1)/(k+1)")
    d.limit("the strict violation tends to 1", violations["strict"], k, sympy.oo, 1)
    d.limit("the half violation tends to 1/2", violations["half"], k, sympy.oo,
            sympy.Rational(1, 2))
    return d.conclude(f, "robustness of the k-sample product of a symmetric equilibrium "
                         "(share or weak ties)")
