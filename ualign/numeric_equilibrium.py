"""A certified approximate symmetric equilibrium for large instances (floats, then exact eps).

``symmetric_equilibria`` enumerates every equilibrium exactly but only for a handful of
responses. Here the search is numeric and only the *result* is exact:

1. **Warm start** (float): Hedge self-play, whose *average* lottery has exploitability at most
   ``Regret_T / T`` (``V`` is convex in ``pi``; see :mod:`ualign.selfplay`).
2. **Support polish** (float): on the support ``S`` guessed from the average, Gauss-Newton
   on ``V(y) = 1/(k+1)`` for ``y`` in ``S`` and ``sum pi = 1``, with the analytic Jacobian
   ``dV(y)/dpi(z) = sum_u w_u (dS/dA [z below y] + dS/dB [z tied with y])``. Responses that
   go negative leave ``S``, the worst violator off ``S`` joins it, until the conditions hold
   to float precision (the classic support-adjusting scheme for complementarity problems).
3. **Certification** (exact): the float lottery is rounded to a rational one and its
   exploitability ``eps = max_y V(y) - 1/(k+1)`` is recomputed in Fractions, so the product
   policy is *certified* ``(k, k/(k+1) - eps)``-robust whatever the float steps did.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import comb

import numpy as np

from ualign.deviation_payoffs import deviation_payoffs, deviation_payoffs_float
from ualign.errors import InputError
from ualign.lottery import Lottery
from ualign.policies import check_k
from ualign.profile import Profile

__all__ = ["NumericEquilibrium", "symmetric_equilibrium_numeric"]

USER_BLOCK = 256


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


def _masses(R: np.ndarray, pi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per user and response: ``A`` (mass strictly below its class) and ``B`` (class mass)."""
    users, n = R.shape
    flat = (np.arange(users)[:, None] * n + R).ravel()
    mass = np.bincount(flat, weights=np.broadcast_to(pi, R.shape).ravel(),
                       minlength=users * n).reshape(users, n)
    below = np.flip(np.cumsum(np.flip(mass, 1), 1), 1) - mass
    return np.take_along_axis(below, R, 1), np.take_along_axis(mass, R, 1)


def _jacobian(R: np.ndarray, W: np.ndarray, pi: np.ndarray, k: int, S: np.ndarray) -> np.ndarray:
    """``dV(y)/dpi(z)`` for ``y, z`` in ``S`` (float)."""
    A, B = _masses(R, pi)
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
    x[S] = np.maximum(pi[S], 1e-12)
    x /= x.sum()
    idx = np.asarray(S)
    for step in range(1, max_steps + 1):
        V = deviation_payoffs_float(profile, x, k)
        residual = np.append(V[idx] - target, x.sum() - 1)
        if np.abs(residual).max() < 1e-15:
            return x, step, True
        J = np.vstack([_jacobian(R, W, x, k, idx), np.ones(len(idx))])
        delta = np.linalg.lstsq(J, -residual, rcond=None)[0]
        x[idx] += delta
        if not np.all(np.isfinite(x)) or np.abs(x).max() > 1e6:
            break
    V = deviation_payoffs_float(profile, x, k) if np.all(np.isfinite(x)) else None
    ok = V is not None and max(np.abs(V[idx] - target).max(), abs(x.sum() - 1)) < 1e-13
    return x, step, ok


def symmetric_equilibrium_numeric(profile: Profile, k: int, warm_start_steps: int = 2000,
                                  max_rounds: int = 200, max_denominator: int = 10**15
                                  ) -> NumericEquilibrium:
    """An approximate symmetric equilibrium, rounded to a rational lottery with exact ``eps``.

    Examples
    --------
    >>> from ualign.examples import example
    >>> eq = symmetric_equilibrium_numeric(example("five-voter"), k=2)
    >>> eq.support, eq.exploitability < Fraction(1, 10**12), eq.certified_robustness > Fraction(2, 3) - Fraction(1, 10**12)
    ((0, 1, 2), True, True)
    """
    k = check_k(k)
    if warm_start_steps < 1:
        raise InputError(f"warm_start_steps must be at least 1, not {warm_start_steps}")
    R = np.asarray(profile.ranks, dtype=np.int64)
    W = np.asarray(profile.weights, dtype=float)
    target = 1 / (k + 1)
    pi = np.full(profile.n, 1 / profile.n)
    total, log_w = np.zeros(profile.n), np.zeros(profile.n)
    eta = np.sqrt(8 * np.log(max(profile.n, 2)) / warm_start_steps)
    for _ in range(warm_start_steps):
        total += pi
        log_w += eta * deviation_payoffs_float(profile, pi, k)
        pi = np.exp(log_w - log_w.max())
        pi /= pi.sum()
    average = total / warm_start_steps
    best = (_float_exploitability(profile, average, k), average)
    S = sorted(np.flatnonzero(average > 1e-3 / profile.n).tolist())
    newton = 0
    for _ in range(max_rounds):
        x, steps, converged = _polish(profile, R, W, k, best[1], S)
        newton += steps
        if not converged or x[S].min() <= 0:
            # No solution on S: drop the response that most fails (negative or lowest payoff).
            V = deviation_payoffs_float(profile, np.maximum(x, 0) / max(np.maximum(x, 0).sum(),
                                                                        1e-300), k)
            drop = S[int(np.argmin(x[S]))] if x[S].min() <= 0 else S[int(np.argmin(V[S]))]
            S.remove(drop)
            if not S:
                break
            continue
        eps_x = _float_exploitability(profile, x, k)
        best = min(best, (eps_x, x), key=lambda c: c[0])
        V = deviation_payoffs_float(profile, x, k)
        off = [z for z in range(profile.n) if z not in S]
        worst = max(off, key=lambda z: V[z], default=None)
        if worst is not None and V[worst] > target + 1e-14:
            S = sorted(S + [worst])
            continue
        break
    x = best[1]
    lottery = Lottery.of_float(np.maximum(x, 0).tolist()).to_exact(max_denominator)
    eps = max(deviation_payoffs(profile, lottery, k)) - Fraction(1, k + 1)
    return NumericEquilibrium(lottery, eps, float(best[0]), lottery.support, k,
                              warm_start_steps, newton)


def _float_exploitability(profile: Profile, x: np.ndarray, k: int) -> float:
    x = np.maximum(x, 0)
    return float(deviation_payoffs_float(profile, x / x.sum(), k).max() - 1 / (k + 1))
