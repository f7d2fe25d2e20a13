"""The exact LP engine: HiGHS's supports solved and verified exactly, against the exact simplex."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ualign.game.pairwise import pairwise_matrix
from ualign.game.value_checks import verify_matrix_game
from ualign.model.generators import mallows
from ualign.solvers import exact_lp
from ualign.solvers.exact_lp import (FLOAT_FIRST_CELLS, solve_exact_system, solve_matrix_game,
                                     solve_matrix_game_from_float)
from ualign.solvers.matrix_game import solve_matrix_game_simplex

small = st.lists(st.lists(st.integers(-6, 6), min_size=3, max_size=3), min_size=2, max_size=4)


@settings(max_examples=60, deadline=None)
@given(small)
def test_the_float_route_is_exact_or_declines(G):
    found = solve_matrix_game_from_float([[Fraction(v) for v in row] for row in G])
    exact = solve_matrix_game_simplex(G)
    if found is not None:  # whatever HiGHS did, an answer is exactly optimal
        assert found.value == exact.value
        assert verify_matrix_game(G, found.row_strategy, found.column_strategy, found.value) is None


def test_large_games_go_through_the_float_route_and_agree_with_the_simplex():
    rng = random.Random(3)
    for _ in range(5):
        G = [[Fraction(rng.randint(-20, 20), rng.randint(1, 7)) for _ in range(25)] for _ in range(30)]
        assert len(G) * len(G[0]) >= FLOAT_FIRST_CELLS
        fast, slow = solve_matrix_game_from_float(G), solve_matrix_game_simplex(G)
        assert fast is not None and fast.value == slow.value
        assert solve_matrix_game(G).value == slow.value


def test_maximal_lottery_game_at_n_40_is_certified_by_the_float_route():
    P = pairwise_matrix(mallows(40, "0.9", voters=301, seed=2))
    fast = solve_matrix_game_from_float(P)
    assert fast is not None and fast.value == Fraction(1, 2)
    assert fast.value == solve_matrix_game_simplex(P).value


TIED = [[0, 1, 5, 7, 2, 3, 4, 6], [0, 1, 7, 6, 2, 3, 4, 5], [1, 4, 2, 3, 7, 5, 6, 0],
        [4, 5, 2, 6, 1, 0, 3, 7], [5, 3, 2, 7, 1, 4, 0, 6], [6, 2, 1, 7, 5, 4, 0, 3],
        [7, 3, 6, 4, 2, 0, 1, 5], [7, 4, 1, 5, 3, 2, 6, 0]]  # 8 voters: pairwise ties


def test_ties_with_a_singular_support_block_are_certified_from_the_tight_sets():
    # HiGHS's two supports here give a singular equalising block (a tie), so neither the
    # supports nor pure saddle points certify; the opponents' tight strategies do.
    from ualign.game.value_checks import is_maximal_lottery
    from ualign.model.lottery import Lottery
    from ualign.model.profile import Profile
    profile = Profile.from_ranks(TIED, [Fraction(1)] * len(TIED))
    P = pairwise_matrix(profile)
    fast = solve_matrix_game_from_float(P)
    assert fast is not None and fast.value == solve_matrix_game_simplex(P).value == Fraction(1, 2)
    assert is_maximal_lottery(profile, Lottery(fast.row_strategy), P)


@settings(max_examples=40, deadline=None)
@given(st.integers(6, 14), st.integers(2, 12), st.randoms(use_true_random=False))
def test_even_electorates_with_ties_are_certified_without_the_simplex(n, users, rng):
    from ualign.model.profile import Profile
    ranks = [rng.sample(range(n), n) for _ in range(users)]
    P = pairwise_matrix(Profile.from_ranks(ranks, [Fraction(1)] * users))
    fast = solve_matrix_game_from_float(P)
    assert fast is not None and fast.value == solve_matrix_game_simplex(P).value


def test_a_declined_float_answer_falls_back_to_the_simplex(monkeypatch):
    monkeypatch.setattr(exact_lp, "solve_matrix_game_from_float", lambda G: None)
    G = [[Fraction((i * 7 + j * 3) % 11 - 5) for j in range(25)] for i in range(20)]
    assert solve_matrix_game(G).value == solve_matrix_game_simplex(G).value


@given(st.lists(st.lists(st.integers(-5, 5), min_size=3, max_size=3), min_size=3, max_size=3),
       st.lists(st.integers(-5, 5), min_size=3, max_size=3))
def test_exact_solves_agree_with_and_without_flint(M, b):
    M = [[Fraction(v) for v in row] for row in M]
    b = [Fraction(v) for v in b]
    x = solve_exact_system(M, b)
    y = exact_lp._fraction_solve(M, b)
    assert x == y
    if x is not None:
        assert [sum(r * v for r, v in zip(row, x)) for row in M] == b


def test_maximal_lottery_beyond_the_simplex_reach_and_the_refusal_above_the_engine_reach():
    import numpy as np
    import pytest

    from ualign.game.value_checks import is_maximal_lottery
    from ualign.model.errors import InputError
    from ualign.model.profile import Profile
    from ualign.solvers.maximal_lottery import MAX_EXACT_N, MAX_EXACT_SIMPLEX_N, maximal_lottery
    rng = np.random.default_rng(5)
    n = MAX_EXACT_SIMPLEX_N + 50
    p = Profile.from_ranks([list(map(int, rng.permutation(n))) for _ in range(101)],
                           [Fraction(1)] * 101)
    assert is_maximal_lottery(p, maximal_lottery(p))
    big = Profile.from_ranks([list(range(MAX_EXACT_N + 1))], [Fraction(1)])
    with pytest.raises(InputError, match="too large for the exact method"):
        maximal_lottery(big)
