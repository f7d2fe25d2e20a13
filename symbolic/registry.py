"""The registry of derivations: name -> the module whose ``derive()`` builds it.

Modules are imported only when their derivation is asked for, so listing is instant and one
slow derivation never delays another.

>>> names()[:2]
['deviation-payoff', 'equal-share']
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from ualign.symbolic.derivation import Derivation

__all__ = ["DERIVATIONS", "names", "derive"]

#: In the order a reader of the paper meets them.
DERIVATIONS = {
    "deviation-payoff": ("ualign.symbolic.deviation_payoff", "the deviator's share-rule payoff in closed form"),
    "equal-share": ("ualign.symbolic.equal_share", "sum_y pi(y) V(y) = 1/(k+1): the game is constant-sum"),
    "achievability": ("ualign.symbolic.achievability", "a symmetric equilibrium's product is k/(k+1)-robust; which tie rules inherit it"),
    "converse": ("ualign.symbolic.converse", "impartial culture caps every k-output policy, tending to k/(k+1)"),
    "nlhf-ceiling": ("ualign.symbolic.nlhf_ceiling", "NLHF's product is stuck at 1/2 + eps for every k"),
    "multi-opponent": ("ualign.symbolic.multi_opponent", "l-output competitors: (k+1-l)/(k+1) vs k/(k+l)"),
    "selfplay-regret": ("ualign.symbolic.selfplay_regret", "Hedge self-play loses at most sqrt(ln n / (2T))"),
}


def names() -> list[str]:
    return list(DERIVATIONS)


def derive(name: str) -> Derivation:
    """Run the named derivation (raises KeyError with the known names when unknown).

    A derivation is deterministic, so each runs once per process: ``ualign verify`` cites
    some of them from several claims and fast checks. Callers share the result and must not
    change it.
    """
    if name not in DERIVATIONS:
        raise KeyError(f"unknown derivation {name!r}; known: {', '.join(DERIVATIONS)}")
    return _derive(name)


@cache
def _derive(name: str) -> Derivation:
    return import_module(DERIVATIONS[name][0]).derive()
