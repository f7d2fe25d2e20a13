"""Self-play no-regret learning in the (k+1)-player alignment game, and its exact certificate.

The learner holds a lottery ``pi_t`` and plays the *deviator* against ``k`` iid draws from its
own lottery: the reward of response ``y`` at step ``t`` is the deviation payoff
``u_t(y) = V_{pi_t}(y)`` (share tie rule, :func:`~ualign.game.deviation_payoffs.deviation_payoffs`).
Its realised reward is ``<pi_t, u_t> = 1/(k+1)`` exactly, because a response drawn from ``pi_t``
is one of ``k + 1`` exchangeable draws and the share rule splits the prize equally. Hence the
external regret after ``T`` steps is

    ``Regret_T = max_y sum_t V_{pi_t}(y) - T/(k+1)``.

Let ``Pi_T`` be the mixture policy that picks ``t`` uniformly in ``1..T`` and shows ``k`` iid
draws from ``pi_t``. Its win rate against a single response ``y`` is
``(1/T) sum_t (1 - V_{pi_t}(y))``, so

    ``robustness(Pi_T) = k/(k+1) - Regret_T / T``        (an equality, not only a bound).

Hedge with rewards in ``[0, 1]`` and ``eta = sqrt(8 ln n / T)`` has ``Regret_T <=
sqrt(T ln n / 2)`` against any reward sequence (Freund and Schapire 1997; Cesa-Bianchi and
Lugosi 2006, Thm 2.2), so ``Pi_T`` is at least ``k/(k+1) - sqrt(ln n / (2T))``-robust.

``V_pi(y) = sum_users w * integral_0^1 (A + s B)^k ds`` with ``A``, ``B`` linear in ``pi``
(see :mod:`ualign.game.deviation_payoffs`), so ``V_pi(y)`` is convex in ``pi``. By Jensen the
*average* lottery ``(1/T) sum_t pi_t`` has exploitability at most ``Regret_T / T``, and its
product policy is at least as robust as ``Pi_T``.

Everything here uses the share tie rule and single-response competitors (``l = 1``). The run
itself is float (numpy); :func:`certify_mixture` rationalises the iterates and recomputes regret
and robustness exactly, so the identity can be checked in ``Fraction``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

import numpy as np

from ualign.game.deviation_payoffs import deviation_payoffs, deviation_payoffs_float
from ualign.game.robustness import robustness
from ualign.model.errors import InputError
from ualign.model.lottery import Lottery
from ualign.model.policies import MixturePolicy, check_k
from ualign.model.profile import Profile

__all__ = ["ALGORITHMS", "SelfPlayRun", "MixtureCertificate", "selfplay", "default_eta",
           "certify_mixture", "check_certifiable", "MAX_STEPS", "MAX_CERTIFY_WORK"]

#: Learning rules: ``hedge`` plays ``pi_{t+1} ∝ start * exp(eta U_t)`` with ``U_t`` the
#: cumulative reward; ``optimistic-hedge`` adds the latest reward once more as its prediction
#: of the next one, ``pi_{t+1} ∝ start * exp(eta (U_t + u_t))`` (Rakhlin and Sridharan 2013).
ALGORITHMS = ("hedge", "optimistic-hedge")


def default_eta(n: int, steps: int) -> float:
    """``sqrt(8 ln n / T)``, the Hedge step size for rewards in [0, 1] (``ln 2`` when n = 1).

    From the uniform start it gives Hedge ``Regret_T <= ln n / eta + eta T / 8 = sqrt(T ln n / 2)``
    (a start ``pi_1`` replaces ``ln n`` by ``max_y ln(1 / pi_1(y))``). Optimistic Hedge
    uses the same default; its regret is at most ``ln n / eta + eta sum_t |u_t - u_{t-1}|_inf^2``
    (Syrgkanis et al. 2015, Prop. 7), small when the rewards move slowly.

    >>> round(default_eta(3, 800), 4)
    0.1048
    """
    return math.sqrt(8 * math.log(max(n, 2)) / steps)


@dataclass(frozen=True, eq=False, repr=False)
class SelfPlayRun:
    """The float record of a self-play run (every array is read-only).

    Attributes
    ----------
    k, steps, algorithm, eta
        The run's settings (``eta`` is the step size actually used).
    recorded : ndarray of int
        The steps ``t`` (1-based) recorded: multiples of ``record_every``, and always ``T``.
    iterates : ndarray, shape (len(recorded), n)
        ``pi_t`` for each recorded ``t``: the lottery played at step ``t``.
    regret : ndarray
        External regret ``max_y sum_{s<=t} u_s(y) - sum_{s<=t} <pi_s, u_s>`` after step ``t``.
    exploitability_last, exploitability_average : ndarray
        ``max_y V(y) - 1/(k+1)`` of ``pi_t`` and of the average ``(1/t) sum_{s<=t} pi_s``.
    average : ndarray
        The average lottery over all ``T`` steps.
    mixture_robustness_float : float
        ``1 - max_y (1/T) sum_t V_{pi_t}(y)``, the float robustness of ``Pi_T``.
    """

    k: int
    steps: int
    algorithm: str
    eta: float
    recorded: np.ndarray
    iterates: np.ndarray
    regret: np.ndarray
    exploitability_last: np.ndarray
    exploitability_average: np.ndarray
    average: np.ndarray
    mixture_robustness_float: float

    def __repr__(self) -> str:
        return (f"SelfPlayRun(k={self.k}, steps={self.steps}, algorithm={self.algorithm!r}, "
                f"eta={self.eta:.6g}, regret={self.regret[-1]:.6g}, "
                f"mixture_robustness_float={self.mixture_robustness_float:.6g})")

    @property
    def complete(self) -> bool:
        """Whether every iterate was kept (``record_every=1``), as :meth:`mixture` needs."""
        return len(self.recorded) == self.steps

    def average_lottery(self) -> Lottery:
        """The float average ``(1/T) sum_t pi_t`` over all ``T`` steps."""
        return Lottery.of_float(self.average / self.average.sum())

    def mixture(self, max_denominator: int = 10**12) -> MixturePolicy:
        """The exact ``Pi_T``: weight ``1/T`` on each iterate rounded by ``Lottery.to_exact``."""
        if not self.complete:
            raise InputError(f"the mixture needs all {self.steps} iterates but the run kept "
                             f"{len(self.recorded)}; rerun with record_every=1")
        weight = Fraction(1, self.steps)
        return MixturePolicy(tuple((weight, _rationalise(pi, max_denominator))
                                   for pi in self.iterates), self.k)


def _rationalise(pi: np.ndarray, max_denominator: int) -> Lottery:
    """Round onto the grid ``1/D`` (``D = max_denominator``), the largest entry absorbing the rest.

    A common denominator for every iterate keeps the exact sums over ``T`` iterates small;
    rounding each one separately would multiply ``T`` unrelated denominators together.
    """
    scaled = [int(v) for v in np.floor(pi / math.fsum(pi) * max_denominator)]
    top = max(range(len(scaled)), key=scaled.__getitem__)
    scaled[top] += max_denominator - sum(scaled)
    return Lottery(tuple(Fraction(v, max_denominator) for v in scaled))


#: Most self-play steps, and the most work (steps x user types x responses) the exact
#: certificate of ``Pi_T`` takes on: 2,000,000 units is about a minute and a half.
MAX_STEPS = 1_000_000
#: Largest step size: payoffs are in [0, 1], and exp(700) is near the float limit.
MAX_ETA = 700.0
MAX_CERTIFY_WORK = 2_000_000


def check_certifiable(profile: Profile, steps: int) -> None:
    """Refuse, before the run, a mixture too large to certify exactly."""
    work = steps * profile.num_users * profile.n
    if work > MAX_CERTIFY_WORK:
        most = max(1, MAX_CERTIFY_WORK // (profile.num_users * profile.n))
        raise InputError(f"the exact certificate of Pi_T takes steps x user types x responses = "
                         f"{work:,} exact evaluations' worth of work, too large for the exact "
                         f"method (at most {MAX_CERTIFY_WORK:,}); use --steps {most} or fewer")


def _check_settings(profile: Profile, k: object, steps: object, algorithm: object, eta: object,
                    start: object, record_every: object) -> tuple[int, float, np.ndarray]:
    k = check_k(k)
    for value, what in ((steps, "steps"), (record_every, "record_every")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(f"{what} must be a whole number >= 1, got {value!r}")
    if steps > MAX_STEPS:
        raise InputError(f"steps = {steps:,} is too large (at most {MAX_STEPS:,}); the regret "
                         f"bound sqrt(ln n / (2T)) is already below 1e-3 at T = 10^6")
    if algorithm not in ALGORITHMS:
        raise InputError(f"unknown self-play algorithm {algorithm!r}; choose one of "
                         f"{', '.join(ALGORITHMS)}")
    if eta is None:
        eta = default_eta(profile.n, steps)
    elif isinstance(eta, bool) or not isinstance(eta, (int, float)) or not 0 < eta <= MAX_ETA:
        raise InputError(f"the step size eta must be a number in (0, {MAX_ETA:g}], got {eta!r} "
                         f"(exp(eta * payoff) must stay finite in floats)")
    if start is None:
        start = Lottery.uniform(profile.n)
    if not isinstance(start, Lottery) or start.n != profile.n:
        raise InputError(f"start must be a Lottery over the profile's {profile.n} responses, "
                         f"got {start!r}")
    # A float start may hold round-off negatives of order 1e-9; log needs them at 0.
    return k, float(eta), np.clip([float(p) for p in start.probs], 0, None)


def selfplay(profile: Profile, k: int, steps: int, algorithm: str = "hedge",
             eta: float | None = None, start: Lottery | None = None, record_every: int = 1,
             progress: Callable[[int], object] | None = None) -> SelfPlayRun:
    """Run Hedge or optimistic Hedge in self-play as the deviator of the (k+1)-player game.

    At step ``t`` the learner plays ``pi_t`` and receives ``u_t = V_{pi_t}`` (float, share
    rule). ``start`` is ``pi_1`` (uniform by default; responses it leaves out are never
    played). Only steps that are multiples of ``record_every`` (and ``T``) are recorded, which
    bounds memory on long runs; :meth:`SelfPlayRun.mixture` needs ``record_every=1``.
    ``progress(t)`` is called at most 101 times, with the number of steps done.

    Examples
    --------
    On the five-voter cycle, Hedge's regret is within ``sqrt(T ln n / 2)``, so the mixture of
    400 iterates is within ``sqrt(ln 3 / 800) = 0.037`` of the best possible ``2/3``:

    >>> from ualign.model.examples import example
    >>> p = example("five-voter")
    >>> run = selfplay(p, k=2, steps=400)
    >>> float(run.regret[-1]) <= math.sqrt(400 * math.log(3) / 2)
    True
    >>> round(2 / 3 - run.mixture_robustness_float, 3)
    0.009
    """
    k, eta, pi1 = _check_settings(profile, k, steps, algorithm, eta, start, record_every)
    with np.errstate(divide="ignore"):
        log_start = np.log(pi1)  # -inf outside the start's support
    optimistic = algorithm == "optimistic-hedge"
    fair = 1 / (k + 1)
    every = -(-steps // 100)  # at most 100 calls, plus one at the end
    cumulative = np.zeros(profile.n)
    realised = 0.0
    total = np.zeros(profile.n)
    rows: dict[str, list] = {"t": [], "pi": [], "regret": [], "last": [], "avg": []}
    pi = pi1 / pi1.sum()
    for t in range(1, steps + 1):
        u = deviation_payoffs_float(profile, pi, k)
        cumulative += u
        realised += float(pi @ u)  # 1/(k+1) up to round-off; summed, not assumed
        total += pi
        if t % record_every == 0 or t == steps:
            average = total / t
            rows["t"].append(t)
            rows["pi"].append(pi)
            rows["regret"].append(cumulative.max() - realised)
            rows["last"].append(u.max() - fair)
            rows["avg"].append(deviation_payoffs_float(profile, average, k).max() - fair)
        logits = log_start + eta * (cumulative + u if optimistic else cumulative)
        weights = np.exp(logits - logits.max())
        pi = weights / weights.sum()
        if progress is not None and (t % every == 0 or t == steps):
            progress(t)
    return SelfPlayRun(
        k=k, steps=steps, algorithm=algorithm, eta=eta,
        recorded=_frozen(rows["t"], dtype=np.int64), iterates=_frozen(rows["pi"]),
        regret=_frozen(rows["regret"]), exploitability_last=_frozen(rows["last"]),
        exploitability_average=_frozen(rows["avg"]), average=_frozen(total / steps),
        mixture_robustness_float=float(1 - cumulative.max() / steps))


def _frozen(values, dtype=float) -> np.ndarray:
    array = np.array(values, dtype=dtype)
    array.setflags(write=False)
    return array


class MixtureCertificate(NamedTuple):
    """Exact facts about the rationalised mixture ``Pi_T`` of a run (all ``Fraction``).

    ``robustness`` is computed by :func:`ualign.game.robustness.robustness` (single-response
    competitors); ``regret`` is the external regret of the rationalised iterates, computed
    separately from exact deviation payoffs. The reduction says ``robustness == bound``.
    """

    mixture: MixturePolicy
    robustness: Fraction
    regret: Fraction
    average_exploitability: Fraction

    @property
    def bound(self) -> Fraction:
        """``k/(k+1) - regret / T``."""
        k, steps = self.mixture.k, len(self.mixture.components)
        return Fraction(k, k + 1) - self.regret / steps


def certify_mixture(profile: Profile, run: SelfPlayRun, max_denominator: int = 10**12,
                    progress: Callable[[int], None] | None = None) -> MixtureCertificate:
    """Rationalise a run's iterates and compute, exactly, the robustness and regret of ``Pi_T``.

    ``profile`` must be the one the run was made on (only the number of responses is checked).

    Also reports the exact exploitability of the exact average of the rationalised iterates,
    which convexity bounds by ``regret / T``. Costs ``2T`` exact deviation-payoff evaluations.

    >>> from ualign.model.examples import example
    >>> p = example("five-voter")
    >>> cert = certify_mixture(p, selfplay(p, k=1, steps=20), max_denominator=1000)
    >>> cert.robustness == cert.bound, cert.average_exploitability <= cert.regret / 20
    (True, True)
    """
    check_certifiable(profile, run.steps)
    mixture = run.mixture(max_denominator)
    lotteries = [lot for _, lot in mixture.components]
    cumulative = [Fraction(0)] * profile.n
    realised = Fraction(0)
    for t, lot in enumerate(lotteries, start=1):
        if progress is not None and (t % 50 == 0 or t == len(lotteries)):
            progress(t)
        values = deviation_payoffs(profile, lot, run.k)
        cumulative = [c + v for c, v in zip(cumulative, values)]
        realised += sum((p * v for p, v in zip(lot.probs, values)), Fraction(0))
    steps = len(lotteries)
    columns = zip(*(lot.probs for lot in lotteries))
    average = Lottery(tuple(sum(col, Fraction(0)) / steps for col in columns))
    average_exploitability = (max(deviation_payoffs(profile, average, run.k))
                              - Fraction(1, run.k + 1))
    return MixtureCertificate(mixture, robustness(profile, mixture),
                              max(cumulative) - realised, average_exploitability)
