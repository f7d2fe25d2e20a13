"""Solver-free lemma certificates (ualign.certify.lemma_polynomials), against the engine and Z3."""

from __future__ import annotations

import json
from fractions import Fraction
from math import prod

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ualign.certify.checker import check_certificate
from ualign.certify.lemma_polynomials import (lemma_certificate, lemma_coefficients,
                                              lemma_min_coefficient, order_types)
from ualign.counterexamples.strategies import lotteries, tie_rules, weak_orders
from ualign.game.deviation_payoffs import deviation_payoffs
from ualign.game.win_rates import win_rate
from ualign.model.errors import InputError
from ualign.model.policies import ProductPolicy
from ualign.model.profile import Profile
from ualign.model.ties import TieRule


@st.composite
def lemma_cases(draw):
    n = draw(st.integers(2, 4))
    k = draw(st.integers(1, 3))
    T = tuple(sorted(draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=3))))
    return n, k, draw(weak_orders(n)), T, draw(tie_rules()), draw(lotteries(n)), \
        draw(st.integers(0, 2))


@given(lemma_cases())
def test_coefficients_evaluate_to_the_engine_gap(case):
    # sum_S c_S p^S must equal W_o(p^k, T) - 1 + sum_t V_o(t), computed by the engine's
    # enumeration (win_rate) and closed form (deviation_payoffs), at any lottery
    n, k, ranks, T, rule, lottery, r = case
    user = Profile.from_ranks([ranks], [Fraction(1)])
    V = deviation_payoffs(user, lottery, k)
    gap = win_rate(user, ProductPolicy(lottery, k), T, rule) - 1 + sum(V[t] for t in T)
    p = lottery.probs
    value = sum((c * prod(p[y] for y in S) for S, c in
                 lemma_coefficients(ranks, k, T, rule, r).items()), Fraction(0))
    assert value == gap


@given(st.integers(2, 5), st.integers(1, 4), st.integers(1, 3),
       st.sampled_from([TieRule.SHARE, TieRule.WEAK]), st.sampled_from(["strict", "weak"]))
def test_share_and_weak_lemmas_hold_with_no_multiplier(n, k, l, rule, orders):
    cert = lemma_certificate(n, k, l, rule, orders, max_r=0)
    assert check_certificate(cert).ok
    assert Fraction(cert["bound"]) == Fraction(k + 1 - l, k + 1)


@pytest.mark.parametrize("rule", [TieRule.HALF, TieRule.STRICT])
def test_half_and_strict_lemmas_fail_at_a_vertex(rule):
    # the product of a point mass ties the copying competitor: f(e_0) < 0 at k = 2
    coefficients = lemma_coefficients((0, 1, 2), 2, (0,), rule)
    assert coefficients[(0, 0)] < 0
    with pytest.raises(InputError, match="lemma is false"):
        lemma_certificate(3, 2, 1, rule)
    # at k = 1 half agrees with share, so its lemma holds
    if rule is TieRule.HALF:
        assert lemma_min_coefficient((0, 1, 2), 1, (0,), rule) >= 0


@pytest.mark.parametrize("n,k,l,rule,orders", [(3, 2, 1, TieRule.SHARE, "strict"),
                                               (3, 2, 1, TieRule.HALF, "strict"),
                                               (2, 2, 2, TieRule.SHARE, "weak")])
def test_z3_lemma_queries_agree(n, k, l, rule, orders):
    import z3

    from ualign.proofs.bounded_encoding import lemma_queries
    for q in lemma_queries(n, k, l, rule, orders):
        cons, _ = q.constraints(z3)
        s = z3.SolverFor("QF_NRA")
        s.add(*cons)
        holds = lemma_min_coefficient(q.info["order"], k, q.info["T"], rule) >= 0
        assert str(s.check()) == ("unsat" if holds else "sat"), q.name


def test_order_types_cover_every_weak_order_by_relabelling():
    from ualign.proofs.bounded_encoding import order_class
    for n in (2, 3, 4):
        types = set(order_types(n, "weak"))
        for ranks in order_class(n, "weak"):
            assert tuple(sorted(ranks)) in types


def _tampered(cert, **changes):
    bad = json.loads(json.dumps(cert))
    bad.update(changes)
    return check_certificate(bad)


def test_checker_rejects_tampered_certificates():
    cert = lemma_certificate(3, 2, 1)
    assert check_certificate(cert).ok
    assert "not 1 - l/(k+1)" in _tampered(cert, bound="3/4").reason
    assert "lemmas are needed" in _tampered(cert, lemmas=cert["lemmas"][:-1]).reason
    assert "coefficient" in _tampered(cert, tie_rule=TieRule.STRICT).reason
    assert "tie rule one of" in _tampered(cert, tie_rule="loose").reason
    assert "whole numbers" in _tampered(cert, k="two").reason


def test_size_limit_names_the_alternative():
    with pytest.raises(InputError, match="strategy lemmas"):
        lemma_certificate(12, 4, 1, orders="weak")


def test_prove_coefficients_saves_a_checkable_certificate(tmp_path):
    from click.testing import CliRunner

    from ualign.cli import main
    from ualign.proofs.bounded import prove_bounded
    r = prove_bounded("multi-opponent", 6, 4, l=3, strategy="coefficients")
    assert r.status == "PROVED-UP-TO" and r.queries == 0
    assert check_certificate(r.certificate).ok
    assert prove_bounded("achievability-strict", 3, 2, strategy="coefficients").status == \
        "UNKNOWN"  # the lemma is false, which refutes nothing
    path = tmp_path / "lemmas.json"
    runner = CliRunner()
    out = runner.invoke(main, ["prove", "achievability", "--n", "8", "--k", "3",
                               "--strategy", "coefficients", "--certificate", str(path)])
    assert out.exit_code == 0 and "PROVED-UP-TO" in out.output
    checked = runner.invoke(main, ["check", str(path), "--json"])
    assert checked.exit_code == 0 and json.loads(checked.output)["ok"]
