"""Certified lower-bound instances other than impartial culture, tried before refusing.

``ualign lower-bound`` starts from impartial culture (:mod:`ualign.counterexamples.lower_bounds`).
When IC cannot get below the target, or its certificate is too large, these are tried in turn,
each solved by the exact optimal-policy LP, so that every answer carries an exact
certificate whatever its origin:

1. the archived caps of the l > 1 table (``counterexamples/archive/l-gap``, share rule): the
   smallest optimum found for each (k <= 6, l <= 3);
2. the l-favourites profile (:func:`ualign.model.generators.favourites_profile`: each of l
   responses the unique favourite of weight 1/l), whose optimum is the Coq-proved cap
   ``favourites_cap_bound`` when it is attained (exact LP on 27 sizes);
3. a short random search over small instances (:func:`ualign.counterexamples.lower_bound_search.
   search_lower_bound`) under the same tie rule.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ualign.certify.certificates import optimal_policy_certificate
from ualign.counterexamples.lower_bound_search import search_lower_bound
from ualign.counterexamples.lower_bounds import (LowerBoundResult, check_target, lower_bound,
                                                  parse_target)
from ualign.io.preflib import read_preflib
from ualign.model.errors import InputError
from ualign.model.generators import favourites_profile
from ualign.model.policies import check_k
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, require_tie_rule
from ualign.solvers.optimal_policy import OptimalPolicy, optimal_policy

__all__ = ["KnownInstance", "known_instances", "certified_lower_bound", "SEARCH_BUDGET_S"]

ARCHIVE = Path(__file__).resolve().parent / "archive" / "l-gap"
#: Seconds of random search before ``lower-bound`` refuses a target.
SEARCH_BUDGET_S = 5.0


@dataclass(frozen=True)
class KnownInstance:
    """An instance, where it came from, and its exact optimum against l-output competitors."""

    source: str
    profile: Profile
    best: OptimalPolicy


def known_instances(k: int, l: int, rule: TieRule, search_s: float = SEARCH_BUDGET_S,
                    seed: int = 0):
    """The candidates in the order of the module docstring (lazily: the search runs last)."""
    archived = ARCHIVE / f"cap-k{k}-l{l}.soc"
    if rule is TieRule.SHARE and archived.exists():
        profile = read_preflib(archived)
        yield KnownInstance(f"the archived l-gap cap {archived.name}", profile,
                            optimal_policy(profile, k, l, rule))
    if l >= 2:
        profile = favourites_profile(l)
        yield KnownInstance(f"the {l}-favourites profile", profile,
                            optimal_policy(profile, k, l, rule))
    if search_s > 0:
        found = search_lower_bound(k, l, rule, budget_s=search_s, seed=seed)
        yield KnownInstance(f"a {search_s:g} s random search ({found.tried} instances)",
                            found.profile, optimal_policy(found.profile, k, l, rule))


def certified_lower_bound(k: int, target: Any, l: int = 1, tie_rule: TieRule = TieRule.SHARE,
                          seed: int = 0) -> LowerBoundResult:
    """:func:`~ualign.counterexamples.lower_bounds.lower_bound`, and when impartial culture
    cannot certify the target, the first known instance below it (module docstring); else
    the refusal, naming the lowest certified optimum seen.

    >>> r = certified_lower_bound(3, "3/5", l=2)   # IC never gets below 3/5 at l = 2
    >>> r.value, r.source
    (Fraction(7, 12), 'the archived l-gap cap cap-k3-l2.soc')
    """
    start = time.perf_counter()
    k, l, rule, target = check_k(k), check_k(l, "l"), require_tie_rule(tie_rule), \
        parse_target(target)
    check_target(k, l, target, rule)  # no instance at all can refute these: say so at once
    try:
        return lower_bound(k, target, l, rule, seed=seed)
    except InputError as problem:
        refusal = problem
    lowest = None
    for known in known_instances(k, l, rule, seed=seed):
        if known.best.value < target:
            return LowerBoundResult(k, l, rule.value, target, known.profile.n, None, None,
                                    known.profile.num_users, known.best.value, known.profile,
                                    optimal_policy_certificate(known.profile, known.best),
                                    time.perf_counter() - start, known.source)
        if lowest is None or known.best.value < lowest.best.value:
            lowest = known
    raise InputError(f"{refusal}. Also tried, for k={k}, l={l} under {rule.value}: the archived "
                     f"caps, the l-favourites profile and a {SEARCH_BUDGET_S:g} s search; the "
                     f"lowest exact optimum among them is {lowest.best.value} ({lowest.source}), "
                     f"so any target above that is certified by `ualign lower-bound --k {k} "
                     f"--l {l} --target T`")
