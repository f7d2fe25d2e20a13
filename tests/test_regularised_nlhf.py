"""Tests for the KL-regularised NLHF solver: limits in tau, the fixed point, the gap, the rate."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import root

from ualign.counterexamples.strategies import lotteries, profiles
from ualign.game.pairwise import pairwise_matrix
from ualign.model.errors import InputError
from ualign.model.examples import example
from ualign.model.generators import two_group_condorcet
from ualign.model.lottery import Lottery
from ualign.solvers.maximal_lottery import maximal_lottery
from ualign.solvers.regularised_nlhf import nlhf_duality_gap_float, regularised_nlhf

TAUS_TO_ZERO = (1.0, 0.1, 0.01, 0.001)


# Independent float implementations of the definitions, written from the formulas rather than
# from the module, so that the module's closed forms are checked against them.
def float_matrix(profile) -> np.ndarray:
    return np.array([[float(v) for v in row] for row in pairwise_matrix(profile)])


def as_array(lottery: Lottery) -> np.ndarray:
    return np.array([float(p) for p in lottery.probs])


def kl(p: np.ndarray, q: np.ndarray) -> float:
    return float(sum(a * math.log(a / b) for a, b in zip(p, q) if a > 0))


def objective(P, a, b, tau, mu) -> float:
    """Player 1's payoff f(a, b) = a^T P b - tau KL(a || mu) + tau KL(b || mu)."""
    return float(a @ P @ b) - tau * kl(a, mu) + tau * kl(b, mu)


def softmax(v: np.ndarray) -> np.ndarray:
    w = np.exp(v - v.max())
    return w / w.sum()


def best_response(P, pi, tau, mu) -> np.ndarray:
    """argmax_a f(a, pi), by the Gibbs variational principle."""
    return softmax(np.log(mu) + P @ pi / tau)


def worst_response(P, pi, tau, mu) -> np.ndarray:
    """argmin_b f(pi, b)."""
    return softmax(np.log(mu) - P.T @ pi / tau)


@st.composite
def games(draw, max_n: int = 4):
    """A profile, a lottery on its responses, and a full-support reference (mixed with uniform)."""
    profile = draw(profiles(max_n=max_n))
    pi = as_array(draw(lotteries(profile.n)))
    mu = (as_array(draw(lotteries(profile.n))) + 1 / profile.n) / 2
    return profile, pi, mu


TAU = st.sampled_from([0.1, 0.5, 2.0])


# 1. tau -> 0: the maximal lottery, when it is unique.
@pytest.mark.parametrize("profile", [example("five-voter"), example("condorcet-cycle"),
                                     two_group_condorcet(Fraction(1, 10), 3), example("mallows-4")],
                         ids=["five-voter", "condorcet-cycle", "two-group-condorcet", "mallows-4"])
def test_tends_to_the_unique_maximal_lottery(profile):
    exact = as_array(maximal_lottery(profile))
    distances = [np.abs(as_array(regularised_nlhf(profile, tau).lottery) - exact).sum()
                 for tau in TAUS_TO_ZERO]
    assert all(b <= a + 1e-12 for a, b in zip(distances, distances[1:]))
    assert distances[-1] <= 5e-3  # observed: 4.4e-3 for five-voter, <= 1e-12 for the others


def test_five_voter_first_order_expansion():
    # With the maximal lottery p interior and S = P - 1/2 (so S p = 0), pi*_tau = p + tau delta
    # + O(tau^2), where S delta = log p - log mu + c 1 and sum delta = 0.
    profile = example("five-voter")
    S = float_matrix(profile) - 0.5
    p = np.array([0.6, 0.2, 0.2])
    system = np.block([[S, -np.ones((3, 1))], [np.ones((1, 3)), np.zeros((1, 1))]])
    delta = np.linalg.solve(system, np.r_[np.log(p / (1 / 3)), 0.0])[:3]
    for tau in (1e-2, 1e-3, 1e-4):
        pi = as_array(regularised_nlhf(profile, tau).lottery)
        assert np.abs(pi - p - tau * delta).sum() <= 100 * tau**2  # observed constant: 88


def test_two_responses_closed_form():
    # For n = 2, pi(0)/pi(1) = mu(0)/mu(1) exp((P[0][1] - 1/2) / tau) exactly.
    for eps, tau, mu0 in [(Fraction(1, 10), 0.05, 0.5), (Fraction(1, 4), 1.0, 0.3),
                          (Fraction(2, 5), 0.01, 0.9)]:
        result = regularised_nlhf(two_group_condorcet(eps), tau, reference=[mu0, 1 - mu0])
        expected = 1 / (1 + math.exp(-(math.log(mu0 / (1 - mu0)) + float(eps) / tau)))
        assert result.lottery.probs[0] == pytest.approx(expected, abs=1e-12)


# 2. The fixed point and the duality gap.
@pytest.mark.parametrize("name", ["five-voter", "condorcet-cycle", "nlhf-ceiling", "mallows-4",
                                  "ties"])
@pytest.mark.parametrize("tau", [1.0, 0.01, 0.001])
def test_examples_reach_the_fixed_point(name, tau):
    profile = example(name)
    mu = np.arange(1, profile.n + 1) / sum(range(1, profile.n + 1))
    for reference in (None, mu):
        result = regularised_nlhf(profile, tau, reference=reference)
        pi = as_array(result.lottery)
        mu_used = as_array(result.reference)
        assert result.converged and not result.lottery.exact
        assert np.abs(pi - best_response(float_matrix(profile), pi, tau, mu_used)).max() <= 1e-9
        assert 0 <= result.duality_gap <= 1e-9


@given(games(), TAU)
def test_random_profiles_reach_the_fixed_point_found_by_a_root_finder(game, tau):
    profile, _, mu = game
    P = float_matrix(profile)
    result = regularised_nlhf(profile, tau, reference=mu)
    pi = as_array(result.lottery)
    assert result.converged and result.duality_gap <= 1e-9
    assert np.abs(pi - best_response(P, pi, tau, mu)).max() <= 1e-9
    # Independent method: Powell's hybrid method on log pi = log BR(pi).
    def equation(z):
        return z - np.log(best_response(P, np.exp(z), tau, mu))
    solved = root(equation, np.log(mu), tol=1e-13)
    assert np.abs(equation(solved.x)).max() <= 1e-10
    assert np.abs(np.exp(solved.x) - pi).sum() <= 1e-8


@given(games(), st.sampled_from([0.01, 0.1, 1.0, 10.0]), st.data())
def test_gap_matches_its_definition(game, tau, data):
    profile, pi, mu = game
    P = float_matrix(profile)
    gap = nlhf_duality_gap_float(P, pi, tau, reference=mu)
    best, worst = best_response(P, pi, tau, mu), worst_response(P, pi, tau, mu)
    assert gap >= 0
    assert gap == pytest.approx(objective(P, best, pi, tau, mu) - objective(P, pi, worst, tau, mu),
                                abs=1e-9)
    assert gap == pytest.approx(2 * tau * kl(pi, best), abs=1e-9)  # as P + P^T = 1
    # The closed-form responses really are optimal against random alternatives.
    a = as_array(data.draw(lotteries(profile.n)))
    assert objective(P, a, pi, tau, mu) <= objective(P, best, pi, tau, mu) + 1e-12
    assert objective(P, pi, a, tau, mu) >= objective(P, pi, worst, tau, mu) - 1e-12


@given(games(), TAU)
def test_gap_bounds_the_distance_to_the_equilibrium(game, tau):
    # Strong concavity-convexity (Pinsker): gap(pi) >= tau ||pi - pi*||_1^2, so it is positive
    # away from the equilibrium.
    profile, pi, mu = game
    equilibrium = as_array(regularised_nlhf(profile, tau, reference=mu).lottery)
    gap = nlhf_duality_gap_float(float_matrix(profile), pi, tau, reference=mu)
    assert gap >= tau * np.abs(pi - equilibrium).sum() ** 2 - 1e-9


def test_gap_is_zero_only_at_the_equilibrium():
    profile, tau = example("five-voter"), 0.1
    P = float_matrix(profile)
    pi = as_array(regularised_nlhf(profile, tau).lottery)
    assert nlhf_duality_gap_float(P, pi, tau) <= 1e-15
    for shift in ([1e-3, -1e-3, 0], [0, 1e-2, -1e-2], [0.1, 0, -0.1]):
        assert nlhf_duality_gap_float(P, pi + np.array(shift), tau) > 0


@pytest.mark.parametrize("name, tau", [("ties", 0.01), ("five-voter", 0.05), ("mallows-4", 0.1)])
def test_linear_rate_of_cen_wei_chi(name, tau):
    # KL(pi* || pi_t) <= (1 - eta tau)^t KL(pi* || mu), eta = 1/(tau + 2 max |A|).
    profile = example(name)
    mu = np.arange(1, profile.n + 1) / sum(range(1, profile.n + 1))
    A = float_matrix(profile) - 0.5 + tau * (np.log(mu)[:, None] - np.log(mu)[None, :])
    rate = 1 - tau / (tau + 2 * np.abs(A).max())
    star = as_array(regularised_nlhf(profile, tau, reference=mu).lottery)
    for t in (1, 10, 100, 1000):
        partial = regularised_nlhf(profile, tau, reference=mu, max_iter=t)
        assert partial.iterations <= t
        bound = rate ** partial.iterations * kl(star, mu)
        assert kl(star, as_array(partial.lottery)) <= bound + 1e-12


# 3. tau -> infinity: the reference.
def test_tends_to_the_reference():
    # pi ~ mu exp(S pi / tau) with the entries of S pi within an interval of length 1, so
    # ||pi - mu||_1 <= e^(1/tau) - 1; to first order tau (pi - mu) = mu * (S mu).
    profile = example("five-voter")
    S = float_matrix(profile) - 0.5
    mu = Lottery.of([Fraction(1, 2), Fraction(3, 10), Fraction(1, 5)])
    m = as_array(mu)
    for tau in (10.0, 100.0, 1000.0):
        pi = as_array(regularised_nlhf(profile, tau, reference=mu).lottery)
        assert np.abs(pi - m).sum() <= math.expm1(1 / tau)
        assert np.abs(tau * (pi - m) - m * (S @ m)).sum() <= 0.01 / tau  # observed: 0.0016 / tau


# 4. Bad input.
@pytest.mark.parametrize("tau", [0, 0.0, Fraction(0), -1, float("nan"), float("inf"), True, "0.1"])
def test_rejects_bad_tau(tau):
    with pytest.raises(InputError, match="tau"):
        regularised_nlhf(example("five-voter"), tau)


def test_tau_zero_points_to_the_maximal_lottery():
    with pytest.raises(InputError, match="maximal_lottery"):
        regularised_nlhf(example("five-voter"), 0)


@pytest.mark.parametrize("reference, problem", [
    ([0.5, 0.5, 0.0], "full support"),
    (Lottery.of({0: "1/2", 1: "1/2"}, n=3), "full support"),
    ([0.5, 0.5], "2 entries"),
    ([0.25, 0.25, 0.25, 0.25], "4 entries"),
    ([0.5, 0.5, 0.5], "not a distribution"),
    ([0.6, 0.6, -0.2], "not a distribution"),
    (["a", "b", "c"], "sequence of numbers"),
])
def test_rejects_bad_reference(reference, problem):
    with pytest.raises(InputError, match=problem):
        regularised_nlhf(example("five-voter"), 0.1, reference=reference)


def test_rejects_unknown_method_and_mismatched_gap_input():
    with pytest.raises(InputError, match="mirror_prox"):
        regularised_nlhf(example("five-voter"), 0.1, method="nash_md")
    with pytest.raises(InputError, match="shape"):
        nlhf_duality_gap_float([[0.5, 0.5], [0.5, 0.5]], [1.0, 0.0, 0.0], 0.1)
    with pytest.raises(InputError, match="pi is not a distribution"):
        nlhf_duality_gap_float([[0.5, 0.5], [0.5, 0.5]], [0.7, 0.7], 0.1)
