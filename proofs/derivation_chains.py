"""Derivation chains: how each all-sizes formula was found, step by step, in sympy.

These are *derivations*, not proofs: sympy checks each step's algebra for symbolic k, but
some steps take the modelling facts they rest on as given (for instance ``W = 1 - V``), and
an argument in words is not checked at all. What proves a claim is its Coq theorem
(:mod:`ualign.proofs.coq_theorems`); a chain shows the route to the formula and typesets it.
Each chain is a :class:`ualign.symbolic.derivation.Derivation` citing the derivations it
uses (re-run, so a failure there fails the chain).

>>> chain("achievability").passed
True
"""

from __future__ import annotations

import sympy

from ualign.symbolic.derivation import Derivation
from ualign.symbolic.registry import derive

__all__ = ["CHAINS", "chain"]

k = sympy.Symbol("k", positive=True, integer=True)
l = sympy.Symbol("l", positive=True, integer=True)
V = sympy.Symbol("V", nonnegative=True)
slack = sympy.Symbol("s", nonnegative=True)


def _cite(d: Derivation, *names: str) -> None:
    for name in names:
        cited = derive(name)
        d.fact(f"derivation {name!r} holds", sympy.Eq(sympy.Symbol(name.replace("-", "_")),
                                                       sympy.true, evaluate=False),
               "re-run now", f"{len(cited.steps)} checked steps", cited.passed)


def _achievability() -> Derivation:
    d = Derivation("achievability", "a symmetric equilibrium's k-sample product wins >= k/(k+1) "
                   "against every single response (share rule)",
                   ["pi is a symmetric equilibrium: V(y) = 1/(k+1) - s with s >= 0, for each y",
                    "share rule; any profile of weak orders; any number of responses"])
    _cite(d, "deviation-payoff", "equal-share")
    W = 1 - V
    d.equal("the share contest is constant-sum: the product wins what the deviator does not",
            W + V, 1, "each user's unit prize is split among the k + 1 slots")
    d.equal("substitute the equilibrium hypothesis", W.subs(V, 1 / (k + 1) - slack),
            k / (k + 1) + slack, "V(y) = 1/(k+1) - s")
    d.nonnegative("the margin over k/(k+1) is the slack", slack, "s >= 0 by hypothesis")
    return d.conclude(k / (k + 1), "min_y W(pi^k, y) >= k/(k+1)")


def _multi_opponent() -> Derivation:
    d = Derivation("multi-opponent", "against l-output competitors the product wins >= "
                   "(k+1-l)/(k+1)", ["symmetric equilibrium as in achievability", "1 <= l <= k",
                                     "the multi-opponent derivation bounds the l-slot "
                                     "competitor's share by l/(k+1): V_T = l/(k+1) - s, s >= 0"])
    _cite(d, "multi-opponent")
    share = l / (k + 1) - slack
    d.equal("the product wins what the competitor does not (constant-sum contest)",
            1 - share, (k + 1 - l) / (k + 1) + slack, "share rule")
    d.nonnegative("the margin over (k+1-l)/(k+1) is the slack", slack, "s >= 0")
    return d.conclude((k + 1 - l) / (k + 1), "min_T W(pi^k, T) >= (k+1-l)/(k+1)")


def _average_selfplay() -> Derivation:
    a, b, da, db, s = sympy.symbols("A B dA dB s", real=True)
    t = sympy.Symbol("t", real=True)
    d = Derivation("average-selfplay", "the product of the average self-play lottery is at least "
                   "k/(k+1) - Regret_T/T robust",
                   ["V_pi(y) = sum_u w_u int_0^1 (A + sB)^k ds, with A, B linear in pi",
                    "A + sB >= 0 along the segment (masses of a lottery)"])
    _cite(d, "deviation-payoff", "selfplay-regret")
    g = (a + t * da + s * (b + t * db)) ** k
    second = sympy.diff(g, t, 2)
    d.equal("second derivative along a segment pi + t dpi",
            second, k * (k - 1) * (a + t * da + s * (b + t * db)) ** (k - 2) * (da + s * db) ** 2,
            "chain rule")
    base = sympy.Symbol("x", positive=True)  # interior of the segment; the ends by continuity
    j = sympy.Symbol("j", integer=True, nonnegative=True)  # k = j + 1
    d.nonnegative("it is nonnegative, so each integrand and V are convex in pi",
                  ((k * (k - 1) * base ** (k - 2)).subs(k, j + 1)
                   * sympy.Symbol("q", real=True) ** 2),
                  "k(k-1) >= 0 for k = j + 1 >= 1, a positive base, a square")
    R, T = sympy.symbols("R T", positive=True)
    d.equal("Jensen then the regret identity: max_y V_avg(y) <= max_y avg_t V_t(y)",
            (1 - (1 / (k + 1) + R / T)), k / (k + 1) - R / T, "avg_t V_t(y) <= 1/(k+1) + R/T")
    return d.conclude(k / (k + 1) - R / T, "robustness(avg^k) >= k/(k+1) - Regret_T/T")


def _nlhf_k1_optimal() -> Derivation:
    from ualign.game.value_checks import is_maximal_lottery
    from ualign.model.examples import EXAMPLES, example
    from ualign.solvers.maximal_lottery import maximal_lottery
    x, y = sympy.symbols("x y", positive=True)
    p = sympy.Symbol("p", real=True)  # P(a beats b) for a pair; P(b beats a) = 1 - p
    d = Derivation("nlhf-k1-optimal", "the symmetric NLHF game has value 1/2, attained by a "
                   "maximal lottery", ["P(a beats b) + P(b beats a) = 1 for all a, b (share)",
                                       "von Neumann's minimax theorem for the upper half"])
    d.equal("antisymmetry: a lottery against itself scores 1/2 on every unordered pair",
            (x * y * p + y * x * (1 - p)) / (2 * x * y), sympy.Rational(1, 2), "P + P^T = 1")
    w = sympy.symbols("w0:3", nonnegative=True)
    d.equal("so an opponent copying pi holds it to sum_y pi(y) W(pi, y) = 1/2, and min_y <= "
            "that average: the value is at most 1/2",
            sum(w[i] * w[j] * (sympy.Rational(1, 2)) for i in range(3) for j in range(3)),
            sympy.Rational(1, 2) * sum(w) ** 2, "pairwise 1/2 from the step above (3 responses "
            "shown; the sum is the same for any n)")
    attained = all(is_maximal_lottery(example(n), maximal_lottery(example(n))) for n in EXAMPLES)
    d.fact("a maximal lottery attains 1/2 (minimax theorem), re-verified exactly on every "
           "built-in example", sympy.Eq(sympy.Symbol("value"), sympy.Rational(1, 2)),
           "von Neumann; exact simplex", "is_maximal_lottery in Fractions", attained)
    return d.conclude(sympy.Rational(1, 2), "value of NLHF")


def _from_derivation(name: str, claim: str) -> Derivation:
    d = Derivation(claim, f"follows from the derivation {name!r}")
    _cite(d, name)
    cited = derive(name)
    d.fact("its result", cited.result if cited.result is not None else sympy.true,
           cited.result_text, "the derivation's conclusion", cited.passed)
    d.fact("its final step", cited.steps[-1].relation, cited.steps[-1].justification,
           cited.steps[-1].check, cited.steps[-1].passed)
    return d.conclude(cited.result, cited.result_text)


CHAINS = {
    "achievability": _achievability,
    "achievability-weak": lambda: _from_derivation("achievability", "achievability-weak"),
    "multi-opponent": _multi_opponent,
    "nlhf-k1-optimal": _nlhf_k1_optimal,
    "nlhf-ceiling": lambda: _from_derivation("nlhf-ceiling", "nlhf-ceiling"),
    "average-selfplay": _average_selfplay,
    "converse": lambda: _from_derivation("converse", "converse"),
}


def chain(claim_id: str) -> Derivation:
    """The derivation chain of a claim (KeyError when it has none)."""
    return CHAINS[claim_id]()
