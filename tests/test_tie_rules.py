"""Tie rules are parsed once, at the boundary; the core takes a TieRule and refuses a name."""

from __future__ import annotations

import json
import sys
from fractions import Fraction

import pytest
from click.testing import CliRunner

from ualign.certify.certificates import robustness_certificate
from ualign.certify.lemma_polynomials import lemma_certificate
from ualign.cli import main
from ualign.game.deviation_payoffs import deviation_payoffs
from ualign.game.robustness import best_competitor, robustness
from ualign.game.win_rates import win_rate
from ualign.model.examples import example
from ualign.model.lottery import Lottery
from ualign.model.policies import ProductPolicy
from ualign.model.ties import TieRule, contest_share, parse_tie_rule
from ualign.proofs.bounded import prove_bounded
from ualign.solvers.optimal_policy import optimal_policy

P = example("five-voter")
PI = ProductPolicy(Lottery.uniform(3), 2)

CORE = {
    "win_rate": lambda r: win_rate(P, PI, 0, r),
    "robustness": lambda r: robustness(P, PI, 1, r),
    "best_competitor": lambda r: best_competitor(P, PI, 1, r),
    "deviation_payoffs": lambda r: deviation_payoffs(P, PI.lottery, 2, r),
    "optimal_policy": lambda r: optimal_policy(P, 1, 1, r),
    "robustness_certificate": lambda r: robustness_certificate(P, PI, 1, r),
    "lemma_certificate": lambda r: lemma_certificate(2, 1, 1, r),
    "contest_share": lambda r: contest_share(r, 1, 1),
    "prove_bounded": lambda r: prove_bounded("achievability", 2, 1, r, strategy="coefficients"),
}


@pytest.mark.parametrize("name", CORE)
def test_core_refuses_a_rule_given_by_name(name):
    with pytest.raises(TypeError, match="not a TieRule; parse it once at the boundary"):
        CORE[name]("share")
    CORE[name](TieRule.SHARE)  # and takes the parsed rule


def test_evaluate_parses_the_rule_once(tmp_path):
    policy = tmp_path / "pi.json"
    policy.write_text(json.dumps({"kind": "product", "k": 2, "lottery": {"0": "1/2", "1": "1/2"}}))
    calls = []

    def count(frame, event, arg):
        if event == "call" and frame.f_code is parse_tie_rule.__code__:
            calls.append(frame.f_locals.get("rule"))

    sys.setprofile(count)
    try:
        run = CliRunner().invoke(main, ["evaluate", "example:five-voter", "--policy", str(policy),
                                        "--ties", "weak", "--json"])
    finally:
        sys.setprofile(None)
    assert run.exit_code == 0, run.output
    assert json.loads(run.output)["tie_rule"] == "weak"
    assert calls == ["weak"]


@pytest.mark.parametrize("command", [
    ["evaluate", "example:five-voter", "--policy", "x.json"],
    ["optimal", "example:five-voter", "--k", "2"],
    ["prove", "achievability", "--n", "2", "--k", "1"],
    ["lower-bound", "--k", "2", "--target", "0.7"],
])
def test_an_unknown_rule_is_one_line_and_exit_2(command):
    run = CliRunner().invoke(main, command + ["--ties", "loose"])
    assert run.exit_code == 2
    assert run.output.strip().splitlines() == [
        "ualign: error: --ties: unknown tie rule 'loose'; use one of share, half, weak, strict"]


def test_the_rule_reads_as_its_name():
    assert [str(r) for r in TieRule] == ["share", "half", "weak", "strict"]
    assert parse_tie_rule(" Weak ") is TieRule.WEAK
    assert contest_share(TieRule.SHARE, 2, 1) == Fraction(2, 3)
