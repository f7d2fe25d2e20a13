"""The NLHF ceiling: on a two-group instance NLHF's k-sample product stays at 1/2 + eps.

The instance is :func:`ualign.model.generators.two_group_condorcet`: users of weight ``1/2 + eps``
rank ``0 > 1 > 2 > ... > m-1`` and users of weight ``1/2 - eps`` rank ``1 > 0 > 2 > ...``,
with ``0 < eps < 1/2``. The derivation checks, for symbolic ``k`` and ``eps``:

1. 0 is the Condorcet winner, so the maximal lottery (unregularised NLHF) is the point mass on 0;
   a lottery with ``p(1) = q > 0`` earns ``1/2 - q eps < 1/2`` against it.
2. The k-sample product of that point mass wins ``1/2 + eps`` against response 1 for every
   ``k`` and every tie rule, and ``k/(k+1)``, ``1/2``, ``1``, ``0`` against response 0 under
   share, half, weak, strict. Its robustness under share is ``min(1/2 + eps, k/(k+1))``, which
   is ``1/2 + eps`` exactly when ``eps <= (k-1)/(2(k+1))`` (so ``1/2`` at ``k = 1``, and
   ``1/2 + eps`` for ``k >= 2`` only when ``eps <= 1/6``). The gap to ``k/(k+1)`` tends to
   ``1/2 - eps > 0``: the ceiling.
3. KL-regularised NLHF (m = 2, reference ``(mu0, mu1)``, temperature ``tau``): since
   ``(P pi)_0 - (P pi)_1 = eps`` for *every* ``pi``, the regularised best response is constant
   and ``pi*(0) = mu0 e^(eps/tau) / (mu0 e^(eps/tau) + mu1)``. Its product's worst-case win
   rate tends to the point-mass value as ``tau -> 0+``.
4. The (k+1)-player game: the symmetric equilibrium ``(p, 1-p)`` solves
   ``(1/2+eps)(1 - (1-p)^(k+1)) + (1/2-eps) p^(k+1) - p = 0``, which has the roots 0 and 1;
   the rest gives ``p = 1/2 + 3 eps`` at ``k = 2`` and ``p = (1 + eps - sqrt(1 - 7 eps^2))/(2 eps)``
   at ``k = 3``. It wins ``k/(k+1)``; the point mass is an equilibrium exactly when
   ``eps >= (k-1)/(2(k+1))``, the same threshold as in step 2.

>>> d = derive()
>>> d.name, d.passed
('nlhf-ceiling', True)
>>> sympy.simplify(kl_solution(sympy.Rational(1, 10), sympy.Rational(1, 10), sympy.Rational(1, 2)))
E/(1 + E)
"""

from __future__ import annotations

import sympy

from ualign.model.ties import TieRule
from ualign.symbolic.derivation import Derivation

__all__ = ["derive", "instance", "pairwise_matrix_symbolic", "competitor_share_symbolic",
           "deviation_payoffs_symbolic", "point_mass_win_rates", "point_mass_robustness",
           "kl_solution", "kl_product_win_rate", "equilibrium_polynomial", "equilibria",
           "RULES", "k", "eps", "tau", "mu0", "mu1", "p"]

HALF = sympy.Rational(1, 2)
RULES = tuple(TieRule)

k = sympy.Symbol("k", positive=True, integer=True)
eps = sympy.Symbol("epsilon", positive=True)
tau = sympy.Symbol("tau", positive=True)
mu0, mu1 = sympy.symbols("mu0 mu1", positive=True)
p = sympy.Symbol("p", positive=True)
_q = sympy.Symbol("q", positive=True)
_s = sympy.Symbol("s", positive=True)
_x = sympy.Symbol("x", positive=True)
_EPS_RANGE = sympy.Interval.open(0, HALF)


def instance(e=eps, m: int = 2) -> list[tuple[tuple[int, ...], sympy.Expr]]:
    """The two groups of ``two_group_condorcet(e, m)`` as ``(order best first, weight)`` pairs.

    >>> instance(sympy.Rational(1, 10))
    [((0, 1), 3/5), ((1, 0), 2/5)]
    """
    rest = tuple(range(2, m))
    return [((0, 1) + rest, HALF + e), ((1, 0) + rest, HALF - e)]


def pairwise_matrix_symbolic(groups, m: int) -> list[list[sympy.Expr]]:
    """``P[y][z]``: the weight preferring ``y`` to ``z`` (1/2 on the diagonal), strict orders."""
    P = [[sympy.S.Zero] * m for _ in range(m)]
    for order, w in groups:
        pos = {y: i for i, y in enumerate(order)}
        for y in range(m):
            for z in range(m):
                P[y][z] += w * (HALF if y == z else int(pos[y] < pos[z]))
    return [[sympy.simplify(v) for v in row] for row in P]


def competitor_share_symbolic(A, B, kk, rule: str):
    """A single competitor's share against ``kk`` draws (see :mod:`ualign.game.deviation_payoffs`).

    ``A`` is the draws' mass strictly below the competitor's response, ``B`` the mass on it.
    """
    A, B = sympy.sympify(A), sympy.sympify(B)
    if rule == "weak":
        return A**kk
    if rule == "strict":
        return (A + B)**kk
    if rule == "half":
        return (A**kk + (A + B)**kk) / 2
    return A**kk if B == 0 else ((A + B)**(kk + 1) - A**(kk + 1)) / ((kk + 1) * B)


def deviation_payoffs_symbolic(groups, probs, kk, rule: str = "share") -> list:
    """``V(y)`` for each response against ``kk`` draws from ``probs`` (strict orders)."""
    values = []
    for y in range(len(probs)):
        total = sympy.S.Zero
        for order, w in groups:
            below = order[order.index(y) + 1:]
            total += w * competitor_share_symbolic(sum((probs[z] for z in below), sympy.S.Zero),
                                                   probs[y], kk, rule)
        values.append(total)
    return values


def point_mass_win_rates(e=eps, kk=k, rule: str = "share", m: int = 2) -> list:
    """The k-sample point mass on 0: its win rate against each single response."""
    point = [sympy.S.One] + [sympy.S.Zero] * (m - 1)
    return [sympy.simplify(1 - v)
            for v in deviation_payoffs_symbolic(instance(e, m), point, kk, rule)]


def point_mass_robustness(e=eps, kk=k, rule: str = "share", m: int = 2):
    """The point-mass product's robustness (min win rate over single competitors).

    >>> point_mass_robustness(sympy.Rational(1, 10), 2)
    3/5
    >>> point_mass_robustness(sympy.Rational(1, 4), 2)
    2/3
    """
    return sympy.Min(*point_mass_win_rates(e, kk, rule, m))


def kl_solution(t=tau, e=eps, m0=mu0, m1=None):
    """``pi*(0)`` of KL-regularised NLHF on the two-response instance (``mu1 = 1 - mu0``)."""
    m1 = 1 - m0 if m1 is None else m1
    return m0 * sympy.exp(e / t) / (m0 * sympy.exp(e / t) + m1)


def kl_product_win_rate(t=tau, e=eps, m0=mu0, kk=k):
    """Worst-case (single competitor, share) win rate of ``kk`` draws from the KL solution."""
    x = kl_solution(t, e, m0)
    v = deviation_payoffs_symbolic(instance(e), [x, 1 - x], kk)
    return sympy.Min(1 - v[0], 1 - v[1])


def equilibrium_polynomial(e=eps, kk=k, var=p):
    """``(k+1) p (V(0) - 1/(k+1))`` for ``pi = (p, 1-p)``: zero at an interior equilibrium."""
    return (HALF + e) * (1 - (1 - var)**(kk + 1)) + (HALF - e) * var**(kk + 1) - var


def equilibria(e, kk: int) -> list:
    """Every symmetric equilibrium ``pi(0)`` for a concrete ``e`` and ``kk`` (exact, sorted).

    Interior ones are the roots in (0, 1) of ``equilibrium_polynomial / (p (p - 1))``; the
    point mass on 0 (``p = 1``) is one when ``1/2 - e <= 1/(kk+1)``; ``p = 0`` never is.

    >>> equilibria(sympy.Rational(1, 10), 2)
    [4/5]
    """
    e = sympy.sympify(e)
    x = sympy.Symbol("x")
    reduced = sympy.Poly(sympy.cancel(equilibrium_polynomial(e, kk, x) / (x * (x - 1))), x)
    roots = sorted({r for r in reduced.real_roots() if 0 < r < 1}, key=lambda r: r.evalf(50))
    if HALF - e <= sympy.Rational(1, kk + 1):
        roots.append(sympy.S.One)
    return roots


def _positive_on_range(expr) -> bool:
    """``expr > 0`` for every ``eps`` in (0, 1/2) (univariate in eps)."""
    return sympy.solveset(expr <= 0, eps, _EPS_RANGE) == sympy.S.EmptySet


def derive(m: int = 2) -> Derivation:
    """Derive the NLHF ceiling on ``two_group_condorcet(eps, m)`` (steps 3-4 for two responses).

    >>> derive(m=3).passed
    True
    """
    d = Derivation("nlhf-ceiling" if m == 2 else f"nlhf-ceiling-m{m}",
                   "NLHF's k-sample product wins only 1/2 + eps while k/(k+1) is achievable",
                   assumptions=["0 < eps < 1/2", "k >= 1 is an integer",
                                f"m = {m} responses; weight 1/2 + eps ranks 0 > 1 > rest, "
                                f"weight 1/2 - eps ranks 1 > 0 > rest",
                                "tau > 0, reference (mu0, mu1) with mu0, mu1 > 0, mu0 + mu1 = 1"])
    groups = instance(eps, m)
    P = pairwise_matrix_symbolic(groups, m)

    # 1. Condorcet winner and maximal lottery.
    d.equal("P(0 beats 1)", P[0][1], HALF + eps, "weight of the group ranking 0 > 1")
    d.equal("P(1 beats 0)", P[1][0], HALF - eps, "weight of the group ranking 1 > 0")
    d.fact("0 is the Condorcet winner", sympy.StrictGreaterThan(P[0][1], HALF, evaluate=False),
           "eps > 0",
           "(P[0][1] - 1/2).is_positive", bool((P[0][1] - HALF).is_positive))
    for z in range(2, m):
        d.equal(f"0 beats {z} unanimously", P[0][z], 1, "every user ranks 0 above it")
    lottery = [1 - _q, _q] + [sympy.S.Zero] * (m - 2)
    payoff = sum(lottery[y] * P[y][0] for y in range(m))
    d.equal("NLHF payoff of (1-q, q) against the point mass on 0", payoff, HALF - _q * eps,
            "sum_y p(y) P[y][0]")
    loss = sympy.simplify(HALF - payoff)
    d.nonnegative("so p(1) = q > 0 loses to the point mass: 1/2 - payoff > 0", loss,
                  "q eps > 0 (strictly)", lambda: bool(loss.is_positive))
    d.fact("the point mass on 0 wins >= 1/2 against every response (maximal lottery)",
           sympy.GreaterThan(sympy.Min(*P[0], evaluate=False), HALF, evaluate=False),
           "P[0][z] in {1/2, 1/2 + eps, 1}", "each P[0][z] - 1/2 >= 0",
           all(is_nn for is_nn in ((v - HALF).is_nonnegative for v in P[0])))

    # 2. The point-mass product and its robustness per tie rule.
    against0 = {"share": k / (k + 1), "half": HALF, "weak": sympy.S.One, "strict": sympy.S.Zero}
    for rule in RULES:
        w = point_mass_win_rates(eps, k, rule, m)
        d.equal(f"{rule}: k copies of 0 beat response 1", w[1], HALF + eps,
                "users ranking 0 > 1 pick a copy of 0; the others pick 1 (no tie)")
        d.equal(f"{rule}: k copies of 0 against response 0", w[0], against0[rule],
                "every user ties the k copies with the competitor's copy of 0")
        for z in range(2, m):
            d.equal(f"{rule}: k copies of 0 beat response {z}", w[z], 1, "0 beats it for all")
    d.solve_inequality("share: robustness min(1/2 + eps, k/(k+1)) is 1/2 + eps iff "
                       "eps <= k/(k+1) - 1/2", k / (k + 1) >= HALF + eps, eps,
                       sympy.Interval(-sympy.oo, k / (k + 1) - HALF), "linear in eps")
    d.equal("the threshold k/(k+1) - 1/2 = (k-1)/(2(k+1)), 0 at k = 1, 1/6 at k = 2",
            k / (k + 1) - HALF, (k - 1) / (2 * (k + 1)), "common denominator")
    d.equal("share at k = 1: robustness is 1/2", point_mass_robustness(eps, 1, "share", m), HALF,
            "1/(1+1) = 1/2 < 1/2 + eps")
    d.solve_inequality("share at k = 2: robustness 1/2 + eps iff eps <= 1/6",
                       sympy.Rational(2, 3) >= HALF + eps, eps,
                       sympy.Interval(-sympy.oo, sympy.Rational(1, 6)), "2/3 >= 1/2 + eps")
    d.equal("half: robustness is 1/2", point_mass_robustness(eps, k, "half", m), HALF,
            "min(1/2 + eps, 1/2)")
    d.nonnegative("weak: robustness is 1/2 + eps, as 1 - (1/2 + eps) > 0",
                  1 - (HALF + eps), "eps < 1/2", lambda: _positive_on_range(HALF - eps))
    d.equal("strict: robustness is 0", point_mass_robustness(eps, k, "strict", m), 0,
            "the competitor's copy of 0 wins every tie")
    gap = k / (k + 1) - (HALF + eps)
    d.limit("the ceiling: k/(k+1) - (1/2 + eps) tends to 1/2 - eps", gap, k, sympy.oo,
            HALF - eps, "k/(k+1) -> 1 while the product's win rate against 1 is constant")
    d.nonnegative("the ceiling gap 1/2 - eps is positive", HALF - eps, "eps < 1/2",
                  lambda: _positive_on_range(HALF - eps))

    if m == 2:
        _kl_steps(d, P)
        _equilibrium_steps(d)
    else:
        point = [p, 1 - p] + [sympy.S.Zero] * (m - 2)
        v = deviation_payoffs_symbolic(groups, point, k)
        for z in range(2, m):
            d.equal(f"a deviation to {z} earns 0 against any (p, 1-p, 0, ...)", v[z], 0,
                    "every user ranks it below both 0 and 1, which carry all the mass")
        for y in (0, 1):
            d.equal(f"V({y}) on (p, 1-p, 0, ...) equals its value for m = 2", v[y],
                    deviation_payoffs_symbolic(instance(eps), [p, 1 - p], k)[y],
                    "responses 2.. carry no mass, so the classes' masses are unchanged")
    return d.conclude(sympy.Tuple(sympy.Min(HALF + eps, k / (k + 1)), HALF - eps,
                                  kl_solution(), HALF + 3 * eps,
                                  (1 + eps - sympy.sqrt(1 - 7 * eps**2)) / (2 * eps)),
                      "(point-mass robustness under share, limiting gap, KL pi*(0), "
                      "equilibrium p at k = 2, at k = 3)")


def _kl_steps(d: Derivation, P) -> None:
    pi = [_x, 1 - _x]
    Ppi = [sum(P[y][z] * pi[z] for z in range(2)) for y in range(2)]
    d.equal("(P pi)_0 - (P pi)_1 = eps (pi0 + pi1) = eps for every pi", Ppi[0] - Ppi[1], eps,
            "P[0][0] = P[1][1] = 1/2, P[0][1] = 1/2 + eps, P[1][0] = 1/2 - eps")
    star = kl_solution(tau, eps, mu0, mu1)
    Pstar = [v.subs(_x, star) for v in Ppi]
    softmax = mu0 * sympy.exp(Pstar[0] / tau) / (mu0 * sympy.exp(Pstar[0] / tau)
                                                 + mu1 * sympy.exp(Pstar[1] / tau))
    d.equal("pi*(0) = mu0 e^(eps/tau)/(mu0 e^(eps/tau) + mu1) solves pi ~ mu exp(P pi / tau)",
            star / (1 - star), (mu0 / mu1) * sympy.exp((Pstar[0] - Pstar[1]) / tau),
            "the best response is constant in pi, so this is the unique fixed point")
    d.equal("same, in softmax form", star - softmax, 0, "normalise the ratio")
    d.limit("tau -> 0+: pi*(0) -> 1 (the maximal lottery)", star, tau, 0, 1)
    d.limit("tau -> oo: pi*(0) -> mu0 (the reference)", star, tau, sympy.oo, mu0 / (mu0 + mu1))
    v0, v1 = deviation_payoffs_symbolic(instance(eps), [p, 1 - p], k)
    d.equal("V(1) against k draws from (p, 1-p)", v1,
            (HALF + eps) * (1 - p)**k / (k + 1)
            + (HALF - eps) * (1 - p**(k + 1)) / ((k + 1) * (1 - p)),
            "closed form ((A+B)^(k+1) - A^(k+1))/((k+1)B): A = 0, B = 1-p; A = p, B = 1-p")
    d.limit("as p = 1 - s -> 1, the win rate against 1 tends to 1/2 + eps",
            1 - v1.subs(p, 1 - _s), _s, 0, HALF + eps)
    d.limit("as p = 1 - s -> 1, the win rate against 0 tends to k/(k+1)",
            1 - v0.subs(p, 1 - _s), _s, 0, k / (k + 1))
    for kk in (1, 2, 3):
        # Min has no limit rule in sympy, so each branch goes separately (min is continuous).
        x = kl_solution(tau, eps, mu0, mu1)
        w0, w1 = (sympy.simplify(1 - v.subs(k, kk).subs(p, x)) for v in (v0, v1))
        d.limit(f"k = {kk}: the KL product's win rate against 1 tends to 1/2 + eps as tau -> 0+",
                w1, tau, 0, HALF + eps, "pi*(0) -> 1")
        d.limit(f"k = {kk}: its win rate against 0 tends to {kk}/{kk + 1}, so its robustness "
                f"tends to the point mass's min(1/2 + eps, {kk}/{kk + 1})", w0, tau, 0,
                sympy.Rational(kk, kk + 1), "pi*(0) -> 1; min is continuous")


def _equilibrium_steps(d: Derivation) -> None:
    v0, v1 = deviation_payoffs_symbolic(instance(eps), [p, 1 - p], k)
    d.equal("V(0) against k draws from (p, 1-p)", v0,
            (HALF + eps) * (1 - (1 - p)**(k + 1)) / ((k + 1) * p) + (HALF - eps) * p**k / (k + 1),
            "closed form: A = 1-p, B = p for 0 > 1 users; A = 0, B = p for 1 > 0 users")
    d.equal("equal-share identity p V(0) + (1-p) V(1) = 1/(k+1)", p * v0 + (1 - p) * v1,
            1 / (k + 1), "so V(0) = 1/(k+1) forces V(1) = 1/(k+1) when 0 < p < 1")
    F = equilibrium_polynomial()
    d.equal("V(0) = 1/(k+1) iff F(p) = 0", (k + 1) * p * (v0 - 1 / (k + 1)), F,
            "multiply by (k+1) p > 0")
    d.equal("p = 1 is a root of F for every k", F.subs(p, 1), 0, "0^(k+1) = 0")
    d.equal("p = 0 is a root of F for every k", F.subs(p, 0), 0, "introduced by the factor p")
    d.equal("V(1) at the point mass p = 1", v1.subs(p, 1 - _s).limit(_s, 0), HALF - eps,
            "1 > 0 users take response 1")
    d.solve_inequality("the point mass on 0 is an equilibrium iff eps >= (k-1)/(2(k+1))",
                       HALF - eps <= 1 / (k + 1), eps,
                       sympy.Interval(HALF - 1 / (k + 1), sympy.oo),
                       "V(1) = 1/2 - eps <= 1/(k+1); the same threshold as the robustness")
    roots = {2: HALF + 3 * eps, 3: (1 + eps - sympy.sqrt(1 - 7 * eps**2)) / (2 * eps)}
    reduced = {2: p - HALF - 3 * eps,
               3: 2 * eps * p**2 - (2 * eps + 2) * p + 4 * eps + 1}
    scale = {2: 1, 3: -1}
    known = {2: sympy.Rational(4, 5), 3: (11 - sympy.sqrt(93)) / 2}
    bound = {2: sympy.Rational(1, 6), 3: sympy.Rational(1, 4)}
    for kk in (2, 3):
        Fk = F.subs(k, kk)
        d.equal(f"k = {kk}: F factors", Fk, scale[kk] * p * (p - 1) * reduced[kk],
                "divide by p (p - 1)")
        r = roots[kk]
        d.equal(f"k = {kk}: the interior root solves the reduced factor",
                reduced[kk].subs(p, r), 0, "quadratic formula" if kk == 3 else "linear")
        for y, v in ((0, v0), (1, v1)):
            d.equal(f"k = {kk}: V({y}) = 1/{kk + 1} at the root (an equilibrium, win rate "
                    f"{kk}/{kk + 1})", v.subs(k, kk).subs(p, r), sympy.Rational(1, kk + 1),
                    "substitute")
        d.equal(f"k = {kk}, eps = 1/10: p = {known[kk]}", r.subs(eps, sympy.Rational(1, 10)),
                known[kk], "evaluate")
        d.fact(f"k = {kk}: the root lies in (0, 1) iff eps < {bound[kk]}",
               sympy.StrictLessThan(r, 1, evaluate=False), "solve over 0 < eps < 1/2",
               "solveset on (0, 1/2)",
               sympy.solveset(r < 1, eps, _EPS_RANGE).intersect(
                   sympy.solveset(r > 0, eps, _EPS_RANGE)) == sympy.Interval.open(0, bound[kk]))
        d.fact(f"k = {kk}: the equilibrium's {kk}/{kk + 1} beats NLHF's 1/2 + eps exactly "
               f"there", sympy.StrictGreaterThan(sympy.Rational(kk, kk + 1), HALF + eps,
                                                 evaluate=False),
               "same threshold", "solveset on (0, 1/2)",
               sympy.solveset(sympy.Rational(kk, kk + 1) > HALF + eps, eps, _EPS_RANGE)
               == sympy.Interval.open(0, bound[kk]))
