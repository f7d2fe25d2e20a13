"""The archive of refutation witnesses: present for every REFUTED claim, replayed exactly."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from counterexamples.refutation_witnesses import ARCHIVE, WITNESSES
from proofs.claims import CLAIMS, Status
from ualign.checker import check_certificate

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
