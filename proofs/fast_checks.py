"""The fast tier of every claim: re-run its evidence on instances and say whether it stands.

Each check returns ``(consistent, detail)``. These are exact replays on the built-in
examples, derivations and witnesses: evidence, not proofs. What proves a PROVED claim is its
Coq theorem, checked separately by :mod:`ualign.proofs.coq_theorems`. All arithmetic is exact.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Callable

from ualign.game.deviation_payoffs import exploitability, pure_payoffs
from ualign.game.robustness import robustness
from ualign.model.examples import example
from ualign.model.generators import impartial_culture, two_group_condorcet
from ualign.model.lottery import Lottery
from ualign.model.policies import ProductPolicy
from ualign.model.ties import TieRule

__all__ = ["FAST_CHECKS", "BOUNDED_FAST", "bounded_fast", "run_fast_check"]

Result = tuple[bool, str]
EQUILIBRIUM_EXAMPLES = ("five-voter", "condorcet-cycle", "nlhf-ceiling", "mallows-4")


def _derivations(*names: str) -> Result:
    from ualign.symbolic.registry import derive
    failed = [n for n in names if not derive(n).passed]
    return (not failed, "derivations " + (f"FAILED: {failed}" if failed else f"{list(names)} pass"))


def _equilibrium_products(rule: TieRule, l: int = 1) -> Result:
    from ualign.solvers.symmetric_equilibria import symmetric_equilibria
    worst = None
    for name in EQUILIBRIUM_EXAMPLES:
        p = example(name)
        for k in (max(2, l), 3):
            for eq in symmetric_equilibria(p, k).equilibria:
                # The approximation is within 1e-40 of the equilibrium: allow exactly its eps.
                slack = eq.approximation_exploitability * l
                value = robustness(p, ProductPolicy(eq.approximation, k), l, rule) + slack
                bound = Fraction(k + 1 - l, k + 1)
                if value < bound:
                    return False, f"{name}, k={k}: product wins {value} < {bound}"
                worst = value - bound if worst is None else min(worst, value - bound)
    return True, f"every exact equilibrium product on {len(EQUILIBRIUM_EXAMPLES)} examples " \
                 f"meets the bound (tightest margin {float(worst):.3g})"


def _point_mass_refutation(rule: TieRule) -> Result:
    p, k, point = two_group_condorcet(Fraction(1, 4), 2), 2, Lottery.point(0, 2)
    value = robustness(p, ProductPolicy(point, k), 1, rule)
    refuted = exploitability(p, point, k) <= 0 and value < Fraction(k, k + 1)
    return refuted, f"two-group eps=1/4, k=2: the point mass is an equilibrium and wins {value} " \
                    f"< 2/3 under {rule}"


def _achievability() -> Result:
    ok, a = _derivations("deviation-payoff", "equal-share", "achievability")
    ok2, b = _equilibrium_products(TieRule.SHARE)
    return ok and ok2, f"{a}; {b}"


def _achievability_weak() -> Result:
    ok, a = _derivations("achievability")
    ok2, b = _equilibrium_products(TieRule.WEAK)
    return ok and ok2, f"{a}; {b}"


def _multi_opponent() -> Result:
    ok, a = _derivations("multi-opponent")
    ok2, b = _equilibrium_products(TieRule.SHARE, l=2)
    return ok and ok2, f"{a}; {b}"


def _nlhf_k1_optimal() -> Result:
    from ualign.game.value_checks import is_maximal_lottery
    from ualign.solvers.maximal_lottery import maximal_lottery
    from ualign.solvers.optimal_policy import optimal_policy
    for name in EQUILIBRIUM_EXAMPLES + ("ties", "impartial-culture-4"):
        p = example(name)
        if not is_maximal_lottery(p, maximal_lottery(p)) or optimal_policy(p, 1).value != Fraction(1, 2):
            return False, f"{name}: the maximal lottery or the k=1 optimum is not 1/2"
    return True, "maximal lottery wins >= 1/2 and the exact k=1 optimum is 1/2 on every example"


def _nlhf_ceiling() -> Result:
    ok, a = _derivations("nlhf-ceiling")
    eps = Fraction(1, 10)
    p = two_group_condorcet(eps, 2)
    for k in range(1, 7):
        value = robustness(p, ProductPolicy(Lottery.point(0, 2), k))
        if value != min(Fraction(1, 2) + eps, Fraction(k, k + 1)):
            return False, f"k={k}: the point-mass product wins {value}"
    return ok, f"{a}; point-mass product wins min(1/2+eps, k/(k+1)) for k = 1..6 at eps = 1/10"


def _average_selfplay() -> Result:
    from ualign.solvers.selfplay import certify_mixture, selfplay
    for name in ("five-voter", "mallows-4"):
        p = example(name)
        for k in (2, 3):
            run = selfplay(p, k, 60)
            cert = certify_mixture(p, run, max_denominator=10**6)
            # The average's product is k/(k+1) - eps robust (share rule, single responses).
            if Fraction(k, k + 1) - cert.average_exploitability < cert.bound:
                return False, f"{name}, k={k}: the average's product is below the bound"
    return True, "product of the exact average >= k/(k+1) - Regret_T/T on 4 exact runs"


SMALL_EXAMPLES = ("five-voter", "condorcet-cycle", "nlhf-ceiling", "ties")


def _constant_sum() -> Result:
    from ualign.game.deviation_payoffs import deviation_payoffs
    from ualign.game.win_rates import win_rate
    for name in SMALL_EXAMPLES:
        p = example(name)
        lot = Lottery.uniform(p.n)
        for k in (1, 2, 3):
            V = deviation_payoffs(p, lot, k)
            for y in range(p.n):
                if win_rate(p, ProductPolicy(lot, k), y) + V[y] != 1:
                    return False, f"{name}, k={k}: the two sides' shares do not add up to 1"
    return True, f"W(pi^k, y) + V(y) = 1 exactly on {len(SMALL_EXAMPLES)} examples, k = 1..3"


def _equal_share() -> Result:
    from ualign.game.deviation_payoffs import deviation_payoffs
    from ualign.solvers.maximal_lottery import maximal_lottery
    for name in SMALL_EXAMPLES:
        p = example(name)
        for lot in (Lottery.uniform(p.n), maximal_lottery(p)):
            for k in (1, 2, 3):
                V = deviation_payoffs(p, lot, k)
                if sum(q * v for q, v in zip(lot.probs, V)) != Fraction(1, k + 1):
                    return False, f"{name}, k={k}: sum_y pi(y) V(y) != 1/(k+1)"
    return True, f"sum_y pi(y) V(y) = 1/(k+1) exactly on {len(SMALL_EXAMPLES)} examples, k = 1..3"


def _deviation_payoff() -> Result:
    """The closed form of the engine against the definition: a sum over all k-tuples."""
    from itertools import product as tuples

    from ualign.game.deviation_payoffs import deviation_payoffs
    for name in SMALL_EXAMPLES:
        p = example(name)
        lot = Lottery.of([Fraction(i + 1, p.n * (p.n + 1) // 2) for i in range(p.n)])
        for k in (1, 2, 3):
            V = deviation_payoffs(p, lot, k)
            for y in range(p.n):
                direct = sum((_weight(lot, s) * pure_payoffs(p, (y, *s))[0]
                              for s in tuples(range(p.n), repeat=k)), Fraction(0))
                if direct != V[y]:
                    return False, f"{name}, k={k}, y={y}: closed form {V[y]} != definition {direct}"
    return True, f"closed form = the sum over all k-tuples on {len(SMALL_EXAMPLES)} examples, k = 1..3"


def _weight(lot: Lottery, s: tuple[int, ...]) -> Fraction:
    out = Fraction(1)
    for y in s:
        out *= lot.probs[y]
    return out


def _ne_exists() -> Result:
    from ualign.solvers.symmetric_equilibria import symmetric_equilibria
    for name in ("five-voter", "condorcet-cycle", "nlhf-ceiling"):
        for k in (1, 2):
            if not symmetric_equilibria(example(name), k).equilibria:
                return False, f"{name}, k={k}: no symmetric equilibrium found"
    return True, "the exact solver finds a symmetric equilibrium on 3 examples, k = 1, 2"


def _selfplay_mixture() -> Result:
    from ualign.solvers.selfplay import certify_mixture, selfplay
    for name in ("five-voter", "mallows-4"):
        p = example(name)
        for k in (1, 2):
            cert = certify_mixture(p, selfplay(p, k, 40), max_denominator=10**6)
            if cert.robustness != cert.bound:
                return False, f"{name}, k={k}: robustness {cert.robustness} != {cert.bound}"
    return True, "robustness(Pi_T) = k/(k+1) - Regret_T/T exactly on 4 self-play runs"


def _ne_unique() -> Result:
    ic = impartial_culture(4)
    two = exploitability(ic, Lottery.uniform(4), 1) == 0 and \
        exploitability(ic, Lottery.point(2, 4), 1) == 0
    return two, "impartial culture m=4, k=1: uniform and a point mass are both equilibria"


def _converse() -> Result:
    ok, a = _derivations("converse")
    from ualign.solvers.optimal_policy import optimal_policy
    from ualign.symbolic.converse import ceiling
    for m, k in ((4, 2), (5, 2), (4, 3)):
        value = optimal_policy(impartial_culture(m), k).value
        if value != ceiling(m, k):
            return False, f"IC m={m}, k={k}: exact LP optimum {value} != {ceiling(m, k)}"
    return ok, f"{a}; exact LP optimum = derived ceiling for (m, k) = (4,2), (5,2), (4,3)"


def _converse_ceiling() -> Result:
    from ualign.solvers.optimal_policy import optimal_policy
    for m, k in ((3, 2), (4, 2), (4, 3), (5, 2)):
        value = optimal_policy(impartial_culture(m), k).value
        bound = Fraction(k, k + 1) + (Fraction(1, 2) - Fraction(1, k + 1)) / m
        if value > bound:
            return False, f"IC m={m}, k={k}: exact LP optimum {value} above the ceiling {bound}"
    return True, "exact LP optimum on IC(m) <= k/(k+1) + (1/2 - 1/(k+1))/m for (m, k) = " \
        "(3,2), (4,2), (4,3), (5,2)"


def _unanimous_cap() -> Result:
    from ualign.model.profile import Profile
    from ualign.solvers.optimal_policy import optimal_policy
    p = Profile.of([(0, 1, 2), (0, 2, 1)], weights=[2, 1])
    for k in range(1, 5):
        for l in range(1, 4):
            value = optimal_policy(p, k, l).value
            if value != Fraction(k, k + l):
                return False, f"k={k}, l={l}: exact optimum {value} != k/(k+l)"
    return True, "a unanimous favourite: exact optimum = k/(k+l) for k <= 4, l <= 3"


@lru_cache(maxsize=1)
def _favourites_optima() -> dict[tuple[int, int], Fraction]:
    """The exact LP optimum on the cyclic l-favourites profile, l = 2, 3 and l <= k <= 6."""
    from ualign.model.generators import favourites_profile
    from ualign.solvers.optimal_policy import optimal_policy
    return {(k, l): optimal_policy(favourites_profile(l), k, l).value
            for l in (2, 3) for k in range(l, 7)}


def _favourites(exact: bool) -> Callable[[], Result]:
    def check() -> Result:
        from ualign.symbolic.multi_opponent import favourites_cap
        for (k, l), value in _favourites_optima().items():
            if value > favourites_cap(k, l) or (exact and value != favourites_cap(k, l)):
                return False, f"k={k}, l={l}: exact optimum {value} vs {favourites_cap(k, l)}"
        rel = "=" if exact else "<="
        return True, f"cyclic l-favourites: exact optimum {rel} the closed form for l = 2, 3, k <= 6"
    return check


def _multi_opponent_tight() -> Result:
    for (k, l), value in _favourites_optima().items():
        lower = max(Fraction(k + 1 - l, k + 1), Fraction(1, 2))
        if value < lower:
            return False, f"k={k}, l={l}: an instance holds every policy to {value} < {lower}"
    return True, "the l-favourites caps for l = 2, 3, k <= 6 lie above max(1/2, (k+1-l)/(k+1)) " \
        "(the archived table is replayed by tests/test_multi_opponent_gap.py)"


def _asymmetric_ne() -> Result:
    from ualign.model.profile import Profile
    p, k = Profile.of([(0, 1), (1, 0)], weights=[5, 3]), 2

    def payoff(choice: tuple[int, ...], i: int) -> Fraction:
        return pure_payoffs(p, choice)[i]

    profile_ne = (1, 0, 0)
    nash = all(payoff(profile_ne, i) >= payoff(profile_ne[:i] + (y,) + profile_ne[i + 1:], i)
               for i in range(k + 1) for y in range(2))
    value = robustness(p, ProductPolicy(Lottery.point(1, 2), k))
    return nash and value < Fraction(2, 3), f"(1, 0, 0) is a pure Nash equilibrium by " \
        f"enumeration and player 0's product wins {value} < 2/3"


#: Small bounded runs that every fast tier repeats:
#: (claim, n, k, l, orders, strategy, expected status). ``coefficients`` is solver-free.
BOUNDED_FAST = {
    "achievability": [("achievability", 3, 2, 1, TieRule.STRICT, "monolithic", "PROVED-UP-TO"),
                      ("achievability", 3, 2, 1, TieRule.WEAK, "monolithic", "PROVED-UP-TO"),
                      ("achievability", 7, 4, 1, TieRule.WEAK, "coefficients", "PROVED-UP-TO")],
    "achievability-weak": [("achievability-weak", 3, 2, 1, TieRule.WEAK, "lemmas",
                            "PROVED-UP-TO")],
    "achievability-half": [("achievability-half", 2, 2, 1, TieRule.STRICT, "auto", "REFUTED")],
    "achievability-strict": [("achievability-strict", 2, 1, 1, TieRule.STRICT, "auto", "REFUTED")],
    "multi-opponent": [("multi-opponent", 3, 2, 2, TieRule.STRICT, "lemmas", "PROVED-UP-TO"),
                       ("multi-opponent", 6, 3, 2, TieRule.WEAK, "coefficients", "PROVED-UP-TO")],
    "asymmetric-ne": [("asymmetric-ne", 2, 2, 1, TieRule.STRICT, "auto", "REFUTED")],
    "ne-unique": [("ne-unique", 2, 1, 1, TieRule.WEAK, "auto", "REFUTED")],
}


def bounded_fast(claim_id: str) -> Result:
    """The claim's small bounded runs; each must end in the recorded direction."""
    from ualign.proofs.bounded import prove_bounded
    runs = BOUNDED_FAST.get(claim_id, [])
    for cid, n, k, l, orders, strategy, expected in runs:
        result = prove_bounded(cid, n, k, orders=orders, l=l, timeout_s=30, strategy=strategy)
        if result.status != expected:
            return False, (f"bounded {cid} n={n} k={k} l={l} {orders} ({strategy}): "
                           f"{result.status}, not {expected}")
    done = ", ".join(f"{r[0]} n={r[1]} k={r[2]}{f' l={r[3]}' if r[3] > 1 else ''} {r[4]} "
                     f"({'solver-free coefficients' if r[5] == 'coefficients' else 'z3 ' + r[5]})"
                     f" {r[6]}" for r in runs)
    return True, f"bounded: {done}" if runs else "no bounded tier"


FAST_CHECKS: dict[str, Callable[[], Result]] = {
    "constant-sum": _constant_sum, "equal-share": _equal_share,
    "deviation-payoff": _deviation_payoff, "ne-exists": _ne_exists,
    "selfplay-mixture": _selfplay_mixture,
    "achievability": _achievability, "achievability-weak": _achievability_weak,
    "achievability-half": lambda: _point_mass_refutation(TieRule.HALF),
    "achievability-strict": lambda: _point_mass_refutation(TieRule.STRICT),
    "multi-opponent": _multi_opponent, "nlhf-k1-optimal": _nlhf_k1_optimal,
    "nlhf-ceiling": _nlhf_ceiling, "asymmetric-ne": _asymmetric_ne, "average-selfplay": _average_selfplay,
    "ne-unique": _ne_unique, "converse": _converse_ceiling, "converse-exact": _converse,
    "unanimous-cap": _unanimous_cap, "favourites-cap": _favourites(False),
    "favourites-optimum": _favourites(True), "multi-opponent-tight": _multi_opponent_tight,
}


def run_fast_check(claim_id: str) -> Result:
    """Re-run a claim's fast tier: ``(status stands, what was checked)``."""
    ok, detail = FAST_CHECKS[claim_id]()
    if claim_id in BOUNDED_FAST:
        ok2, detail2 = bounded_fast(claim_id)
        return ok and ok2, f"{detail}; {detail2}"
    return ok, detail
