"""A certified approximate symmetric equilibrium for large instances (floats, then exact eps).

``symmetric_equilibria`` enumerates every equilibrium exactly but only for a handful of
responses. Here the search is numeric and only the *result* is exact:

1. **Warm start** (float): Hedge self-play with a large step, keeping the better of the last
   iterate (which converges fast for k >= 2) and the average, whose exploitability is at most
   ``Regret_T / T`` (``V`` is convex in ``pi``; see :mod:`ualign.solvers.selfplay`).
2. **Support polish** (float): on the support ``S`` guessed from the warm start, Gauss-Newton
   on ``V(y) = 1/(k+1)`` for ``y`` in ``S`` and ``sum pi = 1``, with the analytic Jacobian
   ``dV(y)/dpi(z) = sum_u w_u (dS/dA [z below y] + dS/dB [z tied with y])``. Responses that
   go negative leave ``S`` and violators off ``S`` join it, until the conditions hold
   to float precision (the classic support-adjusting scheme for complementarity problems).
3. **Certification** (exact): the float lottery is rounded onto the grid ``1/2^60`` and its
   exploitability ``eps = max_y V(y) - 1/(k+1)`` is recomputed exactly, in integers over one
   denominator (:func:`~ualign.game.deviation_payoffs.deviation_payoffs_grid`), so the product
   policy is *certified* ``(k, k/(k+1) - eps)``-robust whatever the float steps did.

Hedge stops as soon as the support has held for :data:`PATIENCE` steps; when Newton cannot
finish from there (float eps above :data:`EARLY_OK`), the full warm start runs instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import comb

import numpy as np

from ualign.game.deviation_payoffs import (class_masses_float, deviation_payoffs,
                                           deviation_payoffs_grid, payoffs_float_from_arrays,
                                           rank_arrays)
from ualign.model.errors import InputError
from ualign.model.lottery import Lottery
from ualign.model.policies import check_k
from ualign.model.profile import Profile

__all__ = ["NumericEquilibrium", "symmetric_equilibrium_numeric"]

USER_BLOCK = 256
WARM_START_TOL = 1e-8
#: The exact lottery lies on the grid 1/2^60 (one power-of-two denominator keeps the exact
#: payoffs in integers; 2^-60 is below float precision).
GRID = 2**60
#: Hedge stops once the support has held this many steps (then Newton finishes on it).
PATIENCE = 20
#: Float exploitability the early start must reach, or the full warm start runs.
EARLY_OK = 1e-13


@dataclass(frozen=True)
class NumericEquilibrium:
    """A rational lottery with its exact exploitability (the float search only proposed it)."""

    lottery: Lottery
    exploitability: Fraction
    exploitability_float: float
    support: tuple[int, ...]
    k: int
    warm_start_steps: int
    newton_steps: int

    @property
    def certified_robustness(self) -> Fraction:
        """``k/(k+1) - eps``: the exact robustness guaranteed for the k-sample product."""
        return Fraction(self.k, self.k + 1) - self.exploitability


def _jacobian(R: np.ndarray, W: np.ndarray, pi: np.ndarray, k: int, S: np.ndarray) -> np.ndarray:
    """``dV(y)/dpi(z)`` for ``y, z`` in ``S`` (float)."""
    A, B = class_masses_float(R, pi)
    A, B = A[:, S], B[:, S]
    dA = sum(comb(k, j) / (j + 1) * (k - j) * B**j * A**(k - j - 1) for j in range(k))
    dB = sum(comb(k, j) / (j + 1) * j * B**(j - 1) * A**(k - j) for j in range(1, k + 1))
    RS = R[:, S]
    J = np.zeros((len(S), len(S)))
    for start in range(0, len(R), USER_BLOCK):
        rs, w = RS[start:start + USER_BLOCK], W[start:start + USER_BLOCK]
        below = (rs[:, None, :] > rs[:, :, None]).astype(float)
        tied = (rs[:, None, :] == rs[:, :, None]).astype(float)
        J += np.einsum("u,uy,uyz->yz", w, dA[start:start + USER_BLOCK], below)
        J += np.einsum("u,uy,uyz->yz", w, dB[start:start + USER_BLOCK], tied)
    return J


def _polish(profile: Profile, R, W, k: int, pi: np.ndarray, S: list[int],
            max_steps: int = 60) -> tuple[np.ndarray, int, bool]:
    """Gauss-Newton on the support equations: the float lottery, steps, and convergence."""
    target = 1 / (k + 1)
    x = np.zeros(profile.n)
    x[S] = np.maximum(pi[S], 1e-9)
    x /= x.sum()
    idx = np.asarray(S)
    for step in range(1, max_steps + 1):
        V = payoffs_float_from_arrays((R, W), x, k)
        residual = np.append(V[idx] - target, x.sum() - 1)
        if np.abs(residual).max() < 1e-15:
            return x, step, True
        J = np.vstack([_jacobian(R, W, x, k, idx), np.ones(len(idx))])
        delta = np.linalg.lstsq(J, -residual, rcond=None)[0]
        x[idx] += delta
        if not np.all(np.isfinite(x)) or np.abs(x).max() > 1e6:
            break
    V = payoffs_float_from_arrays((R, W), x, k) if np.all(np.isfinite(x)) else None
    ok = V is not None and max(np.abs(V[idx] - target).max(), abs(x.sum() - 1)) < 1e-13
    return x, step, ok


def _warm_start(profile: Profile, k: int, steps: int, eta: float, arrays,
                patience: int | None = None) -> tuple[np.ndarray, int]:
    """Hedge self-play: the better (in float exploitability) of the last and average iterate.

    For k >= 2 the last iterate typically converges linearly with a large step, and the
    average is the safe fallback (its exploitability is at most Regret_T / T). With
    ``patience``, stop as soon as the support (coordinates above 1e-6 of the largest) has
    stayed the same for ``patience`` steps and the exploitability is below 1e-3: Newton then
    finishes on that support.
    """
    pi = np.full(profile.n, 1 / profile.n)
    total, log_w = np.zeros(profile.n), np.zeros(profile.n)
    support, stable = None, 0
    for step in range(1, steps + 1):
        total += pi
        V = payoffs_float_from_arrays(arrays, pi, k)
        gap = V.max() - 1 / (k + 1)
        if gap < WARM_START_TOL:  # close enough for Newton to finish
            break
        if patience is not None:
            now = tuple(np.flatnonzero(pi > 1e-6 * pi.max()))
            stable = stable + 1 if now == support else 0
            support = now
            if stable >= patience and gap < 1e-3:
                break
        log_w += eta * V
        # Exact zeros below e^-60 keep denormal floats out of the payoff powers.
        shifted = log_w - log_w.max()
        pi = np.where(shifted > -60, np.exp(shifted), 0.0)
        pi /= pi.sum()
    average = total / step
    candidates = [(_float_exploitability(arrays, x, k), i, x) for i, x in enumerate((pi, average))]
    return min(candidates)[2], step


def _on_grid(x: np.ndarray, denominator: int) -> Lottery:
    """Round onto the grid ``1/denominator`` by largest remainders (exact, sums to 1)."""
    xs = [Fraction(float(v)) for v in np.maximum(x, 0)]
    total = sum(xs)
    scaled = [v * denominator / total for v in xs]
    units = [int(v) for v in scaled]  # floor: all nonnegative
    order = sorted(range(len(xs)), key=lambda y: (units[y] - scaled[y], y))
    for y in order[:denominator - sum(units)]:
        units[y] += 1
    return Lottery(tuple(Fraction(u, denominator) for u in units))


def symmetric_equilibrium_numeric(profile: Profile, k: int, warm_start_steps: int = 3000,
                                  eta: float = 10.0, max_rounds: int = 200,
                                  grid: int = GRID) -> NumericEquilibrium:
    """An approximate symmetric equilibrium, rounded to a rational lottery with exact ``eps``.

    For ``k = 1`` the game is the symmetric zero-sum NLHF game, whose symmetric equilibria
    are the maximal lotteries: that case is solved exactly (``eps = 0``).

    Examples
    --------
    >>> from ualign.model.examples import example
    >>> eq = symmetric_equilibrium_numeric(example("five-voter"), k=2)
    >>> eq.support, eq.exploitability < Fraction(1, 10**12), eq.certified_robustness > Fraction(2, 3) - Fraction(1, 10**12)
    ((0, 1, 2), True, True)
    """
    k = check_k(k)
    if warm_start_steps < 1:
        raise InputError(f"warm_start_steps must be at least 1, not {warm_start_steps}")
    if not eta > 0:
        raise InputError(f"the Hedge step eta must be positive, not {eta}")
    if k == 1:
        from ualign.solvers.maximal_lottery import maximal_lottery
        lottery = maximal_lottery(profile)
        eps = max(deviation_payoffs(profile, lottery, 1)) - Fraction(1, 2)
        return NumericEquilibrium(lottery, eps, float(eps), lottery.support, 1, 0, 0)
    arrays = rank_arrays(profile)
    found = _search(profile, arrays, k, warm_start_steps, eta, max_rounds, patience=PATIENCE)
    if found[0] > EARLY_OK:  # the early Newton start did not finish: the full warm start
        found = _search(profile, arrays, k, warm_start_steps, eta, max_rounds, patience=None)
    best_eps, x, used, newton = found
    lottery = _on_grid(x, grid)
    eps = max(deviation_payoffs_grid(profile, lottery, k)) - Fraction(1, k + 1)
    return NumericEquilibrium(lottery, eps, float(best_eps), lottery.support, k, used, newton)


def _search(profile: Profile, arrays, k: int, warm_start_steps: int, eta: float,
            max_rounds: int, patience: int | None) -> tuple[float, np.ndarray, int, int]:
    """Warm start, then support-adjusting Newton: (float eps, lottery, Hedge and Newton steps)."""
    R, W = arrays
    target = 1 / (k + 1)
    start, used = _warm_start(profile, k, warm_start_steps, eta, arrays, patience)
    best = (_float_exploitability(arrays, start, k), start)
    S = sorted(np.flatnonzero(start > 1e-6 * start.max()).tolist())
    newton, seen = 0, set()
    for _ in range(max_rounds):
        seen.add(tuple(S))
        x, steps, converged = _polish(profile, R, W, k, best[1], S)
        newton += steps
        if not converged:  # no solution on S: drop the response with the lowest payoff
            V = payoffs_float_from_arrays(arrays, best[1], k)
            S.remove(min(S, key=lambda y: V[y]))
        elif x[S].min() <= 0:  # negative coordinates leave the support together
            negative = [y for y in S if x[y] <= 0]
            S = [y for y in S if x[y] > 0] if len(negative) < len(S) else S[1:]
        else:
            eps_x = _float_exploitability(arrays, x, k)
            best = min(best, (eps_x, x), key=lambda c: c[0])
            V = payoffs_float_from_arrays(arrays, x, k)
            violators = [z for z in range(profile.n) if z not in S and V[z] > target + 1e-14]
            if not violators:
                break
            grown = sorted(S + violators)
            worst = max(violators, key=lambda z: V[z])
            S = grown if tuple(grown) not in seen else sorted(S + [worst])
        if not S:
            break
    return best[0], best[1], used, newton


def _float_exploitability(arrays, x: np.ndarray, k: int) -> float:
    x = np.maximum(x, 0)
    return float(payoffs_float_from_arrays(arrays, x / x.sum(), k).max() - 1 / (k + 1))
