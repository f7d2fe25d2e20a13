"""Bernstein sign certificates for empty supports: the form is the payoff, subdivision keeps
the polynomial, exclusion never loses an equilibrium, and the real 4- and 5-response files
solve completely at k = 2, 3, 4.

The references are independent of the module under test: ``deviation_payoffs`` (closed forms
per user class), ``deviation_payoffs_over`` (user-by-user share sums in a polynomial ring), the
search without exclusion (Groebner bases on every support), and the float numeric solver.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from math import factorial, prod

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_DATA
from ualign.game.deviation_payoffs import deviation_payoffs, deviation_payoffs_over
from ualign.io.preflib import read_preflib
from ualign.model.lottery import Lottery
from ualign.model.profile import Profile
from ualign.solvers.numeric_equilibrium import symmetric_equilibrium_numeric
from ualign.solvers.support_exclusion import (_edge_groups, _split, bernstein_coefficients,
                                              multisets, support_excluded)
from ualign.solvers.support_systems import _ring, payoff_polynomials
from ualign.solvers.symmetric_equilibria import symmetric_equilibria

REAL = [TEST_DATA / "00004-00000102.soc", TEST_DATA / "00007-00000013.toc"]


@st.composite
def profiles(draw, max_n=4, max_users=4):
    n = draw(st.integers(2, max_n))
    users = draw(st.integers(1, max_users))
    ranks = [tuple(draw(st.lists(st.integers(0, n - 1), min_size=n, max_size=n)))
             for _ in range(users)]
    weights = draw(st.lists(st.integers(1, 9), min_size=users, max_size=users))
    return Profile.from_ranks([_dense(r) for r in ranks], [Fraction(w) for w in weights])


def _dense(ranks):
    """Ranks renumbered 0, 1, ... in order (any integer labelling is a weak order)."""
    levels = sorted(set(ranks))
    return tuple(levels.index(r) for r in ranks)


def _bernstein_value(row, scale, k, lam):
    return sum(Fraction(c, scale) * factorial(k) / prod(factorial(a) for a in alpha)
               * prod(x**a for x, a in zip(lam, alpha))
               for c, alpha in zip(row, multisets(len(lam), k)))


@settings(max_examples=150, deadline=None)
@given(profiles(), st.integers(1, 4), st.data())
def test_bernstein_form_is_the_deviation_payoff(profile, k, data):
    size = data.draw(st.integers(1, profile.n))
    support = tuple(sorted(data.draw(st.permutations(range(profile.n)))[:size]))
    raw = [data.draw(st.integers(1, 20)) for _ in support]
    lam = [Fraction(r, sum(raw)) for r in raw]
    probs = [Fraction(0)] * profile.n
    for y, p in zip(support, lam):
        probs[y] = p
    rows, scale = bernstein_coefficients(profile, k, support)
    want = deviation_payoffs(profile, Lottery(tuple(probs)), k)
    assert [_bernstein_value(r, scale, k, lam) for r in rows] == [v - Fraction(1, k + 1)
                                                                   for v in want]


@settings(max_examples=60, deadline=None)
@given(profiles(), st.integers(1, 4), st.data())
def test_payoff_polynomials_equal_the_user_by_user_sums(profile, k, data):
    size = data.draw(st.integers(2, profile.n))
    support = tuple(sorted(data.draw(st.permutations(range(profile.n)))[:size]))
    R, _ = _ring(support, None)
    free = R.gens[:size - 1]
    xs = dict(zip(support, free))
    xs[support[-1]] = 1 - sum(free, R.zero)
    old = deviation_payoffs_over(profile, [xs.get(y, R.zero) for y in range(profile.n)], k, R.zero)
    assert payoff_polynomials(profile, k, support, R) == [v - Fraction(1, k + 1) for v in old]


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 5), st.integers(1, 4), st.data())
def test_de_casteljau_halves_describe_the_same_polynomial(s, k, data):
    alphas = multisets(s, k)
    row = data.draw(st.lists(st.integers(-50, 50), min_size=len(alphas), max_size=len(alphas)))
    a, b = sorted(data.draw(st.permutations(range(s)))[:2])
    left, right = _split(row, _edge_groups(s, k, a, b), k)
    raw = [data.draw(st.integers(0, 9)) for _ in range(s)]
    if not any(raw):
        raw[0] = 1
    mu = [Fraction(r, sum(raw)) for r in raw]
    # left child: vertex b replaced by the midpoint of a and b; right child: vertex a replaced
    lam_left = list(mu)
    lam_left[a], lam_left[b] = mu[a] + mu[b] / 2, mu[b] / 2
    lam_right = list(mu)
    lam_right[a], lam_right[b] = mu[a] / 2, mu[b] + mu[a] / 2
    parent_left = _bernstein_value(row, 1, k, lam_left)
    parent_right = _bernstein_value(row, 1, k, lam_right)
    assert _bernstein_value(left, 2**k, k, mu) == parent_left
    assert _bernstein_value(right, 2**k, k, mu) == parent_right


def _summary(search):
    """What both searches must share: Z3's sample points of a continuum may differ run to run."""
    return ([(e.support, e.approximation, e.field) for e in search.equilibria
             if e.method == "groebner"], search.complete)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(max_n=4, max_users=3), st.integers(2, 3))
def test_exclusion_never_loses_an_equilibrium(profile, k):
    # time limits keep a slow random support (a continuum for Z3, a large Groebner basis)
    # from stalling the suite; what both searches decide must agree
    limits = {"support_timeout_s": 5.0, "z3_timeout_s": 2.0}
    fast = symmetric_equilibria(profile, k, **limits)
    slow = symmetric_equilibria(profile, k, exclude=False, **limits)
    on = {e.support for e in slow.equilibria}
    assert not on & set(fast.excluded)  # no support holding an equilibrium is ever excluded
    exact = _summary(slow)[0]
    assert all(e in _summary(fast)[0] for e in exact)  # every exact one is still found
    if fast.complete and slow.complete:
        assert _summary(fast) == _summary(slow)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
@pytest.mark.parametrize("k", [2, 3, 4])
def test_real_four_and_five_response_files_solve_completely(path, k):
    profile = read_preflib(path)
    found = symmetric_equilibria(profile, k)
    assert found.complete and not found.notes
    assert found.equilibria
    all_supports = {S for size in range(1, profile.n + 1)
                    for S in combinations(range(profile.n), size)}
    solved = all_supports - set(found.excluded)
    assert solved == {e.support for e in found.equilibria}  # only the equilibria's own supports
    numeric = symmetric_equilibrium_numeric(profile, k)
    for e in found.equilibria:
        assert e.approximation_exploitability < Fraction(1, 10**30)
    # the numeric solver (Hedge and Newton, floats) lands on one of the exact equilibria
    assert any(max(abs(float(a) - float(b)) for a, b in
                   zip(e.approximation.probs, numeric.lottery.probs)) < 1e-9
               for e in found.equilibria)


def test_the_five_response_file_agrees_with_the_search_without_exclusion():
    profile = read_preflib(REAL[1])  # at k = 2 every support's Groebner basis is quick
    slow = symmetric_equilibria(profile, 2, exclude=False)
    assert _summary(symmetric_equilibria(profile, 2)) == _summary(slow)
    for e in slow.equilibria:
        assert not support_excluded(profile, 2, e.support)
