"""Public Hypothesis strategies (ualign.counterexamples.strategies): valid objects, minimal shrinks."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import find, given
from hypothesis import strategies as st

from ualign.counterexamples.strategies import (joint_policies, lotteries, mixture_policies,
                                               policies, product_policies, profiles, strict_orders,
                                               tie_rules, weak_orders)
from ualign.model.policies import multiset_count
from ualign.model.ties import TieRule


@given(st.integers(1, 6).flatmap(lambda n: st.tuples(st.just(n), strict_orders(n))))
def test_strict_orders_are_permutations_of_ranks(case):
    n, ranks = case
    assert sorted(ranks) == list(range(n))


@given(st.integers(1, 6).flatmap(lambda n: st.tuples(st.just(n), weak_orders(n))))
def test_weak_orders_have_n_ranks_in_range(case):
    n, ranks = case
    assert len(ranks) == n and all(0 <= r < n for r in ranks)


@given(profiles(max_n=5, max_users=5))
def test_profiles_are_exact_distributions_over_users(p):
    assert sum(p.weights) == 1 and all(isinstance(w, Fraction) and w > 0 for w in p.weights)
    assert 1 <= p.n <= 5


@given(profiles(min_n=3, max_n=3, strict=True))
def test_strict_profiles_are_strict(p):
    assert p.is_strict and p.n == 3


@given(st.integers(1, 6).flatmap(lambda n: st.tuples(st.just(n), lotteries(n))))
def test_lotteries_are_exact_distributions(case):
    n, lot = case
    assert len(lot.probs) == n and sum(lot.probs) == 1 and min(lot.probs) >= 0


@given(st.integers(1, 4), st.integers(1, 3), st.data())
def test_every_policy_kind_is_a_distribution_over_k_multisets(n, k, data):
    for strategy in (product_policies(n, k), mixture_policies(n, k), joint_policies(n, k),
                     policies(n, k)):
        policy = data.draw(strategy)
        dist = policy.distribution()
        assert policy.k == k and sum(dist.values()) == 1
        assert all(len(ms) == k and all(0 <= y < n for y in ms) for ms in dist)
        assert len(dist) <= multiset_count(n, k)


def test_shrinking_reaches_the_smallest_profile():
    # the smallest profile with two responses: one user type with weight 1
    p = find(profiles(max_n=5, max_users=5), lambda q: q.n >= 2)
    assert p.n == 2 and p.num_users == 1 and p.weights == (Fraction(1),)


def test_tie_rules_cover_every_rule():
    seen = set()
    find(tie_rules(), lambda r: seen.add(r) or len(seen) == len(TieRule))
    assert seen == set(TieRule)
