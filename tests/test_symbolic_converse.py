"""The IC converse: the symbolic derivation, cross-checked against exact enumeration and the LP."""

from __future__ import annotations

import json
from fractions import Fraction
from itertools import combinations

import pytest
import sympy

from ualign.game.robustness import robustness
from ualign.game.win_rates import win_rate
from ualign.model.errors import InputError
from ualign.model.generators import impartial_culture
from ualign.model.policies import JointPolicy
from ualign.model.ties import TieRule
from ualign.solvers.optimal_policy import optimal_policy
from ualign.symbolic.converse import (K, M, ceiling, ceiling_expr, derive, smallest_refuting_m,
                                      tie_value)

RULES = tuple(TieRule)
DELTA = Fraction(1, 100)


@pytest.fixture(scope="module")
def derivation():
    return derive()


def _tau(rule: str, c: int) -> Fraction:
    """The k-side's share when c of its copies tie the competitor's single slot."""
    return Fraction(c, c + 1) if rule == "share" else tie_value(rule)


# -- the derivation itself ----------------------------------------------------------------------
def test_derivation_passes_every_step(derivation):
    assert derivation.name == "converse"
    assert derivation.passed
    assert [s.claim for s in derivation.steps if not s.passed] == []
    assert any(s.check.startswith("limit") for s in derivation.steps)
    assert any(s.check.startswith("solveset") for s in derivation.steps)


def test_renderings(derivation):
    text, latex, js = derivation.to_text(), derivation.to_latex(), derivation.to_json()
    assert text and latex and "PASSED" in text
    assert json.loads(json.dumps(js))["passed"] is True
    assert js["result"] and js["result_latex"]


def test_closed_form_matches_fraction_version():
    for rule in RULES:
        for m in range(1, 9):
            for k in range(1, m + 1):
                assert sympy.Rational(ceiling(m, k, rule)) == ceiling_expr(rule).subs({M: m, K: k})


# -- the 1/(d+1) symmetry and the uniform competitor, against exact win rates -----------------
MULTISETS = [(4, (0,)), (4, (0, 1)), (4, (0, 0, 1)), (4, (0, 1, 2)), (5, (1, 1)), (5, (0, 2, 2)),
             (5, (0, 1, 3)), (5, (0, 0, 0, 4)), (5, (0, 1, 2, 3))]


@pytest.mark.parametrize("m, S", MULTISETS)
@pytest.mark.parametrize("rule", RULES)
def test_outside_response_wins_one_over_d_plus_one(m, S, rule):
    ic, policy = impartial_culture(m), JointPolicy.of({S: 1}, n=m)
    d = len(set(S))
    for z in set(range(m)) - set(S):
        assert win_rate(ic, policy, z, rule) == Fraction(d, d + 1)
    for z in set(S):  # inside: S loses only when z is the user's top among S, then tau(mult)
        assert win_rate(ic, policy, z, rule) == 1 - Fraction(1, d) + _tau(rule, S.count(z)) / d


@pytest.mark.parametrize("m, S", MULTISETS)
@pytest.mark.parametrize("rule", RULES)
def test_uniform_competitor_holds_every_multiset_to_the_ceiling(m, S, rule):
    ic, policy = impartial_culture(m), JointPolicy.of({S: 1}, n=m)
    uniform = JointPolicy.of({(z,): Fraction(1, m) for z in range(m)}, n=m)
    d, k = len(set(S)), len(S)
    got = win_rate(ic, policy, uniform, rule)
    expected = (Fraction((m + 1) * d, d + 1) - 1
                + sum(_tau(rule, S.count(s)) for s in set(S)) / d) / m
    assert got == expected
    assert got <= ceiling(m, k, rule)
    assert (got == ceiling(m, k, rule)) == (d == k)  # attained only by k distinct responses


# -- the exact optimum, against the LP ------------------------------------------------------------
SIZES = [(m, k) for m in range(3, 7) for k in range(1, 4)]


@pytest.mark.parametrize("m, k", SIZES)
@pytest.mark.parametrize("rule", RULES)
def test_ceiling_is_the_lp_optimum(m, k, rule):
    try:
        best = optimal_policy(impartial_culture(m), k, 1, rule)
    except InputError:
        pytest.skip(f"m={m}, k={k} is too large for the exact LP")
    assert best.value == ceiling(m, k, rule)


@pytest.mark.parametrize("m, k", [(3, 2), (4, 2), (4, 3), (5, 2), (5, 3)])
@pytest.mark.parametrize("rule", RULES)
def test_uniform_k_subsets_attain_the_ceiling(m, k, rule):
    subsets = list(combinations(range(m), k))
    policy = JointPolicy.of({S: Fraction(1, len(subsets)) for S in subsets}, n=m)
    assert robustness(impartial_culture(m), policy, 1, rule) == ceiling(m, k, rule)


def test_known_values():
    assert ceiling(3, 2) == Fraction(13, 18)
    assert ceiling(4, 2) == Fraction(17, 24)
    with pytest.raises(ValueError):
        ceiling(2, 3)  # m < k: the closed form does not apply


# -- refuting a claimed f(k) > k/(k+1) ----------------------------------------------------------
def _claim(k: int) -> Fraction:
    return Fraction(k, k + 1) + DELTA


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_smallest_refuting_m_by_formula(rule, k):
    m = smallest_refuting_m(_claim, k, rule)
    assert m >= k and ceiling(m, k, rule) < _claim(k)
    assert m == k or ceiling(m - 1, k, rule) >= _claim(k)
    assert all(ceiling(mm, k, rule) < _claim(k) for mm in range(m, m + 20))  # all larger m too
    symbolic = smallest_refuting_m(K / (K + 1) + sympy.Rational(1, 100), tie_rule=rule)
    assert symbolic.subs(K, k) == m
    assert smallest_refuting_m(_claim, tie_rule=rule)(k) == m


def test_smallest_refuting_m_known_values():
    assert [smallest_refuting_m(_claim, k) for k in (1, 2, 3, 4)] == [1, 17, 26, 31]
    # k = 3, m = 25 meets f exactly (ceiling = 3/4 + 1/100): refuting needs a strict gap
    assert ceiling(25, 3) == _claim(3)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_smallest_refuting_m_against_the_lp(k):
    m_star = smallest_refuting_m(_claim, k)
    for m in range(max(k, 1), 7):
        value = optimal_policy(impartial_culture(m), k).value
        assert (value < _claim(k)) == (m >= m_star)


def test_smallest_refuting_m_rejects_non_claims():
    with pytest.raises(ValueError):
        smallest_refuting_m(lambda k: Fraction(k, k + 1), 2)


# -- outside the closed form's range (m < k), recorded from the LP ------------------------------
@pytest.mark.parametrize("k", [2, 3, 4])
def test_one_response_gives_exactly_k_over_k_plus_1_under_share(k):
    # every slot shows the one response, so all k+1 slots tie: a degenerate refutation of any
    # f(k) > k/(k+1), which smallest_refuting_m (searching m >= k) deliberately leaves out
    assert optimal_policy(impartial_culture(1), k).value == Fraction(k, k + 1)


@pytest.mark.parametrize("m, k", [(2, 3), (2, 4), (3, 4)])
@pytest.mark.parametrize("rule", [TieRule.HALF, TieRule.WEAK, TieRule.STRICT])
def test_fewer_responses_than_outputs_show_all_of_them(m, k, rule):
    # with m < k the best policy does as well as showing every response once
    assert optimal_policy(impartial_culture(m), k, 1, rule).value == ceiling(m, m, rule)
