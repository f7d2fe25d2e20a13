"""Tests for the deviation-payoff and equal-share derivations (symbolic/ against exact ualign/)."""

from __future__ import annotations

import json
from fractions import Fraction
from itertools import product

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from ualign.counterexamples.strategies import lotteries, profiles
from ualign.game.deviation_payoffs import competitor_share, deviation_payoffs, user_class_masses
from ualign.model.profile import Profile
from ualign.model.ties import TieRule
from ualign.symbolic import deviation_payoff, equal_share
from ualign.symbolic.derivation import Derivation

DERIVATIONS = {"deviation-payoff": deviation_payoff.derive(), "equal-share": equal_share.derive()}


def as_fraction(value: sympy.Basic) -> Fraction:
    assert isinstance(value, sympy.Rational), value  # exact, never a float
    return Fraction(int(value.p), int(value.q))


def payoff_from_result(A: Fraction, B: Fraction, k: int) -> Fraction:
    """The concluded closed form of 'deviation-payoff' at numbers."""
    result = DERIVATIONS["deviation-payoff"].result
    return as_fraction(result.subs({deviation_payoff.A: sympy.Rational(A.numerator, A.denominator),
                                    deviation_payoff.B: sympy.Rational(B.numerator, B.denominator),
                                    deviation_payoff.k: k}))


def brute_deviation_payoff(A: Fraction, B: Fraction, k: int) -> Fraction:
    """Enumerate every k-tuple of draw outcomes: above / in the class / below."""
    law = {"above": 1 - A - B, "in": B, "below": A}
    total = Fraction(0)
    for outcome in product(law, repeat=k):
        p = Fraction(1)
        for o in outcome:
            p *= law[o]
        if "above" not in outcome:  # the share rule splits the user among the top-class slots
            total += p * Fraction(1, 1 + outcome.count("in"))
    return total


@pytest.mark.parametrize("name", sorted(DERIVATIONS))
def test_derivation_passes_every_step(name):
    d = DERIVATIONS[name]
    assert d.name == name and d.passed and d.result is not None
    assert all(s.passed for s in d.steps), [s.claim for s in d.steps if not s.passed]


@pytest.mark.parametrize("name", sorted(DERIVATIONS))
def test_renderings_are_nonempty_and_serialisable(name):
    d = DERIVATIONS[name]
    assert d.to_text().strip() and "FAILED" not in d.to_text()
    assert d.to_latex().strip()
    blob = json.dumps(d.to_json())
    assert json.loads(blob)["passed"] is True and json.loads(blob)["name"] == name


@pytest.mark.parametrize("name", sorted(DERIVATIONS))
def test_steps_are_checked_for_symbolic_k(name):
    # The derivation is about all k, so k must remain a free symbol in what was checked.
    d = DERIVATIONS[name]
    k_steps = [s for s in d.steps if any(x.name == "k" for x in s.relation.free_symbols)]
    assert len(k_steps) >= len(d.steps) // 2


MASSES = sorted({Fraction(p, q) for q in (1, 2, 3, 5, 7) for p in range(q + 1)})


@pytest.mark.parametrize("k", range(1, 6))
def test_closed_form_matches_engine_and_brute_force(k):
    pairs = [(A, B) for A in MASSES for B in MASSES if A + B <= 1]
    assert any(B == 0 for _, B in pairs)
    for A, B in pairs:
        derived = payoff_from_result(A, B, k)
        assert derived == competitor_share(A, B, k, 1, TieRule.SHARE), (A, B, k)
        assert derived == brute_deviation_payoff(A, B, k), (A, B, k)


@given(profile=profiles(max_n=4, max_users=3), data=st.data(), k=st.integers(1, 4))
def test_equal_share_identity_on_random_weak_orders(profile, data, k):
    lottery = data.draw(lotteries(profile.n))
    target = as_fraction(DERIVATIONS["equal-share"].result.subs(equal_share.k, k))
    assert target == Fraction(1, k + 1)
    # Per user: the classes' b_i V_i (with V from the derived closed form) and the engine's
    # response-level payoffs both add up to 1/(k+1).
    for ranks in profile.ranks:
        mass, below = user_class_masses(ranks, lottery.probs)
        by_class = sum((b * payoff_from_result(a, b, k) for a, b in zip(below, mass)),
                       Fraction(0))
        single = Profile.from_ranks([ranks], [Fraction(1)])
        V = deviation_payoffs(single, lottery, k)
        assert by_class == target
        assert sum((p * v for p, v in zip(lottery.probs, V)), Fraction(0)) == target
    V = deviation_payoffs(profile, lottery, k)
    assert sum((p * v for p, v in zip(lottery.probs, V)), Fraction(0)) == target


def test_a_false_step_fails_the_derivation():
    k = sympy.Symbol("k", integer=True, positive=True)
    d = Derivation("wrong", "a deliberately false identity")
    assert d.equal("true", k / (k + 1), 1 - 1 / (k + 1), "algebra")
    assert not d.equal("false", sympy.binomial(k, 2), k**2 / 2, "wrong on purpose")
    assert not d.passed and "FAILED" in d.to_text()


def test_binomial_check_rejects_a_wrong_closed_form():
    A, B, k, j = deviation_payoff.A, deviation_payoff.B, deviation_payoff.k, deviation_payoff._j
    term = sympy.binomial(k, j) * B**j * A**(k - j)
    assert deviation_payoff._sum_both_orders(term, 0, k, (A + B)**k)[0]
    assert not deviation_payoff._sum_both_orders(term, 0, k, (A + B)**(k + 1))[0]
