"""Win rates: properties, cross-checks between code paths and brute force, and known values."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.brute_force import brute_win_rate
from ualign import (JointPolicy, Lottery, MixturePolicy, ProductPolicy, TieRule, best_competitor,
                    deviation_payoffs, deviation_payoffs_float, impartial_culture, robustness,
                    win_rate)
from ualign.counterexamples.strategies import (lotteries, policies, product_policies, profiles,
                                               tie_rules)
from ualign.game.deviation_payoffs import competitor_share
from ualign.model.examples import example
from ualign.model.policies import multisets


@st.composite
def contests(draw, max_n=3, max_k=3, max_l=2):
    """A profile with a k-output policy and an l-output competitor on it."""
    p = draw(profiles(max_n=max_n))
    k, l = draw(st.integers(1, max_k)), draw(st.integers(1, max_l))
    return p, draw(policies(p.n, k)), draw(policies(p.n, l))


@given(contests(), tie_rules())
def test_win_rate_is_a_probability(c, rule):
    p, a, b = c
    assert 0 <= win_rate(p, a, b, rule) <= 1


@given(contests())
def test_share_rule_is_constant_sum(c):
    p, a, b = c
    assert win_rate(p, a, b, TieRule.SHARE) + win_rate(p, b, a, TieRule.SHARE) == 1


@given(contests(), tie_rules())
def test_matches_brute_force_over_ordered_tuples(c, rule):
    p, a, b = c
    assert win_rate(p, a, b, rule) == brute_win_rate(p, a, b, rule.value)


@given(profiles(max_n=4), st.integers(1, 4), st.data())
def test_product_closed_form_against_brute_force(p, k, data):
    policy = data.draw(product_policies(p.n, k))
    rule = data.draw(tie_rules())
    for y in range(p.n):
        assert win_rate(p, policy, y, rule) == brute_win_rate(p, policy, (y,), rule.value)


@given(contests())
def test_tie_rules_are_ordered(c):
    p, a, b = c
    v = {rule: win_rate(p, a, b, rule) for rule in TieRule}
    assert v[TieRule.STRICT] <= v[TieRule.HALF] <= v[TieRule.WEAK]
    assert v[TieRule.STRICT] <= v[TieRule.SHARE] <= v[TieRule.WEAK]


@given(profiles(max_n=3), st.integers(1, 3), st.integers(1, 2), tie_rules(), st.data())
def test_product_equals_its_joint_expansion(p, k, l, rule, data):
    """The closed forms (product) and the multiset contests (joint) are two code paths."""
    policy = data.draw(product_policies(p.n, k))
    joint = JointPolicy.of(policy.distribution(), n=p.n, k=k)
    assert best_competitor(p, policy, l, rule) == best_competitor(p, joint, l, rule)


@given(profiles(max_n=3), st.integers(1, 3), st.data())
def test_no_lottery_beats_the_best_pure_competitor(p, k, data):
    policy = data.draw(policies(p.n, k))
    competitor = data.draw(lotteries(p.n))
    assert win_rate(p, policy, competitor) >= robustness(p, policy)


@given(profiles(max_n=5, max_users=6), st.integers(1, 5), tie_rules(), st.data())
def test_float_deviation_payoffs_agree_with_exact(p, k, rule, data):
    lot = data.draw(lotteries(p.n))
    exact = deviation_payoffs(p, lot, k, rule)
    assert np.allclose(deviation_payoffs_float(p, lot.to_float(), k, rule),
                       [float(v) for v in exact], atol=1e-12)


@given(st.fractions(0, 1), st.fractions(0, 1), st.integers(1, 6))
def test_deviation_closed_form_equals_its_sum(A, B, k):
    if A + B > 1:
        A, B = A / 2, B / 2
    closed = competitor_share(A, B, k, 1, TieRule.SHARE)
    summed = sum(Fraction(comb(k, j)) * B**j * A**(k - j) / (j + 1)
                 for j in range(k + 1))
    assert closed == summed


# --- known values -------------------------------------------------------------------------

IC6 = impartial_culture(6)


@pytest.mark.parametrize("shown, outside, expected", [
    ((0, 1), 2, Fraction(2, 3)),   # d = 2 distinct: the outsider wins 1/3
    ((0, 0), 3, Fraction(1, 2)),   # d = 1: a coin flip
    ((4, 5), 0, Fraction(2, 3)),
])
def test_impartial_culture_m6_k2_against_an_outsider(shown, outside, expected):
    policy = JointPolicy.of({shown: 1}, n=6)
    for rule in TieRule:  # strict orders and a response outside S: no ties can occur
        assert win_rate(IC6, policy, outside, rule) == expected


@pytest.mark.parametrize("rule, expected", [(TieRule.SHARE, Fraction(3, 4)),
                                            (TieRule.HALF, Fraction(3, 4)),
                                            (TieRule.WEAK, Fraction(1)),
                                            (TieRule.STRICT, Fraction(1, 2))])
def test_impartial_culture_m6_k2_against_an_insider(rule, expected):
    # Half the users rank 0 above 1 and then face a copy of their favourite: the tie rule decides.
    assert win_rate(IC6, JointPolicy.of({(0, 1): 1}, n=6), 0, rule) == expected


def test_impartial_culture_m6_k2_best_competitor_is_outside():
    worst = best_competitor(IC6, JointPolicy.of({(0, 1): 1}, n=6))
    assert worst == (tuple([2]), Fraction(2, 3))


def test_five_voter_maximal_lottery_is_an_equilibrium_at_k1():
    p = example("five-voter")
    ml = Lottery.of(["3/5", "1/5", "1/5"])
    assert deviation_payoffs(p, ml, 1) == [Fraction(1, 2)] * 3
    assert robustness(p, ProductPolicy(ml, 1)) == Fraction(1, 2)


def test_condorcet_point_mass_is_stuck_at_half_plus_eps():
    p = example("nlhf-ceiling")
    for k in range(2, 8):
        worst = best_competitor(p, ProductPolicy(Lottery.point(0, 2), k))
        assert worst == ((1,), Fraction(3, 5))


def test_mixture_is_the_average_of_its_products():
    p = example("ties")
    a, b = Lottery.uniform(4), Lottery.of({0: "1/3", 3: "2/3"}, n=4)
    mix = MixturePolicy.of([("1/4", a), ("3/4", b)], k=2)
    for T in multisets(4, 2):
        expected = (Fraction(1, 4) * win_rate(p, ProductPolicy(a, 2), T)
                    + Fraction(3, 4) * win_rate(p, ProductPolicy(b, 2), T))
        assert win_rate(p, mix, T) == expected
