"""Proving that a support holds no symmetric equilibrium, from signs of Bernstein coefficients.

On the face ``Delta_S`` of the simplex spanned by a support ``S`` (``|S| = s``), a deviator's
payoff against ``k`` iid draws is already in Bernstein form:

    V(y)(pi) = sum over multisets alpha of k opponents from S of
               multinomial(k; alpha) * pi^alpha * share_y(alpha),

where ``share_y(alpha)`` is ``y``'s mean share (over users, ties shared) against the opponents
``alpha``. The Bernstein polynomials are nonnegative and sum to 1 on the face, so each value of
``V(y) - 1/(k+1)`` is a convex combination of its coefficients. An equilibrium on ``S`` is a
point of the face where ``V(y) = 1/(k+1)`` for ``y`` in ``S`` and ``V(z) <= 1/(k+1)`` off it,
so a (closed) sub-simplex holds none as soon as

* for some ``y`` in ``S`` the coefficients of ``V(y) - 1/(k+1)`` are all ``> 0`` or all ``< 0``;
* or for some ``z`` off ``S`` they are all ``> 0``.

Sub-simplices come from bisecting the longest edge; de Casteljau's algorithm at 1/2 gives the
children's coefficients exactly (integers: every coefficient is scaled by the same power of 2,
which keeps signs). Coefficients converge to values as the pieces shrink, so a support is
excluded in finitely many steps unless some point of its closed face satisfies the equations
and inequalities with no strict slack: an equilibrium on the support, or a degenerate one on
a smaller face. Those supports (and any that exhaust the work budget) go to the exact solver
in :mod:`ualign.solvers.support_systems`; this module only ever proves emptiness.

Reference: Farouki, *The Bernstein polynomial basis: a centennial retrospective* (2012);
Garloff and Smith on Bernstein expansion for systems of polynomial inequalities.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from math import lcm

from ualign.model.profile import Profile

__all__ = ["bernstein_coefficients", "multisets", "support_excluded", "MAX_NODES", "MIN_EDGE_SQUARED"]

MAX_NODES = 4000                   # sub-simplices examined per support before giving up
MIN_EDGE_SQUARED = Fraction(1, 2**40)  # pieces this small are not split further (a candidate)


@lru_cache(maxsize=64)
def multisets(s: int, k: int) -> tuple[tuple[int, ...], ...]:
    """Every composition of ``k`` into ``s`` nonnegative parts, in a fixed order."""
    if s == 1:
        return ((k,),)
    return tuple((j, *rest) for j in range(k, -1, -1) for rest in multisets(s - 1, k - j))


@lru_cache(maxsize=256)
def _edge_groups(s: int, k: int, a: int, b: int) -> tuple[tuple[int, ...], ...]:
    """Index runs for de Casteljau along edge ``(a, b)``: fixed other parts, ``j`` copies of b."""
    index = {alpha: i for i, alpha in enumerate(multisets(s, k))}
    groups = {}
    for alpha, i in index.items():
        rest = tuple(x for j, x in enumerate(alpha) if j not in (a, b))
        groups.setdefault(rest, {})[alpha[b]] = i
    return tuple(tuple(run[j] for j in range(len(run))) for run in groups.values())


def bernstein_coefficients(profile: Profile, k: int, support: tuple[int, ...]
                           ) -> tuple[list[list[int]], int]:
    """Scaled Bernstein coefficients of ``V(y) - 1/(k+1)`` on the face of ``support``, every ``y``.

    Returns ``(rows, scale)``: ``rows[y][i]`` over ``scale`` is the coefficient of the ``i``-th
    multiset of :func:`multisets` (``scale > 0``, so signs are exact).

    >>> p = Profile.of([(0, 1), (1, 0)], weights=[2, 1])   # V(0) against 0, 1: 1/2, 2/3
    >>> bernstein_coefficients(p, 1, (0, 1))                # V(1): 1/3, 1/2; minus 1/2, times 6
    ([[0, 1], [-1, 0]], 6)
    """
    weights, total = profile.integer_weights()
    L = lcm(*range(1, k + 2))
    alphas = multisets(len(support), k)
    sums = [[0] * len(alphas) for _ in range(profile.n)]
    for ranks, w in zip(profile.ranks, weights):
        at = [ranks[x] for x in support]
        for i, alpha in enumerate(alphas):
            best = min(r for r, m in zip(at, alpha) if m)
            tied = sum(m for r, m in zip(at, alpha) if m and r == best)
            for y in range(profile.n):
                r = ranks[y]
                if r < best:
                    sums[y][i] += w * L
                elif r == best:
                    sums[y][i] += w * (L // (tied + 1))
    fair = total * (L // (k + 1))
    return [[v - fair for v in row] for row in sums], total * L


def _split(coeffs: list[int], groups, k: int) -> tuple[list[int], list[int]]:
    """De Casteljau at 1/2 along one edge; both children scaled by ``2**k``."""
    left, right = [0] * len(coeffs), [0] * len(coeffs)
    for run in groups:
        r = len(run) - 1
        level = [coeffs[i] for i in run]
        left[run[0]] = level[0] << k
        right[run[r]] = level[r] << k
        for step in range(1, r + 1):
            level = [level[j] + level[j + 1] for j in range(len(level) - 1)]
            left[run[step]] = level[0] << (k - step)
            right[run[r - step]] = level[-1] << (k - step)
    return left, right


def _excluded(rows: list[list[int]], inside: int) -> bool:
    """The sign test: the first ``inside`` rows are equations, the rest inequalities ``<= 0``."""
    for j, row in enumerate(rows):
        if min(row) > 0 or (j < inside and max(row) < 0):
            return True
    return False


def support_excluded(profile: Profile, k: int, support: tuple[int, ...],
                     max_nodes: int = MAX_NODES) -> bool:
    """True when the signs prove that no symmetric equilibrium has exactly this ``support``.

    False means only "not proved here": the support may or may not hold one.

    >>> from ualign.model.examples import example
    >>> support_excluded(example("condorcet-cycle"), 2, (0, 1))   # the cycle's is (0, 1, 2)
    True
    >>> support_excluded(example("condorcet-cycle"), 2, (0, 1, 2))
    False
    """
    s = len(support)
    rows, _ = bernstein_coefficients(profile, k, support)
    order = list(support) + [z for z in range(profile.n) if z not in support]
    rows = [rows[y] for y in order]
    vertices = tuple(tuple(Fraction(int(i == j)) for j in range(s)) for i in range(s))
    stack = [(vertices, rows)]
    nodes = 0
    while stack:
        vertices, rows = stack.pop()
        nodes += 1
        if _excluded(rows, s):
            continue
        if s == 1 or nodes >= max_nodes:
            return False
        length, a, b = max((sum((p - q)**2 for p, q in zip(vertices[a], vertices[b])), a, b)
                           for a in range(s) for b in range(a + 1, s))
        if length < MIN_EDGE_SQUARED:
            return False
        groups = _edge_groups(s, k, a, b)
        halves = [_split(row, groups, k) for row in rows]
        middle = tuple((p + q) / 2 for p, q in zip(vertices[a], vertices[b]))
        keep_a = vertices[:b] + (middle,) + vertices[b + 1:]
        keep_b = vertices[:a] + (middle,) + vertices[a + 1:]
        stack.append((keep_b, [h[1] for h in halves]))
        stack.append((keep_a, [h[0] for h in halves]))
    return True
