"""Random search for small instances with a low exact k-output optimum (``--search``).

Draws profiles with ``n <= max_n`` responses and at most ``max_types`` user types (strict or
weak orders, small integer weights) and keeps the one whose *exact* optimal value
(:func:`ualign.solvers.optimal_policy.optimal_policy`) is lowest for (k, l). Beside it stand the
bounds of :mod:`symbolic`: the proved ``(k+1-l)/(k+1)`` and the IC value at the same ``n``.
An instance below every IC value for ``m <= 8`` beats the known bound and is archived.

>>> r = search_lower_bound(2, 1, TieRule.SHARE, max_n=3, max_types=2, budget_s=0.5, seed=1)
>>> r.value >= r.proven_lower_bound
True
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

from ualign.certify.certificates import optimal_policy_certificate
from ualign.counterexamples.lower_bounds import ic_value, proven_lower_bound
from ualign.io.preflib import to_preflib
from ualign.model.budgets import check_seconds
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, require_tie_rule
from ualign.solvers.optimal_policy import optimal_policy

__all__ = ["SearchResult", "search_lower_bound", "best_known_ic_bound", "ARCHIVE"]

ARCHIVE = Path(__file__).resolve().parent / "archive"


@dataclass(frozen=True)
class SearchResult:
    """The best instance found, its exact certificate and the symbolic bounds beside it."""

    k: int
    l: int
    tie_rule: str
    value: Fraction
    profile: Profile
    certificate: dict[str, Any] = field(repr=False)
    proven_lower_bound: Fraction = Fraction(0)
    ic_value_at_n: Fraction = Fraction(0)
    best_known: Fraction = Fraction(1)
    tried: int = 0
    archived: str | None = None

    @property
    def beats_known_bound(self) -> bool:
        return self.value < self.best_known


def best_known_ic_bound(k: int, l: int, rule, max_m: int = 8) -> Fraction:
    """The lowest IC value over ``m <= max_m``: the best upper bound known without search."""
    return min(ic_value(m, k, l, rule).value for m in range(1, max_m + 1))


def _random_profile(rng: random.Random, max_n: int, max_types: int) -> Profile:
    n = rng.randint(2, max_n)
    weak = rng.random() < 0.3
    orders, weights = [], []
    for _ in range(rng.randint(1, max_types)):
        ranks = list(range(n))
        rng.shuffle(ranks)
        if weak:  # merge some neighbouring classes into ties
            ranks = [r // 2 if rng.random() < 0.5 else r for r in ranks]
        orders.append(ranks)
        weights.append(rng.randint(1, 4))
    return Profile.from_ranks(orders, [Fraction(w) for w in weights])


def search_lower_bound(k: int, l: int = 1, tie_rule=None, max_n: int = 6, max_types: int = 4,
                       budget_s: float = 10.0, seed: int = 0, archive: bool = False,
                       progress: Callable[[float], None] | None = None) -> SearchResult:
    """Random search for the instance minimising the exact optimum (every rule if None)."""
    rules = [require_tie_rule(tie_rule)] if tie_rule is not None else list(TieRule)
    budget_s = check_seconds(budget_s, "the budget")
    rng = random.Random(seed)
    start, best, tried = time.perf_counter(), None, 0
    while True:
        elapsed = time.perf_counter() - start
        if progress is not None:
            progress(min(elapsed / budget_s, 1.0))
        if elapsed >= budget_s and best is not None:
            break
        rule = rng.choice(rules)
        profile = _random_profile(rng, max_n, max_types)
        result = optimal_policy(profile, k, l, rule)
        tried += 1
        if best is None or result.value < best[0].value:
            best = (result, profile)
    result, profile = best
    rule = result.tie_rule
    out = SearchResult(k, l, rule.value, result.value, profile,
                       optimal_policy_certificate(profile, result), proven_lower_bound(k, l),
                       ic_value(profile.n, k, l, rule).value,
                       best_known_ic_bound(k, l, rule), tried)
    if archive and out.beats_known_bound:
        stem = ARCHIVE / f"lower-bound-k{k}-l{l}-{rule.value}"
        text, kind = to_preflib(profile, stem.name)
        data = stem.with_suffix(f".{kind}")
        data.write_text(text, encoding="utf-8")
        cert = optimal_policy_certificate(profile, result, file=data, beside=True)
        stem.with_suffix(".json").write_text(json.dumps(cert, indent=1) + "\n", encoding="utf-8")
        out = SearchResult(**{**out.__dict__, "archived": str(stem.with_suffix(".json"))})
    return out
