"""Unsat cores of bounded proofs: the hypotheses each proof needs, found by two solvers."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from ualign.model.ties import TieRule
from ualign.proofs.bounded import prove_bounded
from ualign.proofs.bounded_encoding import violation_queries
from ualign.proofs.unsat_cores import check_groups, unsat_core

WEIGHTS, LOTTERY = "weights are a distribution", "p is a distribution"


def _deviation(y: int) -> str:
    return f"p: no gain deviating to {y}"


@pytest.mark.parametrize("solver", ["z3", "cvc5", "both"])
def test_achievability_needs_only_the_deviation_to_the_competitor(solver):
    # the lemma argument W(T) >= 1 - V(t) uses the equilibrium inequality at t alone; the
    # core must find exactly that, and drop the other n - 1 deviations
    r = prove_bounded("achievability", 3, 2, strategy="monolithic", solver=solver, cores=True,
                      timeout_s=60)
    assert r.status == "PROVED-UP-TO"
    assert r.cores == {"T0": [WEIGHTS, LOTTERY, _deviation(0),
                              "conclusion fails: W(p^k, (0,)) < 2/3"]}


def test_multi_opponent_needs_one_deviation_per_distinct_competitor_response():
    r = prove_bounded("multi-opponent", 2, 2, l=2, strategy="monolithic", cores=True,
                      timeout_s=60)
    assert r.status == "PROVED-UP-TO"
    assert [c for c in r.cores["T00"] if "deviating" in c] == [_deviation(0)]
    assert [c for c in r.cores["T01"] if "deviating" in c] == [_deviation(0), _deviation(1)]


def _groups(m, q, labels):
    groups, _ = q.build(m)
    return [g for g in groups if g[0] in labels]


# cvc5 ignores its time limit on some satisfiable subsets of the weak-order query, so it
# finds the core on strict orders only (prove_bounded runs it in a child that is killed)
@pytest.mark.parametrize("finder,checker,orders", [("z3", "cvc5", "weak"),
                                                   ("cvc5", "z3", "strict")])
def test_core_is_unsat_and_minimal_for_the_other_solver(finder, checker, orders):
    import cvc5.pythonic
    import z3
    mods = {"z3": z3, "cvc5": cvc5.pythonic}
    q = violation_queries(3, 2, 1, TieRule.SHARE, orders, Fraction(2, 3))[0]
    core = unsat_core(q, mods[finder], 60)
    m = mods[checker]
    assert check_groups(m, _groups(m, q, core), 60) == "unsat"
    for dropped in core:  # minimal: every proper subset is satisfiable
        rest = [c for c in core if c != dropped]
        assert check_groups(m, _groups(m, q, rest), 60) == "sat", dropped


def test_no_core_for_a_satisfiable_query():
    import z3
    q = violation_queries(2, 1, 1, TieRule.STRICT, "strict", Fraction(1, 2))[0]
    assert unsat_core(q, z3, 20) is None


def test_prove_command_prints_cores():
    from click.testing import CliRunner

    from ualign.cli import main
    runner = CliRunner()
    out = runner.invoke(main, ["prove", "achievability", "--n", "3", "--k", "2", "--strategy",
                               "monolithic", "--cores", "--json"])
    assert out.exit_code == 0, out.output
    assert _deviation(0) in json.loads(out.output)["cores"]["T0"]
    text = runner.invoke(main, ["prove", "achievability", "--n", "3", "--k", "2", "--strategy",
                                "monolithic", "--cores"]).output
    assert "unsat core of T0: " in text and _deviation(1) not in text
