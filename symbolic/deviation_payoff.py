"""The deviation payoff ``V = ((A + B)^(k+1) - A^(k+1)) / ((k + 1) B)``, derived for symbolic k.

Fix one user and a response ``y``. Let ``A`` be the lottery mass strictly below ``y``'s class
and ``B`` the mass inside it. Under the share rule, ``y`` played against ``k`` iid draws wins
a ``1/(j + 1)`` share of the user when ``j`` draws land in its class and the other ``k - j``
below, and nothing when any draw lands above. So

``V = sum_j C(k, j) B^j A^(k-j) / (j + 1) = ((A + B)^(k+1) - A^(k+1)) / ((k + 1) B)``,

which tends to ``A^k`` as ``B -> 0`` (Cai and Zheng, "Asymptotic Universal Alignment", ICML
2026; the closed form evaluated by :func:`ualign.game.deviation_payoffs.competitor_share`).

Every step is checked for a sympy integer ``k >= 1``, never at sampled values. sympy sums the
binomial theorem only under a convergence condition (``B/A <= 1``) inherited from its
hypergeometric method, which is spurious for a terminating sum. The derivation therefore sums
in both index orders, whose conditions (``B <= A`` and ``A <= B``) cover every ``A, B > 0``,
and replays a Wilf-Zeilberger certificate, which holds with no condition at all.

>>> d = derive()
>>> d.passed, d.name
(True, 'deviation-payoff')
>>> d.result.subs({k: 2, A: sympy.Rational(1, 4), B: sympy.Rational(1, 2)})
13/48
"""

from __future__ import annotations

import sympy

from ualign.game.deviation_payoffs import competitor_share
from ualign.model.ties import TieRule
from ualign.symbolic.derivation import Derivation, is_zero

__all__ = ["derive", "closed_form", "k", "A", "B"]

k = sympy.Symbol("k", integer=True, positive=True)
A = sympy.Symbol("A", nonnegative=True)
B = sympy.Symbol("B", nonnegative=True)
_j = sympy.Symbol("j", integer=True, nonnegative=True)
_x = sympy.Symbol("x", positive=True)


def closed_form(a=A, b=B, n=k) -> sympy.Expr:
    """The share-rule deviation payoff as one expression (``A^k`` on the face ``B = 0``).

    >>> closed_form(sympy.Rational(1, 2), 0, 3)
    1/8
    """
    return sympy.Piecewise((a**n, sympy.Eq(b, 0)),
                           (((a + b)**(n + 1) - a**(n + 1)) / ((n + 1) * b), True))


def _resolve_convergence_condition(total: sympy.Expr) -> tuple[sympy.Expr, sympy.Basic]:
    """Split sympy's ``Piecewise((closed, cond), (Sum(...), True))`` into ``(closed, cond)``.

    The fallback branch must be the unevaluated sum itself: then ``cond`` is only the series
    convergence test of sympy's hypergeometric summation, not a property of the finite sum.
    """
    pieces = list(total.atoms(sympy.Piecewise))
    if not pieces:
        return total, sympy.true
    if len(pieces) != 1 or len(pieces[0].args) != 2 or not pieces[0].args[1].expr.has(sympy.Sum):
        raise ValueError(f"unexpected form of sympy's sum: {total}")
    (closed, cond), _ = pieces[0].args
    return total.xreplace({pieces[0]: closed}), cond


def _covers_positive_quadrant(conditions: list[sympy.Basic]) -> bool:
    """True when the conditions (homogeneous in A, B) together hold for every ``A, B > 0``."""
    positive = sympy.Interval.open(0, sympy.oo)
    covered = sympy.S.EmptySet
    for cond in conditions:
        ratio_cond = sympy.simplify(cond.subs(B, A * _x))  # homogeneous: depends on B/A only
        if ratio_cond.free_symbols - {_x}:
            return False
        covered = covered.union(sympy.solveset(ratio_cond, _x, domain=positive))
    return covered == positive


def _sum_both_orders(term: sympy.Expr, lower, upper, closed: sympy.Expr) -> tuple[bool, str]:
    """``sum_{j=lower}^{upper} term == closed`` for all ``A, B > 0``, via sympy in both orders.

    Reversing the index (``j -> lower + upper - j``) permutes a finite index set, so both sums
    are the same number; sympy evaluates each under its own condition, and the two conditions
    together cover the open quadrant.
    """
    forward = sympy.summation(term, (_j, lower, upper))
    backward = sympy.summation(term.subs(_j, lower + upper - _j), (_j, lower, upper))
    value_f, cond_f = _resolve_convergence_condition(forward)
    value_b, cond_b = _resolve_convergence_condition(backward)
    ok = (is_zero(value_f - closed) and is_zero(value_b - closed)
          and _covers_positive_quadrant([cond_f, cond_b]))
    return ok, f"forward under {cond_f}, reversed under {cond_b}"


def derive() -> Derivation:
    """Derive the share-rule deviation payoff and the other tie rules' closed forms.

    Returns
    -------
    Derivation
        Named ``"deviation-payoff"``; its result is :func:`closed_form` in the symbols
        ``A``, ``B`` and ``k`` of this module.
    """
    d = Derivation(
        "deviation-payoff",
        "a response against k iid draws wins ((A+B)^(k+1) - A^(k+1))/((k+1)B) of a user, "
        "and A^k when B = 0",
        assumptions=["k >= 1 is an integer",
                     "A >= 0 is the lottery mass strictly below the deviator's class, B >= 0 "
                     "the mass in it, A + B <= 1; the summation steps are checked for A, B > 0 "
                     "and reach A = 0 by continuity (both sides are polynomials), B = 0 by the "
                     "limit step",
                     "share rule: the user picks uniformly among the slots in the best class "
                     "present"])
    j = _j
    outcome = sympy.binomial(k, j) * B**j * A**(k - j)
    share_term = outcome / (j + 1)
    V = sympy.Sum(share_term, (j, 0, k))

    # (a) the only outcomes where the deviator wins anything: no draw above its class.
    multinomial = (sympy.factorial(k) / (sympy.factorial(j) * sympy.factorial(k - j)
                                         * sympy.factorial(0))
                   * B**j * A**(k - j) * (1 - A - B)**0)
    d.equal("P(j draws in the class, k - j below, 0 above)", multinomial, outcome,
            "multinomial law of k iid draws over (in, below, above) with 0 above; in that "
            "outcome the deviator is 1 of the 1 + j slots in the best class, so wins 1/(j+1), "
            "and V is the sum over j of this probability times 1/(j+1)")
    # (b) absorbing 1/(j+1) into the binomial makes the sum a binomial expansion.
    d.equal("absorption identity", sympy.binomial(k, j) / (j + 1),
            sympy.binomial(k + 1, j + 1) / (k + 1), "C(k,j)/(j+1) = C(k+1,j+1)/(k+1)")
    binom_term = sympy.binomial(k + 1, j + 1) * B**(j + 1) * A**(k - j)
    scaled = d.equal("(k+1) B V as a binomial sum", (k + 1) * B * V,
                     sympy.Sum(binom_term, (j, 0, k)), "absorption identity applied termwise")
    # (c) the binomial theorem, with the i = 0 term A^(k+1) missing.
    sum_closed = (A + B)**(k + 1) - A**(k + 1)
    ok, detail = _sum_both_orders(binom_term, 0, k, sum_closed)
    binomial_theorem = d.fact(
        "binomial theorem without its i = 0 term",
        sympy.Eq(sympy.Sum(binom_term, (j, 0, k)), sum_closed, evaluate=False),
        "binomial theorem (i = j + 1); sympy's hypergeometric summation is conditional, so "
        "sum in both index orders (conditions B <= A and A <= B cover A, B > 0)",
        "sympy.summation in both index orders, branch equality, condition coverage",
        ok, detail)
    # Independent, unconditional check: a WZ pair for sum_j C(n,j) x^j / (1+x)^n = 1.
    F = lambda n, i: sympy.binomial(n, i) * _x**i / (1 + _x)**n  # noqa: E731
    G = lambda n, i: -sympy.binomial(n, i - 1) * _x**i / (1 + _x)**(n + 1)  # noqa: E731
    pair_ok = is_zero(F(k + 1, j) - F(k, j) - (G(k, j + 1) - G(k, j)))
    # Support: F(n, .) lives on 0..n and G(n, .) on 1..n+1, so summing the pair identity over
    # all integers j telescopes G away; the value at n = 0 is F(0, 0) = 1.
    edges_ok = all(e == 0 for e in (F(k, -1), F(k, k + 1), G(k, 0), G(k, k + 2))) \
        and F(0, 0) == 1
    d.fact("WZ pair for the binomial theorem (x = B/A)",
           sympy.Eq(F(k + 1, j) - F(k, j), G(k, j + 1) - G(k, j), evaluate=False),
           "summing over all integers j shows sum_j F(n, j) does not depend on n, and it is "
           "F(0, 0) = 1: sum_j C(n, j) x^j = (1 + x)^n for every x > 0 with no condition",
           "simplify(lhs - rhs) == 0, F(k, -1) = F(k, k+1) = G(k, 0) = G(k, k+2) = 0, "
           "F(0, 0) = 1", pair_ok and edges_ok)
    V_closed = sum_closed / ((k + 1) * B)
    # Chaining: (k+1) B V = S and S = closed, so V = closed / ((k+1) B) as B > 0.
    d.fact("closed form for B > 0", sympy.Eq(V, V_closed, evaluate=False),
           "divide the two previous identities by (k+1) B > 0",
           "both identities passed, and (k+1) B V_closed - closed simplifies to 0",
           scaled and binomial_theorem and is_zero((k + 1) * B * V_closed - sum_closed))
    # (d) the face B = 0: V is a polynomial in B, hence continuous, so V(B=0) is the limit.
    d.limit("the empty-class limit", V_closed, B, 0, A**k, "sympy limit for symbolic k")
    d.equal("the same limit by L'Hopital", sympy.diff((A + B)**(k + 1), B).subs(B, 0) / (k + 1),
            A**k, "d/dB (A+B)^(k+1) at B = 0 over d/dB (k+1)B")
    # (e) the other tie rules, from the same outcome law.
    ok, detail = _sum_both_orders(outcome, 0, k, (A + B)**k)
    d.fact("strict: the draws lose every tie, so the deviator wins iff no draw is above",
           sympy.Eq(sympy.Sum(outcome, (j, 0, k)), (A + B)**k, evaluate=False),
           "binomial theorem", "sympy.summation in both index orders, branch equality, "
           "condition coverage", ok, detail)
    d.summation("weak: the draws win every tie, so the deviator wins iff all k are below",
                outcome * sympy.KroneckerDelta(j, 0), j, 0, k, A**k, "only the j = 0 outcome")
    d.equal("half: 1 with no tie, 1/2 with a tie and nothing above",
            A**k + ((A + B)**k - A**k) / 2, (A**k + (A + B)**k) / 2, "algebra")
    # The engine's code, run on sympy symbols, is the same closed form.
    for rule, expected in ((TieRule.SHARE, V_closed), (TieRule.WEAK, A**k),
                           (TieRule.STRICT, (A + B)**k),
                           (TieRule.HALF, (A**k + (A + B)**k) / 2)):
        d.equal(f"ualign competitor_share agrees ({rule.value})",
                competitor_share(A, B, k, 1, rule), expected,
                "ualign.game.deviation_payoffs.competitor_share evaluated on sympy symbols")
    return d.conclude(closed_form(), "share-rule deviation payoff V(A, B, k)")
