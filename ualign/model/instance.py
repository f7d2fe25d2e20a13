"""Multi-prompt instances: a weighted list of prompts, each with its own profile.

A policy answers each prompt separately, and so may the competitor, so the win rate is the
prompt-weighted average of per-prompt win rates, and the worst competitor is chosen prompt
by prompt (:func:`ualign.game.robustness.instance_robustness`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from ualign.model.errors import InputError
from ualign.model.exact import as_fraction
from ualign.model.profile import Profile

__all__ = ["Instance"]


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
