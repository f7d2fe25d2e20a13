"""All symmetric equilibria of the (k+1)-player alignment game, exactly (small instances).

A lottery ``pi`` is a symmetric equilibrium when no single response earns a deviator more
than the fair share: ``V(y) <= 1/(k+1)`` for every ``y``. Since ``sum_y pi(y) V(y) = 1/(k+1)``
(the equal-share identity), every response in the support earns exactly ``1/(k+1)``.

Method: support enumeration. For each nonempty support ``S`` the conditions

    pi(y) > 0 and V(y) = 1/(k+1) on S,   pi(z) = 0 and V(z) <= 1/(k+1) off S,   sum pi = 1

are a system of polynomial equations and inequalities of degree ``k``, decided exactly by
Z3's nonlinear real arithmetic (nlsat), which is complete for this theory. Each solution is
blocked and the query repeated, so every isolated equilibrium is found. Coordinates are real
algebraic numbers, reported as a minimal polynomial with a root index (and an isolating
interval), together with a rational approximation whose exploitability is then recomputed in
Fractions by the core engine. Supports with a continuum of equilibria are reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import comb

from ualign.deviation_payoffs import exploitability
from ualign.errors import InputError
from ualign.lottery import Lottery
from ualign.policies import check_k
from ualign.profile import Profile

__all__ = ["AlgebraicNumber", "ExactEquilibrium", "EquilibriumSearch", "symmetric_equilibria",
           "MAX_EXACT_RESPONSES"]

MAX_EXACT_RESPONSES = 6
APPROX_DIGITS = 40
MAX_PER_SUPPORT = 12


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
    """One symmetric equilibrium: algebraic coordinates, a rational approximation, its exact eps."""

    support: tuple[int, ...]
    coordinates: tuple[AlgebraicNumber | None, ...]  # None off the support
    approximation: Lottery
    approximation_exploitability: Fraction

    @property
    def is_rational(self) -> bool:
        return all(c is None or c.is_rational for c in self.coordinates)


@dataclass(frozen=True)
class EquilibriumSearch:
    """The result of the exact search: the equilibria, and whether the search was exhaustive."""

    equilibria: tuple[ExactEquilibrium, ...]
    complete: bool
    notes: tuple[str, ...]


def _deviation_polynomials(profile: Profile, k: int, pi: list) -> list:
    """``V(y)`` as Z3 polynomials in the lottery variables (zero entries substituted)."""
    import z3
    V = [z3.RealVal(0)] * profile.n
    for ranks, w in zip(profile.ranks, profile.weights):
        classes = max(ranks) + 1
        mass = [sum((pi[y] for y in range(profile.n) if ranks[y] == c), z3.RealVal(0))
                for c in range(classes)]
        below = [sum(mass[c + 1:], z3.RealVal(0)) for c in range(classes)]
        share = [sum(z3.RealVal(Fraction(comb(k, j), j + 1)) * mass[c]**j * below[c]**(k - j)
                     for j in range(k + 1)) for c in range(classes)]
        weight = z3.RealVal(w)
        V = [V[y] + weight * share[ranks[y]] for y in range(profile.n)]
    return V


def _algebraic(value, digits: int = APPROX_DIGITS) -> tuple[AlgebraicNumber, Fraction]:
    import z3
    if z3.is_rational_value(value):
        q = Fraction(value.numerator_as_long(), value.denominator_as_long())
        return AlgebraicNumber((-q.numerator, q.denominator), 1, (q, q)), q
    approx = value.approx(digits)
    q = Fraction(approx.numerator_as_long(), approx.denominator_as_long())
    radius = Fraction(1, 10**digits)
    return AlgebraicNumber(tuple(c.as_long() for c in value.poly()), value.index(),
                           (q - radius, q + radius)), q


def _to_lottery(values: list[Fraction]) -> Lottery:
    top = max(range(len(values)), key=values.__getitem__)
    values = list(values)
    values[top] += 1 - sum(values)
    return Lottery(tuple(values))


def symmetric_equilibria(profile: Profile, k: int, timeout_s: float = 60.0) -> EquilibriumSearch:
    """Every symmetric equilibrium of the (k+1)-player game on ``profile``, exactly.

    Examples
    --------
    >>> from ualign.examples import example
    >>> found = symmetric_equilibria(example("condorcet-cycle"), k=2)
    >>> [e.approximation for e in found.equilibria], found.complete
    ([Lottery.of({0: '1/3', 1: '1/3', 2: '1/3'}, n=3)], True)
    """
    import z3
    k = check_k(k)
    if profile.n > MAX_EXACT_RESPONSES:
        raise InputError(f"exact equilibrium enumeration is for n <= {MAX_EXACT_RESPONSES} "
                         f"responses (this profile has {profile.n}); use "
                         f"`ualign solve --method numeric` for a certified approximate equilibrium")
    target = z3.RealVal(Fraction(1, k + 1))
    found: list[ExactEquilibrium] = []
    notes: list[str] = []
    complete = True
    for size in range(1, profile.n + 1):
        for support in combinations(range(profile.n), size):
            xs = {y: z3.Real(f"p{y}") for y in support}
            pi = [xs.get(y, z3.RealVal(0)) for y in range(profile.n)]
            V = _deviation_polynomials(profile, k, pi)
            solver = z3.SolverFor("QF_NRA")
            solver.set("timeout", int(timeout_s * 1000))
            solver.add(sum(xs.values()) == 1, *[x > 0 for x in xs.values()])
            solver.add(*[V[y] == target for y in support[1:]])  # equal share gives the last one
            solver.add(*[V[z] <= target for z in range(profile.n) if z not in xs])
            for _ in range(MAX_PER_SUPPORT + 1):
                status = solver.check()
                if status != z3.sat:
                    if status == z3.unknown:
                        complete = False
                        notes.append(f"support {support}: solver returned unknown "
                                     f"({solver.reason_unknown()})")
                    break
                model = solver.model()
                coords, approx = [None] * profile.n, [Fraction(0)] * profile.n
                for y, x in xs.items():
                    coords[y], approx[y] = _algebraic(model.eval(x, model_completion=True))
                lottery = _to_lottery(approx)
                found.append(ExactEquilibrium(support, tuple(coords), lottery,
                                              exploitability(profile, lottery, k)))
                solver.add(z3.Or([x != model.eval(x) for x in xs.values()]))
            else:
                complete = False
                notes.append(f"support {support}: more than {MAX_PER_SUPPORT} equilibria "
                             f"(a continuum); listed the first {MAX_PER_SUPPORT}")
    return EquilibriumSearch(tuple(found), complete, tuple(notes))
