"""The instance-optimal k-output policy: the exact value of the policy-versus-competitor game.

A joint k-output policy plays against an l-output competitor; the win rate is bilinear in
their laws over multisets, so the best robust-alignment guarantee on an instance is the value
of the zero-sum matrix game ``G[S][T]`` over k-multisets ``S`` and l-multisets ``T``. Its
optimal row strategy is the optimal policy (the primal) and its optimal column strategy is the
competitor's mixed strategy that caps every policy at that value (the dual certificate).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ualign.game.value_checks import verify_matrix_game
from ualign.game.win_rates import MAX_MATRIX_CELLS, MAX_MATRIX_CONTESTS, contest_matrix
from ualign.model.errors import InputError
from ualign.model.policies import MAX_MULTISETS, JointPolicy, check_k, multiset_count, multisets
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, require_tie_rule
from ualign.solvers.exact_lp import solve_matrix_game

__all__ = ["OptimalPolicy", "optimal_policy"]


@dataclass(frozen=True)
class OptimalPolicy:
    """The exact optimum: ``policy`` guarantees ``value`` and ``competitor`` holds every policy to it."""

    value: Fraction
    policy: JointPolicy
    competitor: JointPolicy
    k: int
    l: int
    tie_rule: TieRule


def optimal_policy(profile: Profile, k: int, l: int = 1,
                   tie_rule: TieRule = TieRule.SHARE) -> OptimalPolicy:
    """Solve for the best k-output policy against l-output competitors, exactly.

    Cost: building ``G`` takes ``C(n+k-1, k) x C(n+l-1, l) x users`` contests, as integer
    sums (refused above :data:`~ualign.game.win_rates.MAX_MATRIX_CELLS` cells or
    :data:`~ualign.game.win_rates.MAX_MATRIX_CONTESTS` contests), then the exact LP engine
    (:mod:`ualign.solvers.exact_lp`).

    Examples
    --------
    On impartial culture with 3 responses the best two-output policy shows a uniformly random
    pair and wins 13/18 (each response is the competitor's 1/3 of the time it is left out and
    ties for 1/4 otherwise); the 2/3 ceiling of the paper needs many responses:

    >>> from ualign.model.generators import impartial_culture
    >>> best = optimal_policy(impartial_culture(3), k=2)
    >>> best.value, best.policy.distribution()
    (Fraction(13, 18), {(0, 1): Fraction(1, 3), (0, 2): Fraction(1, 3), (1, 2): Fraction(1, 3)})
    """
    k, l, rule = check_k(k), check_k(l, "l"), require_tie_rule(tie_rule)
    rows_n, cols_n = multiset_count(profile.n, k), multiset_count(profile.n, l)
    if (max(rows_n, cols_n) > MAX_MULTISETS or rows_n * cols_n > MAX_MATRIX_CELLS
            or rows_n * cols_n * profile.num_users > MAX_MATRIX_CONTESTS):
        raise InputError(f"the optimal-policy LP for n={profile.n}, k={k}, l={l} has "
                         f"{rows_n:,} x {cols_n:,} multisets over {profile.num_users} user types, "
                         f"too large for the exact method; use `ualign solve` (the certified "
                         f"equilibrium product, (k, k/(k+1) - eps)-robust) instead")
    rows, cols = list(multisets(profile.n, k)), list(multisets(profile.n, l))
    G = contest_matrix(profile, rows, cols, rule)
    solution = solve_matrix_game(G)
    reason = verify_matrix_game(G, solution.row_strategy, solution.column_strategy, solution.value)
    if reason is not None:  # the simplex is exact, so this would be a bug, not round-off
        raise AssertionError(f"exact simplex result failed verification: {reason}")
    policy = JointPolicy.of([(S, p) for S, p in zip(rows, solution.row_strategy) if p],
                            n=profile.n, k=k)
    competitor = JointPolicy.of([(T, q) for T, q in zip(cols, solution.column_strategy) if q],
                                n=profile.n, k=l)
    return OptimalPolicy(solution.value, policy, competitor, k, l, rule)
