"""Unsat cores over a query's named hypothesis groups: which hypotheses a bounded proof uses.

A query of :mod:`ualign.proofs.bounded_encoding` is a list of named groups (the lottery is a
distribution, "no gain deviating to y" for each response y, the negated conclusion, ...).
When the query is unsat, a *core* is a subset of the groups that is still unsat; a *minimal*
core loses that property when any one group is dropped.

* Neither solver's own cores are usable here. Z3's nlsat does not support assumptions
  (``assert_and_track`` can turn unsat into unknown), and cvc5 with ``produce-unsat-cores``
  (or assumption literals) went from 0.2 s to more than 120 s on the achievability query at
  n = 3, k = 2.
* So the core is found by *deletion*: drop one group, re-solve the rest from scratch, and keep
  it dropped if the rest is still unsat. Any solver that answers unsat can do this.

The result is minimal whenever every re-solve finished; a group whose re-solve timed out or
came back unknown is kept, which can only make the core larger, never wrong. A core found
with one solver can be re-checked with the other (:func:`is_unsat` on the kept groups).

>>> import z3
>>> from fractions import Fraction
>>> from ualign.proofs.bounded_encoding import violation_queries
>>> from ualign.model.ties import TieRule
>>> q = violation_queries(3, 2, 1, TieRule.SHARE, "strict", Fraction(2, 3))[0]
>>> for label in unsat_core(q, z3, 60):  # only the deviation to the competitor's response
...     print(label)
weights are a distribution
p is a distribution
p: no gain deviating to 0
conclusion fails: W(p^k, (0,)) < 2/3
"""

from __future__ import annotations

import time
from typing import Any

from ualign.proofs.bounded_encoding import Query

__all__ = ["unsat_core", "is_unsat", "check_groups"]


def check_groups(m: Any, groups: list[tuple[str, list]], seconds: float) -> str:
    """``"sat"``, ``"unsat"`` or ``"unknown"`` for the conjunction of ``groups``."""
    s = m.SolverFor("QF_NRA")
    s.set("timeout" if m.__name__ == "z3" else "tlimit-per", max(1, int(seconds * 1000)))
    for _, cons in groups:
        s.add(*cons)
    result = s.check()
    return "unsat" if result == m.unsat else "sat" if result == m.sat else "unknown"


def is_unsat(m: Any, groups: list[tuple[str, list]], seconds: float) -> bool:
    """Whether the conjunction of ``groups`` is unsat within ``seconds`` (False on unknown)."""
    return check_groups(m, groups, seconds) == "unsat"


def unsat_core(q: Query, m: Any, seconds: float) -> list[str] | None:
    """Labels of a minimal unsat core of ``q`` (``None`` if ``q`` is not shown unsat in time).

    ``m`` is the backend module (``z3`` or ``cvc5.pythonic``).
    """
    deadline = time.monotonic() + seconds
    groups, _ = q.build(m)
    if not is_unsat(m, groups, seconds):
        return None
    keep = list(range(len(groups)))
    for i in list(keep):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        trial = [j for j in keep if j != i]
        if trial and is_unsat(m, [groups[j] for j in trial], left):
            keep = trial
    return [groups[j][0] for j in keep]
