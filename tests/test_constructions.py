"""Policy constructions: known values, cross-checks against the core solvers, and the registry."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ualign.counterexamples.constructions import (CONSTRUCTIONS, bradley_terry_scores, build_policy,
                                                  parse_construction)
from ualign.counterexamples.strategies import profiles
from ualign.game.deviation_payoffs import exploitability
from ualign.game.pairwise import condorcet_winner, pairwise_matrix
from ualign.game.robustness import robustness
from ualign.model.errors import InputError
from ualign.model.examples import example
from ualign.model.generators import two_group_condorcet
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, MixturePolicy, ProductPolicy
from ualign.model.profile import Profile
from ualign.solvers.optimal_policy import optimal_policy

FIVE = example("five-voter")


# -- the registry contract: every construction, on a strict and a weak instance ------------

@pytest.mark.parametrize("name", list(CONSTRUCTIONS))
@pytest.mark.parametrize("instance", ["five-voter", "ties"])
def test_every_construction_builds_an_exact_deterministic_policy(name, instance):
    profile, k = example(instance), 2
    policy = build_policy(name, profile, k)
    assert policy.exact and policy.n == profile.n and policy.k == k
    law = policy.distribution()
    assert sum(law.values()) == 1 and all(p >= 0 for p in law.values())
    assert build_policy(name, profile, k) == policy
    construction, params = parse_construction(name)
    assert construction is CONSTRUCTIONS[name] and set(params) == set(construction.params)
    assert construction.summary.split(":")[0] in ("exact", "rounded", "exact if rational, else "
                                                  "rounded")


def test_registry_flags():
    assert {c.name for c in CONSTRUCTIONS.values() if c.polynomial} == {"nlhf", "symmetric_ne",
                                                                        "uniform"}
    assert {c.name for c in CONSTRUCTIONS.values() if c.exact} == {
        "nlhf", "nlhf_vertex", "bradley_terry_best_of_k", "best_of_n", "uniform", "optimal"}


# -- known values ---------------------------------------------------------------------------

def test_nlhf_on_the_five_voter_cycle():
    assert build_policy("nlhf", FIVE, 3) == ProductPolicy(Lottery.of(["3/5", "1/5", "1/5"]), 3)


@settings(max_examples=30)
@given(profiles(min_n=2, max_n=4, max_users=3))
def test_nlhf_is_the_condorcet_winner_when_there_is_one(profile):
    winner = condorcet_winner(profile)
    policy = build_policy("nlhf", profile, 2)
    if winner is not None:
        assert policy.lottery == Lottery.point(winner, profile.n)
    # always a maximal lottery: it wins at least 1/2 against every response
    P = pairwise_matrix(profile)
    assert all(sum(p * P[y][z] for y, p in enumerate(policy.lottery.probs)) >= Fraction(1, 2)
               for z in range(profile.n))


def test_uniform():
    assert build_policy("uniform", FIVE, 2).lottery == Lottery.uniform(3)


def test_symmetric_ne_is_exact_when_the_equilibrium_is_rational():
    # k = 1: the symmetric equilibrium of the 2-player game is the maximal lottery
    assert build_policy("symmetric_ne", FIVE, 1).lottery == Lottery.of(["3/5", "1/5", "1/5"])
    ceiling = two_group_condorcet("1/10")  # k = 2: the equilibrium (4/5, 1/5) is rational
    policy = build_policy("symmetric_ne", ceiling, 2)
    assert policy.lottery == Lottery.of(["4/5", "1/5"])
    assert exploitability(ceiling, policy.lottery, 2) == 0
    assert robustness(ceiling, policy) == Fraction(2, 3)


def test_symmetric_ne_falls_back_to_the_certified_numeric_equilibrium():
    # k = 2 on five-voter: the only equilibrium is irrational
    policy = build_policy("symmetric_ne", FIVE, 2)
    eps = exploitability(FIVE, policy.lottery, 2)
    assert 0 < eps < Fraction(1, 10**12)
    assert robustness(FIVE, policy) == Fraction(2, 3) - eps


@settings(max_examples=25)
@given(profiles(min_n=2, max_n=3, max_users=3))
def test_symmetric_ne_products_are_equilibria(profile):
    for k in (1, 2):
        eps = exploitability(profile, build_policy("symmetric_ne", profile, k).lottery, k)
        assert 0 <= eps < Fraction(1, 10**9)


def test_selfplay_policies_are_exact_and_jensen_orders_them():
    mixture = build_policy("selfplay_mixture(T=30)", FIVE, 2)
    average = build_policy("selfplay_average_product(30)", FIVE, 2)
    assert isinstance(mixture, MixturePolicy) and len(mixture.components) == 30
    assert all(w == Fraction(1, 30) for w, _ in mixture.components)
    assert sum(mixture.distribution().values()) == 1
    # the average product is the product of the exact mean of the mixture's iterates ...
    columns = zip(*(lot.probs for _, lot in mixture.components))
    assert average.lottery.probs == tuple(sum(c) / 30 for c in columns)
    # ... so by convexity of V it is at least as robust, and both are within Hedge's bound
    assert robustness(FIVE, average) >= robustness(FIVE, mixture) > Fraction(2, 3) - Fraction(1, 10)


def test_regularised_nlhf_is_the_rounded_mirror_prox_solution():
    from ualign.solvers.regularised_nlhf import regularised_nlhf
    policy = build_policy("regularised_nlhf(tau=1/100)", FIVE, 2)
    floats = regularised_nlhf(FIVE, 0.01).lottery.probs
    assert all(abs(float(p) - q) < 1e-11 for p, q in zip(policy.lottery.probs, floats))
    assert [round(float(p), 3) for p in policy.lottery.probs] == [0.596, 0.224, 0.18]
    big = build_policy("regularised_nlhf(1000)", FIVE, 2).lottery  # tau -> oo: the reference
    assert all(abs(p - Fraction(1, 3)) < Fraction(1, 1000) for p in big.probs)


@pytest.mark.parametrize("k, l", [(1, 1), (2, 1), (2, 2)])
def test_optimal_is_the_optimal_policy_value(k, l):
    profile = example("ties")
    policy = build_policy(f"optimal(l={l})", profile, k)
    assert robustness(profile, policy, l=l) == optimal_policy(profile, k, l).value


def test_bradley_terry_shows_the_shared_orders_top_k():
    shared = Profile.of([(2, 0, 3, 1)], weights=[5])
    assert build_policy("bradley_terry_best_of_k", shared, 2) == JointPolicy.of({(2, 0): 1}, n=4)
    # k > n repeats the ranking 2, 0, 3, 1, 2, 0
    assert build_policy("bradley_terry_best_of_k", shared, 6).distribution() == {
        (0, 0, 1, 2, 2, 3): 1}
    # equal total wins (a perfect cycle): ties go to the lower index
    cycle = example("condorcet-cycle")
    assert build_policy("bradley_terry_best_of_k", cycle, 2).distribution() == {(0, 1): 1}


@settings(max_examples=30)
@given(profiles(min_n=2, max_n=5, max_users=4))
def test_bradley_terry_scores_order_responses_by_total_wins(profile):
    wins = [float(sum(row)) for row in pairwise_matrix(profile)]
    scores = bradley_terry_scores(profile)
    for y in range(profile.n):
        for z in range(profile.n):
            if wins[y] > wins[z] + 1e-9:
                assert scores[y] > scores[z]
    top = build_policy("bradley_terry_best_of_k", profile, 1).support[0][0][0]
    assert wins[top] == max(wins)


# -- the spec language and user callables ------------------------------------------------------

@pytest.mark.parametrize("spec, name, params", [
    ("nlhf", "nlhf", {}),
    ("regularised_nlhf(tau=1/10)", "regularised_nlhf", {"tau": Fraction(1, 10)}),
    ("regularised_nlhf(0.1)", "regularised_nlhf", {"tau": Fraction(1, 10)}),
    ("regularised_nlhf", "regularised_nlhf", {"tau": Fraction(1, 10)}),
    (" selfplay_mixture( T = 50 ) ", "selfplay_mixture", {"T": 50}),
    ("selfplay_average_product(50)", "selfplay_average_product", {"T": 50}),
    ("optimal(2)", "optimal", {"l": 2}),
    ("bradley-terry-best-of-k", "bradley_terry_best_of_k", {}),
])
def test_parse_construction(spec, name, params):
    construction, values = parse_construction(spec)
    assert construction.name == name and values == params


@pytest.mark.parametrize("spec, match", [
    ("dpo", "unknown construction 'dpo'; known: nlhf, nlhf_vertex, regularised_nlhf\\(tau\\)"),
    ("nlhf(3)", "takes parameters"),
    ("regularised_nlhf(tau=0)", "tau > 0"),
    ("regularised_nlhf(tau=-1/2)", "tau > 0"),
    ("regularised_nlhf(tau=x)", "not an exact number"),
    ("selfplay_mixture(T=1/2)", "whole number"),
    ("selfplay_mixture(T=0)", "whole number"),
    ("selfplay_mixture(steps=5)", "no parameter 'steps'"),
    ("optimal(1, l=2)", "given twice"),
    ("uniform(", "cannot read"),
    ("", "cannot read"),
])
def test_bad_specs_are_input_errors(spec, match):
    with pytest.raises(InputError, match=match):
        parse_construction(spec)


def test_callables_may_return_a_lottery_or_a_policy():
    profile = example("nlhf-ceiling")
    assert build_policy(lambda p, k: Lottery.point(1, p.n), profile, 3) == ProductPolicy(
        Lottery.point(1, 2), 3)
    joint = JointPolicy.of({(0, 1): "1/2", (0, 0): "1/2"}, n=2)
    assert build_policy(lambda p, k: joint, profile, 2) is joint


@pytest.mark.parametrize("bad, match", [
    (lambda p, k: [Fraction(1, 2), Fraction(1, 2)], "not a Lottery or a policy"),
    (lambda p, k: Lottery.of_float([0.5, 0.5]), "float probabilities"),
    (lambda p, k: Lottery.uniform(3), "n=3"),
    (lambda p, k: ProductPolicy(Lottery.uniform(2), k + 1), "k=3"),
    (lambda p, k: None, "returned NoneType"),
])
def test_callables_returning_non_distributions_are_input_errors(bad, match):
    with pytest.raises(InputError, match=match):
        build_policy(bad, example("nlhf-ceiling"), 2)
    with pytest.raises(InputError, match="a name or a callable"):
        build_policy(42, example("nlhf-ceiling"), 2)


# -- RLHF's constructions: best-of-N and the KL-regularised reward maximiser ----------------

def _best_of_n_by_enumeration(profile: Profile, N: int) -> list[Fraction]:
    """Every one of the n^N equally likely draws, the best total-wins response kept, a tie
    among the drawn best split equally: the definition, with no closed form."""
    from itertools import product
    wins = [sum(row, Fraction(0)) for row in pairwise_matrix(profile)]
    out = [Fraction(0)] * profile.n
    draws = list(product(range(profile.n), repeat=N))
    for draw in draws:
        top = max(wins[y] for y in draw)
        best = sorted({y for y in draw if wins[y] == top})
        for y in best:
            out[y] += Fraction(1, len(draws) * len(best))
    return out


@settings(max_examples=40, deadline=None)
@given(profiles(max_n=4, max_users=3), st.integers(1, 4))
def test_best_of_n_is_the_enumerated_best_of_n_draws(profile, N):
    policy = build_policy(f"best_of_n({N})", profile, 2)
    assert isinstance(policy, ProductPolicy) and policy.k == 2
    assert list(policy.lottery.probs) == _best_of_n_by_enumeration(profile, N)


def test_best_of_one_is_uniform_and_many_draws_concentrate_on_the_top_reward():
    assert build_policy("best_of_n(1)", FIVE, 3).lottery == Lottery.uniform(3)
    wins = [sum(row, Fraction(0)) for row in pairwise_matrix(FIVE)]
    top = max(range(3), key=wins.__getitem__)
    assert build_policy("best_of_n(60)", FIVE, 2).lottery.probs[top] > 1 - Fraction(1, 10**10)


def test_rlhf_is_the_softmax_of_the_reward_between_argmax_and_uniform():
    # independent of the formula: the order of the probabilities is the order of the total
    # wins (the reward's order), beta -> oo gives uniform, and cooling sharpens the top
    wins = [sum(row, Fraction(0)) for row in pairwise_matrix(FIVE)]
    top = max(range(3), key=wins.__getitem__)
    tops = []
    for beta in ("100", "1", "1/10"):
        probs = build_policy(f"rlhf({beta})", FIVE, 2).lottery.probs
        assert sorted(range(3), key=probs.__getitem__) == sorted(range(3), key=wins.__getitem__)
        tops.append(probs[top])
    assert tops == sorted(tops) and abs(tops[0] - Fraction(1, 3)) < Fraction(1, 50)
    cold = build_policy("rlhf(1/1000)", FIVE, 2).lottery.probs
    assert max(cold) > 1 - Fraction(1, 10**9)  # beta -> 0: the reward's argmax
    with pytest.raises(InputError, match="beta > 0"):
        build_policy("rlhf(0)", FIVE, 2)
