"""The symbolic bounds (achievability, multi-opponent, self-play regret) against the engine.

Each derivation is checked for symbolic parameters; these tests then evaluate its closed forms
at numbers and compare them with :mod:`ualign`'s exact (``Fraction``) computations.
"""

from __future__ import annotations

import json
import math
from fractions import Fraction
from itertools import combinations
from math import comb

import pytest
import sympy

from ualign.game.deviation_payoffs import competitor_share, deviation_payoffs
from ualign.game.robustness import competitor_multisets, robustness
from ualign.game.win_rates import competitor_table
from ualign.model.examples import example
from ualign.model.generators import impartial_culture
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, ProductPolicy
from ualign.model.profile import Profile
from ualign.model.ties import TieRule
from ualign.solvers.selfplay import certify_mixture, selfplay
from ualign.solvers.symmetric_equilibria import symmetric_equilibria
from ualign.symbolic import achievability, multi_opponent, selfplay_regret

MODULES = {"achievability": achievability, "multi-opponent": multi_opponent,
           "selfplay-regret": selfplay_regret}


def at(expr, **values) -> Fraction:
    """Evaluate a sympy expression exactly at integer/rational values, as a Fraction."""
    value = sympy.nsimplify(expr.subs({sympy.Symbol(name, **_assumptions(name)): v
                                       for name, v in values.items()}))
    assert value.is_Rational, value
    return Fraction(int(value.p), int(value.q))


def _assumptions(name: str) -> dict:
    return {"positive": True, "integer": True} if name in "klmn" else {"positive": True}


# --- contract: every derivation passes and renders ----------------------------------------
@pytest.fixture(scope="module", params=sorted(MODULES))
def derivation(request):
    return request.param, MODULES[request.param].derive()


def test_derivation_passes(derivation):
    name, d = derivation
    assert d.name == name
    assert d.passed
    assert all(step.passed for step in d.steps), [s.claim for s in d.steps if not s.passed]
    assert d.result is not None and d.result_text


def test_symbols_are_symbolic(derivation):
    _, d = derivation
    # Every relation involves free symbols or is a checked constant identity; the result is
    # a formula in the paper's letters, never a sampled number.
    assert d.result.free_symbols
    assert all(s.assumptions0.get("positive") for s in d.result.free_symbols)


def test_renderings(derivation):
    name, d = derivation
    text, latex = d.to_text(), d.to_latex()
    assert text.startswith(f"{name}:") and "status: PASSED" in text and "FAILED" not in text
    assert latex.startswith(f"\\paragraph{{{name}}}") and "\\end{enumerate}" in latex
    data = json.loads(json.dumps(d.to_json()))
    assert data["name"] == name and data["passed"] is True
    assert len(data["steps"]) == len(d.steps)
    # srepr round-trips each relation
    for step, row in zip(d.steps, data["steps"]):
        assert sympy.sympify(row["text"]) is not None
        assert sympy.srepr(step.relation) == row["relation"]


# --- achievability ------------------------------------------------------------------------
def test_achievability_values():
    for kv in range(1, 8):
        assert at(achievability.f, k=kv) == Fraction(kv, kv + 1)
        assert at(achievability.violations["strict"], k=kv) == Fraction(kv, kv + 1)
        assert at(achievability.violations["half"], k=kv) == Fraction(kv - 1, 2 * (kv + 1))


@pytest.mark.parametrize("rule", [TieRule.SHARE, TieRule.WEAK, TieRule.STRICT, TieRule.HALF])
def test_rule_payoffs_match_engine_closed_forms(rule):
    A, B, k = achievability.A, achievability.B, achievability.k
    for kv in (1, 2, 3, 5):
        for a_, b_ in ((Fraction(1, 3), Fraction(1, 2)), (Fraction(1, 7), Fraction(5, 7)),
                       (Fraction(1, 2), Fraction(1, 10))):
            ours = achievability.rule_payoffs[rule].subs({A: sympy.Rational(a_.numerator,
                                                                           a_.denominator),
                                                          B: sympy.Rational(b_.numerator,
                                                                           b_.denominator),
                                                          k: kv})
            engine = competitor_share(a_, b_, kv, 1, TieRule(rule))
            assert Fraction(str(sympy.nsimplify(ours))) == engine
            share = competitor_share(a_, b_, kv, 1, TieRule.SHARE)
            # The derived orderings: weak <= share <= half, strict (equality at k = 1 for half).
            if rule == "weak":
                assert engine <= share
            elif rule in ("strict", "half"):
                assert engine >= share
                if rule == "half" and kv == 1:
                    assert engine == share


@pytest.mark.parametrize("n", [2, 3])
@pytest.mark.parametrize("kv", [1, 2, 3])
def test_all_indifferent_counterexample_matches_engine(n, kv):
    profile = Profile.of([(tuple(range(n)),)])  # one user, a single indifference class
    found = symmetric_equilibria(profile, kv)
    assert found.equilibria
    f_k = Fraction(kv, kv + 1)
    for eq in found.equilibria:
        lottery = eq.approximation
        assert max(deviation_payoffs(profile, lottery, kv)) == Fraction(1, kv + 1)
        policy = ProductPolicy(lottery, kv)
        for rule in (TieRule.SHARE, TieRule.WEAK, TieRule.STRICT, TieRule.HALF):
            win = robustness(profile, policy, 1, rule)
            assert f_k - win == at(achievability.violations[rule], k=kv), rule


@pytest.mark.parametrize("name,kv", [("condorcet-cycle", 2), ("condorcet-cycle", 3),
                                     ("five-voter", 1), ("nlhf-ceiling", 2)])
def test_share_and_weak_inherit_the_bound(name, kv):
    profile = example(name)
    for eq in symmetric_equilibria(profile, kv).equilibria:
        if eq.approximation_exploitability > 0:
            continue  # an irrational equilibrium's rounding; the bound is for exact ones
        policy = ProductPolicy(eq.approximation, kv)
        assert robustness(profile, policy, 1, TieRule.SHARE) == Fraction(kv, kv + 1)
        assert robustness(profile, policy, 1, TieRule.WEAK) >= Fraction(kv, kv + 1)


def test_ties_example_weak_beats_share():
    profile = example("ties")
    lottery = Lottery.uniform(profile.n)
    for kv in (1, 2, 3):
        share = deviation_payoffs(profile, lottery, kv, TieRule.SHARE)
        for rule, compare in ((TieRule.WEAK, Fraction.__le__), (TieRule.STRICT, Fraction.__ge__),
                              (TieRule.HALF, Fraction.__ge__)):
            other = deviation_payoffs(profile, lottery, kv, rule)
            assert all(compare(o, s) for o, s in zip(other, share)), rule


# --- multi-opponent -----------------------------------------------------------------------
def test_multi_opponent_values():
    for kv in range(1, 7):
        for lv in range(1, 5):
            bound = at(multi_opponent.union_bound, k=kv, l=lv)
            ceiling = at(multi_opponent.ic_ceiling, k=kv, l=lv)
            assert bound == Fraction(kv + 1 - lv, kv + 1)
            assert ceiling == Fraction(kv, kv + lv)
            assert ceiling - bound == at(multi_opponent.gap, k=kv, l=lv)
            assert (ceiling == bound) == (lv == 1)


@pytest.mark.parametrize("name,kv", [("condorcet-cycle", 1), ("condorcet-cycle", 2),
                                     ("condorcet-cycle", 3), ("nlhf-ceiling", 2)])
@pytest.mark.parametrize("lv", [1, 2, 3])
def test_union_bound_against_engine(name, kv, lv):
    profile = example(name)
    for eq in symmetric_equilibria(profile, kv).equilibria:
        assert eq.approximation_exploitability <= 0
        policy = ProductPolicy(eq.approximation, kv)
        value = robustness(profile, policy, lv)
        assert value >= Fraction(kv + 1 - lv, kv + 1)
        if lv == 1:
            assert value == Fraction(kv, kv + 1)
        # The per-competitor union bound: share <= sum of single-slot payoffs V(z_i).
        V = deviation_payoffs(profile, eq.approximation, kv)
        table = competitor_table(profile, policy, competitor_multisets(profile.n, lv),
                                 TieRule.SHARE)
        for ms, win in table.items():
            assert 1 - win <= sum(V[z] for z in ms)


def _distinct_subsets(m_: int, kv: int) -> JointPolicy:
    return JointPolicy.of({c: Fraction(1, comb(m_, kv)) for c in combinations(range(m_), kv)},
                          n=m_)


@pytest.mark.parametrize("kv,lv", [(1, 2), (2, 2), (2, 1)])
def test_impartial_culture_approaches_ceiling(kv, lv):
    ceiling = Fraction(kv, kv + lv)
    previous = None
    for m_ in range(kv + lv, 6):
        profile = impartial_culture(m_)
        value = robustness(profile, _distinct_subsets(m_, kv), lv)
        exact = 1 - multi_opponent.ic_distinct_competitor_payoff(m_, kv, lv)
        assert value == exact  # l distinct responses are the worst competitor
        assert abs(value - ceiling) <= Fraction(kv * lv, m_)
        if previous is not None:
            assert abs(value - ceiling) <= abs(previous - ceiling)
        previous = value
    big = [1 - multi_opponent.ic_distinct_competitor_payoff(10**e, kv, lv) for e in (2, 4, 6)]
    assert all(abs(v - ceiling) <= Fraction(kv * lv, 10**e) for v, e in zip(big, (2, 4, 6)))


# --- self-play regret ---------------------------------------------------------------------
def _float(expr, **values) -> float:
    subs = {sympy.Symbol(name, **_assumptions(name)): v for name, v in values.items()}
    return float(expr.subs(subs))


def test_selfplay_closed_forms():
    for nv, Tv in ((3, 400), (4, 1000), (6, 50)):
        assert _float(selfplay_regret.regret_bound, n=nv, T=Tv) == pytest.approx(
            math.sqrt(Tv * math.log(nv) / 2))
        assert _float(selfplay_regret.deficit_bound, n=nv, T=Tv) == pytest.approx(
            math.sqrt(math.log(nv) / (2 * Tv)))
    steps = _float(selfplay_regret.steps_for_deficit, n=3, delta=0.05)
    assert steps == pytest.approx(math.log(3) / (2 * 0.05**2))
    assert _float(selfplay_regret.deficit_bound, n=3, T=math.ceil(steps)) <= 0.05


@pytest.mark.parametrize("name,kv,Tv", [("five-voter", 2, 300), ("condorcet-cycle", 1, 200),
                                        ("ties", 2, 200), ("impartial-culture-4", 3, 100)])
def test_selfplay_regret_within_bound(name, kv, Tv):
    profile = example(name)
    run = selfplay(profile, kv, Tv)
    bound = _float(selfplay_regret.regret_bound, n=profile.n, T=Tv)
    assert run.eta == pytest.approx(math.sqrt(8 * math.log(profile.n) / Tv))
    assert float(run.regret[-1]) <= bound + 1e-9
    deficit = _float(selfplay_regret.deficit_bound, n=profile.n, T=Tv)
    assert run.mixture_robustness_float >= kv / (kv + 1) - deficit - 1e-9


@pytest.mark.parametrize("name,kv,Tv", [("five-voter", 1, 12), ("condorcet-cycle", 2, 8)])
def test_selfplay_exact_identity(name, kv, Tv):
    profile = example(name)
    cert = certify_mixture(profile, selfplay(profile, kv, Tv), max_denominator=1000)
    # robustness(Pi_T) = k/(k+1) - Regret_T / T, exactly, as derived.
    R, T, k = selfplay_regret.regret, selfplay_regret.T, selfplay_regret.k
    identity = selfplay_regret.derive().steps[5].relation.rhs
    value = identity.subs({R: sympy.Rational(cert.regret.numerator, cert.regret.denominator),
                           T: Tv, k: kv})
    assert Fraction(str(value)) == cert.robustness == cert.bound
    # and the exact regret of the rationalised iterates is within the Hedge bound (the
    # rounding of the iterates to 1/1000 moves it by far less than the margin here)
    assert float(cert.regret) <= _float(selfplay_regret.regret_bound, n=profile.n, T=Tv)
