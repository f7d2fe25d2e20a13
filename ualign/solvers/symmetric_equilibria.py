"""All symmetric equilibria of the (k+1)-player alignment game, exactly (small instances).

A lottery ``pi`` is a symmetric equilibrium when no single response earns a deviator more
than the fair share: ``V(y) <= 1/(k+1)`` for every ``y``. Since ``sum_y pi(y) V(y) = 1/(k+1)``
(the equal-share identity), every response in the support earns exactly ``1/(k+1)``.

Method: support enumeration. For each nonempty support ``S`` the conditions

    pi(y) > 0 and V(y) = 1/(k+1) on S,   pi(z) = 0 and V(z) <= 1/(k+1) off S,   sum pi = 1

are polynomial equations and inequalities of degree ``k``. Most supports hold no equilibrium,
and :mod:`ualign.solvers.support_exclusion` proves that from the signs of Bernstein coefficients
(exact integers, no solver). On the rest, :mod:`ualign.solvers.support_systems`
finds every real solution of the equations through a lex Groebner basis in shape position,
and each candidate is then decided exactly in its number field ``Q(r)``
(:mod:`ualign.model.algebraic`). Coordinates are reported as real algebraic numbers (a minimal
polynomial, a root index and an isolating interval) together with a rational approximation
whose exploitability is recomputed in Fractions by the core engine. A support whose solution
set is a continuum goes to Z3's nonlinear real arithmetic for sample points, and the search
is then marked incomplete.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from ualign.game.deviation_payoffs import exploitability
from ualign.model.algebraic import RootField, count_roots, poly
from ualign.model.errors import InputError
from ualign.model.lottery import Lottery
from ualign.model.policies import check_k
from ualign.model.profile import Profile
from ualign.solvers.support_exclusion import support_excluded
from ualign.solvers.support_systems import (candidate_is_equilibrium, payoff_polynomials,
                                            sample_support_z3, solve_support_within)

__all__ = ["AlgebraicNumber", "ExactEquilibrium", "EquilibriumSearch", "symmetric_equilibria",
           "MAX_EXACT_RESPONSES"]

MAX_EXACT_RESPONSES = 6
Z3_SUPPORT_TIMEOUT_S = 20.0
SUPPORT_TIMEOUT_S = 60.0
APPROX_DIGITS = 40
MAX_PER_SUPPORT = 3


@dataclass(frozen=True)
class AlgebraicNumber:
    """A real algebraic number: the ``index``-th real root (1-based, increasing) of ``poly``.

    ``poly`` lists integer coefficients from the constant term up; ``interval`` isolates the
    root from the polynomial's other real roots.
    """

    poly: tuple[int, ...]
    index: int
    interval: tuple[Fraction, Fraction]

    @property
    def is_rational(self) -> bool:
        return len(self.poly) == 2

    def rational(self) -> Fraction:
        """The exact value when it is rational (degree 1)."""
        if not self.is_rational:
            raise ValueError("not a rational number")
        return Fraction(-self.poly[0], self.poly[1])

    def sympy(self):
        """The same number as a sympy ``CRootOf`` (exact)."""
        import sympy
        x = sympy.Symbol("x")
        return sympy.CRootOf(sympy.Poly(list(reversed(self.poly)), x), self.index - 1)


@dataclass(frozen=True)
class ExactEquilibrium:
    """One symmetric equilibrium: algebraic coordinates, a rational approximation, its exact eps.

    With ``method="groebner"`` the whole point lies in one field ``Q(r)``: ``field`` holds the
    minimal polynomial of ``r`` (integers, constant term first) and an isolating interval
    ``(lo, hi]``, and ``field_coordinates[y]`` is ``pi(y)`` as a polynomial in ``r``. That is
    what an exact equilibrium certificate replays. ``method="z3"`` marks a sample point of a
    continuum, found by nlsat.
    """

    support: tuple[int, ...]
    coordinates: tuple[AlgebraicNumber | None, ...]  # None off the support
    approximation: Lottery
    approximation_exploitability: Fraction
    field: tuple[tuple[int, ...], tuple[Fraction, Fraction]] | None = None
    field_coordinates: tuple[tuple[Fraction, ...], ...] | None = None
    method: str = "groebner"

    @property
    def is_rational(self) -> bool:
        return all(c is None or c.is_rational for c in self.coordinates)


@dataclass(frozen=True)
class EquilibriumSearch:
    """The result of the exact search: the equilibria, and whether the search was exhaustive.

    ``excluded`` lists the supports proved empty by Bernstein signs alone; every other support
    was solved (or, when ``complete`` is False, left undecided as ``notes`` say).
    """

    equilibria: tuple[ExactEquilibrium, ...]
    complete: bool
    notes: tuple[str, ...]
    excluded: tuple[tuple[int, ...], ...] = ()


def _coordinate(field: RootField, x) -> tuple[AlgebraicNumber, Fraction]:
    """The algebraic number ``x`` in ``Q(r)``: its minimal polynomial, root index and a value."""
    radius = Fraction(1, 10**APPROX_DIGITS)
    lo, hi = field.enclosure(x, radius)
    minimal = field.minimal_polynomial(x)
    if len(minimal) == 2:
        q = Fraction(-minimal[0], minimal[1])
        return AlgebraicNumber(minimal, 1, (q, q)), q
    p = poly(minimal)
    width = radius
    while count_roots(p, lo, hi) != 1:  # lo < x <= hi as x is irrational
        width /= 2**20
        lo, hi = field.enclosure(x, width)
    bound = 1 + max(abs(c / p[-1]) for c in p[:-1])
    return AlgebraicNumber(minimal, count_roots(p, -bound, lo) + 1, (lo, hi)), (lo + hi) / 2


def _z3_value(value) -> tuple[AlgebraicNumber, Fraction]:
    import z3
    if z3.is_rational_value(value):
        q = Fraction(value.numerator_as_long(), value.denominator_as_long())
        return AlgebraicNumber((-q.numerator, q.denominator), 1, (q, q)), q
    approx = value.approx(APPROX_DIGITS)
    q = Fraction(approx.numerator_as_long(), approx.denominator_as_long())
    radius = Fraction(1, 10**APPROX_DIGITS)
    return AlgebraicNumber(tuple(c.as_long() for c in value.poly()), value.index(),
                           (q - radius, q + radius)), q


def _to_lottery(values: list[Fraction]) -> Lottery:
    top = max(range(len(values)), key=values.__getitem__)
    values = [max(v, Fraction(0)) for v in values]
    values[top] += 1 - sum(values)
    return Lottery(tuple(values))


def _from_field(profile: Profile, k: int, support, field: RootField, probs) -> ExactEquilibrium:
    coords, approx = [None] * profile.n, [Fraction(0)] * profile.n
    for y in support:
        coords[y], approx[y] = _coordinate(field, probs[y])
    lottery = _to_lottery(approx)
    integer = tuple(int(c * field.modulus[-1].denominator) for c in field.modulus)
    return ExactEquilibrium(
        support, tuple(coords), lottery, exploitability(profile, lottery, k),
        field=(tuple(int(c) for c in integer), (field.lo, field.hi)),
        field_coordinates=tuple(probs[y].coeffs for y in range(profile.n)))


def symmetric_equilibria(profile: Profile, k: int,
                         support_timeout_s: float | None = SUPPORT_TIMEOUT_S,
                         z3_timeout_s: float = Z3_SUPPORT_TIMEOUT_S,
                         exclude: bool = True,
                         budget_s: float | None = None) -> EquilibriumSearch:
    """Every symmetric equilibrium of the (k+1)-player game on ``profile``, exactly.

    Parameters
    ----------
    profile, k
        The instance and the number of draws; the game has ``k + 1`` players.
    support_timeout_s
        Time limit per support for the Groebner solve (a SIGALRM timer in the main thread;
        None, or a call from another thread, means no limit). A support that runs out of time is listed in ``notes`` and makes the
        search incomplete.
    z3_timeout_s
        Time limit per support for the Z3 fallback (continua only).
    exclude
        First try to prove each support empty by Bernstein signs
        (:func:`ualign.solvers.support_exclusion.support_excluded`); False solves every support,
        which the tests use as an independent cross-check.
    budget_s
        Time for the whole search (None: no limit). Supports not reached in time are listed
        in ``notes`` as undecided, so the search is then incomplete.

    Returns
    -------
    EquilibriumSearch
        ``complete`` is True when the list is provably every symmetric equilibrium.

    Examples
    --------
    >>> from ualign.model.examples import example
    >>> found = symmetric_equilibria(example("condorcet-cycle"), k=2)
    >>> [e.approximation for e in found.equilibria], found.complete
    ([Lottery.of({0: '1/3', 1: '1/3', 2: '1/3'}, n=3)], True)
    """
    k = check_k(k)
    if profile.n > MAX_EXACT_RESPONSES:
        raise InputError(f"exact equilibrium enumeration is for n <= {MAX_EXACT_RESPONSES} "
                         f"responses (this profile has {profile.n}); use "
                         f"`ualign solve --method numeric` for a certified approximate equilibrium")
    found: list[ExactEquilibrium] = []
    notes: list[str] = []
    excluded: list[tuple[int, ...]] = []
    deadline = None if budget_s is None else time.monotonic() + budget_s
    for size in range(1, profile.n + 1):
        for support in combinations(range(profile.n), size):
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                notes.append(f"support {support}: undecided, not reached within the budget "
                             f"of {budget_s} s")
                continue
            if exclude and support_excluded(profile, k, support):
                excluded.append(support)
                continue
            limit = support_timeout_s if left is None else (
                left if support_timeout_s is None else min(left, support_timeout_s))
            solutions = solve_support_within(limit, profile, k, support)
            if solutions == "timeout":
                notes.append(f"support {support}: undecided, the exact solve took more than "
                             f"{limit:.3g} s")
                continue
            if solutions is not None:
                polys = payoff_polynomials(profile, k, support) \
                    if solutions and len(support) > 1 else None
                found.extend(_from_field(profile, k, support, field, probs)
                             for field, probs in solutions
                             if candidate_is_equilibrium(profile, k, field, probs, support,
                                                         polys))
                continue
            points, note = sample_support_z3(profile, k, support, MAX_PER_SUPPORT, z3_timeout_s)
            notes.append(note or f"support {support}: no shape-position basis; Z3 decided it")
            for point in points:
                coords, approx = [None] * profile.n, [Fraction(0)] * profile.n
                for y in support:
                    coords[y], approx[y] = _z3_value(point[y])
                lottery = _to_lottery(approx)
                found.append(ExactEquilibrium(support, tuple(coords), lottery,
                                              exploitability(profile, lottery, k), method="z3"))
            if note is None:
                notes[-1] = f"support {support}: solved by Z3 (no shape-position basis)"
    complete = not any(word in n for n in notes for word in ("continuum", "unknown", "undecided"))
    return EquilibriumSearch(tuple(found), complete, tuple(notes), tuple(excluded))
