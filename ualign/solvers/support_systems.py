"""The equilibrium equations on one support, solved exactly (sympy Groebner bases, Z3 fallback).

On a support ``S`` a symmetric equilibrium satisfies ``V(y) = 1/(k+1)`` for ``y`` in ``S`` and
``sum pi = 1``: polynomial equations of degree ``k`` in ``|S|`` unknowns. We compute a reduced
lex Groebner basis over Q. When the ideal is zero-dimensional and in *shape position*,

    x_1 - g_1(t), ..., x_s - g_s(t), h(t)          (t = x_s, or a random linear form),

every solution is ``x_i = g_i(r)`` for a real root ``r`` of an irreducible factor ``p`` of ``h``,
so each candidate is a point with coordinates in one field ``Q(r)``
(:class:`ualign.model.algebraic.RootField`), where positivity and the off-support inequalities are
decided exactly. This finds *every* equilibrium on the support. If the ideal has positive
dimension (a continuum, which is common for k = 1 and with ties) the support goes to Z3's
nonlinear real arithmetic, which samples points and reports that the list may be partial.

Reference: Cox, Little and O'Shea, *Ideals, Varieties, and Algorithms*, ch. 3 (elimination)
and the shape lemma; McKelvey and McLennan (1996) on support enumeration.
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import factorial, prod

from ualign.game.deviation_payoffs import deviation_payoffs_over
from ualign.model.algebraic import RootField, poly
from ualign.model.profile import Profile
from ualign.solvers.support_exclusion import bernstein_coefficients, multisets

__all__ = ["SupportSolution", "solve_support", "solve_support_within", "sample_support_z3", "candidate_is_equilibrium",
           "payoff_polynomials"]

SHAPE_ATTEMPTS = 4
SupportSolution = tuple[RootField, list]  # the field and every response's probability in it


def _mpq(c) -> Fraction:
    return Fraction(int(c.numerator), int(c.denominator))


def _univariate(g, var: int) -> tuple[Fraction, ...] | None:
    """``g`` as a polynomial in generator ``var`` alone, or None if another generator occurs."""
    coeffs: dict[int, Fraction] = {}
    for monom, c in g.terms():
        if any(e for i, e in enumerate(monom) if i != var):
            return None
        coeffs[monom[var]] = _mpq(c)
    if not coeffs:
        return ()
    return poly([coeffs.get(i, 0) for i in range(max(coeffs) + 1)])


def _zero_dimensional(basis, nvars: int) -> bool:
    """Finitely many complex solutions: each variable has a pure power among leading monomials."""
    pure = {next(i for i, e in enumerate(g.LM) if e) for g in basis
            if sum(1 for e in g.LM if e) == 1}
    return len(pure) == nvars


def _shape(basis, nvars: int) -> tuple[list, tuple] | None:
    """``([g_1, ..., g_{m-1}], h)`` if the reduced lex basis is in shape position, else None."""
    last = nvars - 1
    if len(basis) != nvars:
        return None
    coords, h = [], _univariate(basis[-1], last)
    if h is None or len(h) < 2:
        return None
    for i, g in enumerate(basis[:-1]):
        lead = tuple(1 if j == i else 0 for j in range(nvars))
        if g.LM != lead or _mpq(g.LC) != 1:
            return None
        rest = _univariate(g - g.ring.gens[i], last)
        if rest is None:
            return None
        coords.append(tuple(-c for c in rest))
    return coords, h


def _ring(support: tuple[int, ...], extra_form):
    """The polynomial ring of the support's free coordinates (and ``t`` for a linear form)."""
    import sympy
    from sympy.polys.orderings import grevlex
    from sympy.polys.rings import ring
    names = [f"x{y}" for y in support[:-1]] + (["t"] if extra_form else [])
    R, *gens = ring(",".join(names), sympy.QQ, grevlex)
    return R, gens


def payoff_polynomials(profile: Profile, k: int, support: tuple[int, ...], R=None) -> list:
    """Every ``V(y) - 1/(k+1)`` as a polynomial in the support's free coordinates.

    The last coordinate is eliminated through ``sum = 1``. Built from the Bernstein
    coefficients (:func:`ualign.solvers.support_exclusion.bernstein_coefficients`): one term
    per multiset of opponents rather than one share sum per user. ``R`` defaults to
    :func:`_ring` of the support.
    """
    if R is None:
        R, _ = _ring(support, None)
    free = list(R.gens[:len(support) - 1])
    coords = free + [1 - sum(free, R.zero)]
    rows, scale = bernstein_coefficients(profile, k, support)
    powers = [[R.one] for _ in coords]
    for x, pw in zip(coords, powers):
        for _ in range(k):
            pw.append(pw[-1] * x)
    basis = []
    for alpha in multisets(len(support), k):
        term = R.one * Fraction(factorial(k) // prod(factorial(a) for a in alpha), scale)
        for pw, a in zip(powers, alpha):
            if a:
                term = term * pw[a]
        basis.append(term)
    return [sum((c * b for c, b in zip(row, basis) if c), R.zero) for row in rows]


def _equations(profile: Profile, k: int, support: tuple[int, ...], extra_form):
    """The ring and equations, with the last support coordinate eliminated through sum = 1.

    Eliminating it removes a variable and speeds the Groebner basis up several-fold.
    """
    R, gens = _ring(support, extra_form)
    V = payoff_polynomials(profile, k, support, R)
    eqs = [V[y] for y in support]
    if extra_form:
        free = gens[:len(support) - 1]
        eqs.append(gens[-1] - sum((c * x for c, x in zip(extra_form, free)), R.zero))
    return R, eqs


def _real_roots(h: tuple[Fraction, ...]):
    """Each real root of ``h`` as (irreducible factor, isolating interval)."""
    import sympy
    t = sympy.Symbol("t")
    whole = sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in reversed(h)], t)
    for factor, _ in sympy.factor_list(whole)[1]:
        if factor.degree() < 1:
            continue
        coeffs = poly(reversed([Fraction(int(c.p), int(c.q)) for c in factor.all_coeffs()]))
        for (lo, hi), _ in factor.intervals(eps=sympy.Rational(1, 10**12)):
            yield coeffs, (Fraction(int(lo.p), int(lo.q)), Fraction(int(hi.p), int(hi.q)))


def solve_support(profile: Profile, k: int, support: tuple[int, ...],
                  seed: int = 0) -> list[SupportSolution] | None:
    """Every real solution of the support's equations (not yet checked for positivity).

    Returns None when no shape-position basis was found (positive-dimensional solution set,
    or an unlucky linear form); the caller then falls back to :func:`sample_support_z3`.
    """
    from sympy.polys.fglmtools import matrix_fglm
    from sympy.polys.groebnertools import groebner
    from sympy.polys.orderings import lex
    if len(support) == 1:  # a point mass: nothing to solve, the field is Q
        field = RootField.of([0, 1], (0, 0))
        return [(field, [field.element([1 if y == support[0] else 0])
                         for y in range(profile.n)])]
    rng = random.Random(seed)
    free = len(support) - 1
    for attempt in range(SHAPE_ATTEMPTS):
        form = None if attempt == 0 or free == 1 else [rng.randint(1, 9) for _ in range(free)]
        if attempt and form is None:
            return None
        R, eqs = _equations(profile, k, support, form)
        eqs = [e for e in eqs if e]  # identically satisfied equations (ties) say nothing
        if not eqs:
            return None
        # grevlex first (fast), then FGLM to lex: far quicker than a direct lex basis.
        basis = groebner(eqs, R)
        if len(basis) == 1 and basis[0] == R.one:
            return []
        if not _zero_dimensional(basis, len(R.gens)):
            return None
        basis = sorted(matrix_fglm(basis, R, lex), key=lambda g: g.LM, reverse=True)
        shape = _shape(basis, len(R.gens))
        if shape is None:
            continue
        coords, h = shape
        if form is None:
            coords = coords + [(Fraction(0), Fraction(1))]
        coords = coords[:free]
        solutions = []
        for modulus, interval in _real_roots(h):
            field = RootField.of(modulus, interval)
            at = {y: field.element(c) for y, c in zip(support, coords)}
            at[support[-1]] = 1 - sum(at.values(), field.element([]))
            solutions.append((field, [at.get(y, field.element([])) for y in range(profile.n)]))
        return solutions
    return None


class SupportTimeout(Exception):
    """Raised inside :func:`solve_support_within` when the time limit passes."""


def solve_support_within(seconds: float | None, *args) -> list[SupportSolution] | None | str:
    """:func:`solve_support` under a time limit, or ``"timeout"``.

    The limit is a real-time interval timer (sympy is pure Python, so the signal lands
    between bytecodes); off the main thread, or with ``seconds=None``, there is no limit.
    """
    import signal
    import threading
    if seconds is None or threading.current_thread() is not threading.main_thread():
        return solve_support(*args)

    def expire(signum, frame):
        raise SupportTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    try:  # the timer starts and stops inside the try, so a late signal is still caught
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return solve_support(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except SupportTimeout:
        return "timeout"
    finally:
        signal.signal(signal.SIGALRM, previous)


def _evaluate(polynomial, powers: list[list]):
    """``polynomial`` (a sympy ring element) at a point given by its coordinates' powers."""
    value = powers[0][0] - 1
    for monom, c in polynomial.terms():
        term = powers[0][0] * _mpq(c)
        for x, e in enumerate(monom):
            if e:
                term = term * powers[x][e]
        value = value + term
    return value


def candidate_is_equilibrium(profile: Profile, k: int, field: RootField, probs: list,
                             support: tuple[int, ...], polynomials: list | None = None) -> bool:
    """Decide exactly: positive on ``support``, sums to 1, ``V = 1/(k+1)`` there, ``<=`` off it.

    ``V`` is expanded once as a polynomial in the free coordinates over Q
    (:func:`payoff_polynomials`; pass ``polynomials`` to share them between the candidates of
    one support) and then evaluated in the field, with each coordinate's powers computed once:
    far fewer field products than summing user by user in ``Q(r)``.
    """
    if field.sign(sum(probs, field.element([])) - 1) != 0:
        return False
    if any(field.sign(probs[y]) <= 0 for y in support):
        return False
    if len(support) == 1:
        V = [v - Fraction(1, k + 1) for v in
             deviation_payoffs_over(profile, probs, k, field.element([]))]
    else:
        powers = []
        for y in support[:-1]:
            row = [field.element([1])]
            for _ in range(k):
                row.append(row[-1] * probs[y])
            powers.append(row)
        if polynomials is None:
            polynomials = payoff_polynomials(profile, k, support)
        V = [_evaluate(v, powers) for v in polynomials]
    return all(field.sign(V[y]) == 0 if y in support else field.sign(V[y]) <= 0
               for y in range(profile.n))


def sample_support_z3(profile: Profile, k: int, support: tuple[int, ...], limit: int,
                      timeout_s: float) -> tuple[list[list], str | None]:
    """Up to ``limit`` equilibria on ``support`` from Z3 (nlsat), as lists of z3 values.

    Returns the points and a note when the list is not known to be complete.
    """
    import z3
    xs = {y: z3.Real(f"p{y}") for y in support}
    # Eliminating the last coordinate through sum = 1 speeds nlsat up by orders of magnitude.
    last = support[-1]
    rest = [xs[y] for y in support[:-1]]
    probs = [xs.get(y, z3.RealVal(0)) for y in range(profile.n)]
    probs[last] = 1 - sum(rest, z3.RealVal(0))
    V = deviation_payoffs_over(profile, probs, k, z3.RealVal(0))
    target = z3.RealVal(Fraction(1, k + 1))
    solver = z3.SolverFor("QF_NRA")
    solver.set("timeout", int(timeout_s * 1000))
    solver.add(*[p > 0 for p in (probs[y] for y in support)])
    solver.add(*[V[y] == target for y in support[:-1]])
    solver.add(*[V[z] <= target for z in range(profile.n) if z not in xs])
    points = []
    for _ in range(limit + 1):
        status = solver.check()
        if status == z3.unsat:
            return points, None
        if status == z3.unknown:
            return points, f"support {support}: Z3 returned unknown ({solver.reason_unknown()})"
        if len(points) == limit:
            break
        model = solver.model()
        point = [model.eval(p, model_completion=True) for p in probs]
        points.append(point)
        solver.add(z3.Or([x != model.eval(x, model_completion=True) for x in rest]))
    return points, (f"support {support}: a continuum of equilibria (positive-dimensional "
                    f"solution set); listed {limit} sample points")
