"""The solver commands (nlhf, solve, optimal, selfplay, compare, check) end to end.

Four kinds of test, all through click's CliRunner unless a fresh interpreter is the point:

1. known values: each command's ``--json`` output carries the right mathematics (the
   five-voter maximal lottery, the Netflix k=3 equilibrium's minimal polynomial, 17/24 on
   impartial culture, the exact regret identity of self-play, the order of the ``compare``
   columns), and every ``--certificate FILE`` is accepted by ``ualign check FILE``;
2. tampering: a certificate of each kind, changed in one meaningful place, is rejected with a
   reason that names the problem; malformed files fail cleanly;
3. the checker is solver-free: a fresh interpreter that replays every kind of certificate
   never imports z3, scipy or sympy;
4. bad input to the new commands gives one line ``ualign: error: ...`` and exit code 2.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner, Result

from ualign.cli import main

DATA = Path(__file__).resolve().parent / "data"
NETFLIX = str(DATA / "00004-00000006.soc")   # 3 movies, 940 voters
ERS = str(DATA / "00007-00000028.toc")       # 14 candidates
SOLVERS = ("z3", "scipy", "sympy")

#: name -> (arguments, kind of the certificate it writes). Each runs once per module, with
#: ``--json --certificate FILE``; the tests below read its output and its certificate.
COMMANDS: dict[str, tuple[list[str], str]] = {
    "nlhf-exact": (["nlhf", "example:five-voter"], "maximal-lottery"),
    "nlhf-tau": (["nlhf", "example:five-voter", "--tau", "0.05"], "robustness"),
    "solve-exact": (["solve", NETFLIX, "--k", "3", "--method", "exact"], "exact-equilibrium"),
    "solve-all": (["solve", "example:condorcet-cycle", "--k", "2", "--all", "--method", "exact"],
                  "exact-equilibrium"),
    "solve-numeric": (["solve", NETFLIX, "--k", "3", "--method", "numeric"], "equilibrium"),
    "solve-auto": (["solve", "example:ties", "--k", "2"], "exact-equilibrium"),
    "optimal": (["optimal", "example:impartial-culture-4", "--k", "2"], "optimal-policy"),
    "optimal-l2-half": (["optimal", "example:five-voter", "--k", "2", "--l", "2", "--ties",
                         "half"], "optimal-policy"),
    "selfplay": (["selfplay", "example:five-voter", "--k", "2", "--steps", "200"], "robustness"),
    "compare": (["compare", "example:five-voter", "--kmax", "2"], "bundle"),
}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout)


def fractions(lottery: dict[str, str]) -> dict[int, Fraction]:
    return {int(y): Fraction(p) for y, p in lottery.items()}


def poly_value(coeffs: list[int], x: Fraction) -> Fraction:
    """Integer coefficients from the constant term up, evaluated exactly."""
    return sum((Fraction(c) * x**i for i, c in enumerate(coeffs)), Fraction(0))


@pytest.fixture(scope="module")
def ran(tmp_path_factory) -> dict[str, dict[str, Any]]:
    """Every command in COMMANDS, run once: its JSON output, its certificate path, the plot."""
    folder = tmp_path_factory.mktemp("solver_cli")
    out = {}
    for name, (args, _) in COMMANDS.items():
        cert = folder / f"{name}.json"
        extra = ["--plot", str(folder / "selfplay.png")] if name == "selfplay" else []
        data = run_json(*args, *extra, "--certificate", str(cert))
        out[name] = {"data": data, "certificate": cert, "folder": folder}
    return out


# --- 1. known values ------------------------------------------------------------------------


def test_nlhf_exact_is_the_five_voter_maximal_lottery(ran):
    out = ran["nlhf-exact"]["data"]
    assert out["arithmetic"] == "exact" and out["value"] == "1/2" and out["forced_zero"] == []
    assert out["lottery"] == {"0": "3/5", "1": "1/5", "2": "1/5"}
    # Independent check through `info`: the lottery beats or ties every response (P has 1/2
    # on its diagonal, so sum_x pi(x) P[x][y] is the win rate against y), with equality
    # everywhere because the lottery is fully mixed.
    P = [[Fraction(v) for v in row] for row in run_json("info", "example:five-voter")["pairwise"]]
    pi = fractions(out["lottery"])
    assert [sum(pi[x] * P[x][y] for x in pi) for y in range(3)] == [Fraction(1, 2)] * 3


def test_nlhf_tau_rounds_to_a_lottery_whose_worst_case_is_certified(ran, tmp_path):
    out = ran["nlhf-tau"]["data"]
    assert out["arithmetic"] == "float" and out["tau"] == 0.05 and out["converged"]
    assert out["duality_gap"] < 1e-12
    pi = fractions(out["lottery"])
    assert sum(pi.values()) == 1 and len(pi) == 3   # the KL term keeps the support full
    assert all(abs(float(pi[y]) - q) < 1e-12 for y, q in enumerate(out["lottery_float"]))
    worst = Fraction(out["worst_case_win_rate"])
    # Nothing guarantees more than the maximal lottery's 1/2, and regularising costs a little.
    assert Fraction(2, 5) < worst < Fraction(1, 2)
    policy = tmp_path / "pi.json"
    policy.write_text(json.dumps({"kind": "product", "k": 1, "lottery": out["lottery"]}))
    evaluated = run_json("evaluate", "example:five-voter", "--policy", str(policy))
    assert Fraction(evaluated["robustness"]) == worst


def test_solve_exact_netflix_k3_is_one_quadratic_equilibrium(ran):
    out = ran["solve-exact"]["data"]
    assert out["method"] == "exact" and out["count"] == 1 and out["complete"] is True
    (eq,) = out["equilibria"]
    assert eq["support"] == [1, 2] and eq["rational"] is False and eq["method"] == "groebner"
    none, c1, c2 = eq["coordinates"]
    assert none is None and "0" not in eq["lottery"]
    assert c1["minimal_polynomial"] == [848, -1129, 189] and c1["root_index"] == 1
    # pi(2) = 1 - pi(1), so its minimal polynomial is 189 (1-x)^2 - 1129 (1-x) + 848.
    assert c2["minimal_polynomial"] == [-92, 751, 189]
    for x in (Fraction(1, 3), Fraction(5, 7), Fraction(9, 4)):
        assert (poly_value(c2["minimal_polynomial"], x)
                == poly_value(c1["minimal_polynomial"], 1 - x))
    # The interval brackets a sign change of the minimal polynomial, and the rational
    # approximation lies inside it.
    lo, hi = (Fraction(v) for v in c1["interval"])
    assert poly_value(c1["minimal_polynomial"], lo) * poly_value(c1["minimal_polynomial"], hi) < 0
    pi = fractions(eq["lottery"])
    assert lo <= pi[1] <= hi and sum(pi.values()) == 1
    eps = Fraction(eq["exploitability"])
    assert 0 <= eps < Fraction(1, 10**30) and out["exploitability"] == eq["exploitability"]


def test_solve_all_on_the_cycle_finds_only_the_uniform_lottery(ran):
    out = ran["solve-all"]["data"]
    assert out["count"] == 1 and out["complete"] is True
    (eq,) = out["equilibria"]
    assert eq["rational"] is True and eq["exploitability"] == "0"
    assert eq["lottery"] == {"0": "1/3", "1": "1/3", "2": "1/3"}
    assert all(c["minimal_polynomial"] == [-1, 3] for c in eq["coordinates"])


def test_solve_numeric_certifies_k_over_k_plus_1_minus_eps_exactly(ran):
    out = ran["solve-numeric"]["data"]
    assert out["method"] == "numeric" and out["support"] == [1, 2]
    eps = Fraction(out["exploitability"])
    assert 0 <= eps < Fraction(1, 10**10)
    assert Fraction(out["certified_robustness"]) == Fraction(3, 4) - eps
    pi = fractions(out["lottery"])
    assert sum(pi.values()) == 1
    # The float search lands on the exact equilibrium found by Groebner bases.
    exact = fractions(ran["solve-exact"]["data"]["lottery"])
    assert all(abs(pi[y] - exact[y]) < Fraction(1, 10**12) for y in (1, 2))


def test_solve_auto_is_exact_on_small_profiles_and_numeric_on_large(ran):
    small = ran["solve-auto"]["data"]
    assert small["method"] == "exact" and small["count"] >= 1
    assert Fraction(small["exploitability"]) < Fraction(1, 10**30)
    large = run_json("solve", ERS, "--k", "2", "--method", "auto")
    assert large["method"] == "numeric"
    eps = Fraction(large["exploitability"])
    assert 0 <= eps < Fraction(1, 10**10)
    assert Fraction(large["certified_robustness"]) == Fraction(2, 3) - eps


def test_optimal_on_impartial_culture_4_is_17_24(ran, tmp_path):
    out = ran["optimal"]["data"]
    assert out["value"] == "17/24" and out["k"] == 2 and out["l"] == 1
    assert Fraction(out["value"]) > Fraction(2, 3)   # a joint policy beats the product bound
    assert sum(Fraction(e["p"]) for e in out["policy"]["support"]) == 1
    # Replaying the policy through `evaluate` gives the same exact value.
    policy = tmp_path / "best.json"
    policy.write_text(json.dumps(out["policy"]))
    evaluated = run_json("evaluate", "example:impartial-culture-4", "--policy", str(policy))
    assert evaluated["robustness"] == "17/24"


def test_optimal_with_l_equal_k_and_the_half_rule_is_a_fair_game(ran):
    # With l = k and the symmetric half rule, G[S][T] + G[T][S] = 1: a symmetric zero-sum
    # game, whose value is exactly 1/2.
    out = ran["optimal-l2-half"]["data"]
    assert (out["k"], out["l"], out["tie_rule"], out["value"]) == (2, 2, "half", "1/2")
    assert out["competitor"]["k"] == 2


def test_optimal_for_k1_is_the_nlhf_value():
    assert run_json("optimal", "example:five-voter", "--k", "1")["value"] == "1/2"


def test_selfplay_mixture_meets_the_regret_bound_exactly(ran):
    out, k, steps = ran["selfplay"]["data"], 2, 200
    assert out["mixture_robustness"] == out["bound"]
    assert Fraction(out["bound"]) == Fraction(k, k + 1) - Fraction(out["regret"]) / steps
    assert abs(float(Fraction(out["regret"])) - out["regret_float"]) < 1e-9
    assert out["regret_float"] <= out["regret_bound_float"]
    assert sum(fractions(out["lottery"]).values()) == 1
    png = ran["selfplay"]["folder"] / "selfplay.png"
    assert png.stat().st_size > 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("profile", ["example:five-voter", "example:ties"])
def test_compare_rows_are_ordered_as_the_theory_says(ran, profile):
    rows = (ran["compare"]["data"] if profile == "example:five-voter"
            else run_json("compare", profile, "--kmax", "2"))["rows"]
    assert [r["k"] for r in rows] == [1, 2]
    for r in rows:
        k = r["k"]
        nlhf, eq, best = (Fraction(r[c]) for c in ("nlhf_product", "equilibrium_product",
                                                   "optimal_joint"))
        assert r["bound"] == str(Fraction(k, k + 1))
        assert nlhf <= eq + Fraction(1, 10**10)
        assert eq >= Fraction(k, k + 1) - Fraction(1, 10**10)
        assert best >= eq
    assert {rows[0][c] for c in ("nlhf_product", "equilibrium_product", "optimal_joint")} == {"1/2"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_certificate_is_accepted_by_check(ran, name):
    path = str(ran[name]["certificate"])
    result = run("check", path)
    assert result.exit_code == 0 and result.stdout.startswith("VALID"), result.output
    verdict = run_json("check", path)
    assert verdict["ok"] is True and verdict["reason"] is None
    assert verdict["kind"] == COMMANDS[name][1]


def test_a_certificate_may_leave_the_instance_in_a_file_beside_it(ran, tmp_path):
    cert = json.loads(ran["solve-exact"]["certificate"].read_text())
    cert["instance"] = {"file": "00004-00000006.soc",
                        "sha256": hashlib.sha256(Path(NETFLIX).read_bytes()).hexdigest()}
    path = tmp_path / "beside.json"
    path.write_text(json.dumps(cert))
    assert "instance file" in run("check", str(path)).stdout   # not there yet
    copy_ = tmp_path / "00004-00000006.soc"
    shutil.copy(NETFLIX, copy_)
    assert run("check", str(path)).exit_code == 0
    # One vote moved between orders: the SHA-256 no longer matches, so the file is refused.
    text = copy_.read_text()
    copy_.write_text(text.replace("300: 2,1,3", "299: 2,1,3").replace("269: 2,3,1", "270: 2,3,1"))
    result = run("check", str(path))
    assert result.exit_code == 1 and "does not match the recorded SHA-256" in result.stdout


# --- 2. tampering ---------------------------------------------------------------------------


def _set(*keys: Any, value: Any) -> Callable[[dict], None]:
    def change(cert: dict) -> None:
        target = cert
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return change


def _swap_counts(a: str, b: str) -> Callable[[dict], None]:
    """Exchange the vote counts of two data lines of the inline PrefLib text."""
    def change(cert: dict) -> None:
        text = cert["instance"]["preflib"]
        (ca, oa), (cb, ob) = a.split(": "), b.split(": ")
        assert a in text and b in text
        cert["instance"]["preflib"] = (text.replace(a, "@A").replace(b, f"{ca}: {ob}")
                                       .replace("@A", f"{cb}: {oa}"))
    return change


def _shift_payoff(cert: dict) -> None:
    cert["deviation_payoffs"][0] = str(Fraction(cert["deviation_payoffs"][0]) + Fraction(1, 10**6))


def _shift_coordinates(cert: dict) -> None:
    # pi(1) = r + 1/10 and pi(2) = 9/10 - r still sum to 1 and stay positive (r ~ 0.881),
    # so only the equilibrium conditions can catch it.
    cert["coordinates"][1], cert["coordinates"][2] = ["1/10", "1"], ["9/10", "-1"]


TAMPERS: dict[str, tuple[str, Callable[[dict], None], str]] = {
    "ml-probability": ("nlhf-exact", _set("lottery", value={"0": "2/5", "1": "2/5", "2": "1/5"}),
                       "the lottery loses to some response"),
    "ml-not-a-distribution": ("nlhf-exact", _set("lottery", "2", value="1/4"),
                              "lottery is not a distribution"),
    "opt-value-up": ("optimal", _set("value", value="3/4"),
                     "the row strategy guarantees only 17/24 < 3/4"),
    "opt-value-down": ("optimal", _set("value", value="2/3"),
                       "the column strategy concedes 17/24 > 2/3"),
    "opt-policy-probability": ("optimal", _set("policy", "support", value=[
                                   {"multiset": [0, 3], "p": "1/3"},
                                   {"multiset": [1, 2], "p": "2/3"}]),
                               "the row strategy guarantees only 25/36 < 17/24"),
    "opt-competitor": ("optimal", _set("competitor", "support",
                                       value=[{"multiset": [0], "p": "1"}]),
                       "the column strategy concedes 3/4 > 17/24"),
    "opt-tie-rule": ("optimal", _set("tie_rule", value="strict"), "row strategy guarantees only"),
    "eq-one-payoff": ("solve-numeric", _shift_payoff,
                      "the deviation-payoff table does not match the recomputed one"),
    "eq-exploitability": ("solve-numeric", _set("exploitability", value="0"),
                          "exploitability is "),
    "eq-robustness": ("solve-numeric", _set("robustness_at_least", value="3/4"),
                      "robustness_at_least is not k/(k+1) - exploitability"),
    "eq-probability": ("solve-numeric", _set("lottery", value={"1": "7/8", "2": "1/8"}),
                       "the deviation-payoff table does not match"),
    "rob-value": ("nlhf-tau", _set("value", value="1/2"), "the robustness is "),
    "rob-unknown-field": ("nlhf-tau", _set("robustness_at_least", value="1/2"),
                          "unknown field 'robustness_at_least'"),
    "rob-instance-votes": ("nlhf-tau", _swap_counts("2: 2,3,1", "1: 3,1,2"), "the robustness is "),
    # Always showing a twice: c beats a for 3/5 of the users, so the robustness is 2/5.
    "rob-selfplay-policy": ("selfplay", _set("policy", value={"kind": "product", "k": 2,
                                                              "lottery": {"0": "1"}}),
                            "the robustness is 2/5, not "),
    "exact-other-root": ("solve-exact", _set("field", "interval", value=["5", "6"]),
                         "response 2 has the wrong sign for the stated support"),
    "exact-no-isolation": ("solve-exact", _set("field", "interval", value=["0", "6"]),
                           "does not isolate exactly one root"),
    "exact-coefficient": ("solve-exact", _set("coordinates", 1, value=["0", "2"]),
                          "the coordinates do not sum to 1"),
    "exact-coefficients-summing-to-1": ("solve-exact", _shift_coordinates,
                                        "the deviation payoff of response"),
    "exact-modulus": ("solve-exact", _set("field", "modulus", value=[848, -1129, 190]),
                      "bad number field"),
    "exact-support-bigger": ("solve-exact", _set("support", value=[0, 1, 2]),
                             "response 0 has the wrong sign for the stated support"),
    "exact-support-smaller": ("solve-exact", _set("support", value=[1]),
                              "response 2 has the wrong sign for the stated support"),
    "exact-k": ("solve-exact", _set("k", value=2), "the deviation payoff of response 1 is above"),
    "exact-instance-votes": ("solve-exact", _swap_counts("300: 2,1,3", "150: 3,2,1"),
                             "the deviation payoff of response 1 is off 1/(k+1)"),
    "exact-approximation": ("solve-exact", _set("approximation_exploitability", value="0"),
                            "the approximation's exploitability is"),
    "bundle-inner-robustness": ("compare", _set("certificates", 1, "value", value="3/5"),
                                "certificate 1 (robustness) fails: the robustness is 1/2, not 3/5"),
    "bundle-inner-optimal": ("compare", _set("certificates", 5, "value", value="3/4"),
                             "certificate 5 (optimal-policy) fails: the row strategy guarantees "
                             "only 11/15 < 3/4"),
}


def _tampered(ran, source: str, change: Callable[[dict], None], folder: Path) -> str:
    cert = json.loads(ran[source]["certificate"].read_text())
    before = copy.deepcopy(cert)
    change(cert)
    assert cert != before
    path = folder / "tampered.json"
    path.write_text(json.dumps(cert, indent=1))
    return str(path)


@pytest.mark.parametrize("name", sorted(TAMPERS))
def test_a_tampered_certificate_is_rejected_with_the_reason(ran, tmp_path, name):
    source, change, words = TAMPERS[name]
    path = _tampered(ran, source, change, tmp_path)
    result = run("check", path)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("INVALID") and words in result.stdout, result.stdout
    verdict = json.loads(run("check", path, "--json").stdout)
    assert verdict["ok"] is False and words in verdict["reason"]


def test_a_maximal_lottery_certificate_with_a_wrong_value_is_rejected(ran, tmp_path):
    path = _tampered(ran, "nlhf-exact", _set("value", value="3/5"), tmp_path)
    assert run("check", path).exit_code == 1


@pytest.mark.parametrize("field", ["worst_competitor", "table"])
def test_a_robustness_certificate_with_a_wrong_witness_is_rejected(ran, tmp_path, field):
    def change(cert: dict) -> None:
        if field == "table":
            cert["table"][0]["win_rate"] = "1"
        else:
            cert["worst_competitor"] = [y for y in (0, 1, 2) if [y] != cert["worst_competitor"]][:1]
    path = _tampered(ran, "nlhf-tau", change, tmp_path)
    assert run("check", path).exit_code == 1


def _assert_clean_failure(result: Result, words: str) -> None:
    """Exit 1 or 2, no uncaught exception, and the problem stated on one line."""
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("ualign: error: ") and words in lines[0]
    else:
        reason = [line for line in result.stdout.splitlines() if line.startswith("INVALID ")]
        assert len(reason) == 1 and words in reason[0], result.stdout


MISSING = {"nlhf-exact": "lottery", "optimal": "competitor", "solve-numeric": "deviation_payoffs",
           "nlhf-tau": "policy", "solve-exact": "field", "compare": "certificates"}


@pytest.mark.parametrize("source, field", sorted(MISSING.items()))
def test_a_missing_field_fails_cleanly(ran, tmp_path, source, field):
    cert = json.loads(ran[source]["certificate"].read_text())
    del cert[field]
    path = tmp_path / "missing.json"
    path.write_text(json.dumps(cert))
    _assert_clean_failure(run("check", str(path)), f"missing field '{field}'")


HEAD = {"ualign_certificate": 1, "arithmetic": "exact", "statement": "", "value": "1/2"}


@pytest.mark.parametrize("cert, words", [
    ({"ualign_certificate": 1, "kind": "hologram"}, "unknown certificate kind 'hologram'"),
    ({"ualign_certificate": 1}, "unknown certificate kind"),
    ({**HEAD, "kind": "maximal-lottery", "lottery": {"0": "1"}}, "missing field 'instance'"),
    ({**HEAD, "kind": "maximal-lottery", "lottery": {"0": "1"},
      "instance": {"format": "soc", "preflib": "1: 1,2"}}, "missing header"),
    ({**HEAD, "kind": "maximal-lottery", "lottery": {"0": "1"},
      "instance": {"file": "gone.soc", "sha256": "0" * 64}}, "no such instance file"),
    ({"kind": "maximal-lottery", "ualign_certificate": 99}, "format version '99'"),
    ({**HEAD, "kind": "maximal-lottery", "arithmetic": "float"}, "arithmetic must be 'exact'"),
])
def test_a_malformed_certificate_fails_cleanly(tmp_path, cert, words):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(cert))
    _assert_clean_failure(run("check", str(path)), words)


BROKEN_SHAPES = {
    "top-level-list": "[]",
    "top-level-string": '"a certificate"',
    "bundle-of-a-string": '{"kind": "bundle", "certificates": "x"}',
    "bundle-of-numbers": '{"kind": "bundle", "certificates": [1, 2]}',
}


@pytest.mark.parametrize("name", sorted(BROKEN_SHAPES))
def test_a_certificate_of_the_wrong_shape_fails_cleanly(tmp_path, name):
    path = tmp_path / "shape.json"
    path.write_text(BROKEN_SHAPES[name])
    _assert_clean_failure(run("check", str(path)), "")


@pytest.mark.parametrize("source, change", [
    ("solve-exact", _set("field", "interval", value=["1"])),
    ("solve-exact", _set("k", value=-1)),
    ("nlhf-exact", _set("instance", "preflib", value=5)),
    ("nlhf-exact", _set("instance", value={"file": "folder", "sha256": "0" * 64})),
], ids=["interval-one-endpoint", "exact-k-negative", "preflib-not-text", "instance-is-a-folder"])
def test_a_malformed_field_fails_cleanly(ran, tmp_path, source, change):
    (tmp_path / "folder").mkdir()
    _assert_clean_failure(run("check", _tampered(ran, source, change, tmp_path)), "")


def test_a_non_json_certificate_names_the_file_and_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n "kind": "bundle",\n "certificates": [\n}\n')
    result = run("check", str(path))
    assert result.exit_code == 2 and result.stderr.strip().splitlines() == [
        f"ualign: error: {path}:4: not JSON (Expecting value, column 1)"]


def test_a_binary_certificate_fails_cleanly(tmp_path):
    path = tmp_path / "binary.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    result = run("check", str(path))
    assert result.exit_code == 2 and str(path) in result.stderr and "Traceback" not in result.output


# --- 3. the checker is solver-free ----------------------------------------------------------


def _by_kind(ran) -> dict[str, str]:
    """One certificate path per kind (all six kinds are present)."""
    paths = {COMMANDS[name][1]: str(ran[name]["certificate"]) for name in COMMANDS}
    assert set(paths) == {"maximal-lottery", "optimal-policy", "equilibrium", "robustness",
                          "exact-equilibrium", "bundle"}
    return paths


REPLAY = """
import json, os, sys
from ualign.certify.checker import check_certificate
ok = {}
for kind, path in json.loads(sys.argv[1]).items():
    with open(path, encoding="utf-8") as f:
        ok[kind] = check_certificate(json.load(f), os.path.dirname(path)).ok
print(json.dumps({"ok": ok, "loaded": [m for m in sys.argv[2:] if m in sys.modules]}))
"""

CLI_IN_PROCESS = """
import json, sys
from ualign.cli import main
codes = []
for path in json.loads(sys.argv[1]).values():
    try:
        main(["check", path])
    except SystemExit as stop:
        codes.append(stop.code)
print(json.dumps({"codes": codes, "loaded": [m for m in sys.argv[2:] if m in sys.modules]}))
"""


def _python(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_the_checker_replays_every_kind_without_a_solver(ran):
    proc = _python("-c", REPLAY, json.dumps(_by_kind(ran)), *SOLVERS)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert all(out["ok"].values()) and len(out["ok"]) == 6
    assert out["loaded"] == []   # neither z3 nor scipy, nor sympy


def test_ualign_check_in_process_imports_no_solver(ran):
    proc = _python("-c", CLI_IN_PROCESS, json.dumps(_by_kind(ran)), *SOLVERS)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["codes"] == [0] * 6 and out["loaded"] == []


@pytest.mark.parametrize("kind", ["exact-equilibrium", "bundle"])
def test_the_console_script_imports_no_solver(ran, kind):
    # -X importtime logs every import, lazy ones included, to stderr.
    script = Path(sys.executable).with_name("ualign")
    target = [str(script)] if script.exists() else ["-m", "ualign.cli"]
    proc = _python("-X", "importtime", *target, "check", _by_kind(ran)[kind])
    assert proc.returncode == 0 and proc.stdout.startswith("VALID"), proc.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0]
                for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "ualign" in imported and "click" in imported   # the log is really there
    assert imported.isdisjoint(SOLVERS), imported & set(SOLVERS)


# --- 4. bad input ---------------------------------------------------------------------------


BAD_INPUT = [
    (["solve", "example:five-voter", "--k", "0"], "--k must be at least 1, got 0"),
    (["solve", "example:five-voter", "--k", "0", "--method", "numeric"], "--k must be at least 1"),
    (["solve", ERS, "--k", "2", "--method", "exact"], "use `ualign solve --method numeric`"),
    (["optimal", ERS, "--k", "8"], "too large for the exact method; use `ualign solve`"),
    (["optimal", "example:five-voter", "--k", "2", "--l", "0"], "l must be at least 1, got 0"),
    (["optimal", "example:five-voter", "--k", "2", "--ties", "loose"], "unknown tie rule 'loose'"),
    (["nlhf", "example:five-voter", "--tau", "0"], "--tau must be > 0, got 0.0; omit --tau"),
    (["nlhf", "example:five-voter", "--tau", "-0.5"], "--tau must be > 0, got -0.5"),
    (["nlhf", "example:five-voter", "--tau", "nan"], "--tau must be > 0, got nan"),
    (["selfplay", "example:five-voter", "--k", "2", "--steps", "0"],
     "steps must be a whole number >= 1, got 0"),
    (["selfplay", "example:five-voter", "--k", "0", "--steps", "10"], "--k must be at least 1"),
    (["compare", "example:five-voter", "--kmax", "0"], "--kmax must be at least 1, got 0"),
    (["check", "/nonexistent/cert.json"],
     "/nonexistent/cert.json: no such certificate"),
]


@pytest.mark.parametrize("args, words", BAD_INPUT,
                         ids=[" ".join(a[:1] + a[2:]) for a, _ in BAD_INPUT])
def test_bad_input_gives_one_line_and_exit_code_2(args, words):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ualign: error: ") and words in lines[0], lines


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("name, text, words", [
    ("sum.json", '{"kind": "product", "k": 1, "lottery": {"0": "1/2", "1": "1/3"}}',
     "sum.json: lottery is not a distribution: lottery probabilities sum to 5/6, not 1"),
    ("neg.json", '{"kind": "product", "k": 1, "lottery": {"0": "3/2", "1": "-1/2"}}',
     "negative probability"),
    ("pair.json", '{"kind": "joint", "k": 2, "support": [{"multiset": [0, 1], "p": "1"}]}',
     "the policy file says k=2 but k=1"),
    ("partial.json", '{"kind": "product", "k": 1, "lottery": {"0": "1/2", "1": "1/2"}}',
     "partial.json: the reference must give every response positive probability"),
    ("cut.json", '{"kind": "product", "k": 1,\n "lottery": {"0": "1"}', "cut.json:2: not JSON"),
])
def test_a_bad_reference_lottery_gives_one_line_and_exit_code_2(tmp_path, name, text, words):
    result = run("nlhf", "example:five-voter", "--tau", "0.05", "--reference",
                 _write(tmp_path, name, text))
    _assert_clean_failure(result, words)
    assert result.exit_code == 2


def test_a_missing_reference_file_is_named(tmp_path):
    missing = str(tmp_path / "nope.json")
    result = run("nlhf", "example:five-voter", "--tau", "0.05", "--reference", missing)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"ualign: error: {missing}: no such reference lottery"


def test_a_policy_json_reference_is_used(tmp_path):
    ref = _write(tmp_path, "ref.json",
                 '{"kind": "product", "k": 1, "lottery": {"0": "1/2", "1": "1/4", "2": "1/4"}}')
    tilted = run_json("nlhf", "example:five-voter", "--tau", "0.05", "--reference", ref)
    uniform = run_json("nlhf", "example:five-voter", "--tau", "0.05")
    assert tilted["converged"] and tilted["lottery"] != uniform["lottery"]
    # A reference leaning towards 0 moves the regularised solution towards 0 as well.
    assert tilted["lottery_float"][0] > uniform["lottery_float"][0]


def test_a_reference_in_the_documented_format_is_accepted(tmp_path):
    ref = _write(tmp_path, "ref.json", '{"0": "1/2", "1": "1/4", "2": "1/4"}')
    result = run("nlhf", "example:five-voter", "--tau", "0.05", "--reference", ref, "--json")
    assert result.exit_code == 0, result.stderr


def test_evaluate_writes_a_robustness_certificate_that_check_accepts(tmp_path):
    policy = _write(tmp_path, "pol.json", '{"kind": "product", "k": 2, "lottery": {"0": "1/2", "1": "1/2"}}')
    cert = tmp_path / "ev.json"
    result = run("evaluate", NETFLIX, "--policy", policy, "--certificate", str(cert), "--json")
    assert result.exit_code == 0, result.stderr
    value = json.loads(result.stdout)["robustness"]
    recorded = json.loads(cert.read_text())
    assert recorded["kind"] == "robustness" and recorded["value"] == value
    assert recorded["source"] == "PrefLib file 00004-00000006.soc"
    assert run("check", str(cert)).exit_code == 0
    recorded["value"] = str(Fraction(value) + Fraction(1, 10**9))
    cert.write_text(json.dumps(recorded))
    assert run("check", str(cert)).exit_code == 1


def test_solve_auto_is_exact_on_the_five_response_file_and_falls_back_past_its_budget():
    from tests.conftest import TEST_DATA
    five = run_json("solve", str(TEST_DATA / "00007-00000013.toc"), "--k", "4")
    assert five["method"] == "exact" and five["complete"] and five["count"] == 1
    # ties at k = 4: the full support's Groebner basis takes about 15 s, far over 1 s
    slow = run_json("solve", "example:ties", "--k", "4", "--budget", "1")
    assert slow["method"] == "numeric" and slow["exact_search"]["complete"] is False
    assert slow["exact_search"]["undecided"] >= 1
    assert 0 <= Fraction(slow["exploitability"]) < Fraction(1, 10**12)
