"""Lower-bound instances: small profiles on which no k-output policy reaches a target.

Impartial culture (IC) on ``m`` responses caps every k-output policy, joint ones included, at
``k/(k+1) + (t - 1/(k+1))/m`` against single responses (:mod:`ualign.symbolic.converse`), but it has
``m!`` user types, and refuting ``2/3 + 1/100`` for ``k = 2`` already needs ``m = 17``.
:func:`lower_bound` takes the smallest sufficient ``m``, keeps IC's optimal (symmetric)
competitor ``q`` and replaces the ``m!`` orders by a few hundred with the same effect on every
k-multiset (:mod:`ualign.counterexamples.ic_compression`), then solves the compressed instance
*exactly* (:func:`ualign.solvers.optimal_policy.optimal_policy`) and returns its optimal-policy
certificate, which :func:`ualign.certify.checker.check_certificate` replays without a solver.

For ``l > 1`` the IC value comes from the game between multiplicity *patterns*: by symmetry
both sides may play uniformly within a pattern, and the win rate of two multisets on IC only
needs the orders of their union (:func:`ic_value`).

>>> ic_value(4, 2).value == ceiling(4, 2)
True
>>> parse_target("2/3+1/100")
Fraction(203, 300)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import combinations_with_replacement, permutations
from math import comb, factorial
from typing import Any


from ualign.certify.certificates import optimal_policy_certificate
from ualign.game.win_rates import MAX_EXACT_CONTESTS, MAX_MATRIX_CELLS
from ualign.io.preflib import to_preflib
from ualign.model.errors import InputError
from ualign.model.formula import parse_formula
from ualign.model.generators import two_group_condorcet
from ualign.model.policies import MAX_MULTISETS, check_k
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, contest_share, require_tie_rule
from ualign.solvers.exact_lp import solve_matrix_game
from ualign.solvers.optimal_policy import optimal_policy
from ualign.symbolic.converse import ceiling, smallest_refuting_m

__all__ = ["LowerBoundResult", "ICValue", "lower_bound", "check_target", "ic_value",
           "proven_lower_bound",
           "parse_target", "NlhfCeilingInstance", "nlhf_ceiling_instance", "MAX_IC_M"]

#: Largest ``m`` tried when looking for the smallest IC that refutes a target with ``l > 1``.
MAX_IC_M = 40


def proven_lower_bound(k: int, l: int = 1) -> Fraction:
    """``(k+1-l)/(k+1)``: what a symmetric equilibrium's product guarantees (share ties).

    >>> proven_lower_bound(2), proven_lower_bound(3, 2)
    (Fraction(2, 3), Fraction(1, 2))
    """
    return Fraction(k + 1 - l, k + 1)


def parse_target(value: Any, what: str = "target") -> Fraction:
    """An exact rational target from ``2/3+1/100``, ``0.67``, an int or a Fraction.

    Text is read by the safe formula grammar of :mod:`ualign.model.formula` (no variables).

    >>> parse_target("0.67"), parse_target("2/3 + 1/100")
    (Fraction(67, 100), Fraction(203, 300))
    """
    if isinstance(value, (Fraction, int)) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, float):
        value = repr(value)  # the decimal the user wrote, not the binary float
    return parse_formula(str(value), (), what).evaluate()


@dataclass(frozen=True)
class ICValue:
    """The exact IC value for (m, k, l) and IC's optimal competitor, a law over l-multisets."""

    value: Fraction
    competitor: dict[tuple[int, ...], Fraction]


def _pattern(ms: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(sorted((ms.count(y) for y in set(ms)), reverse=True))


@lru_cache(maxsize=None)
def _pair_value(key: tuple[tuple[int, int], ...], rule) -> Fraction:
    """IC win rate of S over T given, per element of the union, its copies in S and in T."""
    total = Fraction(0)
    for order in permutations(range(len(key))):  # IC restricted to the union is uniform
        cS = min(order[u] for u, (s, _) in enumerate(key) if s)
        cT = min(order[u] for u, (_, t) in enumerate(key) if t)
        if cS != cT:
            total += cS < cT
        else:
            u = order.index(cS)
            total += contest_share(rule, key[u][0], key[u][1])
    return total / factorial(len(key))


def _ic_win(S: tuple[int, ...], T: tuple[int, ...], rule) -> Fraction:
    union = set(S) | set(T)
    return _pair_value(tuple(sorted((S.count(u), T.count(u)) for u in union)), rule)


def ic_value(m: int, k: int, l: int = 1, tie_rule: TieRule = TieRule.SHARE) -> ICValue:
    """The exact best guarantee of a k-output policy on IC over ``m`` responses vs l outputs.

    Solves the game between multiplicity patterns exactly; for ``l = 1`` and ``m >= k`` it
    equals :func:`ualign.symbolic.converse.ceiling`.

    >>> ic_value(3, 2, 2).value  # against two outputs IC gives k/(k+l) = 1/2
    Fraction(1, 2)
    """
    rule = require_tie_rule(tie_rule)
    k, l = check_k(k), check_k(l, "l")
    by_pattern: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
    for S in combinations_with_replacement(range(m), k):
        by_pattern.setdefault(_pattern(S), []).append(S)
    cols: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
    for T in combinations_with_replacement(range(m), l):
        cols.setdefault(_pattern(T), []).append(T)
    col_patterns = sorted(cols)
    G = [[sum((_ic_win(S, cols[Q][0], rule) for S in group), Fraction(0)) / len(group)
          for Q in col_patterns] for _, group in sorted(by_pattern.items())]
    game = solve_matrix_game(G)
    law = {T: y / len(cols[Q]) for Q, y in zip(col_patterns, game.column_strategy) if y
           for T in cols[Q]}
    return ICValue(game.value, law)


@dataclass(frozen=True)
class LowerBoundResult:
    """A compressed IC instance on which no k-output policy reaches ``target``, certified.

    ``value`` is the exact optimum of the compressed instance (below ``target``), ``ic_value``
    the exact IC optimum at the same ``m`` and ``ic_types = m!``.
    """

    k: int
    l: int
    tie_rule: str
    target: Fraction
    m: int
    ic_types: int
    ic_value: Fraction
    types: int
    value: Fraction
    profile: Profile
    certificate: dict[str, Any] = field(repr=False)
    seconds: float = 0.0
    source: str = "compressed impartial culture"

    @property
    def preflib(self) -> str:
        return to_preflib(self.profile, f"lower bound k={self.k} l={self.l} {self.tie_rule}")[0]

    def to_json(self) -> dict[str, Any]:
        return {"k": self.k, "l": self.l, "tie_rule": self.tie_rule, "target": str(self.target),
                "value": str(self.value), "source": self.source, "m": self.m,
                "ic_types": self.ic_types,
                "ic_value": None if self.ic_value is None else str(self.ic_value),
                "types": self.types,
                # proved for share and weak; half and strict fall below it
                "proven_lower_bound": (str(proven_lower_bound(self.k, self.l))
                                       if self.tie_rule in ("share", "weak") else None),
                "seconds": round(self.seconds, 3), "instance": self.preflib}


def check_target(k: int, l: int, target: Fraction, rule=None) -> None:
    """Refuse a target above 1, or at or below the proven (k+1-l)/(k+1) (share and weak)."""
    if target > 1:
        raise InputError(f"target {target} is above 1; a win rate never exceeds 1")
    low = proven_lower_bound(k, l)
    # the bound is proved under share and weak only; half and strict fall below it
    if target <= low and getattr(rule, "value", rule) in (None, "share", "weak"):
        raise InputError(f"target {target} is at or below the proven lower bound "
                         f"(k+1-l)/(k+1) = {low}: a symmetric equilibrium's product wins at least "
                         f"that on every instance, so no instance can refute it")


def _exact_cost(m: int, k: int, l: int) -> int:
    """Contests of the exact LP on a compression of IC(m) (about rows + 1 user types)."""
    rows = comb(m + k - 1, k)
    return rows * comb(m + l - 1, l) * (rows + 1)


def _fits(m: int, k: int, l: int) -> bool:
    """Whether the compression and its exact LP stay within :data:`MAX_EXACT_CONTESTS`
    contests. The LP alone would take more, but the compression of IC on that many responses
    runs for minutes (k = 3 at 3/4 + 1/100, m = 26, did not finish in 5 minutes)."""
    rows, cols = comb(m + k - 1, k), comb(m + l - 1, l)
    return rows * cols <= MAX_MATRIX_CELLS and _exact_cost(m, k, l) <= MAX_EXACT_CONTESTS


def _smallest_m(k: int, l: int, target: Fraction, rule) -> tuple[int, ICValue]:
    if l == 1:
        if target <= Fraction(k, k + 1):  # only strict ties go below k/(k+1) on IC
            m = k
            while ceiling(m, k, rule) >= target and m < 10 ** 6:
                m += 1
        else:
            m = smallest_refuting_m(lambda _: target, k, rule.value)
        if not _fits(m, k, l):
            return m, ICValue(ceiling(m, k, rule), {})
        return m, ic_value(m, k, l, rule)
    if target <= Fraction(k, k + l):  # IC falls towards k/(k+l) from above (every m <= 8 seen)
        raise InputError(f"impartial culture does not get below {target} for k={k}, l={l}: its "
                         f"value falls towards k/(k+l) = {Fraction(k, k + l)} from above (as on "
                         f"every size computed)")
    for m in range(k, MAX_IC_M + 1):
        if not _fits(m, k, l):
            return m, ICValue(Fraction(-1), {})  # reported by the size check
        ic = ic_value(m, k, l, rule)
        if ic.value < target:
            return m, ic
    raise InputError(f"impartial culture on m <= {MAX_IC_M} responses does not get below "
                     f"{target} for k={k}, l={l} (its value tends to k/(k+l) = "
                     f"{Fraction(k, k + l)}); try `ualign lower-bound --search` for small "
                     f"instances instead")


def _too_large(m: int, k: int, l: int, rule, target: Fraction) -> InputError:
    fit = max((mm for mm in range(k, m) if _fits(mm, k, l)),
              default=None)
    hint = ""
    if fit is not None:
        hint = (f"; the largest m that can be certified here is {fit}, refuting any target "
                f"above {ic_value(fit, k, l, rule).value}")
    return InputError(
        f"refuting {target} for k={k}, l={l} needs impartial culture on m={m} responses "
        f"({factorial(m):,} orders); an exact optimal-policy certificate on its compression "
        f"would take about {_exact_cost(m, k, l):,} contests (limit {MAX_EXACT_CONTESTS:,}) "
        f"on {comb(m + k - 1, k) * comb(m + l - 1, l):,} cells (limit {MAX_MATRIX_CELLS:,}). "
        + (f"For l=1 the IC converse is proved for every m (Coq `converse`, and "
           f"`ualign derive converse`){hint}" if l == 1 else
           f"For l={l} the IC value tends to k/(k+l) = {Fraction(k, k + l)}{hint}"))


def lower_bound(k: int, target: Any, l: int = 1, tie_rule: TieRule = TieRule.SHARE, seed: int = 0,
                pool: int = 1500) -> LowerBoundResult:
    """A certified instance on which no k-output policy wins ``target`` against l outputs.

    Examples
    --------
    >>> r = lower_bound(2, "2/3+1/20")
    >>> r.m, r.value < r.target, r.types < r.ic_types
    (4, True, True)
    """
    start = time.perf_counter()
    k, l, rule = check_k(k), check_k(l, "l"), require_tie_rule(tie_rule)
    target = parse_target(target)
    check_target(k, l, target, rule)
    m, ic = _smallest_m(k, l, target, rule)
    if not _fits(m, k, l) or comb(m + k - 1, k) > MAX_MULTISETS:
        raise _too_large(m, k, l, rule, target)
    if factorial(m) <= comb(m + k - 1, k) + 1:  # IC itself is small enough: nothing to compress
        profile = Profile.of(list(permutations(range(m))))
    else:
        profile = _compressed(m, k, ic, target, rule, seed, pool)
    best = optimal_policy(profile, k, l, rule)
    if best.value >= target:  # pragma: no cover - the float margin is half the gap
        raise RuntimeError(f"the compressed instance has exact value {best.value} >= {target}")
    return LowerBoundResult(k, l, rule.value, target, m, factorial(m), ic.value,
                            profile.num_users, best.value, profile,
                            optimal_policy_certificate(profile, best),
                            time.perf_counter() - start)


def _compressed(m: int, k: int, ic: ICValue, target: Fraction, rule, seed: int,
                pool: int) -> Profile:
    from ualign.counterexamples.ic_compression import compress_population
    q = {T: float(p) for T, p in ic.competitor.items()}
    weights, _ = compress_population(m, k, q, float(target), rule, pool=pool, seed=seed)
    # Exact weights close to the float vertex; the exact re-solve decides, not these floats.
    orders = sorted(weights)
    # One common denominator keeps the exact simplex's numbers small (a denominator per
    # weight makes their lcm, and so every pivot, astronomically large).
    counts = [round(weights[o] * 10 ** 5) for o in orders]
    return Profile.of([o for o, c in zip(orders, counts) if c],
                      weights=[c for c in counts if c], n=m)


@dataclass(frozen=True)
class NlhfCeilingInstance:
    """Two groups with Condorcet winner 0 of margin ``eps``: NLHF's product is stuck.

    The maximal lottery is the point mass on 0, so its k-sample product shows 0 every time and
    wins ``1/2 + eps`` against response 1 and ``k/(k+1)`` against 0 (share ties).
    """

    eps: Fraction
    profile: Profile
    preflib: str
    data_type: str

    def product_value(self, k: int) -> Fraction:
        return min(Fraction(1, 2) + self.eps, Fraction(k, k + 1))


def nlhf_ceiling_instance(eps: Any, m: int = 2) -> NlhfCeilingInstance:
    """The two-group Condorcet instance of :func:`ualign.model.generators.two_group_condorcet`.

    >>> inst = nlhf_ceiling_instance("1/10")
    >>> inst.product_value(3), inst.preflib.splitlines()[-2:]
    (Fraction(3, 5), ['3: 1,2', '2: 2,1'])
    """
    eps = parse_target(eps)
    profile = two_group_condorcet(eps, m)
    text, kind = to_preflib(profile, f"NLHF ceiling, eps = {eps}")
    return NlhfCeilingInstance(eps, profile, text, kind)
