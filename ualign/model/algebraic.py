"""Exact real algebraic numbers in pure Python: polynomials over Fractions, Sturm sequences, and
arithmetic in ``Q(r)`` for one real root ``r`` of a polynomial.

Irrational equilibria of the (k+1)-player game live in such fields: every coordinate is a
polynomial in one primitive element ``r``, a root of ``p`` pinned down by an isolating interval.
Equalities are decided exactly (``q(r) = 0`` iff ``gcd(p, q)`` has a root in the interval) and
signs by bisecting the interval with Sturm counts until interval evaluation of ``q`` excludes 0.
Nothing here imports a solver, so the certificate checker can use it.

A polynomial is a tuple of Fractions from the constant term up, with no trailing zeros (the zero
polynomial is ``()``).

>>> field = RootField.of([-2, 0, 1], (1, 2))           # r = sqrt(2)
>>> r = field.generator()
>>> field.sign(r * r - 2), field.sign(r - Fraction(7, 5)), (r * r).coeffs
(0, 1, (Fraction(2, 1),))
>>> field.minimal_polynomial(r * r + r)                # x = 2 + r, (x - 2)^2 = 2
(2, -4, 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from fractions import Fraction
from math import lcm
from typing import Sequence

__all__ = ["poly", "poly_rem", "poly_gcd", "poly_eval", "sturm_sequence", "count_roots",
           "RootField", "FieldElement", "integer_poly", "MAX_REFINEMENTS"]

MAX_REFINEMENTS = 2000
Poly = tuple[Fraction, ...]


def poly(coeffs: Sequence[object]) -> Poly:
    """Normalise coefficients (constant term first) to a trimmed tuple of Fractions."""
    out = [Fraction(c) for c in coeffs]
    while out and out[-1] == 0:
        out.pop()
    return tuple(out)


def _sub(p: Poly, q: Poly) -> Poly:
    size = max(len(p), len(q))
    return poly([(p[i] if i < len(p) else 0) - (q[i] if i < len(q) else 0) for i in range(size)])


def _mul(p: Poly, q: Poly) -> Poly:
    if not p or not q:
        return ()
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return poly(out)


def poly_rem(p: Poly, m: Poly) -> Poly:
    """The remainder of ``p`` modulo ``m`` (``m`` nonzero)."""
    rem, lead = list(p), m[-1]
    while len(rem) >= len(m):
        factor, shift = rem[-1] / lead, len(rem) - len(m)
        for i, c in enumerate(m):
            rem[shift + i] -= factor * c
        rem.pop()
        while rem and rem[-1] == 0:
            rem.pop()
    return tuple(rem)


def poly_gcd(p: Poly, q: Poly) -> Poly:
    """The monic greatest common divisor."""
    while q:
        p, q = q, poly_rem(p, q)
    return tuple(c / p[-1] for c in p) if p else ()


def poly_eval(p: Poly, x: Fraction) -> Fraction:
    value = Fraction(0)
    for c in reversed(p):
        value = value * x + c
    return value


def _interval_eval(p: Poly, a: Fraction, b: Fraction) -> tuple[Fraction, Fraction]:
    """An enclosure of ``p`` over ``[a, b]`` by interval Horner evaluation."""
    lo = hi = Fraction(0)
    for c in reversed(p):
        products = (lo * a, lo * b, hi * a, hi * b)
        lo, hi = min(products) + c, max(products) + c
    return lo, hi


def _primitive(p: Poly) -> Poly:
    """``p`` times a positive constant, with coprime integer coefficients (same signs)."""
    from math import gcd
    if not p:
        return p
    scale = lcm(*(c.denominator for c in p))
    ints = [int(c * scale) for c in p]
    g = gcd(*ints)
    return tuple(Fraction(c // g) for c in ints)


def _poly_quo(p: Poly, m: Poly) -> Poly:
    """The quotient of ``p`` by ``m`` (``m`` nonzero)."""
    rem, lead = list(p), m[-1]
    quo = [Fraction(0)] * max(len(p) - len(m) + 1, 0)
    while len(rem) >= len(m):
        factor, shift = rem[-1] / lead, len(rem) - len(m)
        quo[shift] = factor
        for i, c in enumerate(m):
            rem[shift + i] -= factor * c
        rem.pop()
    return poly(quo)


def sturm_sequence(p: Poly) -> list[Poly]:
    """Sturm's sequence, each term scaled by a positive constant to keep coefficients small.

    When ``p`` has a multiple root, every term is divided by the last one (their gcd), so the
    sequence counts distinct roots even at an endpoint that is a multiple root:

    >>> count_roots(poly([0, 0, 1, -1]), Fraction(0), Fraction(1))  # x^2 (1 - x)
    1
    """
    seq = [_primitive(p), _primitive(poly([i * c for i, c in enumerate(p)][1:]))]
    while seq[-1]:
        seq.append(_primitive(tuple(-c for c in poly_rem(seq[-2], seq[-1]))))
    seq = seq[:-1]
    if len(seq[-1]) > 1:  # a nonconstant gcd: p has multiple roots
        g = seq[-1]
        seq = [_primitive(_poly_quo(s, g)) for s in seq]
    return seq


def _sign_changes(seq: list[Poly], x: Fraction) -> int:
    signs = [v > 0 for v in (poly_eval(s, x) for s in seq) if v != 0]
    return sum(s != t for s, t in zip(signs, signs[1:]))


def count_roots(p: Poly, a: Fraction, b: Fraction, seq: list[Poly] | None = None) -> int:
    """The number of distinct real roots of ``p`` in ``(a, b]`` (Sturm's theorem)."""
    seq = seq or sturm_sequence(p)
    return _sign_changes(seq, a) - _sign_changes(seq, b)


def integer_poly(p: Poly) -> tuple[int, ...]:
    """``p`` scaled to coprime integer coefficients with a positive leading coefficient."""
    from math import gcd
    scale = lcm(*(c.denominator for c in p))
    ints = [int(c * scale) for c in p]
    g = gcd(*ints)
    sign = 1 if ints[-1] > 0 else -1
    return tuple(sign * c // g for c in ints)


@dataclass
class RootField:
    """``Q(r)`` for the unique root ``r`` of ``modulus`` in the half-open interval ``(lo, hi]``.

    The interval is refined in place as signs are decided; it always isolates ``r``.
    """

    modulus: Poly
    lo: Fraction
    hi: Fraction
    _sturm: list[Poly] = dataclass_field(default_factory=list, repr=False)

    @classmethod
    def of(cls, modulus: Sequence[object], interval: Sequence[object]) -> "RootField":
        m = poly(modulus)
        lo, hi = Fraction(interval[0]), Fraction(interval[1])
        if len(m) < 2:
            raise ValueError("the modulus must have degree at least 1")
        if len(m) > 2:
            if not lo < hi:
                raise ValueError(f"empty isolating interval ({lo}, {hi}]")
            sturm = sturm_sequence(m)
            if count_roots(m, lo, hi, sturm) != 1:
                raise ValueError(f"({lo}, {hi}] does not isolate exactly one root of the modulus")
            return cls(m, lo, hi, sturm)
        if not lo <= -m[0] / m[1] <= hi:
            raise ValueError("the interval does not contain the rational root")
        return cls(m, lo, hi)

    @property
    def degree(self) -> int:
        return len(self.modulus) - 1

    def generator(self) -> "FieldElement":
        return self.element([0, 1])

    def element(self, coeffs: Sequence[object]) -> "FieldElement":
        return FieldElement(self, poly_rem(poly(coeffs), self.modulus))

    def rational_root(self) -> Fraction | None:
        return -self.modulus[0] / self.modulus[1] if self.degree == 1 else None

    def _bisect(self) -> None:
        self._sturm = self._sturm or sturm_sequence(self.modulus)
        mid = (self.lo + self.hi) / 2
        if count_roots(self.modulus, self.lo, mid, self._sturm) == 1:
            self.hi = mid
        else:
            self.lo = mid

    def sign(self, x: "FieldElement | Fraction | int") -> int:
        """The exact sign of ``x`` at the root: -1, 0 or 1."""
        q = x.coeffs if isinstance(x, FieldElement) else poly([x])
        root = self.rational_root()
        if root is not None:
            v = poly_eval(q, root)
            return (v > 0) - (v < 0)
        if not q:
            return 0
        for attempt in range(MAX_REFINEMENTS):
            lo, hi = _interval_eval(q, self.lo, self.hi)
            if lo > 0 or hi < 0:
                return 1 if lo > 0 else -1
            if attempt == 8:  # not separated quickly: test for an exact zero, once
                g = poly_gcd(self.modulus, q)
                if len(g) > 1 and count_roots(g, self.lo, self.hi) >= 1:
                    return 0
            self._bisect()
        raise ArithmeticError("sign undecided after the refinement limit")

    def enclosure(self, x: "FieldElement", width: Fraction) -> tuple[Fraction, Fraction]:
        """Rational bounds ``lo <= x <= hi`` with ``hi - lo <= width``."""
        root = self.rational_root()
        if root is not None:
            v = poly_eval(x.coeffs, root)
            return v, v
        for _ in range(MAX_REFINEMENTS):
            lo, hi = _interval_eval(x.coeffs, self.lo, self.hi)
            if hi - lo <= width:
                return lo, hi
            self._bisect()
        raise ArithmeticError("enclosure not reached after the refinement limit")

    def minimal_polynomial(self, x: "FieldElement") -> tuple[int, ...]:
        """The minimal polynomial of ``x`` over Q (integer coefficients, constant term first)."""
        d = self.degree
        rows = [self.element([1]).coeffs]
        power = self.element([1])
        for _ in range(d):
            power = power * x
            rows.append(power.coeffs)
            relation = _linear_relation(rows, d)
            if relation is not None:
                return integer_poly(poly(relation))
        raise AssertionError("no relation within the field degree")  # impossible in Q(r)


def _linear_relation(rows: list[Poly], d: int) -> list[Fraction] | None:
    """Coefficients ``c`` with ``sum c_i rows[i] = 0`` and ``c[-1] = 1``, if they exist."""
    # Gaussian elimination on the transposed system: columns are rows[0..m-2], target -rows[-1].
    m = len(rows) - 1
    matrix = [[(rows[j][i] if i < len(rows[j]) else Fraction(0)) for j in range(m)]
              + [-(rows[m][i] if i < len(rows[m]) else Fraction(0))] for i in range(d)]
    pivots, r = [], 0
    for col in range(m):
        pivot = next((i for i in range(r, d) if matrix[i][col] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        matrix[r] = [v / matrix[r][col] for v in matrix[r]]
        for i in range(d):
            if i != r and matrix[i][col] != 0:
                f = matrix[i][col]
                matrix[i] = [a - f * b for a, b in zip(matrix[i], matrix[r])]
        pivots.append(col)
        r += 1
    if any(matrix[i][m] != 0 for i in range(r, d)):
        return None
    solution = [Fraction(0)] * m
    for i, col in enumerate(pivots):
        solution[col] = matrix[i][m]
    return solution + [Fraction(1)]


@dataclass(frozen=True)
class FieldElement:
    """An element of a :class:`RootField`: a polynomial in the root, reduced mod the modulus."""

    field: RootField
    coeffs: Poly

    def _lift(self, other: object) -> Poly:
        return other.coeffs if isinstance(other, FieldElement) else poly([other])

    def __add__(self, other: object) -> "FieldElement":
        return FieldElement(self.field, _sub(self.coeffs, tuple(-c for c in self._lift(other))))

    __radd__ = __add__

    def __sub__(self, other: object) -> "FieldElement":
        return FieldElement(self.field, _sub(self.coeffs, self._lift(other)))

    def __rsub__(self, other: object) -> "FieldElement":
        return FieldElement(self.field, _sub(self._lift(other), self.coeffs))

    def __neg__(self) -> "FieldElement":
        return FieldElement(self.field, tuple(-c for c in self.coeffs))

    def __mul__(self, other: object) -> "FieldElement":
        return FieldElement(self.field, poly_rem(_mul(self.coeffs, self._lift(other)),
                                                 self.field.modulus))

    __rmul__ = __mul__

    def __pow__(self, e: int) -> "FieldElement":
        out = self.field.element([1])
        for _ in range(e):
            out = out * self
        return out

