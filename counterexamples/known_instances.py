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

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ualign.io.preflib import read_preflib
from ualign.model.generators import favourites_profile
from ualign.model.profile import Profile
from ualign.model.ties import TieRule
from ualign.solvers.optimal_policy import OptimalPolicy, optimal_policy

__all__ = ["KnownInstance", "known_instances", "best_known_instance", "SEARCH_BUDGET_S"]

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
        from ualign.counterexamples.lower_bound_search import search_lower_bound
        found = search_lower_bound(k, l, rule, budget_s=search_s, seed=seed)
        yield KnownInstance(f"a {search_s:g} s random search ({found.tried} instances)",
                            found.profile, optimal_policy(found.profile, k, l, rule))


def best_known_instance(k: int, l: int, rule: TieRule, target: Fraction | None = None,
                        search_s: float = SEARCH_BUDGET_S, seed: int = 0) -> KnownInstance | None:
    """The first candidate below ``target`` (``None``: the lowest of all of them)."""
    best = None
    for candidate in known_instances(k, l, rule, search_s, seed):
        if target is not None and candidate.best.value < target:
            return candidate
        if best is None or candidate.best.value < best.best.value:
            best = candidate
    return None if target is not None else best
