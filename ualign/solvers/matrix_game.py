"""Exact solution of finite two-player zero-sum matrix games, in Fractions.

The row player maximises ``x^T G y`` and the column player minimises it. Shifting ``G`` to a
positive matrix ``A``, the column player's problem becomes the LP ``max 1^T w`` subject to
``A w <= 1, w >= 0`` (value ``1 / sum w``, strategy ``w / sum w``), whose slack basis is
feasible, so no phase 1 is needed; the row player's optimal strategy is read off the final
tableau's dual prices. The game is transposed first when that gives fewer LP rows. Pivots use
Dantzig's rule with Bland's rule as an anti-cycling fallback, all in exact arithmetic, so the
result is an exact optimal vertex (see Chvatal, *Linear Programming*, 1983, ch. 15).

The solver-free check of a solution is :func:`ualign.game.value_checks.verify_matrix_game`.

This simplex is the fallback and the cross-check of the engine that the rest of ualign calls,
:func:`ualign.solvers.exact_lp.solve_matrix_game`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["MatrixGameSolution", "solve_matrix_game_simplex"]

Matrix = Sequence[Sequence[Fraction]]


@dataclass(frozen=True)
class MatrixGameSolution:
    """The exact value and a pair of optimal strategies."""

    value: Fraction
    row_strategy: tuple[Fraction, ...]
    column_strategy: tuple[Fraction, ...]


def _simplex_max_ones(A: list[list[Fraction]]) -> tuple[list[Fraction], list[Fraction]]:
    """Solve ``max 1^T w, A w <= 1, w >= 0`` for a positive matrix; return ``(w, duals)``."""
    m, n = len(A), len(A[0])
    # Tableau rows: [A | I | 1]; objective row: [-1 ... | 0 ... | 0].
    T = [list(A[i]) + [Fraction(int(i == j)) for j in range(m)] + [Fraction(1)] for i in range(m)]
    obj = [Fraction(-1)] * n + [Fraction(0)] * (m + 1)
    basis = [n + i for i in range(m)]
    degenerate_run = 0
    while True:
        negative = [j for j in range(n + m) if obj[j] < 0]
        if not negative:
            break
        # Dantzig's rule, switching to Bland's after a run of degenerate pivots (no cycling).
        enter = negative[0] if degenerate_run > 50 else min(negative, key=lambda j: (obj[j], j))
        rows = [i for i in range(m) if T[i][enter] > 0]
        ratio = min(T[i][-1] / T[i][enter] for i in rows)
        leave = min((i for i in rows if T[i][-1] / T[i][enter] == ratio), key=lambda i: basis[i])
        degenerate_run = degenerate_run + 1 if ratio == 0 else 0
        pivot_row = T[leave]
        pivot = pivot_row[enter]
        if pivot != 1:
            T[leave] = pivot_row = [v / pivot for v in pivot_row]
        nonzero = [j for j, v in enumerate(pivot_row) if v]
        for i in range(m):
            factor = T[i][enter]
            if i != leave and factor:
                row = T[i]
                for j in nonzero:
                    row[j] -= factor * pivot_row[j]
        factor = obj[enter]
        for j in nonzero:
            obj[j] -= factor * pivot_row[j]
        basis[leave] = enter
    w = [Fraction(0)] * n
    for i, b in enumerate(basis):
        if b < n:
            w[b] = T[i][-1]
    return w, obj[n:n + m]


def solve_matrix_game_simplex(G: Matrix) -> MatrixGameSolution:
    """Exact value and optimal strategies of the zero-sum game ``G`` (row player maximises).

    >>> rps = [[Fraction(v) for v in row] for row in ([0, -1, 1], [1, 0, -1], [-1, 1, 0])]
    >>> s = solve_matrix_game_simplex(rps)
    >>> s.value, s.row_strategy
    (Fraction(0, 1), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    """
    G = [[Fraction(v) for v in row] for row in G]
    rows, cols = len(G), len(G[0])
    transpose = cols > rows
    if transpose:  # the minimiser of -G^T is the original maximiser; keep the LP short
        G = [[-G[i][j] for i in range(rows)] for j in range(cols)]
    low = min(min(row) for row in G)
    shift = 1 - low
    A = [[v + shift for v in row] for row in G]
    w, duals = _simplex_max_ones(A)
    total = sum(w)
    y = tuple(v / total for v in w)
    dual_total = sum(duals)
    x = tuple(v / dual_total for v in duals)
    value = 1 / total - shift
    if transpose:
        return MatrixGameSolution(-value, y, x)
    return MatrixGameSolution(value, x, y)
