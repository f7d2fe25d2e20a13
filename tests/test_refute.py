"""Reviewing robustness claims: the claim language, both search engines and the witnesses."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from ualign.certify.checker import check_certificate
from ualign.counterexamples.claim_language import RobustnessClaim, parse_rate
from ualign.counterexamples.instance_classes import InstanceClass
from ualign.counterexamples.refute_search import refute
from ualign.counterexamples.witness_archive import archive_witness, witness_record
from ualign.game.value_checks import is_maximal_lottery
from ualign.io.preflib import parse_preflib
from ualign.model.errors import InputError
from ualign.model.generators import two_group_condorcet
from ualign.model.ties import TieRule


def _replays(result) -> dict:
    assert result.status == "REFUTED", result.searched
    record = witness_record(result.claim, result.evaluation, result.engine)
    assert check_certificate(record).ok
    assert Fraction(record["value"]) < Fraction(record["refutes"]["bound"])
    return record


@pytest.mark.parametrize("engine", ["z3", "hypothesis"])
def test_nlhf_is_not_k_over_k_plus_1_robust(engine):
    # the paper's NLHF ceiling: a Condorcet winner's point mass wins only 1/2 + margin
    claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=InstanceClass(n=3))
    record = _replays(refute(claim, engine=engine, budget_s=60))
    profile = parse_preflib(record["witness"]["preflib"]).profile
    assert profile.n == 2  # both engines reach the fewest responses
    from ualign.io.policy_json import policy_from_json
    lottery = policy_from_json(record["witness"]["policy"], profile).lottery
    assert is_maximal_lottery(profile, lottery)


def test_symmetric_ne_claim_is_proved_up_to_n_and_never_called_true():
    claim = RobustnessClaim("symmetric_ne", "k/(k+1)", k=2, instances=InstanceClass(n=3))
    result = refute(claim, engine="z3", budget_s=60)
    assert result.status == "PROVED-UP-TO" and result.evaluation is None
    assert result.searched[0].startswith("bounded proof (achievability, coefficients")
    # without the bounded proof the z3 search says the same: unsat at n = 2 and 3
    from ualign.counterexamples.refute_search import z3_search
    import time
    notes: list[str] = []
    ev, what = z3_search(claim, time.monotonic() + 60, notes, None)
    assert ev is None and what == "z3: no counterexample exists for n in [2, 3] (unsat)"


def test_a_rate_above_the_guarantee_gets_no_bounded_proof():
    from ualign.counterexamples.refute_search import bounded_proof
    import time
    claim = RobustnessClaim("symmetric_ne", "k/(k+1) + 1/100", k=2, instances=InstanceClass(n=3))
    assert bounded_proof(claim, time.monotonic() + 30) is None
    weak = RobustnessClaim("symmetric_ne", "(k+1-l)/(k+1)", k=3, l=2, tie_rule="weak",
                           instances=InstanceClass(n=3, orders="weak"))
    proved, what = bounded_proof(weak, time.monotonic() + 60)
    assert proved and "multi-opponent" in what


def test_symmetric_ne_under_strict_ties_is_refuted_by_both_engines():
    claim = RobustnessClaim("symmetric_ne", "k/(k+1)", k=2, tie_rule=TieRule.STRICT,
                            instances=InstanceClass(n=2))
    for engine in ("z3", "hypothesis"):
        _replays(refute(claim, engine=engine, budget_s=60))


def test_callable_construction_with_hypothesis():
    from ualign.model.lottery import Lottery

    def always_first(profile, k):
        return Lottery.point(0, profile.n)
    claim = RobustnessClaim(always_first, "1/2", k=1, instances=InstanceClass(n=3))
    result = refute(claim, engine="hypothesis", budget_s=60)
    record = _replays(result)
    assert record["witness"]["responses"] == 2 and record["witness"]["user_types"] == 1
    with pytest.raises(InputError, match="polynomial"):
        refute(claim, engine="z3")


def test_rate_language():
    assert parse_rate("(k+1-l)/(k+1)", 4, 2) == Fraction(3, 5)
    for bad in ("sqrt(2)/2", "k/(", "", "2"):
        with pytest.raises(InputError):
            parse_rate(bad, 2, 1)


WIDE = InstanceClass(n=2, max_count=100)  # eps = 1/100 needs the counts 51 and 49


def test_checker_refuses_a_witness_whose_bound_or_rate_was_changed():
    claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=WIDE)
    record = witness_record(claim, claim.evaluate(two_group_condorcet("1/100")))
    changed = json.loads(json.dumps(record))
    changed["refutes"]["bound"] = "1/2"
    assert "is not the rate k/(k+1)" in check_certificate(changed).reason
    changed = json.loads(json.dumps(record))
    changed["refutes"]["rate"], changed["refutes"]["bound"] = "1/2", "1/2"
    assert "not less than the bound 1/2" in check_certificate(changed).reason
    with pytest.raises(ValueError):
        witness_record(RobustnessClaim("nlhf", "1/2", k=2, instances=WIDE),
                       claim.evaluate(two_group_condorcet("1/100")))


def test_a_witness_outside_the_claimed_class_is_not_written():
    claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=InstanceClass(n=2))
    with pytest.raises(ValueError, match="not in the claim's instance class"):
        witness_record(claim, claim.evaluate(two_group_condorcet("1/100")))


def test_archive_writes_json_and_preflib(tmp_path):
    claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=WIDE)
    record = witness_record(claim, claim.evaluate(two_group_condorcet("1/100")))
    path = archive_witness("demo", record, tmp_path)
    assert (tmp_path / "demo.soc").read_text() == record["witness"]["preflib"]
    assert check_certificate(json.loads(path.read_text()), tmp_path).ok


def test_refute_command_json():
    from click.testing import CliRunner

    from ualign.cli import main
    out = CliRunner().invoke(main, ["refute", "--construction", "nlhf", "--rate", "k/(k+1)",
                                    "--k", "2", "--n", "3", "--engine", "z3", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["status"] == "REFUTED"
    assert data["witness"]["preflib"].startswith("# FILE NAME")
    assert Fraction(data["witness"]["value"]) < Fraction(2, 3)
    bad = CliRunner().invoke(main, ["refute", "--construction", "nope", "--rate", "1/2"])
    assert bad.exit_code == 2 and "ualign: error:" in bad.output


def test_rounding_of_a_numeric_equilibrium_is_not_a_counterexample():
    # five-voter at k = 2 has an irrational equilibrium: the rounded one falls short of 2/3
    # by at most its exploitability, which the claim language allows as slack
    from ualign.model.examples import example
    claim = RobustnessClaim("symmetric_ne", "k/(k+1)", k=2, instances=InstanceClass(n=3))
    ev = claim.evaluate(example("five-voter"))
    assert 0 < ev.slack < Fraction(1, 10**9)
    assert ev.value >= ev.bound - ev.slack and not ev.violated


# --- rates that mention n, the number of responses -----------------------------------------

def test_a_rate_in_n_is_evaluated_at_the_witness_size_and_checked_there():
    # uniform k = 2 on a unanimous population 0 > 1 > ...: the policy loses to 0 unless it
    # draws 0, so it is far from k/n; the witness carries the rate at its own n
    claim = RobustnessClaim("uniform", "min(1, k/n)", k=2, instances=InstanceClass(n=4))
    assert claim.uses_n and claim.bound_at(4) == Fraction(1, 2) and claim.bound_at(2) == 1
    with pytest.raises(InputError, match="depends on n"):
        claim.bound  # noqa: B018
    result = refute(claim, engine="z3", budget_s=60)
    assert result.status == "REFUTED"
    ev = result.evaluation
    assert ev.bound == claim.bound_at(ev.profile.n)
    record = witness_record(claim, ev)
    assert record["refutes"]["bound"] == str(claim.bound_at(ev.profile.n))
    assert check_certificate(record).ok
    changed = json.loads(json.dumps(record))
    changed["refutes"]["bound"] = str(claim.bound_at(ev.profile.n + 1))
    assert f"n={ev.profile.n} (the witness's responses)" in check_certificate(changed).reason


def test_a_true_rate_in_n_is_not_refuted():
    # k = 1 uniform: drawing the competitor's own response (probability 1/n) ties, so the
    # policy always wins at least 1/(2n); z3 proves no instance of 2..3 responses does worse
    claim = RobustnessClaim("uniform", "1/(2*n)", k=1, instances=InstanceClass(n=3))
    result = refute(claim, engine="z3", budget_s=60)
    assert result.status == "NO-COUNTEREXAMPLE"
    assert result.searched == ["z3: no counterexample exists for n in [2, 3] (unsat)"]


def test_a_rate_outside_zero_one_at_some_allowed_size_is_refused():
    with pytest.raises(InputError, match="n=2 is 101/100, outside"):
        RobustnessClaim("uniform", "min(1, k/n) + 1/100", k=2, instances=InstanceClass(n=3))


def test_refuting_optimal_at_l2_certifies_that_no_policy_does_better():
    # a bare `optimal` is optimal against the claim's own l (it used to be l = 1 and crash)
    claim = RobustnessClaim("optimal", "3/5", k=3, l=2, instances=InstanceClass(n=2))
    result = refute(claim, engine="hypothesis", budget_s=30)
    assert result.status == "REFUTED"
    record = witness_record(claim, result.evaluation)
    check = check_certificate(record)
    assert check.ok and "no k-output policy does better" in check.statement
    (opt,) = [c for c in record["certificates"] if c["kind"] == "optimal-policy"]
    assert (opt["k"], opt["l"]) == (3, 2) and Fraction(opt["value"]) == result.evaluation.value
    assert result.evaluation.value < Fraction(3, 5)


def test_every_answer_names_what_the_construction_is_and_nlhf_vertex_is_not_for_z3():
    from click.testing import CliRunner

    from ualign.cli import main
    out = CliRunner().invoke(main, ["refute", "--construction", "nlhf_vertex", "--rate",
                                    "k/(k+1)", "--k", "2", "--n", "2", "--budget", "20",
                                    "--json"])
    data = json.loads(out.output)
    assert data["status"] == "REFUTED" and "returns" in data["construction_meaning"]
    assert "every maximal lottery" in CliRunner().invoke(main, [
        "refute", "--construction", "nlhf", "--rate", "k/(k+1)", "--k", "2", "--n", "2",
        "--engine", "z3"]).output
    with pytest.raises(InputError, match="z3 engine needs a polynomial construction"):
        refute(RobustnessClaim("nlhf_vertex", "k/(k+1)", k=2, instances=InstanceClass(n=2)),
               engine="z3", budget_s=5)
