"""Pure-Python real algebraic numbers, cross-checked against sympy's exact root isolation."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from ualign.model.algebraic import RootField, count_roots, poly, poly_gcd, poly_rem

x = sympy.Symbol("x")
coefficients = st.lists(st.integers(-9, 9), min_size=2, max_size=6).filter(lambda c: c[-1] != 0)


def _sympy_poly(coeffs):
    return sympy.Poly(list(reversed(coeffs)), x)


@given(coefficients, st.fractions(-5, 5), st.fractions(-5, 5))
def test_sturm_counts_match_sympy(coeffs, a, b):
    a, b = min(a, b), max(a, b)
    p = poly(coeffs)
    expected = len({r for r in sympy.real_roots(_sympy_poly(coeffs))
                    if sympy.Rational(a.numerator, a.denominator) < r
                    <= sympy.Rational(b.numerator, b.denominator)})
    assert count_roots(p, a, b) == expected


@settings(max_examples=40)  # each example factors with sympy; 40 keep this under 10 s
@given(coefficients, st.lists(st.integers(-5, 5), min_size=1, max_size=4))
def test_signs_and_minimal_polynomials_match_sympy(coeffs, q):
    factors = sympy.factor_list(_sympy_poly(coeffs))[1]
    for factor, _ in factors:
        if factor.degree() < 1:
            continue
        modulus = [int(c) for c in reversed(factor.all_coeffs())]
        for index, ((lo, hi), _) in enumerate(factor.intervals()):
            root = sympy.CRootOf(factor, index)
            field = RootField.of(modulus, (Fraction(int(lo.p), int(lo.q)),
                                           Fraction(int(hi.p), int(hi.q))))
            element = field.element(q)
            value = sum(c * root**i for i, c in enumerate(q))
            numeric = value.evalf(60)
            # Values of small integer polynomials at roots of small integer polynomials are
            # either exactly 0 or far above 1e-40 (a root-separation bound), so 60 digits decide.
            expected = 0 if abs(numeric) < 1e-40 else (1 if numeric > 0 else -1)
            assert field.sign(element) == expected
            minimal = field.minimal_polynomial(element)
            assert sympy.minimal_polynomial(value, x).as_poly(x).monic() == \
                _sympy_poly(list(minimal)).monic()


def test_sqrt2_arithmetic():
    field = RootField.of([-2, 0, 1], (1, 2))
    r = field.generator()
    assert field.sign(r * r - 2) == 0
    assert field.sign(r - Fraction(141421356, 10**8)) == 1
    assert field.sign(r - Fraction(141421357, 10**8)) == -1
    lo, hi = field.enclosure(r, Fraction(1, 10**30))
    assert lo <= Fraction(14142135623730950488016887242096980785696, 10**40) <= hi + Fraction(1, 10**30)


def test_an_interval_that_isolates_nothing_or_two_roots_is_refused():
    with pytest.raises(ValueError, match="isolate"):
        RootField.of([-2, 0, 1], (-2, 2))
    with pytest.raises(ValueError, match="isolate"):
        RootField.of([-2, 0, 1], (2, 3))


def test_polynomial_remainder_and_gcd():
    p, q = poly([-1, 0, 1]), poly([1, 1])  # x^2 - 1 and x + 1
    assert poly_rem(p, q) == ()
    assert poly_gcd(p, poly([-1, 1])) == poly([-1, 1])
