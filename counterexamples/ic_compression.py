"""Compress impartial culture: a few user types that keep every k-multiset below a target.

On impartial culture (IC) over ``m`` responses a symmetric competitor law ``q`` over
l-multisets holds every k-multiset ``S`` to at most the IC value. Any population ``w`` over
orders with

    sum_o w_o E_{T~q} W_o(S, T) < target      for every k-multiset S

caps *every* k-output policy (joint ones included) below ``target``, because ``q`` is then a
competitor that no row beats. We look for such a ``w`` with few orders by a float LP over a pool
of candidate orders (random orders, cyclic shifts and their reversals, and, for prime ``m``, the
orbit of the identity under the affine maps ``x -> a x + b``, which is 2-homogeneous and so
matches IC exactly on pairs), with column generation by local search and a vertex solution.
Floats only *find* the population: :func:`ualign.counterexamples.lower_bounds.lower_bound` re-solves
the compressed instance exactly before anything is claimed.

>>> import numpy as np
>>> orders = np.array([[0, 1, 2], [2, 1, 0]])
>>> rows = np.array([[0, 1], [0, 2], [1, 2]]); cols = np.array([[0], [1], [2]])
>>> win_matrix_float(orders, rows, cols, TieRule.SHARE).shape  # (orders, rows, cols)
(2, 3, 3)
"""

from __future__ import annotations

import random
from itertools import combinations_with_replacement, permutations
from math import factorial

import numpy as np

from ualign.model.ties import TieRule, contest_share, require_tie_rule

__all__ = ["win_matrix_float", "candidate_orders", "compress_population"]


def _share_table(k: int, l: int, rule) -> np.ndarray:
    rule = require_tie_rule(rule)
    table = np.zeros((k + 1, l + 1))
    for a in range(1, k + 1):
        for b in range(1, l + 1):
            table[a, b] = float(contest_share(rule, a, b))
    return table


def _best(ranks: np.ndarray, sets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per user and multiset: the best class among the slots and how many slots hold it."""
    r = ranks[:, sets]                              # users x sets x size
    c = r.min(axis=2)
    return c, (r == c[:, :, None]).sum(axis=2)


def win_matrix_float(ranks: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                     tie_rule: TieRule = TieRule.SHARE) -> np.ndarray:
    """``W[u, i, j]``: float win rate of multiset ``rows[i]`` over ``cols[j]`` for user ``u``.

    ``ranks[u][y]`` is user ``u``'s class of response ``y`` (0 = best), as in
    :class:`ualign.model.profile.Profile`.
    """
    ranks = np.asarray(ranks)
    table = _share_table(rows.shape[1], cols.shape[1], tie_rule)
    cS, a = _best(ranks, rows)
    cT, b = _best(ranks, cols)
    better = (cS[:, :, None] < cT[:, None, :]).astype(float)
    tie = cS[:, :, None] == cT[:, None, :]
    return better + tie * table[a[:, :, None], b[:, None, :]]


def candidate_orders(m: int, count: int, seed: int = 0) -> list[tuple[int, ...]]:
    """Structured orders (shifts, reversals, affine orbit for prime ``m``) plus random ones."""
    ident = list(range(m))
    pool = {tuple(ident[s:] + ident[:s]) for s in range(m)}
    pool |= {tuple(reversed(o)) for o in pool}
    if m > 2 and all(m % d for d in range(2, int(m ** 0.5) + 1)):
        pool |= {tuple((a * x + b) % m for x in range(m)) for a in range(1, m) for b in range(m)}
    rng = random.Random(seed)
    if factorial(m) <= count + len(pool):
        return sorted(permutations(ident))
    while len(pool) < count + 2 * m:
        pool.add(tuple(rng.sample(ident, m)))
    return sorted(pool)


def _scores(orders: list[tuple[int, ...]], rows: np.ndarray, cols: np.ndarray,
            q: np.ndarray, rule) -> np.ndarray:
    """``A[i, o] = E_{T~q} W_o(rows[i], T)`` for each candidate order (rows x orders)."""
    m = len(orders[0])
    ranks = np.empty((len(orders), m), dtype=np.int64)
    for u, o in enumerate(orders):
        ranks[u, list(o)] = np.arange(m)
    out = np.empty((rows.shape[0], len(orders)))
    for start in range(0, len(orders), 256):  # bound the memory of users x rows x cols
        W = win_matrix_float(ranks[start:start + 256], rows, cols, rule)
        out[:, start:start + 256] = (W @ q).T
    return out


def _price(order: list[int], duals: np.ndarray, rows, cols, q, rule, rng, steps: int):
    """Local search (swaps) for an order of low dual-weighted score: a column worth adding."""
    best = list(order)
    best_val = float(duals @ _scores([tuple(best)], rows, cols, q, rule)[:, 0])
    m = len(order)
    for _ in range(steps):
        i, j = rng.sample(range(m), 2)
        cand = list(best)
        cand[i], cand[j] = cand[j], cand[i]
        val = float(duals @ _scores([tuple(cand)], rows, cols, q, rule)[:, 0])
        if val < best_val:
            best, best_val = cand, val
    return tuple(best), best_val


def compress_population(m: int, k: int, q: dict[tuple[int, ...], float], target: float,
                        tie_rule: TieRule = TieRule.SHARE, pool: int = 1500, rounds: int = 3,
                        seed: int = 0) -> tuple[dict[tuple[int, ...], float], float]:
    """A sparse float population over orders of ``0..m-1`` holding every k-multiset below target.

    ``q`` is the competitor law over l-multisets. Returns ``(weights, cap)``: weights of the
    orders (a vertex of the LP, so at most one more order than there are k-multisets) and the
    largest float score of a k-multiset under them. Raises ``RuntimeError`` when the pool
    cannot get below ``target``.
    """
    from scipy.optimize import linprog

    rows = np.array(list(combinations_with_replacement(range(m), k)))
    cols_list = sorted(q)
    cols = np.array(cols_list)
    qv = np.array([q[t] for t in cols_list])
    orders = candidate_orders(m, pool, seed)
    A = _scores(orders, rows, cols, qv, tie_rule)
    rng = random.Random(seed)
    R = rows.shape[0]

    def min_max(A):
        # variables (w_1..w_P, v): minimise v with A w <= v, sum w = 1.
        P = A.shape[1]
        res = linprog(np.r_[np.zeros(P), 1.0], A_ub=np.c_[A, -np.ones(R)], b_ub=np.zeros(R),
                      A_eq=np.r_[np.ones(P), 0.0][None, :], b_eq=[1.0],
                      bounds=[(0, None)] * P + [(None, None)], method="highs")
        if res.status != 0:
            raise RuntimeError(f"compression LP failed: {res.message}")
        return res.x[-1], -res.ineqlin.marginals

    value, duals = min_max(A)
    for _ in range(rounds):  # column generation: add orders the row duals price well
        new = {_price(rng.sample(range(m), m), duals, rows, cols, qv, tie_rule, rng, 4 * m)[0]
               for _ in range(8)} - set(orders)
        if not new:
            break
        orders += sorted(new)
        A = np.c_[A, _scores(sorted(new), rows, cols, qv, tie_rule)]
        value, duals = min_max(A)
    if value >= target:
        raise RuntimeError(f"the best population in the pool scores {value:.6g} >= {target:.6g}")
    # A vertex of {A w <= cap, sum w = 1, w >= 0}, pushed towards few orders by reweighting.
    cap = value + (target - value) / 2
    P = A.shape[1]
    cost = np.array([rng.random() + 1.0 for _ in range(P)])
    w = None
    for _ in range(3):
        res = linprog(cost, A_ub=A, b_ub=np.full(R, cap), A_eq=np.ones((1, P)), b_eq=[1.0],
                      bounds=[(0, None)] * P, method="highs-ds")
        if res.status != 0:
            break
        w = res.x
        cost = 1.0 / (w + 1e-4)
    if w is None:
        raise RuntimeError("the sparsifying LP failed")
    keep = {orders[i]: float(w[i]) for i in np.flatnonzero(w > 1e-9)}
    return keep, float((A[:, w > 1e-9] @ w[w > 1e-9]).max())
