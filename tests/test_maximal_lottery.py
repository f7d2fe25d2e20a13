"""Maximal lotteries and the exact matrix-game solver: known values, properties, and cross-checks
against pref_voting (floats, HiGHS) and scipy's ``linprog``.

pref_voting and scipy are float solvers, so their answers are compared with a tolerance, and
where the maximal lottery is not unique only optimality is compared: pref_voting's lottery is
turned into exact rationals and its exact guarantee must be within ``FLOAT_SLACK`` of 1/2.
Whether the maximal lottery is unique is decided exactly (see :func:`_is_unique`).
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import TEST_DATA, shared_preflib_files
from ualign.counterexamples.strategies import profiles
from ualign.game.pairwise import condorcet_winner
from ualign.game.value_checks import is_maximal_lottery, verify_matrix_game
from ualign.io.preflib import read_preflib
from ualign.model.examples import example
from ualign.model.generators import impartial_culture, mallows, two_group_condorcet
from ualign.model.lottery import Lottery
from ualign.model.profile import Profile
from ualign.solvers.exact_lp import solve_matrix_game
from ualign.solvers.maximal_lottery import maximal_lottery, maximal_lottery_face

HALF = Fraction(1, 2)
FLOAT_SLACK = 1e-9


# --- independent helpers ------------------------------------------------------------------

def _pairwise(profile: Profile) -> list[list[Fraction]]:
    """``P[y][z]``, written out from the definition (shares no code with ualign.game.pairwise)."""
    n = profile.n
    return [[sum((w * (1 if r[y] < r[z] else HALF if r[y] == r[z] else 0)
                  for r, w in zip(profile.ranks, profile.weights)), Fraction(0))
             for z in range(n)] for y in range(n)]


def _guarantee(profile: Profile, probs) -> Fraction:
    """The lottery's exact worst win rate against a single response."""
    P = _pairwise(profile)
    return min(sum((p * P[y][z] for y, p in enumerate(probs)), Fraction(0))
               for z in range(profile.n))


def _is_unique(profile: Profile) -> bool:
    """Decide exactly whether the maximal lottery is unique.

    With ``q`` our maximal lottery and ``M`` the margins, every maximal lottery vanishes where
    ``(M q)_y < 0`` (``forced_zero``). When ``q`` is positive on all the other responses ``T``
    (strict complementarity), every maximal lottery is a distribution on ``T`` in the kernel of
    ``M[T][T]``, and small moves of ``q`` within that kernel stay maximal, so ``q`` is unique
    iff the kernel is one-dimensional. Otherwise each coordinate is maximised and minimised
    over the optimal face with z3's exact optimiser.
    """
    import sympy
    q = maximal_lottery(profile).probs
    face = maximal_lottery_face(profile)
    M, zero = face["margins"], set(face["forced_zero"])
    T = [y for y in range(profile.n) if y not in zero]
    if all(q[y] > 0 for y in T):
        kernel = sympy.Matrix([[sympy.Rational(M[y][z].numerator, M[y][z].denominator)
                                for z in T] for y in T]).nullspace()
        return len(kernel) == 1
    import z3  # exact rational LP; sympy's lpmax cycles on some degenerate faces (it hung)
    p = [z3.Real(f"p{y}") for y in range(profile.n)]
    face = [z3.Sum(p) == 1] + [x >= 0 for x in p] + [
        z3.Sum([z3.RealVal(M[y][z]) * p[y] for y in range(profile.n)]) >= 0
        for z in range(profile.n)]

    def extreme(y: int, maximise: bool) -> Fraction:
        opt = z3.Optimize()
        opt.add(*face)
        opt.maximize(p[y]) if maximise else opt.minimize(p[y])
        assert opt.check() == z3.sat
        value = opt.model().eval(p[y], model_completion=True)
        return Fraction(value.as_fraction())

    return all(extreme(y, True) == extreme(y, False) for y in range(profile.n))


def _pref_voting_profile(profile: Profile):
    """The same population for pref_voting, weights scaled to integer counts.

    Strict profiles become a ``Profile`` (linear orders) and weak ones a ``ProfileWithTies``.
    pref_voting's margin counts only strict preferences, so a voter tied between ``a`` and
    ``b`` adds to neither side; that is ``P[a][b] - P[b][a]`` times the scale.
    """
    from pref_voting.profiles import Profile as PVProfile
    from pref_voting.profiles_with_ties import ProfileWithTies
    scale = lcm(*(w.denominator for w in profile.weights))
    counts = [int(w * scale) for w in profile.weights]
    if profile.is_strict:
        orders = [tuple(sorted(range(profile.n), key=r.__getitem__)) for r in profile.ranks]
        return PVProfile(orders, rcounts=counts)
    return ProfileWithTies([{y: r + 1 for y, r in enumerate(ranks)} for ranks in profile.ranks],
                           rcounts=counts, candidates=list(range(profile.n)))


def _pref_voting_lottery(profile: Profile) -> list[float]:
    from pref_voting.probabilistic_methods import maximal_lottery as pv_maximal_lottery
    if profile.n == 1:  # pref_voting's LP needs a second candidate to be meaningful
        return [1.0]
    law = pv_maximal_lottery(_pref_voting_profile(profile))
    return [float(law[y]) for y in range(profile.n)]


def _rationalised(probs: list[float]) -> list[Fraction]:
    """The float lottery as exact rationals summing to 1 (each float is already a rational)."""
    exact = [Fraction(max(p, 0.0)) for p in probs]
    total = sum(exact)
    return [p / total for p in exact]


def _check_against_pref_voting(profile: Profile) -> None:
    ours = maximal_lottery(profile)
    theirs = _pref_voting_lottery(profile)
    assert is_maximal_lottery(profile, ours)
    assert _guarantee(profile, ours.probs) >= HALF
    if _is_unique(profile):
        assert max(abs(float(a) - b) for a, b in zip(ours.probs, theirs)) <= FLOAT_SLACK
    else:
        # Different optimal vertices are both right; pref_voting's must be optimal up to its
        # float tolerance, judged exactly on the rationals its floats denote.
        assert _guarantee(profile, _rationalised(theirs)) >= HALF - Fraction(FLOAT_SLACK)


# --- known values -------------------------------------------------------------------------

def test_five_voter_maximal_lottery():
    lottery = maximal_lottery(example("five-voter"))
    assert lottery.probs == (Fraction(3, 5), Fraction(1, 5), Fraction(1, 5))


@pytest.mark.parametrize("profile", [
    two_group_condorcet("1/10"),
    two_group_condorcet("1/4", m=4),
    mallows(4, "1/2"),
    mallows(5, "1/3", centre=(2, 0, 4, 1, 3)),
    Profile.of([(0, 1, 2), (1, 0, 2), (0, 2, 1)]),
], ids=["two-group", "two-group-m4", "mallows-4", "mallows-5-recentred", "three-voters"])
def test_a_condorcet_winner_gets_the_point_mass(profile):
    winner = condorcet_winner(profile)
    assert winner is not None
    assert maximal_lottery(profile) == Lottery.point(winner, profile.n)
    assert _is_unique(profile)


def test_condorcet_cycle_gives_uniform():
    assert maximal_lottery(example("condorcet-cycle")) == Lottery.uniform(3)


def test_full_tie_makes_every_lottery_maximal():
    p = Profile.of([(0, 1), (1, 0)])
    assert not _is_unique(p) and maximal_lottery_face(p)["forced_zero"] == []
    for probs in (["1"], ["0", "1"], ["1/3", "2/3"]):
        assert is_maximal_lottery(p, Lottery.of(probs + ["0"] * (2 - len(probs))))


def test_impartial_culture_every_lottery_is_maximal():
    p = impartial_culture(3)
    assert not _is_unique(p)
    assert is_maximal_lottery(p, Lottery.of(["1/2", "1/2", "0"]))
    _check_against_pref_voting(p)


def test_a_lottery_that_loses_to_a_response_is_not_maximal():
    p = example("five-voter")
    assert not is_maximal_lottery(p, Lottery.uniform(3))
    assert not is_maximal_lottery(p, Lottery.point(0, 3))  # c beats a by a margin of 1


def test_forced_zero_is_the_complement_of_the_support_when_unique():
    # five-voter: full support; a Condorcet profile: everything but the winner.
    assert maximal_lottery_face(example("five-voter"))["forced_zero"] == []
    assert maximal_lottery_face(mallows(4, "1/2"))["forced_zero"] == [1, 2, 3]


# --- pref_voting on real data -------------------------------------------------------------

PREFLIB_CASES = ([pytest.param(f, id=f"shared/{f.name}") for f in shared_preflib_files()]
                 + [pytest.param(f, id=f"tests-data/{f.name}") for f in sorted(TEST_DATA.iterdir())
                    if f.suffix in (".soc", ".soi", ".toc", ".toi")])


@pytest.mark.parametrize("path", PREFLIB_CASES)
def test_maximal_lottery_matches_pref_voting_on_preflib(path):
    pytest.importorskip("pref_voting")
    _check_against_pref_voting(read_preflib(path))


@given(profiles(min_n=2, max_n=4, max_users=5))
def test_maximal_lottery_is_optimal_and_matches_pref_voting(profile):
    pytest.importorskip("pref_voting")
    _check_against_pref_voting(profile)


odd_electorates = st.integers(2, 4).flatmap(lambda n: st.integers(0, 3).flatmap(
    lambda half: st.lists(st.permutations(range(n)), min_size=2 * half + 1,
                          max_size=2 * half + 1)))


@given(odd_electorates)
def test_odd_electorates_of_strict_voters_have_a_unique_maximal_lottery(orders):
    # With an odd number of strict voters every margin is odd, hence nonzero, and a symmetric
    # zero-sum game with odd off-diagonal payoffs has a unique optimal strategy (Laffond,
    # Laslier and Le Breton, JET 1997); pref_voting must then agree with us to float accuracy.
    profile = Profile.of(orders)
    assert _is_unique(profile)
    _check_against_pref_voting(profile)


# --- the exact matrix-game solver against scipy -------------------------------------------

matrices = st.integers(1, 5).flatmap(lambda rows: st.integers(1, 5).flatmap(
    lambda cols: st.lists(st.lists(st.integers(-5, 5), min_size=cols, max_size=cols),
                          min_size=rows, max_size=rows)))


def _linprog_value(G: list[list[int]]) -> float:
    """``max_x min_j (x^T G)_j`` by HiGHS: maximise ``v`` with ``v <= (x^T G)_j``, ``sum x = 1``."""
    from scipy.optimize import linprog
    A = np.asarray(G, dtype=float)
    rows, cols = A.shape
    c = np.zeros(rows + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-A.T, np.ones((cols, 1))])
    A_eq = np.hstack([np.ones((1, rows)), np.zeros((1, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(cols), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * rows + [(None, None)], method="highs")
    assert res.success
    return -res.fun


@given(matrices)
def test_matrix_game_value_matches_linprog(G):
    solution = solve_matrix_game([[Fraction(v) for v in row] for row in G])
    assert abs(float(solution.value) - _linprog_value(G)) <= 1e-9
    assert verify_matrix_game(G, solution.row_strategy, solution.column_strategy,
                              solution.value) is None


@given(matrices)
def test_tampered_matrix_game_certificates_fail(G):
    s = solve_matrix_game(G)
    x, y, v = s.row_strategy, s.column_strategy, s.value
    assert verify_matrix_game(G, x, y, v + Fraction(1, 100)) is not None
    assert verify_matrix_game(G, x, y, v - Fraction(1, 100)) is not None
    # A pure row whose worst column is below the value cannot certify it.
    for i, row in enumerate(G):
        if min(row) < v:
            pure = tuple(Fraction(int(j == i)) for j in range(len(G)))
            assert verify_matrix_game(G, pure, y, v) is not None
    # Likewise a pure column whose best row is above the value.
    for j in range(len(G[0])):
        if max(row[j] for row in G) > v:
            pure = tuple(Fraction(int(i == j)) for i in range(len(G[0])))
            assert verify_matrix_game(G, x, pure, v) is not None
    # Not a distribution, or the wrong length.
    assert verify_matrix_game(G, tuple(2 * p for p in x), y, v) is not None
    assert verify_matrix_game(G, x + (Fraction(0),), y, v) is not None


def test_matrix_game_known_values():
    assert solve_matrix_game([[1, -1], [-1, 1]]).value == 0  # matching pennies
    s = solve_matrix_game([[3, 1], [0, 2]])
    assert s.value == Fraction(3, 2) and s.row_strategy == (Fraction(1, 2), Fraction(1, 2))
    assert s.column_strategy == (Fraction(1, 4), Fraction(3, 4))
