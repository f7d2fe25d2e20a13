"""Searching for a counterexample to a robustness claim.

The claim is a :class:`~ualign.counterexamples.claim_language.RobustnessClaim`.

Two engines, and ``both`` (z3 first, for at most half the budget, then Hypothesis):

* ``hypothesis`` works for any construction, callables included. It draws profiles from the
  instance class, evaluates the claim exactly on each, and *shrinks* a violation towards a
  minimal witness: fewest responses, then fewest user types, then the smallest integer counts.
* ``z3`` works for *polynomial* constructions (``symmetric_ne``, ``nlhf``, ``uniform``): the
  weights over every order of the class and the lottery are free, the construction is a set
  of polynomial conditions (the equilibrium inequalities, "the lottery wins >= 1/2 against
  every response", or the uniform point), and the product's win rate against a competitor
  multiset is asked to fall below the rate. It tries n = 2, 3, .. in turn, so its witness has
  the fewest responses. Its ``unsat`` for a size means no counterexample of that size exists.

Every witness is re-evaluated in Fractions before it is reported. Nothing here ever reports a
claim as true: the best it says is "no counterexample within the budget", with what was searched.

>>> from ualign.counterexamples.claim_language import RobustnessClaim
>>> from ualign.counterexamples.instance_classes import InstanceClass
>>> claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=InstanceClass(n=2))
>>> result = refute(claim, engine="z3", budget_s=30)
>>> result.status, result.evaluation.value < result.evaluation.bound
('REFUTED', True)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from random import Random

from ualign.counterexamples.claim_language import Evaluation, RobustnessClaim
from ualign.model.budgets import check_seconds
from ualign.model.errors import InputError
from ualign.model.ties import TieRule

__all__ = ["RefuteResult", "refute", "hypothesis_search", "z3_search", "ENGINES"]

ENGINES = ("z3", "hypothesis", "both")


@dataclass
class RefuteResult:
    """``status`` is ``REFUTED`` (with ``evaluation``), ``PROVED-UP-TO`` (a bounded proof covers
    every size of the class, see :func:`bounded_proof`) or ``NO-COUNTEREXAMPLE`` (within budget)."""

    claim: RobustnessClaim
    status: str
    evaluation: Evaluation | None
    engine: str | None
    searched: list[str] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def refute(claim: RobustnessClaim, engine: str = "both", budget_s: float = 60,
           seed: int = 0, max_examples: int = 500, progress=None) -> RefuteResult:
    """Search for an instance on which ``claim`` fails; see the module docstring."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    budget_s = check_seconds(budget_s, "the budget")
    if engine == "z3" and not claim.polynomial:
        raise InputError(f"the z3 engine needs a polynomial construction (symmetric_ne, nlhf, "
                         f"uniform), not {claim.construction!r}; use --engine hypothesis")
    start = time.monotonic()
    deadline = start + budget_s
    result = RefuteResult(claim, "NO-COUNTEREXAMPLE", None, None)
    proof = bounded_proof(claim, start + budget_s / 2)
    if proof is not None:
        result.searched.append(proof[1])
        if proof[0]:
            result.status = "PROVED-UP-TO"
            result.seconds = round(time.monotonic() - start, 3)
            return result
    order = (["z3"] if engine != "hypothesis" and claim.polynomial else []) + \
        (["hypothesis"] if engine != "z3" else [])
    for name in order:
        if time.monotonic() >= deadline:
            result.searched.append(f"{name}: no time left")
            continue
        if name == "z3":  # with both engines, z3 gets half the budget
            z3_deadline = deadline if len(order) == 1 else start + budget_s / 2
            ev, what = z3_search(claim, z3_deadline, result.notes, progress)
        else:
            ev, what = hypothesis_search(claim, deadline, seed, max_examples, progress)
        result.searched.append(what)
        if ev is not None:
            result.status, result.evaluation, result.engine = "REFUTED", ev, name
            break
    result.seconds = round(time.monotonic() - start, 3)
    return result


def bounded_proof(claim: RobustnessClaim, deadline: float) -> tuple[bool, str] | None:
    """Try the bounded proof that covers the claim, if one does; None when none applies.

    A claim about ``symmetric_ne`` whose rate is at most ``(k+1-l)/(k+1)`` at every size of
    the class is implied by the claim ``achievability`` (l = 1) or ``multi-opponent`` (l > 1)
    for every profile on each number of responses of the class (every order of its kind,
    every weight: more than any domain, type or count limit of the class allows), which
    :func:`ualign.proofs.bounded.prove_bounded` proves without a solver (``coefficients``).
    Every symmetric equilibrium is covered, so the rounded one the construction may use is too
    (its slack only helps). Returns (proved, what was done).
    """
    from ualign.proofs.bounded import prove_bounded
    k, l, rule = claim.k, claim.l, claim.tie_rule
    if claim.construction_name != "symmetric_ne" or rule not in (TieRule.SHARE, TieRule.WEAK):
        return None
    guarantee = Fraction(k + 1 - l, k + 1)
    if any(claim.bound_at(n) > guarantee for n in claim.sizes()):
        return None
    cid = ("achievability" if rule is TieRule.SHARE else "achievability-weak") if l == 1 \
        else "multi-opponent"
    for n in claim.sizes():
        left = deadline - time.monotonic()
        if left <= 0:
            return False, f"bounded proof ({cid}): no time left at n = {n}"
        try:
            r = prove_bounded(cid, n, k, rule, claim.instances.orders, l, left,
                              strategy="coefficients")
        except InputError as err:
            return False, f"bounded proof ({cid}) at n = {n}: {err}"
        if r.status != "PROVED-UP-TO":
            return False, f"bounded proof ({cid}) at n = {n}: {r.status}"
    sizes = claim.sizes()
    return True, (f"bounded proof ({cid}, coefficients, no solver): every profile of "
                  f"{claim.instances.orders} orders on {sizes.start}..{sizes.stop - 1} responses, "
                  f"every symmetric equilibrium's product wins >= {guarantee} >= the rate")


def hypothesis_search(claim: RobustnessClaim, deadline: float, seed: int = 0,
                      max_examples: int = 500, progress=None) -> tuple[Evaluation | None, str]:
    """Random profiles of the class, shrunk to a minimal violation (``None`` if none found)."""
    from hypothesis import HealthCheck, find, settings
    from hypothesis.errors import NoSuchExample
    tried = [0]

    def violated(profile) -> bool:
        if time.monotonic() > deadline:
            return False
        tried[0] += 1
        if progress is not None:
            progress(f"hypothesis: {tried[0]} profiles")
        try:
            return claim.evaluate(profile).violated
        except InputError:  # e.g. an exact method refusing the size: not a counterexample
            return False
    cfg = settings(max_examples=max_examples, deadline=None, database=None,
                   suppress_health_check=list(HealthCheck))
    try:
        profile = find(claim.instances.strategy(), violated, settings=cfg, random=Random(seed))
    except NoSuchExample:
        return None, (f"hypothesis: {tried[0]} profiles of {claim.instances.describe()}, "
                      f"no violation")
    ev = claim.evaluate(profile)
    what = f"hypothesis: violation found and shrunk after {tried[0]} evaluations"
    return (ev, what) if ev.violated else (None, what + ", but it did not replay")


def _construction_groups(m, name: str, profile_orders, w, p, k: int):
    from ualign.proofs.bounded_encoding import _equilibrium, _sum
    n = len(p)
    if name == "symmetric_ne":
        return _equilibrium(m, profile_orders, w, p, k)
    if name == "uniform":
        return [("p is uniform", [x == Fraction(1, n) for x in p])]
    if name == "nlhf":  # a maximal lottery: wins >= 1/2 against every response
        groups = []
        for y in range(n):
            terms = []
            for wo, ranks in zip(w, profile_orders):
                beat = [p[x] for x in range(n) if ranks[x] < ranks[y]]
                tie = [p[x] for x in range(n) if ranks[x] == ranks[y]]
                inner = _sum(m, beat + [Fraction(1, 2) * _sum(m, tie)])
                terms.append(wo * inner)
            groups.append((f"p wins >= 1/2 against {y}", [_sum(m, terms) >= Fraction(1, 2)]))
        return groups
    raise InputError(f"no polynomial encoding for {name!r}")


def _queries(claim: RobustnessClaim, n: int):
    from ualign.model.policies import multisets
    from ualign.proofs.bounded_encoding import (Query, _monomials, _simplex, _sum, _weights,
                                                product_win_rate)
    name = claim.construction_name
    orders = claim.instances.allowed_orders(n)
    queries = []
    for T in multisets(n, claim.l):
        def build(m, T=T):
            w, groups = _weights(m, len(orders))
            p, cons = _simplex(m, "p", n)
            groups.append(("p is a distribution", cons))
            groups += _construction_groups(m, name, orders, w, p, claim.k)
            monos = _monomials(p, claim.k)
            W = _sum(m, [wo * product_win_rate(m, o, p, claim.k, T, claim.tie_rule, monos)
                         for wo, o in zip(w, orders)])
            bound = claim.bound_at(n)
            groups.append((f"W(p^k, {T}) < {bound}", [W < bound]))
            return groups, {"w": w, "p": [p]}
        queries.append(Query(f"n{n}_T" + "".join(map(str, T)), "violation", build,
                             {"T": T, "orders": orders}))
    return queries


def z3_search(claim: RobustnessClaim, deadline: float, notes: list[str],
              progress=None) -> tuple[Evaluation | None, str]:
    """Free weights over the class's orders and a free lottery meeting the construction."""
    from ualign.model.lottery import Lottery
    from ualign.model.policies import ProductPolicy
    from ualign.model.profile import Profile
    from ualign.proofs.solver_runs import solve_all
    done = []
    for n in range(2, claim.instances.n + 1):
        if progress is not None:
            progress(f"z3: n = {n}")
        queries = _queries(claim, n)
        for i, status, values, note, _ in solve_all(queries, "z3", deadline):
            if note:
                notes.append(f"z3 n={n}: {note}")
            if status == "unknown":
                return None, f"z3: no counterexample for n in {done or 'none'}; n={n} unknown"
            if status == "sat":
                orders = queries[i].info["orders"]
                pairs = [(o, x) for o, x in zip(orders, values["w"]) if x]
                profile = Profile.from_ranks([o for o, _ in pairs], [x for _, x in pairs])
                lottery = Lottery(tuple(values["p"][0]))
                ev = claim.evaluate(profile, ProductPolicy(lottery, claim.k))
                if ev.violated and _meets_construction(claim, profile, lottery):
                    return ev, f"z3: counterexample at n = {n} (sizes {done} have none)"
                notes.append(f"z3 n={n}: model did not survive the exact re-check")
                return None, f"z3: no counterexample for n in {done or 'none'}"
        done.append(n)
    return None, f"z3: no counterexample exists for n in {done} (unsat)"


def _meets_construction(claim: RobustnessClaim, profile, lottery) -> bool:
    """Exact re-check that the z3 lottery is what the construction asks for."""
    from ualign.game.deviation_payoffs import exploitability
    from ualign.game.value_checks import is_maximal_lottery
    from ualign.model.lottery import Lottery
    name = claim.construction_name
    if name == "symmetric_ne":
        return exploitability(profile, lottery, claim.k) <= 0
    if name == "nlhf":
        return is_maximal_lottery(profile, lottery)
    return lottery == Lottery.uniform(profile.n)
