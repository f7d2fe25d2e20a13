"""The instance-optimal k-output policy: known values, a float LP over an independently built
contest matrix, and the exact primal and dual certificates it returns."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations_with_replacement

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.brute_force import brute_win_rate, user_outcome
from ualign.counterexamples.strategies import profiles
from ualign.game.robustness import robustness
from ualign.game.value_checks import is_maximal_lottery
from ualign.model.errors import InputError
from ualign.model.examples import example
from ualign.model.generators import impartial_culture
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, parse_tie_rule
from ualign.solvers.optimal_policy import optimal_policy

RULES = list(TieRule)
FLOAT_SLACK = 1e-9


def _brute_matrix(profile: Profile, k: int, l: int, rule: str) -> list[list[Fraction]]:
    """``G[S][T]`` from the tie rules' definitions, slot by slot (tests/brute_force.py)."""
    rows = list(combinations_with_replacement(range(profile.n), k))
    cols = list(combinations_with_replacement(range(profile.n), l))
    return [[sum((w * user_outcome(ranks, S, T, rule)
                  for ranks, w in zip(profile.ranks, profile.weights)), Fraction(0))
             for T in cols] for S in rows]


def _linprog_value(G: list[list[Fraction]]) -> float:
    """``max_x min_T (x^T G)_T`` over distributions ``x`` on the rows, by HiGHS."""
    from scipy.optimize import linprog
    A = np.asarray([[float(v) for v in row] for row in G])
    rows, cols = A.shape
    objective = np.zeros(rows + 1)
    objective[-1] = -1.0
    res = linprog(objective, A_ub=np.hstack([-A.T, np.ones((cols, 1))]), b_ub=np.zeros(cols),
                  A_eq=np.hstack([np.ones((1, rows)), np.zeros((1, 1))]), b_eq=[1.0],
                  bounds=[(0, None)] * rows + [(None, None)], method="highs")
    assert res.success
    return -res.fun


def _check(profile: Profile, k: int, l: int, rule: str) -> None:
    best = optimal_policy(profile, k, l, rule)
    assert (best.k, best.l, best.tie_rule.value) == (k, l, rule)
    reference = _linprog_value(_brute_matrix(profile, k, l, rule))
    assert abs(float(best.value) - reference) <= FLOAT_SLACK
    # The primal certificate: the policy guarantees the value against every l-multiset.
    assert robustness(profile, best.policy, l, rule) == best.value
    # The dual certificate: the competitor holds every pure k-multiset to the value.
    for S in combinations_with_replacement(range(profile.n), k):
        pure = JointPolicy.of({S: 1}, n=profile.n, k=k)
        assert brute_win_rate(profile, pure, best.competitor, rule) <= best.value


# --- known values -------------------------------------------------------------------------

def test_impartial_culture_3_k2_is_13_18():
    # A uniform pair: against a response inside it (prob 2/3) it wins 1/2 + 1/4 = 3/4, against
    # one outside it wins unless that response tops all three (2/3): 2/3 * 3/4 + 1/3 * 2/3.
    best = optimal_policy(impartial_culture(3), k=2)
    assert best.value == Fraction(13, 18)


def test_impartial_culture_4_k2_is_17_24():
    # The same count with 4 responses: 1/2 * 3/4 + 1/2 * 2/3 = 17/24.
    best = optimal_policy(impartial_culture(4), k=2)
    assert best.value == Fraction(17, 24)
    uniform_pairs = JointPolicy.of({S: "1/6" for S in [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3),
                                                       (2, 3)]}, n=4, k=2)
    assert robustness(impartial_culture(4), uniform_pairs) == Fraction(17, 24)


def test_condorcet_cycle_k1_is_one_half():
    best = optimal_policy(example("condorcet-cycle"), k=1)
    assert best.value == Fraction(1, 2)
    assert best.policy.distribution() == {(0,): Fraction(1, 3), (1,): Fraction(1, 3),
                                          (2,): Fraction(1, 3)}


def test_a_condorcet_winner_is_the_optimal_single_output():
    # The competitor can copy it, so the value is 1/2, not the winner's margin.
    best = optimal_policy(example("nlhf-ceiling"), k=1)
    assert best.value == Fraction(1, 2) and best.policy.distribution() == {(0,): Fraction(1)}


@given(profiles(max_n=4, max_users=4))
def test_one_against_one_is_nlhf(profile):
    # k = l = 1 under share is the symmetric constant-sum NLHF game: value 1/2 on every
    # profile, and the optimal policy is a maximal lottery.
    best = optimal_policy(profile, 1, 1)
    lottery = Lottery.of({S[0]: p for S, p in best.policy.support}, n=profile.n)
    assert best.value == Fraction(1, 2) and is_maximal_lottery(profile, lottery)


# --- against an independent LP ------------------------------------------------------------

CROSS_CHECK = {
    "five-voter": example("five-voter"),
    "condorcet-cycle": example("condorcet-cycle"),
    "nlhf-ceiling": example("nlhf-ceiling"),
    "mallows-4": example("mallows-4"),
    "impartial-culture-4": example("impartial-culture-4"),
    "ties": example("ties"),
    # Sampled once with impartial_culture(4, voters=5, seed=3) and mallows(3, "1/3", voters=6,
    # seed=1), and pinned so that a change in the samplers cannot change the cases.
    "ic4-v5-s3": Profile.of([(1, 0, 2, 3), (1, 2, 0, 3), (3, 1, 0, 2), (3, 2, 0, 1),
                             (3, 2, 1, 0)]),
    "mallows3-v6-s1": Profile.of([(0, 1, 2), (0, 2, 1), (1, 0, 2)], weights=[2, 1, 3]),
}


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("k, l", [(1, 1), (1, 2), (2, 1), (2, 2)])
@pytest.mark.parametrize("name", CROSS_CHECK)
def test_optimal_policy_matches_an_independent_lp(name, k, l, rule):
    _check(CROSS_CHECK[name], k, l, rule)


@given(profiles(max_n=3, max_users=4), st.integers(1, 2), st.integers(1, 2),
       st.sampled_from(RULES))
def test_optimal_policy_matches_an_independent_lp_on_random_profiles(profile, k, l, rule):
    _check(profile, k, l, rule)


# --- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("k, l, words", [(0, 1, "k must be at least 1"),
                                         (1, 0, "l must be at least 1"),
                                         (2, "2", "l must be a whole number")])
def test_bad_numbers_of_outputs_are_input_errors(k, l, words):
    with pytest.raises(InputError, match=words):
        optimal_policy(example("five-voter"), k, l)


def test_tie_rule_names_are_parsed_at_the_boundary_and_refused_by_the_core():
    with pytest.raises(InputError, match="unknown tie rule"):
        parse_tie_rule("loose")
    for name in ("share", "loose"):  # even a valid name: the core takes a TieRule
        with pytest.raises(TypeError, match="not a TieRule; parse it once"):
            optimal_policy(example("five-voter"), 1, tie_rule=name)


@pytest.mark.parametrize("profile, k, l", [
    (Profile.of([tuple(range(30))]), 5, 1),   # 278,256 policy multisets
    (Profile.of([tuple(range(30))]), 1, 5),   # 278,256 competitor multisets
    (impartial_culture(8), 3, 3),             # 120 x 120 multisets over 40,320 user types
], ids=["many-policy-multisets", "many-competitor-multisets", "many-contests"])
def test_oversized_lps_are_refused_with_an_alternative(profile, k, l):
    with pytest.raises(InputError, match="too large for the exact method; use `ualign solve`"):
        optimal_policy(profile, k, l)


def test_a_14_response_real_file_at_k_5_is_now_within_reach_and_checks_out():
    # 8,568 x 14 multisets: refused under the old 3,000,000-contest limit
    from tests.conftest import TEST_DATA
    from ualign.game.robustness import robustness
    from ualign.io.preflib import read_preflib
    profile = read_preflib(TEST_DATA / "00007-00000028.toc")
    best = optimal_policy(profile, 5)
    assert robustness(profile, best.policy) == best.value  # an independent exact evaluation
    assert Fraction(5, 6) <= best.value <= 1
