"""Multi-prompt instances: prompt-weighted averages, with the competitor chosen per prompt."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ualign import (InputError, Instance, Lottery, ProductPolicy, Profile, instance_robustness,
                    instance_win_rate, robustness)


def test_competitor_may_differ_per_prompt():
    a = Profile.of([(0, 1, 2), (1, 0, 2)], weights=[3, 1])
    b = Profile.of([(2, 1, 0)])
    inst = Instance.of([(1, a), (1, b)])
    pol = [ProductPolicy(Lottery.point(0, 3), 2), ProductPolicy(Lottery.point(1, 3), 2)]
    value, worst = instance_robustness(inst, pol)
    # Prompt a: copying response 0 ties all users, who split 2 slots : 1, so the policy keeps 2/3.
    # Prompt b: response 2 is everyone's favourite, so the policy keeps nothing.
    assert [w.multiset for w in worst] == [(0,), (2,)]
    assert value == (robustness(a, pol[0]) + robustness(b, pol[1])) / 2 == Fraction(1, 3)
    # A single competitor shared by both prompts does no better than the per-prompt worst.
    common = min(instance_win_rate(inst, pol, [y, y]) for y in range(3))
    assert common == Fraction(1, 2) > value


def test_prompt_weights_normalise_and_are_validated():
    p = Profile.of([(0, 1)])
    assert Instance.of([("1/3", p), ("2/3", p)]).prompts[0][0] == Fraction(1, 3)
    with pytest.raises(InputError, match="all zero"):
        Instance.of([(0, p)])
    with pytest.raises(InputError, match="1 policies given for 2 prompts"):
        instance_robustness(Instance.of([(1, p), (1, p)]), [ProductPolicy(Lottery.uniform(2), 1)])
