"""Lotteries and policies: validation, exact/float conversion, multiset laws."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ualign import (InputError, JointPolicy, Lottery, MixturePolicy, ProductPolicy, Profile,
                    policy_from_json, policy_to_json, robustness)
from ualign.counterexamples.strategies import lotteries, mixture_policies, policies, profiles
from ualign.model.policies import multiset_count


@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_every_policy_law_is_a_distribution_over_k_multisets(n, k, data):
    law = data.draw(policies(n, k)).distribution()
    assert sum(law.values()) == 1 and all(len(ms) == k and list(ms) == sorted(ms) for ms in law)
    assert len(law) <= multiset_count(n, k)


@given(st.integers(1, 5), st.data())
def test_float_round_trip_is_explicit_and_exact(n, data):
    lot = data.draw(lotteries(n))
    back = lot.to_float().to_exact(max_denominator=1000)
    assert back == lot and back.exact and not lot.to_float().exact


def test_to_exact_repairs_the_sum():
    lot = Lottery.of_float([0.1, 0.2, 0.7000000001]).to_exact(max_denominator=10)
    assert lot.probs == (Fraction(1, 10), Fraction(1, 5), Fraction(7, 10))


@pytest.mark.parametrize("build, words", [
    (lambda: Lottery.of(["1/2", "1/3"]), "sum to 5/6"),
    (lambda: Lottery.of(["3/2", "-1/2"]), "negative probability"),
    (lambda: Lottery.of_float([0.5, 0.6]), "float lottery sums to"),
    (lambda: ProductPolicy(Lottery.uniform(2), 0), "k must be at least 1"),
    (lambda: JointPolicy.of({(0, 5): 1}, n=3), "outside 0..2"),
    (lambda: JointPolicy.of({(0, 1): "1/2"}, n=3), "sum to 1/2"),
    (lambda: MixturePolicy.of([("1/2", Lottery.uniform(2))], 2), "sum to 1"),
    (lambda: MixturePolicy.of([(1, Lottery.uniform(2)), (0, Lottery.uniform(3))], 2),
     "different numbers of responses"),
])
def test_invalid_policies_are_refused(build, words):
    with pytest.raises(InputError, match=words):
        build()


def test_float_policies_are_refused_by_exact_win_rates():
    p = Profile.of([(0, 1)])
    with pytest.raises(InputError, match="float probabilities"):
        robustness(p, ProductPolicy(Lottery.of_float([0.5, 0.5]), 2))


@given(profiles(max_n=3), st.integers(1, 3), st.data())
def test_policy_json_round_trip(p, k, data):
    policy = data.draw(st.one_of(policies(p.n, k), mixture_policies(p.n, k)))
    rebuilt = policy_from_json(policy_to_json(policy), p)
    assert rebuilt.distribution() == policy.distribution() and type(rebuilt) is type(policy)
