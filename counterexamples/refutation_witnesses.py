"""Build the archived witnesses of the REFUTED claims.

Run ``python -m ualign.counterexamples.refutation_witnesses`` to rebuild them.

Each witness is a refutation bundle in ``counterexamples/archive/CLAIM.json``: the certificate
of the hypothesis (an exact equilibrium, two of them, or a pure Nash equilibrium), the
robustness certificate that falls short of the claimed bound, and the ``refutes`` block that
says which claim falls. ``ualign check`` replays every file without a solver, and a
test fails when a REFUTED claim has no witness or a witness stops replaying.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ualign.certify.certificates import (equilibrium_certificate, pure_equilibrium_certificate,
                                         robustness_certificate, robustness_refutation,
                                         uniqueness_refutation)
from ualign.game.deviation_payoffs import deviation_payoffs
from ualign.model.generators import impartial_culture, two_group_condorcet
from ualign.model.lottery import Lottery
from ualign.model.policies import ProductPolicy
from ualign.model.ties import TieRule

ARCHIVE = Path(__file__).resolve().parent / "archive"


def _claim(construction: str, rule: TieRule, n: int, types: int) -> dict:
    from ualign.counterexamples.instance_classes import InstanceClass
    return {"construction": construction, "rate": "k/(k+1)", "k": 2, "l": 1,
            "tie_rule": rule.value, "bound": "2/3",
            "instances": InstanceClass(n=n, max_types=types).record()}


def _tie_rule_witness(rule: TieRule) -> dict:
    """Achievability under half or strict: the point mass is an exact equilibrium, yet its
    2-sample product loses the tie to the competitor that copies it."""
    p, k, point = two_group_condorcet(Fraction(1, 4), 2), 2, Lottery.point(0, 2)
    policy = ProductPolicy(point, k)
    hypothesis = equilibrium_certificate(p, point, k, deviation_payoffs(p, point, k))
    shortfall = robustness_certificate(p, policy, 1, rule)
    return robustness_refutation(_claim("symmetric_ne", rule, 2, 2), [hypothesis, shortfall],
                                 p, policy, source="the two-group family at eps = 1/4")


def _ne_unique_witness() -> dict:
    """Impartial culture on 4 responses at k = 1: uniform and a point mass are both exact."""
    ic = impartial_culture(4)
    certs = [equilibrium_certificate(ic, lot, 1, deviation_payoffs(ic, lot, 1))
             for lot in (Lottery.uniform(4), Lottery.point(2, 4))]
    return uniqueness_refutation(1, certs, ic, source="impartial culture, m = 4")


def _asymmetric_ne_witness() -> dict:
    """Users 0>1 (5/8) and 1>0 (3/8): the pure profile (1, 0, 0) is a Nash equilibrium of the
    3-player game, yet player 0's 2-sample policy (response 1 twice) wins only 3/8."""
    from ualign.model.profile import Profile
    p, k = Profile.of([(0, 1), (1, 0)], weights=[5, 3]), 2
    policy = ProductPolicy(Lottery.point(1, 2), k)
    certs = [pure_equilibrium_certificate(p, (1, 0, 0)),
             robustness_certificate(p, policy, 1, TieRule.SHARE)]
    return robustness_refutation(_claim("asymmetric_ne", TieRule.SHARE, 2, 2), certs, p, policy,
                                 source="ualign prove asymmetric-ne (bounded search, n = 2)")


def _nlhf_ceiling_witness() -> dict:
    from ualign.counterexamples.claim_language import RobustnessClaim
    from ualign.counterexamples.instance_classes import InstanceClass
    from ualign.counterexamples.witness_archive import witness_record
    # eps = 1/100 needs the counts 51 and 49, so the class allows counts up to 100
    claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=InstanceClass(n=2, max_count=100))
    return witness_record(claim, claim.evaluate(two_group_condorcet(Fraction(1, 100))),
                          "the NLHF-ceiling family at eps = 1/100 (symbolic/nlhf_ceiling)")


WITNESSES = {
    "achievability-half": lambda: _tie_rule_witness(TieRule.HALF),
    "achievability-strict": lambda: _tie_rule_witness(TieRule.STRICT),
    "ne-unique": _ne_unique_witness, "asymmetric-ne": _asymmetric_ne_witness,
    "nlhf-product-k-robust": _nlhf_ceiling_witness}


def main() -> None:
    ARCHIVE.mkdir(exist_ok=True)
    from ualign.counterexamples.witness_archive import archive_witness
    for claim_id, build in WITNESSES.items():
        print(archive_witness(claim_id, build()))


if __name__ == "__main__":
    main()
