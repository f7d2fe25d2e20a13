"""The Coq development: built, current, closed, and in agreement with the Python engine."""

from __future__ import annotations

import json
import re
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from ualign.cli import main
from ualign.counterexamples.strategies import profiles
from ualign.io.policy_json import policy_to_json
from ualign.model.errors import InputError
from ualign.model.examples import EXAMPLES, example
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, ProductPolicy
from ualign.model.ties import TieRule
from ualign.proofs import coq_docs, coq_eval, coq_theorems
from ualign.proofs.claims import CLAIMS, Status
from ualign.proofs.coq_theorems import (ALLOWED_AXIOMS, COQ_DIR, build_status,
                                        print_assumptions, theorem_names)

ESCAPES = re.compile(r"\b(Admitted|admit|Axiom|Parameter|Conjecture)\b")


def test_the_development_is_built_and_current():
    status = build_status()
    assert status.ok, status.describe()


def test_only_the_nash_axiom_is_assumed_anywhere():
    found = [(p.name, line.strip()) for p in sorted(COQ_DIR.glob("*.v"))
             for line in p.read_text().splitlines() if ESCAPES.search(line)]
    assert found == [("Nash.v", "Axiom symmetric_nash_existence :")]


@pytest.fixture(scope="module")
def assumptions():
    return print_assumptions(theorem_names())


def test_every_theorem_is_closed_but_existence(assumptions):
    for name, a in assumptions.items():
        if name in ALLOWED_AXIOMS:
            assert a.axioms == ALLOWED_AXIOMS[name], name
        else:
            assert a.closed, (name, a.text)


def test_proved_claims_name_coq_theorems_that_exist(assumptions):
    for c in CLAIMS:
        if c.status is Status.PROVED:
            assert c.coq, c.id
        assert set(c.coq) <= set(assumptions), c.id
        assert all(assumptions[t].allowed for t in c.coq), c.id


def test_every_theorem_proves_its_statement():
    text = (COQ_DIR / "Theorems.v").read_text()
    source = (COQ_DIR / "Statements.v").read_text()
    statements = set(re.findall(r"^Definition (\w+)[^\n]*: Prop :=", source, re.M))
    for name, stated in re.findall(r"^Theorem (\w+) : ~? ?(\w+)", text, re.M):
        assert stated in statements, name


def test_a_stale_or_missing_file_is_detected(tmp_path, monkeypatch):
    copy = tmp_path / "coq"
    shutil.copytree(COQ_DIR, copy)
    monkeypatch.setattr(coq_theorems, "COQ_DIR", copy)
    assert coq_theorems.build_status().ok
    model = copy / "Model.v"
    later = (copy / "Theorems.vo").stat().st_mtime + 10
    import os
    os.utime(model, (later, later))
    assert "Model.v" in coq_theorems.build_status().stale
    (copy / "Ceiling.vo").unlink()
    assert coq_theorems.build_status().missing == ("Ceiling.v",)


def test_verify_fails_when_the_development_is_not_built(monkeypatch):
    from ualign.proofs import verify_report
    monkeypatch.setattr(verify_report, "build_status", lambda: coq_theorems.BuildStatus(
        "/usr/bin/coqc", ("Model.v",), ()))
    coq = verify_report.coq_report()
    assert not coq["built"]
    proved = [c for c in CLAIMS if c.status is Status.PROVED]
    for c in proved[:2]:
        ok, _, words = verify_report._coq_rows(c, coq)
        assert not ok and "not compiled: Model.v" in words


# --- ualign coq eval --------------------------------------------------------------------


def _run(profile, policy, k, l=1, rule=TieRule.SHARE):
    return coq_eval.run_coq_job(coq_eval.coq_job(profile, policy, l, rule))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_kernel_agrees_with_the_engine_on_every_example(name):
    p = example(name)
    result = _run(p, ProductPolicy(Lottery.uniform(p.n), 2), 2)
    assert result.ok, (result.differences, result.message)
    assert len(result.kernel) == p.n + p.n


def test_kernel_agrees_on_joint_policies_and_pairs_under_every_rule():
    p = example("ties")
    joint = JointPolicy.of({(0, 1): "1/3", (2, 2): "2/3"}, n=p.n)
    for rule in TieRule:
        result = _run(p, joint, 2, 2, rule)
        assert result.ok, (rule, result.differences, result.message)


@settings(max_examples=4, deadline=None)
@given(profiles(max_n=3))
def test_kernel_agrees_on_generated_profiles(profile):
    lottery = Lottery.of([Fraction(i + 1, profile.n * (profile.n + 1) // 2)
                          for i in range(profile.n)])
    result = _run(profile, ProductPolicy(lottery, 2), 2)
    assert result.ok, (profile, result.differences, result.message)


def test_a_wrong_engine_value_makes_it_fail(monkeypatch, tmp_path):
    real = coq_eval.win_rate
    monkeypatch.setattr(coq_eval, "win_rate", lambda *a: real(*a) + Fraction(1, 1000))
    policy = tmp_path / "pi.json"
    policy.write_text(json.dumps(policy_to_json(ProductPolicy(Lottery.uniform(3), 2))))
    run = CliRunner().invoke(main, ["coq", "eval", "example:five-voter", "--policy", str(policy),
                                    "--k", "2", "--json"])
    assert run.exit_code == 1
    data = json.loads(run.output)
    assert not data["ok"] and not data["lemmas_checked"]
    assert all(not v["agree"] for v in data["values"] if v["value"].startswith("win rate"))


def test_an_instance_too_large_for_the_kernel_is_refused():
    p = example("impartial-culture-4")
    with pytest.raises(InputError, match="too large for kernel computation"):
        coq_eval.coq_job(p, ProductPolicy(Lottery.uniform(4), 6), 1, TieRule.SHARE)


@pytest.mark.parametrize("path", coq_docs.TARGETS, ids=lambda p: p.name if p.parent.name != "coq"
                         else "coq/README.md")
def test_statement_tables_are_current(path):
    text = path.read_text(encoding="utf-8")
    assert text == coq_docs.rewrite(path), f"{path} is stale: run `make docs`"


def test_statement_tables_show_every_statement_verbatim():
    block = coq_docs.render()
    defs = coq_docs.definitions()
    # every Prop of Statements.v that a theorem names is printed exactly as Coq reads it
    for name, stated in coq_docs.theorem_statements().items():
        assert f"Theorem {name} : {stated}." in block
        for word in re.findall(r"\w+", stated):
            if word in defs:
                assert defs[word] in block, word
    # the generated text carries no statement Coq does not have: every Definition in the
    # block is one of Statements.v, character for character
    printed = re.findall(r"^Definition (\w+)", block, re.M)
    assert printed and set(printed) <= set(defs)
    assert "Axiom symmetric_nash_existence" in block
    unproved = [c.id for c in CLAIMS if not c.coq]
    assert unproved and all(f"* `{cid}` (" in block for cid in unproved)
    assert not any(c.status is Status.PROVED for c in CLAIMS if c.id in unproved)


def test_a_changed_statement_makes_the_tables_stale(monkeypatch):
    real = coq_docs.definitions()
    changed = dict(real, achievability_statement=real["achievability_statement"].replace(
        "- eps", "+ eps"))
    monkeypatch.setattr(coq_docs, "definitions", lambda: changed)
    readme = coq_docs.TARGETS[0]
    assert readme.read_text(encoding="utf-8") != coq_docs.rewrite(readme)
