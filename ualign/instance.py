"""Multi-prompt instances: a weighted list of prompts, each with its own profile.

A policy answers each prompt separately, and so may the competitor, so the win rate is the
prompt-weighted average of per-prompt win rates, and the worst competitor is chosen prompt
by prompt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ualign.errors import InputError
from ualign.exact import as_fraction
from ualign.policies import Policy
from ualign.profile import Profile
from ualign.robustness import BestCompetitor, best_competitor
from ualign.ties import TieRule
from ualign.win_rates import Competitor, win_rate

__all__ = ["Instance", "instance_win_rate", "instance_robustness"]


@dataclass(frozen=True)
class Instance:
    """Prompts with exact weights summing to 1, each with a profile.

    >>> a = Profile.of([(0, 1)]); b = Profile.of([(1, 0)])
    >>> Instance.of([(1, a), (3, b)]).prompts[1][0]
    Fraction(3, 4)
    """

    prompts: tuple[tuple[Fraction, Profile], ...]

    @classmethod
    def of(cls, prompts: Iterable[tuple[object, Profile]]) -> "Instance":
        pairs = [(as_fraction(w, "prompt weight"), p) for w, p in prompts]
        if not pairs:
            raise InputError("an instance needs at least one prompt")
        if any(w < 0 for w, _ in pairs):
            raise InputError("prompt weights must be nonnegative")
        total = sum((w for w, _ in pairs), Fraction(0))
        if total == 0:
            raise InputError("prompt weights are all zero; at least one must be positive")
        return cls(tuple((w / total, p) for w, p in pairs))

    def __len__(self) -> int:
        return len(self.prompts)


def _per_prompt(instance: Instance, items: Sequence[object], what: str) -> None:
    if len(items) != len(instance):
        raise InputError(f"{len(items)} {what} given for {len(instance)} prompts")


def instance_win_rate(instance: Instance, policies: Sequence[Policy],
                      competitors: Sequence[Competitor],
                      tie_rule: TieRule | str = TieRule.SHARE) -> Fraction:
    """Prompt-weighted exact win rate, with one policy and one competitor per prompt."""
    _per_prompt(instance, policies, "policies")
    _per_prompt(instance, competitors, "competitors")
    return sum((w * win_rate(p, pol, comp, tie_rule)
                for (w, p), pol, comp in zip(instance.prompts, policies, competitors)),
               Fraction(0))


def instance_robustness(instance: Instance, policies: Sequence[Policy], l: int = 1,
                        tie_rule: TieRule | str = TieRule.SHARE
                        ) -> tuple[Fraction, list[BestCompetitor]]:
    """Minimum win rate over competitors that may differ per prompt, with each prompt's worst."""
    _per_prompt(instance, policies, "policies")
    worst = [best_competitor(p, pol, l, tie_rule) for (_, p), pol in zip(instance.prompts, policies)]
    return sum((w * b.value for (w, _), b in zip(instance.prompts, worst)), Fraction(0)), worst
