"""The converse on impartial culture: the exact best guarantee of any k-output policy.

On impartial culture (IC) over ``m`` responses every strict order is equally likely. For
``1 <= k <= m`` and a single-output competitor, the best robust-alignment guarantee of *any*
k-output policy (any joint law over k-multisets) is exactly

    ceiling(m, k) = k/(k+1) + (t - 1/(k+1)) / m,

where ``t`` is what the k-output side gets when the user's favourite slot is one copy of a
response that the competitor also shows: ``t = 1/2`` under ``share`` and ``half``, ``1`` under
``weak`` and ``0`` under ``strict``. It is an *exact* value, not only a bound:

* *upper bound* -- the competitor that shows a uniformly random response holds every k-multiset
  ``S`` to at most ``ceiling(m, k)``. If ``S`` has ``d`` distinct responses with multiplicities
  ``c_1..c_d``, the competitor's ``z`` lies outside ``S`` with probability ``(m - d)/m`` and is
  then the favourite among the ``d + 1`` distinct responses with probability ``1/(d+1)`` (by
  symmetry); inside ``S`` (probability ``1/m`` for each ``s_i``) it ties with the user's top when
  that top is ``s_i`` (probability ``1/d``) and the k-side gets ``tau(c_i)`` (``c_i/(c_i+1)``
  under share). Concavity of ``c/(c+1)`` and a monotonicity in ``d`` put the maximum at
  ``d = k``, all multiplicities 1;
* *achievability* -- showing a uniformly random k-subset meets the bound against every
  response.

As ``m -> oo`` the ceiling tends to ``k/(k+1)``: a claimed guarantee ``f(k) > k/(k+1)`` is
refuted by IC on every ``m >= smallest_refuting_m(f)`` (the ceiling decreases in ``m``).

Surprises the derivation makes precise: under ``share`` and ``half`` the finite-``m`` ceiling is
*above* ``k/(k+1)`` for ``k >= 2`` (by ``(k-1)/(2(k+1)m)``), so refuting ``k/(k+1) + delta``
needs ``m > (k-1)/(2(k+1) delta)``; under ``strict`` it is *below* ``k/(k+1)`` for every ``m``.
For ``m < k`` the formula does not apply (a policy must repeat responses); note that ``m = 1``
gives exactly ``k/(k+1)`` under ``share`` (all ``k + 1`` slots tie), a degenerate refutation
that :func:`smallest_refuting_m` deliberately does not report.

>>> d = derive()
>>> d.passed
True
>>> ceiling(4, 2)
Fraction(17, 24)
>>> smallest_refuting_m(K / (K + 1) + sympy.Rational(1, 100), k=3)
26
"""

from __future__ import annotations

from fractions import Fraction

import sympy

from ualign.model.ties import TieRule
from ualign.symbolic.derivation import Derivation

__all__ = ["derive", "ceiling", "ceiling_expr", "smallest_refuting_m", "tie_value", "K", "M"]

K = sympy.Symbol("k", positive=True, integer=True)
M = sympy.Symbol("m", positive=True, integer=True)
_D = sympy.Symbol("d", positive=True, integer=True)      # distinct responses in S
_T = sympy.Symbol("t", nonnegative=True)                  # k-side's value of a 1-vs-1 top tie
_A = sympy.Symbol("a", positive=True)                     # tangent point k/d
_C = sympy.Symbol("c", positive=True)                     # a multiplicity
# Nonnegative slacks: d = 1 + e, k = d + p (d <= k), m = d + q (d <= m).
_E, _P, _Q = sympy.symbols("e p q", nonnegative=True, integer=True)
_DELTA = sympy.Symbol("delta", positive=True)             # claimed excess f(k) - k/(k+1)
_GAP = sympy.Symbol("C", positive=True)                   # a positive gap coefficient

_RULES = tuple(TieRule)
_TIE = {"share": Fraction(1, 2), "half": Fraction(1, 2), "weak": Fraction(1), "strict": Fraction(0)}


def tie_value(tie_rule: str = "share") -> Fraction:
    """``t``: the k-side's share when one of its copies ties the competitor's single slot.

    >>> tie_value("weak"), tie_value("share")
    (Fraction(1, 1), Fraction(1, 2))
    """
    rule = str(getattr(tie_rule, "value", tie_rule)).strip().lower()
    if rule not in _TIE:
        raise ValueError(f"unknown tie rule {tie_rule!r}; use one of {', '.join(_RULES)}")
    return _TIE[rule]


def ceiling_expr(tie_rule: str = "share", m=M, k=K) -> sympy.Expr:
    """The exact IC optimum ``k/(k+1) + (t - 1/(k+1))/m`` as a sympy expression (``k <= m``)."""
    t = sympy.Rational(tie_value(tie_rule))
    return k / (k + 1) + (t - 1 / (k + 1)) / m


def ceiling(m: int, k: int, tie_rule: str = "share") -> Fraction:
    """The exact best guarantee of any k-output policy on IC over ``m >= k`` responses.

    >>> ceiling(3, 2), ceiling(6, 3, "strict")
    (Fraction(13, 18), Fraction(17, 24))
    """
    if not (isinstance(m, int) and isinstance(k, int) and 1 <= k <= m):
        raise ValueError(f"the closed form needs integers 1 <= k <= m, got m={m!r}, k={k!r}")
    t = tie_value(tie_rule)
    return Fraction(k, k + 1) + (t - Fraction(1, k + 1)) / m


def _threshold(delta: Fraction, k: int, tie_rule: str) -> int:
    """Smallest integer ``m >= k`` with ``(t - 1/(k+1))/m < delta``."""
    gap = tie_value(tie_rule) - Fraction(1, k + 1)
    if gap <= 0:
        return k
    q = gap / delta                       # need m > q exactly: floor(q) + 1
    return max(k, q.numerator // q.denominator + 1)


def smallest_refuting_m(f, k: int | None = None, tie_rule: str = "share"):
    """The smallest ``m >= k`` for which IC on ``m`` responses refutes "every k wins f(k)".

    ``f`` is a sympy expression in :data:`K` or a callable ``k -> number`` with
    ``f(k) > k/(k+1)``. Refuting means ``ceiling(m, k) < f(k)``, and then every larger ``m``
    refutes too (the ceiling is nonincreasing in ``m``). With ``k`` given the answer is an
    ``int``; otherwise it is a sympy expression in ``k`` (for a sympy ``f``) or a function
    ``k -> int`` (for a callable). The search starts at ``m = k``, where the closed form
    begins; ``m = 1`` is excluded on purpose (see the module docstring).

    >>> smallest_refuting_m(K / (K + 1) + sympy.Rational(1, 100))
    Max(k, floor(50*(k - 1)/(k + 1)) + 1)
    >>> claim = lambda k: Fraction(k, k + 1) + Fraction(1, 100)
    >>> [smallest_refuting_m(claim, k) for k in (1, 2, 3, 4)]
    [1, 17, 26, 31]
    """
    if k is None:
        if callable(f) and not isinstance(f, sympy.Basic):
            return lambda kk: smallest_refuting_m(f, kk, tie_rule)
        delta = sympy.sympify(f) - K / (K + 1)
        gap = sympy.Rational(tie_value(tie_rule)) - 1 / (K + 1)
        return sympy.Max(K, sympy.floor(sympy.simplify(gap / delta)) + 1)
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number >= 1, got {k!r}")
    value = f(k) if callable(f) and not isinstance(f, sympy.Basic) else sympy.sympify(f).subs(K, k)
    value = sympy.nsimplify(value) if isinstance(value, float) else sympy.sympify(value)
    if not value.is_Rational:
        raise ValueError(f"f({k}) = {value} is not an exact rational; pass an exact claim")
    delta = Fraction(int(value.p), int(value.q)) - Fraction(k, k + 1)
    if delta <= 0:
        raise ValueError(f"f({k}) = {value} does not exceed k/(k+1) = {Fraction(k, k + 1)}")
    return _threshold(delta, k, tie_rule)


def _partitions(k: int, largest: int | None = None):
    """Multiplicity patterns (c_1 >= c_2 >= ...) summing to k."""
    largest = k if largest is None else largest
    if k == 0:
        yield ()
        return
    for c in range(min(k, largest), 0, -1):
        for rest in _partitions(k - c, c):
            yield (c,) + rest


def _multiset_value(m: int, cs: tuple[int, ...], tie_rule: str) -> Fraction:
    """W(S): a multiset with multiplicities ``cs`` against the uniformly random response."""
    d = len(cs)
    tau = [Fraction(c, c + 1) if tie_rule == "share" else tie_value(tie_rule) for c in cs]
    return (Fraction((m + 1) * d, d + 1) - 1 + sum(tau) / d) / m


def _replay_multiset_bound(max_m: int) -> tuple[bool, str]:
    """Check the bound step by brute force: each W(S) <= ceiling, equality iff all c_i = 1."""
    for rule in _RULES:
        for m in range(1, max_m + 1):
            for k in range(1, m + 1):
                for cs in _partitions(k):
                    w, v = _multiset_value(m, cs, rule), ceiling(m, k, rule)
                    if w > v or (w == v) != (len(cs) == k):
                        return False, f"{rule} m={m} multiplicities={cs}: W={w}, ceiling={v}"
    return True, "all patterns"


def derive() -> Derivation:
    """Derive the exact IC optimum for symbolic ``k <= m``, its limit and the refuting ``m``."""
    k, m, d, t, a, c = K, M, _D, _T, _A, _C
    dv = Derivation(
        "converse",
        "on impartial culture over m responses the best k-output policy guarantees exactly "
        "k/(k+1) + (t - 1/(k+1))/m (t = 1/2 share/half, 1 weak, 0 strict), which tends to "
        "k/(k+1) as m -> oo",
        assumptions=["k, m, d are integers with 1 <= d <= k <= m",
                     "a single-output competitor; any joint law over k-multisets for the policy",
                     "t is the k-side's value when one own copy ties the competitor's slot"])

    # -- symmetry -----------------------------------------------------------------------------
    dv.equal("orders of m responses in which z tops a fixed (d+1)-set number m!/(d+1)",
             sympy.binomial(m, d + 1) * sympy.factorial(d) * sympy.factorial(m - d - 1),
             sympy.factorial(m) / (d + 1),
             "choose the set's positions, put z first of them, order the other d and the rest")
    dv.equal("so z outside S wins with probability 1/(d+1), and S wins d/(d+1)",
             1 - sympy.binomial(m, d + 1) * sympy.factorial(d) * sympy.factorial(m - d - 1)
             / sympy.factorial(m), d / (d + 1), "IC: all m! orders are equally likely")

    # -- the uniform competitor holds each multiset S ---------------------------------------
    i = sympy.Symbol("i", positive=True, integer=True)
    dv.summation("a z inside S (prob 1/m per distinct s_i) loses when the user's top is not s_i",
                 1 - 1 / d, i, 1, d, d - 1, "the top of S is s_i with probability 1/d")
    dv.equal("so m * W(S) = (m+1)d/(d+1) - 1 + (1/d) sum_i tau(c_i)",
             (m - d) * d / (d + 1) + (d - 1), (m + 1) * d / (d + 1) - 1,
             "z outside S with probability (m-d)/m, then S wins d/(d+1)")
    # share: tau(c) = c/(c+1); bound sum_i tau(c_i) via the tangent at a = k/d (concavity).
    dv.equal("tangent-line identity for tau(c) = c/(c+1) at a",
             a / (a + 1) + (c - a) / (a + 1) ** 2 - c / (c + 1),
             (c - a) ** 2 / ((a + 1) ** 2 * (c + 1)), "algebra")
    dv.nonnegative("tau lies below its tangent: (c-a)^2/((a+1)^2 (c+1)) >= 0",
                   (c - a) ** 2 / ((a + 1) ** 2 * (c + 1)), "square over positives")
    dv.equal("summing the tangent over c_1..c_d (sum c_i = k) at a = k/d gives d k/(k+d)",
             (d * a / (a + 1) + (k - d * a) / (a + 1) ** 2).subs(a, k / d), d * k / (k + d),
             "the linear term vanishes since sum_i (c_i - a) = 0")
    # h(d): the bound on m * W(S) for a multiset with d distinct responses.
    h_share = lambda x: (m + 1) * x / (x + 1) - 1 + k / (k + x)  # noqa: E731
    h_const = lambda x: (m + 1) * x / (x + 1) - 1 + t            # noqa: E731
    diff_share = (k - d) * (2 * (m + 1) * (k + d) - (k + 1) * (d + 1)) / (
        2 * (k + 1) * (d + 1) * (k + d))
    dv.equal("share: h(k) - h(d), with h(d) = (m+1)d/(d+1) - 1 + k/(k+d)",
             h_share(k) - h_share(d), diff_share, "algebra")
    slack = {k: d + _P, m: d + _Q}
    dv.nonnegative("share: h(k) - h(d) >= 0 for 1 <= d <= k, d <= m",
                   sympy.factor(diff_share.subs(slack).subs(d, 1 + _E)),
                   "substitute d = 1+e, k = d+p, m = d+q with e, p, q >= 0")
    diff_const = (m + 1) * (k - d) / ((k + 1) * (d + 1))
    dv.equal("half/weak/strict (tau constant t): h(k) - h(d)", h_const(k) - h_const(d),
             diff_const, "algebra")
    dv.nonnegative("half/weak/strict: h(k) - h(d) >= 0 for d <= k",
                   diff_const.subs(slack), "substitute k = d+p, m = d+q with p, q >= 0")
    dv.equal("share's bound at d = k is the t = 1/2 form", h_share(k),
             h_const(k).subs(t, sympy.Rational(1, 2)), "k/(2k) = 1/2")
    ok, worst = _replay_multiset_bound(8)
    dv.fact("replay: max over all k-multisets S of W(S) is attained only at k distinct responses",
            sympy.Eq(sympy.Symbol("max_S_W"), sympy.Symbol("W_k_distinct"), evaluate=False),
            "the same W(S) formula, enumerated over every multiplicity pattern",
            "exact Fractions, every rule, 1 <= k <= m <= 8", ok, worst)
    V = ((m + 1) * k / (k + 1) - 1 + t) / m
    dv.equal("so every policy wins at most V = ((m+1)k/(k+1) - 1 + t)/m vs the uniform z",
             V, k / (k + 1) + (t - 1 / (k + 1)) / m, "closed form")

    # -- achievability ------------------------------------------------------------------------
    dv.equal("a uniform k-subset contains a fixed z with probability k/m",
             sympy.binomial(m - 1, k - 1) / sympy.binomial(m, k), k / m, "counting")
    dv.equal("uniform k-subsets win exactly V against every response z",
             (1 - k / m) * k / (k + 1) + (k / m) * (1 - 1 / k + t / k), V,
             "z outside (wins k/(k+1)) or inside (tie when z is the top, prob 1/k)")

    # -- per rule: closed form, limit, sign of the finite-m gap -------------------------------
    for rule in _RULES:
        tv = sympy.Rational(tie_value(rule))
        dv.equal(f"{rule}: the exact ceiling", V.subs(t, tv), ceiling_expr(rule), f"t = {tv}")
        dv.limit(f"{rule}: the ceiling tends to k/(k+1)", ceiling_expr(rule), m, sympy.oo,
                 k / (k + 1), "the correction is O(1/m)")
    share_gap = (k - 1) / (2 * (k + 1) * m)
    dv.equal("share/half: ceiling - k/(k+1)", ceiling_expr("share") - k / (k + 1), share_gap,
             "algebra")
    dv.nonnegative("share/half: the finite-m ceiling is at least k/(k+1)",
                   share_gap.subs(k, 1 + _P), "k = 1 + p, p >= 0")
    dv.nonnegative("strict: the finite-m ceiling is below k/(k+1)",
                   k / (k + 1) - ceiling_expr("strict"), "1/((k+1)m) > 0")
    dv.nonnegative("share: the ceiling is nonincreasing in m",
                   sympy.factor((ceiling_expr("share") - ceiling_expr("share", m + 1))
                                .subs(k, 1 + _P)),
                   "(k-1)/(2(k+1)m(m+1)) >= 0")

    # -- refuting a claimed f(k) = k/(k+1) + delta ---------------------------------------------
    C = _GAP
    dv.equal("m * (k/(k+1) + C/m - (k/(k+1) + delta)) = C - delta m",
             m * (k / (k + 1) + C / m - (k / (k + 1) + _DELTA)), C - _DELTA * m, "algebra")
    dv.solve_inequality("ceiling < f  iff  m > C/delta  (C = t - 1/(k+1) > 0)",
                        sympy.StrictLessThan(C - _DELTA * m, 0), m,
                        sympy.Interval.open(C / _DELTA, sympy.oo), "linear in m, m > 0")
    for kk, expected in ((2, 17), (3, 26), (4, 31)):
        bound = ceiling_expr("share", k=kk)
        f = sympy.Rational(kk, kk + 1) + sympy.Rational(1, 100)
        got = smallest_refuting_m(K / (K + 1) + sympy.Rational(1, 100), k=kk)
        ok = (got == expected and bool(bound.subs(m, got) < f)
              and not bool(bound.subs(m, got - 1) < f))
        dv.fact(f"share, f = k/(k+1) + 1/100, k = {kk}: smallest refuting m = {expected}",
                sympy.Eq(sympy.Integer(got), expected, evaluate=False),
                "m > 100 (k-1)/(2(k+1))", "ceiling(m) < f and ceiling(m-1) >= f, exactly", ok,
                str(got))
    return dv.conclude(sympy.Eq(sympy.Function("ceiling")(m, k), ceiling_expr("share")),
                       "exact IC optimum under share (1 <= k <= m)")
