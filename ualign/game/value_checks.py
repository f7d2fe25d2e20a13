"""Exact, solver-free checks that strategies solve a zero-sum game.

A pair of distributions ``x, y`` with ``min_j (x^T G)_j >= v >= max_i (G y)_i`` proves that
``v`` is the value of the game ``G`` (row player maximises): this is what an LP solution is
checked against, by the solvers themselves and by the certificate checker. A *maximal
lottery* is the special case of the NLHF game ``P``, whose value is 1/2 by symmetry.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ualign.game.pairwise import pairwise_matrix
from ualign.model.lottery import Lottery
from ualign.model.profile import Profile

__all__ = ["verify_matrix_game", "is_maximal_lottery"]

Matrix = Sequence[Sequence[Fraction]]
HALF = Fraction(1, 2)


def verify_matrix_game(G: Matrix, row_strategy: Sequence[Fraction],
                       column_strategy: Sequence[Fraction], value: Fraction) -> str | None:
    """None when the strategies prove that ``value`` is the game's value; else the reason.

    >>> G = [[Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)]]
    >>> half = (Fraction(1, 2), Fraction(1, 2))
    >>> verify_matrix_game(G, half, half, Fraction(1, 2)) is None
    True
    >>> verify_matrix_game(G, half, (Fraction(1), Fraction(0)), Fraction(1, 2))
    'the column strategy concedes 1 > 1/2'
    """
    for name, s, size in (("row", row_strategy, len(G)), ("column", column_strategy, len(G[0]))):
        if len(s) != size:
            return f"the {name} strategy has {len(s)} entries, not {size}"
        if any(p < 0 for p in s) or sum(s) != 1:
            return f"the {name} strategy is not a probability distribution"
    guaranteed = min(sum(x * G[i][j] for i, x in enumerate(row_strategy) if x)
                     for j in range(len(G[0])))
    conceded = max(sum(y * G[i][j] for j, y in enumerate(column_strategy) if y)
                   for i in range(len(G)))
    if guaranteed < value:
        return f"the row strategy guarantees only {guaranteed} < {value}"
    if conceded > value:
        return f"the column strategy concedes {conceded} > {value}"
    return None


def is_maximal_lottery(profile: Profile, lottery: Lottery,
                       P: list[list[Fraction]] | None = None) -> bool:
    """True when ``lottery`` wins at least 1/2 against every response (exact check).

    By the symmetry ``P[y][z] + P[z][y] = 1`` the same lottery is also the minimiser's optimal
    strategy, so it alone certifies the value 1/2.

    >>> is_maximal_lottery(Profile.of([(0, 1), (1, 0), (0, 1)]), Lottery.point(0, 2))
    True
    """
    P = pairwise_matrix(profile) if P is None else P
    return verify_matrix_game(P, lottery.probs, lottery.probs, HALF) is None
