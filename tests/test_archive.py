"""The archive of refutation witnesses: present for every REFUTED claim, replayed exactly."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from ualign.certify.checker import check_certificate
from ualign.counterexamples.refutation_witnesses import ARCHIVE, WITNESSES
from ualign.proofs.claims import CLAIMS, Status

REFUTED = [c.id for c in CLAIMS if c.status is Status.REFUTED]


def _load(claim_id: str) -> dict:
    return json.loads((ARCHIVE / f"{claim_id}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("claim_id", REFUTED)
def test_every_refuted_claim_has_a_witness_that_replays(claim_id):
    cert = _load(claim_id)
    result = check_certificate(cert, ARCHIVE)
    assert result.ok, result.reason
    assert cert == json.loads(json.dumps(WITNESSES[claim_id]())), "archive is stale: regenerate it"


@pytest.mark.parametrize("claim_id", ["achievability-half", "achievability-strict"])
def test_tie_rule_witnesses_meet_the_hypothesis_and_miss_the_bound(claim_id):
    hypothesis, shortfall = _load(claim_id)["certificates"]
    k = hypothesis["k"]
    assert Fraction(hypothesis["exploitability"]) <= 0
    assert shortfall["tie_rule"] == claim_id.split("-")[1]
    assert Fraction(shortfall["value"]) < Fraction(k, k + 1)


def test_two_distinct_exact_equilibria_refute_uniqueness():
    first, second = _load("ne-unique")["certificates"]
    assert Fraction(first["exploitability"]) == Fraction(second["exploitability"]) == 0
    assert first["lottery"] != second["lottery"] and first["k"] == second["k"]


def test_a_tampered_witness_fails():
    cert = _load("achievability-strict")
    cert["certificates"][1]["value"] = "2/3"
    assert not check_certificate(cert, ARCHIVE).ok


def test_the_asymmetric_witness_certifies_the_pure_equilibrium():
    nash, shortfall = _load("asymmetric-ne")["certificates"]
    assert nash["kind"] == "pure-equilibrium" and nash["choice"] == [1, 0, 0]
    assert nash["payoffs"][0] == nash["best_deviation_payoffs"][0] == "3/8"
    assert shortfall["value"] == "3/8"


@pytest.mark.parametrize("path", sorted(ARCHIVE.glob("*.json")), ids=lambda p: p.stem)
def test_every_archived_file_replays_without_a_solver(path):
    cert = json.loads(path.read_text(encoding="utf-8"))
    result = check_certificate(cert, ARCHIVE)
    assert result.ok, result.reason
    assert "witness" in cert  # every witness keeps its instance beside it, and it matches
    from ualign.io.preflib import parse_preflib
    beside = path.with_suffix("." + cert["witness"]["format"]).read_text(encoding="utf-8")
    assert beside == cert["witness"]["preflib"]
    assert parse_preflib(beside).profile.n == cert["witness"]["responses"]
    assert "refutes" in cert  # every witness says which claim it refutes
    if cert["refutes"]["kind"] == "robustness":
        assert Fraction(cert["value"]) < Fraction(cert["refutes"]["bound"])


def test_nlhf_ceiling_witness_is_the_paper_family():
    cert = _load("nlhf-product-k-robust")
    assert cert["value"] == "51/100" and cert["refutes"]["bound"] == "2/3"
    assert cert["certificates"][0]["kind"] == "maximal-lottery"


@pytest.mark.parametrize("claim_id", sorted(WITNESSES))
def test_built_witnesses_match_the_archive(claim_id):
    assert _load(claim_id) == json.loads(json.dumps(WITNESSES[claim_id]())), \
        "archive is stale: run python -m ualign.counterexamples.refutation_witnesses"
