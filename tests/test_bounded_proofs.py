"""Bounded proofs (ualign.proofs.bounded): known outcomes, solver cross-checks, SMT-LIB2, inputs."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ualign.certify.checker import check_certificate
from ualign.model.errors import InputError
from ualign.model.ties import TieRule
from ualign.proofs.bounded import BoundedResult, prove_bounded
from ualign.proofs.bounded_encoding import canonical_competitors, order_class

STRATEGIES = ("monolithic", "lemmas", "supports")


@pytest.mark.parametrize("n,k", [(2, 2), (3, 1)])
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_achievability_share_proved_by_both_solvers(n, k, strategy):
    results = [prove_bounded("achievability", n, k, timeout_s=20, solver=s, strategy=strategy)
               for s in ("z3", "cvc5")]
    assert [r.status for r in results] == ["PROVED-UP-TO", "PROVED-UP-TO"]
    assert prove_bounded("achievability", n, k, timeout_s=20, solver="both",
                         strategy=strategy).status == "PROVED-UP-TO"


def test_weak_orders_and_weak_rule_proved():
    assert prove_bounded("achievability", 2, 2, orders="weak", timeout_s=20).status == \
        "PROVED-UP-TO"
    assert prove_bounded("achievability-weak", 3, 1, orders="weak", timeout_s=20).status == \
        "PROVED-UP-TO"


def _assert_refuted(r: BoundedResult, bound: Fraction) -> None:
    assert r.status == "REFUTED", r.notes
    cert = r.witness["certificate"]
    assert check_certificate(cert).ok
    assert Fraction(cert["value"]) < bound
    assert r.witness["preflib"].startswith("# FILE NAME")
    assert sum(Fraction(v) for v in r.witness["lottery"].values()) == 1


@pytest.mark.parametrize("solver", ["z3", "cvc5"])
def test_strict_rule_refuted_with_checked_witness(solver):
    r = prove_bounded("achievability-strict", 2, 1, timeout_s=20, solver=solver)
    _assert_refuted(r, Fraction(1, 2))
    same = prove_bounded("achievability", 2, 1, tie_rule=TieRule.STRICT, timeout_s=20, solver=solver)
    assert same.status == "REFUTED"


@pytest.mark.parametrize("orders", ["strict", "weak"])
def test_half_rule_refuted_at_k2(orders):
    _assert_refuted(prove_bounded("achievability-half", 2, 2, orders=orders, timeout_s=20),
                    Fraction(2, 3))


def test_half_rule_holds_at_k1():
    # at k = 1 half and share agree, so the bound holds
    assert prove_bounded("achievability-half", 3, 1, orders="weak", timeout_s=20).status == \
        "PROVED-UP-TO"


def test_multi_opponent_proved():
    r = prove_bounded("multi-opponent", 2, 2, l=2, timeout_s=20, strategy="monolithic")
    assert r.status == "PROVED-UP-TO" and r.queries == len(canonical_competitors(2, 2))
    assert prove_bounded("multi-opponent", 3, 2, l=2, timeout_s=20).status == "PROVED-UP-TO"


def test_ne_unique_refuted_by_two_checked_equilibria():
    r = prove_bounded("ne-unique", 2, 1, orders="weak", timeout_s=20)
    assert r.status == "REFUTED"
    assert check_certificate(r.witness["certificate"]).ok
    assert len({tuple(sorted(x.items())) for x in r.witness["lotteries"]}) == 2


def test_asymmetric_ne_small():
    r = prove_bounded("asymmetric-ne", 2, 1, timeout_s=20)
    assert r.status == "PROVED-UP-TO"  # k = 1: a two-player constant-sum game


@pytest.mark.parametrize("claim_id,k,expected", [("achievability", 2, "unsat"),
                                                 ("achievability-strict", 1, "sat")])
def test_smt2_export_round_trips(tmp_path, claim_id, k, expected):
    import z3
    r = prove_bounded(claim_id, 2, k, timeout_s=20, smt2_dir=tmp_path, strategy="monolithic")
    assert r.smt2_files
    for path in r.smt2_files:
        text = open(path, encoding="utf-8").read()
        assert "(set-logic QF_NRA)" in text and "(check-sat)" in text
        s = z3.SolverFor("QF_NRA")
        s.from_file(path)  # named assertions, one per hypothesis group
        assert str(s.check()) == expected
        if expected == "unsat":  # the replaying solver names the hypotheses it used
            names = {str(x) for x in s.unsat_core()}
            assert names and all(f"; {x}: " in text for x in names)


@pytest.mark.parametrize("kwargs", [
    {"claim_id": "no-such-claim", "n": 2, "k": 1}, {"claim_id": "achievability", "n": 1, "k": 1},
    {"claim_id": "achievability", "n": 2, "k": 0}, {"claim_id": "achievability", "n": 2, "k": 1,
                                                    "solver": "yices"},
    {"claim_id": "achievability", "n": 2, "k": 1, "orders": "partial"},
    {"claim_id": "achievability-weak", "n": 2, "k": 1, "tie_rule": TieRule.STRICT},
    {"claim_id": "achievability", "n": 2, "k": 1, "l": 2},
])
def test_bad_input_raises(kwargs):
    with pytest.raises(InputError):
        prove_bounded(**kwargs)


def test_order_classes_are_counted():
    assert [len(order_class(n, "weak")) for n in (2, 3, 4)] == [3, 13, 75]
    assert len(order_class(4, "strict")) == 24


@pytest.mark.parametrize("solver", ["z3", "cvc5"])
def test_asymmetric_ne_refuted_at_k2(solver):
    # e.g. majority 0 > 1: players (1, 0, 0) are a pure Nash equilibrium, yet player 0's
    # product (1, 1) loses to response 0 with the majority's weight
    r = prove_bounded("asymmetric-ne", 2, 2, timeout_s=20, solver=solver)
    _assert_refuted(r, Fraction(2, 3))
    assert Fraction(r.witness["nash_gap"]) <= 0 and len(r.witness["players"]) == 3


def test_prove_command_reports_status_and_witness(tmp_path):
    import json

    from click.testing import CliRunner

    from ualign.certify.checker import check_certificate
    from ualign.cli import main
    runner = CliRunner()
    proved = runner.invoke(main, ["prove", "achievability", "--n", "2", "--k", "2", "--json",
                                  "--smt2", str(tmp_path)])
    assert proved.exit_code == 0 and json.loads(proved.output)["status"] == "PROVED-UP-TO"
    assert any(p.suffix == ".smt2" for p in tmp_path.iterdir())
    refuted = json.loads(runner.invoke(main, ["prove", "asymmetric-ne", "--n", "2", "--k", "2",
                                              "--json"]).output)
    assert refuted["status"] == "REFUTED"
    assert "preflib" in refuted["witness"] and "lottery" in refuted["witness"]
    assert check_certificate(refuted["witness"]["certificate"]).ok
    bad = runner.invoke(main, ["prove", "no-such-claim"])
    assert bad.exit_code == 2 and "ualign: error:" in bad.output
