"""NLHF without regularisation: the maximal lottery, exactly.

NLHF is the symmetric zero-sum game with payoff ``P[y][z]`` (see :mod:`ualign.game.pairwise`). Its
value is 1/2, and its optimal strategies are the *maximal lotteries* (Fishburn 1984; Brandl,
Brandt and Seedig 2016): lotteries ``p`` with ``sum_y p(y) P[y][z] >= 1/2`` for every ``z``.
When a Condorcet winner exists it is the unique maximal lottery, as a point mass.

Which one is returned. The maximal lottery is unique for almost all profiles (for instance
whenever the number of voters is odd and orders are strict). Otherwise the optimal face is a
polytope and this returns one exactly verified vertex: the one found from HiGHS's supports
(:mod:`ualign.solvers.exact_lp`) for n >= 20, or the one the exact simplex of
:mod:`ualign.solvers.matrix_game` reaches (deterministic for a given profile);
:func:`maximal_lottery_face` returns the linear system describing the whole face.
"""

from __future__ import annotations

from ualign.game.pairwise import pairwise_matrix
from ualign.game.value_checks import is_maximal_lottery
from ualign.model.errors import InputError
from ualign.model.lottery import Lottery
from ualign.model.profile import Profile
from ualign.solvers.exact_lp import solve_matrix_game, solve_matrix_game_from_float

__all__ = ["maximal_lottery", "maximal_lottery_face", "MAX_EXACT_SIMPLEX_N", "MAX_EXACT_N"]

#: The exact Fraction simplex's reach (the fallback): about 20 s at n = 120 with 501 users.
MAX_EXACT_SIMPLEX_N = 150
#: The float-guided exact route's reach: 0.5 s at n = 300 with 501 users, and the pairwise
#: matrix of n = 1000 is a million Fractions.
MAX_EXACT_N = 1000



def maximal_lottery(profile: Profile) -> Lottery:
    """An exact maximal lottery (the unique one when it is unique).

    >>> from ualign.model.examples import example
    >>> maximal_lottery(example("five-voter"))
    Lottery.of({0: '3/5', 1: '1/5', 2: '1/5'}, n=3)
    """
    advice = ("use `ualign nlhf --tau 0.001` for the float KL-regularised solution, whose "
              "rounding is certified")
    if profile.n > MAX_EXACT_N:
        raise InputError(f"{profile.n} responses is too large for the exact method (at most "
                         f"{MAX_EXACT_N}); {advice}")
    P = pairwise_matrix(profile)
    if profile.n > MAX_EXACT_SIMPLEX_N:
        solution = solve_matrix_game_from_float(P)
        if solution is None:
            raise InputError(f"at {profile.n} responses HiGHS's supports did not certify and the "
                             f"exact simplex takes at most {MAX_EXACT_SIMPLEX_N}; {advice}")
    else:
        solution = solve_matrix_game(P)
    lottery = Lottery(solution.row_strategy)
    if not is_maximal_lottery(profile, lottery, P):  # exact arithmetic: would be a bug
        raise AssertionError("the exact LP returned a lottery that is not maximal")
    return lottery


def maximal_lottery_face(profile: Profile) -> dict[str, object]:
    """The optimal face as data: ``p >= 0``, ``sum p = 1``, ``M^T p >= 0`` for margins ``M``.

    ``forced_zero`` lists responses that no maximal lottery can use: by complementary
    slackness with the returned lottery ``q``, every ``y`` with ``(M q)_y < 0`` has ``p(y) = 0``.
    """
    P = pairwise_matrix(profile)
    q = maximal_lottery(profile).probs
    M = [[P[y][z] - P[z][y] for z in range(profile.n)] for y in range(profile.n)]
    slack = [sum(M[y][z] * q[z] for z in range(profile.n)) for y in range(profile.n)]
    return {"margins": M, "forced_zero": [y for y, s in enumerate(slack) if s < 0]}
