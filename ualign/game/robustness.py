"""Robust alignment: the worst competitor of a k-output policy and its win rate against it.

A policy is (k, f)-robust against l-output competitors when its win rate is at least ``f``
against every l-output policy. The win rate is linear in the competitor's law over
l-multisets, so the minimum over all competitors (products, mixtures or joint) is attained
by a pure multiset, and it suffices to scan the ``C(n + l - 1, l)`` multisets.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from ualign.game.win_rates import Competitor, competitor_table, win_rate
from ualign.model.errors import InputError
from ualign.model.instance import Instance
from ualign.model.policies import MAX_MULTISETS, Policy, check_k, multiset_count, multisets
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, require_tie_rule

__all__ = ["BestCompetitor", "best_competitor", "robustness", "competitor_multisets",
           "instance_win_rate", "instance_robustness"]


class BestCompetitor(NamedTuple):
    """The competitor multiset that minimises the policy's win rate, and that win rate."""

    multiset: tuple[int, ...]
    value: Fraction


def competitor_multisets(n: int, l: int) -> list[tuple[int, ...]]:
    """Every l-multiset of n responses, refusing sizes beyond :data:`MAX_MULTISETS`."""
    check_k(l, "l")
    count = multiset_count(n, l)
    if count > MAX_MULTISETS:
        raise InputError(f"{n} responses with l={l} give {count:,} competitor multisets, above "
                         f"the limit of {MAX_MULTISETS:,}; use l = 1 (closed forms) or fewer "
                         f"responses")
    return list(multisets(n, l))


def best_competitor(profile: Profile, policy: Policy, l: int = 1,
                    tie_rule: TieRule = TieRule.SHARE) -> BestCompetitor:
    """The l-multiset against which ``policy`` wins least, ties broken lexicographically.

    Examples
    --------
    Two groups with a Condorcet winner 0 of margin 1/10: showing only response 0 twice,
    the policy loses 2/5 to response 1.

    >>> from ualign.model.lottery import Lottery
    >>> from ualign.model.policies import ProductPolicy
    >>> p = Profile.of([(0, 1), (1, 0)], weights=[3, 2])
    >>> best_competitor(p, ProductPolicy(Lottery.point(0, 2), 2))
    BestCompetitor(multiset=(1,), value=Fraction(3, 5))
    """
    rule = require_tie_rule(tie_rule)
    table = competitor_table(profile, policy, competitor_multisets(profile.n, l), rule)
    ms = min(table, key=lambda t: (table[t], t))
    return BestCompetitor(ms, table[ms])


def robustness(profile: Profile, policy: Policy, l: int = 1,
               tie_rule: TieRule = TieRule.SHARE) -> Fraction:
    """The policy's minimum exact win rate over all l-output competitors."""
    return best_competitor(profile, policy, l, tie_rule).value


def _per_prompt(instance: Instance, items: Sequence[object], what: str) -> None:
    if len(items) != len(instance):
        raise InputError(f"{len(items)} {what} given for {len(instance)} prompts")


def instance_win_rate(instance: Instance, policies: Sequence[Policy],
                      competitors: Sequence[Competitor],
                      tie_rule: TieRule = TieRule.SHARE) -> Fraction:
    """Prompt-weighted exact win rate, with one policy and one competitor per prompt."""
    _per_prompt(instance, policies, "policies")
    _per_prompt(instance, competitors, "competitors")
    return sum((w * win_rate(p, pol, comp, tie_rule)
                for (w, p), pol, comp in zip(instance.prompts, policies, competitors)),
               Fraction(0))


def instance_robustness(instance: Instance, policies: Sequence[Policy], l: int = 1,
                        tie_rule: TieRule = TieRule.SHARE
                        ) -> tuple[Fraction, list[BestCompetitor]]:
    """Minimum win rate over competitors that may differ per prompt, with each prompt's worst."""
    _per_prompt(instance, policies, "policies")
    worst = [best_competitor(p, pol, l, tie_rule) for (_, p), pol in zip(instance.prompts, policies)]
    return sum((w * b.value for (w, _), b in zip(instance.prompts, worst)), Fraction(0)), worst
