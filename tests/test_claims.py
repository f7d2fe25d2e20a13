"""The claim registry: statements apart from proofs, consistent with the derivations."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from ualign.cli import main
from ualign.model.ties import TieRule
from ualign.proofs.claims import CLAIMS, Status, claim, claim_ids
from ualign.symbolic.registry import DERIVATIONS

REQUIRED = ["achievability", "multi-opponent", "nlhf-k1-optimal", "nlhf-ceiling",
            "asymmetric-ne", "average-selfplay", "ne-unique", "converse", "selfplay-mixture",
            "constant-sum", "equal-share", "deviation-payoff", "ne-exists"]


def test_statement_modules_import_no_solver():
    code = ("import sys, ualign.proofs.claims, ualign.cli.claims_command; "
            "print(sorted(m for m in ('z3', 'cvc5', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_required_claim_is_registered_once_with_a_status():
    ids = claim_ids()
    assert len(ids) == len(set(ids))
    assert set(REQUIRED) <= set(ids)
    assert all(isinstance(c.status, Status) for c in CLAIMS)


def test_every_cited_derivation_exists():
    for c in CLAIMS:
        assert set(c.derivations) <= set(DERIVATIONS), c.id


def test_refuted_claims_name_their_witness_and_proved_ones_their_evidence():
    for c in CLAIMS:
        if c.status in (Status.PROVED, Status.REFUTED):
            assert c.evidence


def test_claims_command_lists_the_table():
    result = CliRunner().invoke(main, ["claims", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)["claims"]
    assert [r["id"] for r in rows] == claim_ids()
    assert claim("converse").status is Status.PROVED
    assert claim("converse-exact").status is Status.DERIVED
    assert claim("multi-opponent-tight").status is Status.OPEN
    assert all("coq" in r for r in rows)


def test_the_refutations_replay_exactly_in_the_engine():
    from fractions import Fraction

    from ualign.game.deviation_payoffs import exploitability
    from ualign.game.robustness import robustness
    from ualign.model.generators import impartial_culture, two_group_condorcet
    from ualign.model.lottery import Lottery
    from ualign.model.policies import ProductPolicy

    # achievability-half and -strict: the point mass is an equilibrium once eps >= (k-1)/(2(k+1)).
    p, k = two_group_condorcet(Fraction(1, 4), 2), 2
    point = Lottery.point(0, 2)
    assert exploitability(p, point, k) <= 0
    assert robustness(p, ProductPolicy(point, k), 1, TieRule.SHARE) == Fraction(2, 3)
    assert robustness(p, ProductPolicy(point, k), 1, TieRule.HALF) == Fraction(1, 2)
    assert robustness(p, ProductPolicy(point, k), 1, TieRule.STRICT) == 0
    # ne-unique: two different exact equilibria of the same game.
    ic = impartial_culture(4)
    assert exploitability(ic, Lottery.uniform(4), 1) == 0
    assert exploitability(ic, Lottery.point(2, 4), 1) == 0


def test_derivation_chains_pass_and_no_claim_is_proved_by_one():
    from ualign.proofs.derivation_chains import CHAINS, chain
    assert set(CHAINS) <= set(claim_ids())
    for claim_id in CHAINS:
        d = chain(claim_id)
        assert d.passed and len(d.steps) >= 3, claim_id
    # PROVED means a Coq theorem; a claim with only a derivation is DERIVED.
    for c in CLAIMS:
        assert (c.status is Status.PROVED) <= bool(c.coq), c.id
        if c.status is Status.DERIVED:
            assert not c.coq, c.id


def test_converse_lp_certificates_replay_and_match_the_symbolic_ceiling():
    from fractions import Fraction

    from ualign.certify.checker import check_certificate
    from ualign.proofs.lp_certificates import CONVERSE_SIZES, FOLDER, RULES
    from ualign.symbolic.converse import ceiling
    for m, k in CONVERSE_SIZES:
        for rule in RULES:
            cert = json.loads((FOLDER / f"converse-m{m}-k{k}-{rule}.json").read_text())
            assert check_certificate(cert, FOLDER).ok
            assert Fraction(cert["value"]) == ceiling(m, k, rule), (m, k, rule)
