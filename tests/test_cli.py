"""The command line: outputs, --json, and a one-line error with exit code 2 for every bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.brute_force import brute_win_rate
from ualign import JointPolicy, impartial_culture, write_preflib
from ualign.cli import main
from ualign.model.examples import example
from ualign.model.policies import multisets
from ualign.model.ties import TieRule

GOOD = "# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 5\n2: 1,2,3\n2: 2,3,1\n1: 3,1,2\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def files(tmp_path: Path):
    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text)
        return str(path)
    return write


def test_info_json_on_the_five_voter_example():
    out = json.loads(run("info", "example:five-voter", "--json").stdout)
    assert out["condorcet_winner"] is None and out["responses"] == 3
    assert out["pairwise"][1][2] == "4/5" and out["names"] == ["a", "b", "c"]


def test_info_text_names_the_condorcet_winner():
    result = run("info", "example:nlhf-ceiling")
    assert result.exit_code == 0 and "Condorcet winner: 0" in result.stdout


def test_evaluate_json_reports_exact_robustness_and_worst_competitor(files):
    profile = files("five.soc", GOOD)
    policy = files("ml.json", '{"kind": "product", "k": 1, "lottery": {"0": "3/5", "1": "1/5", "2": "1/5"}}')
    out = json.loads(run("evaluate", profile, "--policy", policy, "--json").stdout)
    assert out["robustness"] == "1/2" and out["worst_competitor"]["multiset"] == [0]
    assert out["policy"]["lottery"] == {"0": "3/5", "1": "1/5", "2": "1/5"}


def test_evaluate_joint_policy_with_names_and_l2(files):
    policy = files("j.json", '{"kind": "joint", "k": 2, "support": [{"multiset": ["a", "c"], "p": "1"}]}')
    out = json.loads(run("evaluate", "example:five-voter", "--policy", policy, "--l", "2",
                         "--ties", "weak", "--json").stdout)
    assert out["l"] == 2 and out["tie_rule"] == "weak"
    profile, shown = example("five-voter"), JointPolicy.of({(0, 2): 1}, n=3)
    brute = {T: brute_win_rate(profile, shown, T, TieRule.WEAK) for T in multisets(3, 2)}
    assert Fraction(out["robustness"]) == min(brute.values())
    assert brute[tuple(out["worst_competitor"]["multiset"])] == min(brute.values())


def test_evaluate_text_output(files):
    policy = files("p.json", '{"kind": "mixture", "components": [{"weight": "1", "lottery": {"0": "1"}}]}')
    result = run("evaluate", "example:nlhf-ceiling", "--policy", policy, "--k", "3")
    assert result.exit_code == 0
    assert "robustness (exact): 3/5" in result.stdout and "worst competitor: [1]" in result.stdout


@pytest.fixture(scope="module")
def verified(tmp_path_factory):
    """One run of the main job, shared by the tests that read its output."""
    out = tmp_path_factory.mktemp("verify")
    return run("verify", "--out", str(out)), out


def test_verify_passes_and_says_what_it_checked(verified):
    from ualign.proofs.claims import CLAIMS, Status, claim_ids
    result, out = verified
    assert result.exit_code == 0 and "all recorded statuses stand" in result.stdout
    assert all(cid in result.stdout for cid in claim_ids())
    report = json.loads((out / "verify-report.json").read_text())
    assert [r["id"] for r in report["claims"]] == claim_ids()
    assert all(r["consistent"] for r in report["claims"])
    assert all(e["passed"] for e in report["examples"])
    md = (out / "verify-report.md").read_text()
    assert "| `converse-exact` | DERIVED |" in md and "Closed under the global context" in md
    for c in CLAIMS:  # every PROVED claim shows its Coq theorem and Print Assumptions line
        row = next(r for r in report["claims"] if r["id"] == c.id)
        assert [x["theorem"] for x in row["coq"]] == list(c.coq)
        if c.status is Status.PROVED:
            assert row["coq"] and all(x["allowed"] for x in row["coq"])


def test_a_contradicted_claim_is_not_consistent(monkeypatch):
    from ualign.proofs import fast_checks, verify_report
    from ualign.proofs.claims import claim
    monkeypatch.setitem(fast_checks.FAST_CHECKS, "ne-unique", lambda: (False, "found one only"))
    coq = {"built": True, "build": "built and current",
           "theorems": {"UAlign.Theorems.ne_unique_fails": {"assumptions": "Closed under the "
                                                            "global context", "allowed": True}}}
    (row,) = verify_report.verify_claims(coq=coq, claims=[claim("ne-unique")])
    assert not row["consistent"] and "found one only" in row["checked"]


def test_verify_exits_1_when_a_recorded_status_is_contradicted(tmp_path, monkeypatch):
    from ualign.proofs import example_checks, verify_report
    coq = {"built": True, "build": "built and current", "theorems": {}}
    monkeypatch.setattr(verify_report, "coq_report", lambda: coq)
    monkeypatch.setattr(example_checks, "example_checks", lambda: [])
    monkeypatch.setattr(verify_report, "verify_claims", lambda progress, coq: [
        {"id": "ne-unique", "status": "REFUTED", "tie_rule": "share", "scope": "", "coq": [],
         "consistent": False, "checked": "found one only", "seconds": 0, "note": ""}])
    result = run("verify", "--out", str(tmp_path), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["contradicted"] == ["ne-unique"]


PRODUCT = '{"kind": "product", "k": 2, "lottery": {"0": "1/2", "1": "1/2"}}'


@pytest.mark.parametrize("profile_text, policy_text, extra, words", [
    (GOOD.replace("VOTERS: 5", "VOTERS: 6"), PRODUCT, [], "x.soc:2: NUMBER VOTERS says 6"),
    (GOOD.replace("1: 3,1,2", "1: 3,1,7"), PRODUCT, [], "x.soc:5: unknown alternative 7"),
    (GOOD.replace("1: 3,1,2", "1: 3,1,3"), PRODUCT, [], "x.soc:5: alternative 3 appears twice"),
    (GOOD.replace("# NUMBER ALTERNATIVES: 3\n", ""), PRODUCT, [], "x.soc:2: missing header"),
    (GOOD.replace("1: 3,1,2", "-1: 3,1,2"), PRODUCT, [], "x.soc:5: count '-1' is not a positive"),
    (GOOD.replace("1: 3,1,2", "0: 3,1,2"), PRODUCT, [], "x.soc:5: count '0' is not a positive"),
    (GOOD, PRODUCT, ["--k", "0"], "--k must be at least 1, got 0"),
    (GOOD, PRODUCT.replace('"k": 2', '"k": 0'), [], "p.json:1: the policy's 'k' must be at least 1"),
    (GOOD, PRODUCT, ["--k", "3"], "p.json:1: the policy file says k=2 but k=3"),
    (GOOD, PRODUCT, ["--l", "0"], "--l must be at least 1"),
    (GOOD, PRODUCT, ["--ties", "loose"], "unknown tie rule 'loose'"),
    (GOOD, PRODUCT.replace('"1": "1/2"', '"1": "1"'), [], "p.json:1: lottery is not a distribution"),
    (GOOD, PRODUCT.replace('"1": "1/2"', '"1": "-1/2", "2": "1"'), [], "negative probability"),
    (GOOD, PRODUCT.replace('"1/2"', '0.5'), [], "got the float 0.5"),
    (GOOD, PRODUCT.replace('"1": ', '"9": '), [], "unknown response '9'"),
    (GOOD, '{"kind": "joint", "k": 2, "support": [{"multiset": [0], "p": "1"}]}', [],
     "multiset [0] has 1 responses, not k=2"),
    (GOOD, '{"kind": "mixture", "k": 2, "components": [{"weight": "0", "lottery": {"0": "1"}}]}',
     [], "mixture weights must be exact, nonnegative and sum to 1"),
    (GOOD, '{"kind": "cloud", "k": 2}', [], "policy kind 'cloud' is unknown"),
    (GOOD, '{"kind": "product", "k": 2,\n "lottery": {"0": "1"}', [], "p.json:2: not JSON"),
])
def test_bad_input_gives_one_clear_line_and_exit_code_2(files, profile_text, policy_text, extra,
                                                         words):
    result = run("evaluate", files("x.soc", profile_text), "--policy", files("p.json", policy_text),
                 *extra)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ualign: error: ") and words in lines[0], lines


def test_too_large_for_exact_enumeration_says_what_to_use_instead(files):
    big = write_preflib(impartial_culture(29, voters=20, seed=0), Path(files("big.soc", "")))
    policy = files("u.json", '{"kind": "product", "k": 2, "lottery": {"0": "1"}}')
    result = run("evaluate", str(big), "--policy", policy, "--l", "5")
    assert result.exit_code == 2
    assert "above the limit" in result.stderr and "use l = 1" in result.stderr


def test_missing_profile_file_and_unknown_example(files):
    policy = files("p.json", PRODUCT)
    assert "no such file" in run("evaluate", "/nonexistent.soc", "--policy", policy).stderr
    assert "unknown example 'nope'" in run("info", "example:nope").stderr


def test_console_script_prints_no_traceback(files):
    exe = shutil.which("ualign") or str(Path(__file__).resolve().parents[1] / ".venv/bin/ualign")
    if not Path(exe).exists():
        pytest.skip("console script not installed")
    bad = files("bad.soc", GOOD.replace("VOTERS: 5", "VOTERS: 9"))
    proc = subprocess.run([exe, "info", bad], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"ualign: error: {bad}:2: NUMBER VOTERS says 9 but the data lines add up to 5"
